package org.ortc4j.ice.stun;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.DefaultByteBufHolder;
import java.util.Objects;

/**
 * A TURN ChannelData message (RFC 8656 §12.4): application data relayed on a bound channel with
 * a 4-byte header instead of a Send or Data indication.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |         Channel Number        |            Length             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * /                       Application Data                        /
 * +-------------------------------+-------------------------------+
 * </pre>
 *
 * <p>A message holds its application data as a {@link ByteBuf} (a {@link io.netty.buffer.ByteBufHolder},
 * like Netty's {@code DatagramPacket}): whoever has the message releases it or hands it on.
 * {@link #decode} returns a retained slice of the input, so decoding copies nothing.
 *
 * <p>Padding (RFC 8656 §12.5): "Over TCP and TLS-over-TCP, the ChannelData message MUST be padded
 * to a multiple of four bytes in order to ensure the alignment of subsequent messages. The padding
 * is not reflected in the length field of the ChannelData message [...] Over UDP, the padding is
 * not required but MAY be included." {@link #encode(ByteBufAllocator, boolean)} pads on request;
 * {@link #decode} accepts a message with or without its padding.
 */
public final class ChannelData extends DefaultByteBufHolder {

    /** The length of the header: channel number and length, 16 bits each. */
    public static final int HEADER_LENGTH = 4;

    /** RFC 8656 §12: "0x4000 through 0x4FFF: These values are the allowed channel numbers". */
    public static final int MIN_CHANNEL_NUMBER = 0x4000;

    /** The highest allowed channel number, 0x4FFF (RFC 8656 §12). */
    public static final int MAX_CHANNEL_NUMBER = 0x4FFF;

    /** The most application data the 16-bit length field can announce. */
    public static final int MAX_DATA_LENGTH = 0xFFFF;

    /** The longest ChannelData message with its padding: header, 65535 bytes of data, one byte of padding. */
    public static final int MAX_PADDED_LENGTH = paddedLength(MAX_DATA_LENGTH);

    private final int channelNumber;

    /**
     * A message carrying {@code data}'s readable bytes on a channel. Takes ownership of
     * {@code data}.
     *
     * @throws IllegalArgumentException if the channel number is not in 0x4000–0x4FFF or the data
     *     is longer than 65535 bytes (in which case {@code data} is still owned by the caller)
     */
    public ChannelData(int channelNumber, ByteBuf data) {
        super(checkData(data));
        if (!isValidChannelNumber(channelNumber)) {
            throw new IllegalArgumentException(String.format(
                    "channel number 0x%04X is not in 0x4000-0x4FFF (RFC 8656 §12)", channelNumber));
        }
        this.channelNumber = channelNumber;
    }

    private static ByteBuf checkData(ByteBuf data) {
        Objects.requireNonNull(data, "data");
        if (data.readableBytes() > MAX_DATA_LENGTH) {
            throw new IllegalArgumentException("ChannelData of " + data.readableBytes()
                    + " bytes does not fit the 16-bit length field");
        }
        return data;
    }

    /** Whether {@code channelNumber} is one a channel may have: 0x4000–0x4FFF (RFC 8656 §12). */
    public static boolean isValidChannelNumber(int channelNumber) {
        return channelNumber >= MIN_CHANNEL_NUMBER && channelNumber <= MAX_CHANNEL_NUMBER;
    }

    /**
     * Whether a packet with this first byte is ChannelData rather than STUN: its first two bits
     * are 01.
     *
     * <p>A ChannelData message starts with its channel number, and the numbers RFC 8656 §12 allows
     * (0x4000–0x4FFF) start with the bits 01, where a STUN message starts with 00 (RFC 8489 §5).
     * RFC 7983's demultiplexing gives first bytes 64–79 to TURN channels; 80–127 are reserved
     * channel numbers, which {@link #decode} rejects.
     */
    public static boolean isChannelData(int firstByte) {
        return (firstByte & 0xC0) == 0x40;
    }

    /** Whether {@code buffer}'s first readable byte marks ChannelData; false when it is empty. */
    public static boolean isChannelData(ByteBuf buffer) {
        return buffer.isReadable() && isChannelData(buffer.getUnsignedByte(buffer.readerIndex()));
    }

    /** The size of a message with {@code dataLength} bytes of data, padded to a multiple of 4 (RFC 8656 §12.5). */
    public static int paddedLength(int dataLength) {
        return (HEADER_LENGTH + dataLength + 3) & ~3;
    }

