package org.ortc4j.sctp.internal.packet;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * An SCTP packet (RFC 9260 §3): the common header and its chunks.
 *
 * <p>Decoding works on a {@link ByteBuffer} view without copying: byte-valued fields of the
 * chunks (DATA user data, cookies, unknown chunks) are read-only slices of the input, so the
 * receive path (DTLS plaintext in a Netty {@code ByteBuf}, read through {@code nioBuffer()})
 * copies user data once, into reassembly, and releases the buffer after the packet is handled.
 * A caller that keeps a chunk longer than its buffer must copy it.
 *
 * @param sourcePort 16-bit source port
 * @param destinationPort 16-bit destination port
 * @param verificationTag 32-bit verification tag, as int bits
 * @param chunks the chunks in order
 */
public record SctpPacket(int sourcePort, int destinationPort, int verificationTag, List<Chunk> chunks) {

    /** Length of the common header. */
    public static final int HEADER_LENGTH = 12;

    /** Validates the ports and copies the chunk list. */
    public SctpPacket {
        Tlv.checkU16(sourcePort, "source port");
        Tlv.checkU16(destinationPort, "destination port");
        chunks = List.copyOf(chunks);
    }

    /**
     * Decodes a packet, verifying its CRC32c checksum.
     *
     * @param packet the packet, from position to limit; its position is not moved
     * @param acceptZeroChecksum true once RFC 9653 zero checksum has been negotiated, when a
     *     checksum field of zero is accepted without computing the CRC
     * @return the packet
     * @throws SctpParseException if the checksum is wrong or anything is malformed
     */
    public static SctpPacket decode(ByteBuffer packet, boolean acceptZeroChecksum) throws SctpParseException {
        ByteBuffer buf = packet.slice().order(ByteOrder.BIG_ENDIAN);
        if (buf.remaining() < HEADER_LENGTH) {
            throw new SctpParseException("packet of " + buf.remaining() + " bytes is shorter than the common header");
        }
        int stored = buf.order(ByteOrder.LITTLE_ENDIAN).getInt(8);
        buf.order(ByteOrder.BIG_ENDIAN);
        // RFC 9653 §5: once a receiver has announced Zero Checksum Acceptable, packets whose
        // checksum field is zero are accepted unchecked; otherwise (RFC 9260 §6.8) every packet is checked.
        if (!(acceptZeroChecksum && stored == 0) && stored != checksum(buf)) {
            throw new SctpParseException("CRC32c checksum mismatch");
        }
        int sourcePort = Short.toUnsignedInt(buf.getShort());
        int destinationPort = Short.toUnsignedInt(buf.getShort());
        int verificationTag = buf.getInt();
        buf.position(HEADER_LENGTH);
        return new SctpPacket(sourcePort, destinationPort, verificationTag, ChunkCodec.decodeAll(buf));
    }

    /** Decodes a packet held in an array; see {@link #decode(ByteBuffer, boolean)}. */
    public static SctpPacket decode(byte[] packet, boolean acceptZeroChecksum) throws SctpParseException {
        return decode(ByteBuffer.wrap(packet), acceptZeroChecksum);
    }

    /**
     * The CRC32c of a whole packet (position to limit) with its checksum field taken as zero,
     * as stored in the field read little-endian.
     *
     * <p>RFC 9260 §6.8: the checksum field is set to zero for the computation; Appendix A
     * describes the CRC32c with its bit reflection, whose result lands on the wire least
     * significant byte first. {@link CRC32C} computes the same reflected CRC, so its value
     * written little-endian reproduces what usrsctp, Pion and Chromium send.
     */
    static int checksum(ByteBuffer packet) {
        ByteBuffer buf = packet.duplicate();
        int start = buf.position();
        CRC32C crc = new CRC32C();
        crc.update(buf.duplicate().limit(start + 8));
        crc.update(new byte[4]);
        crc.update(buf.position(start + HEADER_LENGTH));
        return (int) crc.getValue();
    }

    /** @return the encoded length: header plus every chunk with its padding */
    public int encodedLength() {
        int length = HEADER_LENGTH;
        for (Chunk chunk : chunks) {
            length += ChunkCodec.encodedLength(chunk);
        }
        return length;
    }

    /** @return the packet bytes with a CRC32c checksum */
    public byte[] encode() {
        return encode(false);
    }

    /**
     * @param zeroChecksum leave the checksum field zero (RFC 9653, only once the peer has
     *     announced it accepts that, and only over DTLS)
     * @return the packet bytes
     */
    public byte[] encode(boolean zeroChecksum) {
        ByteBuffer out = ByteBuffer.allocate(encodedLength());
        encodeTo(out, zeroChecksum);
        return out.array();
    }

    /**
     * Writes the packet at the position of {@code out} and moves past it.
     *
     * @throws java.nio.BufferOverflowException if fewer than {@link #encodedLength()} bytes remain
     */
    public void encodeTo(ByteBuffer out, boolean zeroChecksum) {
        ByteBuffer buf = out.duplicate().order(ByteOrder.BIG_ENDIAN);
        int start = buf.position();
        buf.putShort((short) sourcePort).putShort((short) destinationPort).putInt(verificationTag).putInt(0);
        for (Chunk chunk : chunks) {
            ChunkCodec.write(chunk, buf);
        }
        int end = buf.position();
        if (!zeroChecksum) {
            int crc = checksum(buf.duplicate().position(start).limit(end));
            buf.order(ByteOrder.LITTLE_ENDIAN).putInt(start + 8, crc);
        }
        out.position(end);
    }
}