    /**
     * Decodes {@code buffer}'s readable bytes as one ChannelData message: a UDP datagram, or one
     * frame cut by {@link StunStreamFramer}. The result holds a retained slice of {@code buffer};
     * {@code buffer}'s indices and ownership do not change (the caller still releases it).
     *
     * <p>RFC 8656 §12.6: "If the UDP datagram is too short to contain the claimed length of the
     * ChannelData message [...] then the message is silently discarded." Bytes after the data are
     * accepted only as padding up to the next multiple of 4 (§12.5); more is not a ChannelData
     * message.
     *
     * @throws StunParseException if the bytes are not one well-formed ChannelData message with a
     *     channel number in 0x4000–0x4FFF
     */
    public static ChannelData decode(ByteBuf buffer) {
        Objects.requireNonNull(buffer, "buffer");
        int start = buffer.readerIndex();
        int available = buffer.readableBytes();
        if (available < HEADER_LENGTH) {
            throw new StunParseException("ChannelData of " + available + " bytes is shorter than its 4-byte header");
        }
        int channelNumber = buffer.getUnsignedShort(start);
        if (!isChannelData(channelNumber >> 8)) {
            throw new StunParseException(String.format("first byte 0x%02X does not start with the bits 01 of ChannelData",
                    channelNumber >> 8));
        }
        // RFC 8656 §12: "0x5000 through 0xFFFF: Reserved (For DTLS-SRTP multiplexing collision
        // avoidance, see [RFC7983])."
        if (!isValidChannelNumber(channelNumber)) {
            throw new StunParseException(String.format("channel number 0x%04X is reserved, not in 0x4000-0x4FFF", channelNumber));
        }
        // RFC 8656 §12.4: "The Length field specifies the length in bytes of the application data
        // field (i.e., it does not include the size of the ChannelData header). Note that 0 is a
        // valid length."
        int length = buffer.getUnsignedShort(start + 2);
        if (available - HEADER_LENGTH < length) {
            throw new StunParseException("ChannelData length field says " + length + " bytes but "
                    + (available - HEADER_LENGTH) + " follow the header");
        }
        if (available > paddedLength(length)) {
            throw new StunParseException("ChannelData of " + length + " bytes is followed by "
                    + (available - HEADER_LENGTH - length) + " bytes, more than its padding");
        }
        return new ChannelData(channelNumber, buffer.retainedSlice(start + HEADER_LENGTH, length));
    }

    /** The channel number, 0x4000–0x4FFF. */
    public int channelNumber() {
        return channelNumber;
    }

    /** The length of the application data in bytes (what the Length field says). */
    public int dataLength() {
        return content().readableBytes();
    }

    /**
     * The message's bytes in a new buffer, padded with zeros to a multiple of 4 when
     * {@code padded} (required over TCP and TLS, optional over UDP: RFC 8656 §12.5). This
     * message keeps its data and is still to be released by its owner.
     */
    public ByteBuf encode(ByteBufAllocator alloc, boolean padded) {
        int size = padded ? paddedLength(dataLength()) : HEADER_LENGTH + dataLength();
        ByteBuf out = alloc.buffer(size, size);
        try {
            encodeTo(out, padded);
        } catch (RuntimeException e) {
            out.release();
            throw e;
        }
        return out;
    }

    /** Writes the message's bytes into {@code out}, padded as {@link #encode(ByteBufAllocator, boolean)}. */
    public void encodeTo(ByteBuf out, boolean padded) {
        encode(channelNumber, content(), padded, out);
    }

    /**
     * Writes a ChannelData message carrying {@code data}'s readable bytes into {@code out},
     * without building a {@link ChannelData}; {@code data}'s indices and ownership do not change.
     *
     * @throws IllegalArgumentException for a channel number outside 0x4000–0x4FFF or more than
     *     65535 bytes of data
     */
    public static void encode(int channelNumber, ByteBuf data, boolean padded, ByteBuf out) {
        if (!isValidChannelNumber(channelNumber)) {
            throw new IllegalArgumentException(String.format(
                    "channel number 0x%04X is not in 0x4000-0x4FFF (RFC 8656 §12)", channelNumber));
        }
        int length = data.readableBytes();
        if (length > MAX_DATA_LENGTH) {
            throw new IllegalArgumentException("ChannelData of " + length + " bytes does not fit the 16-bit length field");
        }
        out.writeShort(channelNumber);
        out.writeShort(length);
        out.writeBytes(data, data.readerIndex(), length);
        if (padded) {
            // RFC 8489 §14 pads with zeros; ChannelData's padding is the same alignment (§12.5).
            out.writeZero(paddedLength(length) - HEADER_LENGTH - length);
        }
    }

    @Override
    public ChannelData replace(ByteBuf content) {
        return new ChannelData(channelNumber, content);
    }

    @Override
    public ChannelData copy() {
        return (ChannelData) super.copy();
    }

    @Override
    public ChannelData duplicate() {
        return (ChannelData) super.duplicate();
    }

    @Override
    public ChannelData retainedDuplicate() {
        return (ChannelData) super.retainedDuplicate();
    }

    @Override
    public ChannelData retain() {
        super.retain();
        return this;
    }

    @Override
    public ChannelData retain(int increment) {
        super.retain(increment);
        return this;
    }

    @Override
    public ChannelData touch() {
        super.touch();
        return this;
    }

    @Override
    public ChannelData touch(Object hint) {
        super.touch(hint);
        return this;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChannelData && ((ChannelData) o).channelNumber == channelNumber && super.equals(o);
    }

    @Override
    public int hashCode() {
        return super.hashCode() * 31 + channelNumber;
    }

    @Override
    public String toString() {
        return String.format("ChannelData[0x%04X, %d bytes]", channelNumber, refCnt() > 0 ? dataLength() : -1);
    }
}
