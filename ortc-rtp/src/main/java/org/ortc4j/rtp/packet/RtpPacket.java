package org.ortc4j.rtp.packet;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A zero-copy view of one RTP packet (RFC 3550 §5.1) with its RFC 8285 header extension elements.
 *
 * <p>{@link #parse} checks the whole layout once and keeps a slice of the caller's buffer: the
 * payload, CSRCs and extension element data are read from it, never copied, so the buffer must not
 * change while the view is in use. The view does not know which extension an id stands for: an
 * {@link RtpHeaderExtensionMap} maps ids to URIs.
 *
 * <p>Header extensions: profile {@code 0xBEDE} is the one-byte form (RFC 8285 §4.2), {@code 0x100X}
 * the two-byte form (RFC 8285 §4.3, X the 4 "appbits"); a receiver accepts either form in any
 * packet (what {@code a=extmap-allow-mixed} lets the sender do). Any other profile is a
 * profile-defined extension (RFC 3550 §5.3.1) kept as opaque bytes ({@link #extensionData()}) with
 * no elements.
 *
 * <p>Two views are {@link #equals equal} when they say the same thing: header fields, CSRCs,
 * extension profile and elements (or opaque extension bytes), payload and padding length. The
 * bytes of padding between extension elements, of padding after the payload (but its length) and
 * of elements after a one-byte id 15 do not count.
 */
public final class RtpPacket {

    /** RFC 8285 §4.2: "the 16-bit value required by the RTP specification for a header extension ... MUST be 0xBEDE". */
    public static final int ONE_BYTE_PROFILE = 0xBEDE;
    /** RFC 8285 §4.3: the two-byte form's profile is 0x100 in its top 12 bits and 4 "appbits". */
    public static final int TWO_BYTE_PROFILE = 0x1000;

    static final int FIXED_HEADER_LENGTH = 12;

    private final ByteBuffer bytes;
    private final int csrcCount;
    private final int extensionProfile;
    private final int extensionDataOffset;
    private final int extensionDataLength;
    /** Per element: id, offset of its data in {@link #bytes}, length of its data. */
    private final int[] elements;
    private final int payloadOffset;
    private final int payloadLength;
    private final int paddingLength;

    private RtpPacket(ByteBuffer bytes, int csrcCount, int extensionProfile, int extensionDataOffset,
            int extensionDataLength, int[] elements, int payloadOffset, int payloadLength, int paddingLength) {
        this.bytes = bytes;
        this.csrcCount = csrcCount;
        this.extensionProfile = extensionProfile;
        this.extensionDataOffset = extensionDataOffset;
        this.extensionDataLength = extensionDataLength;
        this.elements = elements;
        this.payloadOffset = payloadOffset;
        this.payloadLength = payloadLength;
        this.paddingLength = paddingLength;
    }

    /**
     * Parses the bytes from the buffer's position to its limit as one RTP packet. The buffer's
     * position and limit are not changed; the view keeps a slice of it.
     *
     * @throws RtpParseException if the bytes are not a well-formed RTP packet
     */
    public static RtpPacket parse(ByteBuffer packet) throws RtpParseException {
        ByteBuffer b = packet.slice();
        int length = b.remaining();
        // RFC 3550 §5.1: the fixed header is 12 octets.
        if (length < FIXED_HEADER_LENGTH) {
            throw new RtpParseException("RTP packet of " + length + " bytes is shorter than the 12-byte fixed header");
        }
        int first = b.get(0) & 0xFF;
        // RFC 3550 §5.1: "version (V): 2 bits ... The version defined by this specification is two (2)."
        if (first >>> 6 != 2) {
            throw new RtpParseException("RTP version " + (first >>> 6) + ", not 2");
        }
        boolean padding = (first & 0x20) != 0;
        boolean extension = (first & 0x10) != 0;
        int csrcCount = first & 0x0F;
        int offset = FIXED_HEADER_LENGTH + 4 * csrcCount;
        if (offset > length) {
            throw new RtpParseException("CSRC count " + csrcCount + " runs past the end of a " + length + "-byte packet");
        }
        int profile = -1;
        int extensionDataOffset = offset;
        int extensionDataLength = 0;
        int[] elements = NO_ELEMENTS;
        if (extension) {
            // RFC 3550 §5.3.1: 16 bits profile-defined, 16-bit length in 32-bit words, excluding the 4-octet header.
            if (offset + 4 > length) {
                throw new RtpParseException("header extension header runs past the end of the packet");
            }
            profile = b.getShort(offset) & 0xFFFF;
            extensionDataLength = 4 * (b.getShort(offset + 2) & 0xFFFF);
            extensionDataOffset = offset + 4;
            if (extensionDataOffset + extensionDataLength > length) {
                throw new RtpParseException("header extension of " + extensionDataLength + " bytes runs past the end of the packet");
            }
            offset = extensionDataOffset + extensionDataLength;
            if (profile == ONE_BYTE_PROFILE) {
                elements = elements(b, extensionDataOffset, extensionDataLength, true);
            } else if ((profile & 0xFFF0) == TWO_BYTE_PROFILE) {
                elements = elements(b, extensionDataOffset, extensionDataLength, false);
            }
        }
        int paddingLength = 0;
        if (padding) {
            // RFC 3550 §5.1: "The last octet of the padding contains a count of how many padding
            // octets should be ignored, including itself."
            paddingLength = b.get(length - 1) & 0xFF;
            if (paddingLength == 0) {
                throw new RtpParseException("padding bit set but the padding count is 0");
            }
            if (paddingLength > length - offset) {
                throw new RtpParseException("padding of " + paddingLength + " bytes is longer than the "
                        + (length - offset) + " bytes after the header");
            }
        }
        return new RtpPacket(b, csrcCount, profile, extensionDataOffset, extensionDataLength, elements, offset,
                length - offset - paddingLength, paddingLength);
    }

    private static final int[] NO_ELEMENTS = new int[0];

    /**
     * Finds the RFC 8285 elements in two passes, the first only counting, so that the array holds
     * exactly the elements found (3 ints each) whatever the block's size.
     */
    private static int[] elements(ByteBuffer b, int start, int length, boolean oneByte) throws RtpParseException {
        int count = scanElements(b, start, length, oneByte, null);
        int[] found = new int[3 * count];
        scanElements(b, start, length, oneByte, found);
        return found;
    }

    private static int scanElements(ByteBuffer b, int start, int length, boolean oneByte, int[] found)
            throws RtpParseException {
        int n = 0;
        int i = start;
        int end = start + length;
        while (i < end) {
            int header = b.get(i) & 0xFF;
            if (header == 0) {
                // RFC 8285 §4.2 and §4.3: "padding bytes have the value of 0 (zero). They MAY be placed
                // between extension elements". In the one-byte form this is any byte with ID 0
                // ("The local identifier value 0 is reserved for padding").
                i++;
                continue;
            }
            int id;
            int dataOffset;
            int dataLength;
            if (oneByte) {
                id = header >>> 4;
                if (id == 0) {
                    i++;
                    continue;
                }
                if (id == 15) {
                    // RFC 8285 §4.2: "If the ID value 15 is encountered, its length field should be
                    // ignored, processing of the entire extension should terminate at that point".
                    break;
                }
                // RFC 8285 §4.2: "The 4-bit length is the number, minus one, of data bytes".
                dataOffset = i + 1;
                dataLength = (header & 0x0F) + 1;
            } else {
                id = header;
                if (i + 2 > end) {
                    throw new RtpParseException("two-byte extension element id " + id + " has no length byte");
                }
                // RFC 8285 §4.3: "The 8-bit length field is the length of extension data in bytes not
                // including the ID and length fields."
                dataOffset = i + 2;
                dataLength = b.get(i + 1) & 0xFF;
            }
            if (dataOffset + dataLength > end) {
                throw new RtpParseException((oneByte ? "one" : "two") + "-byte extension element id " + id + " of "
                        + dataLength + " bytes runs past the end of the header extension");
            }
            if (found != null) {
                found[3 * n] = id;
                found[3 * n + 1] = dataOffset;
                found[3 * n + 2] = dataLength;
            }
            n++;
            i = dataOffset + dataLength;
        }
        return n;
    }

    /** Whether the padding bit is set (RFC 3550 §5.1 P). */
    public boolean hasPadding() {
        return paddingLength > 0;
    }

    /** Whether the header carries an extension (RFC 3550 §5.1 X). */
    public boolean hasExtension() {
        return extensionProfile >= 0;
    }

    /** The marker bit (RFC 3550 §5.1 M). */
    public boolean marker() {
        return (bytes.get(1) & 0x80) != 0;
    }

    /** The payload type, 0 to 127 (RFC 3550 §5.1 PT). */
    public int payloadType() {
        return bytes.get(1) & 0x7F;
    }

    /** The sequence number, 0 to 65535. */
    public int sequenceNumber() {
        return bytes.getShort(2) & 0xFFFF;
    }

    /** The timestamp, an unsigned 32-bit value. */
    public long timestamp() {
        return bytes.getInt(4) & 0xFFFF_FFFFL;
    }

    /** The synchronization source (32 bits; read unsigned with {@link Integer#toUnsignedLong}). */
    public int ssrc() {
        return bytes.getInt(8);
    }

    /** The number of contributing sources, 0 to 15 (RFC 3550 §5.1 CC). */
    public int csrcCount() {
        return csrcCount;
    }

    /**
     * The contributing source at an index.
     *
     * @throws IndexOutOfBoundsException if index is not below {@link #csrcCount()}
     */
    public int csrc(int index) {
        Objects.checkIndex(index, csrcCount);
        return bytes.getInt(FIXED_HEADER_LENGTH + 4 * index);
    }

    /**
     * The header extension's 16-bit profile field: {@link #ONE_BYTE_PROFILE}, {@link
     * #TWO_BYTE_PROFILE} with the appbits, another profile's value, or -1 without an extension.
     */
    public int extensionProfile() {
        return extensionProfile;
    }

    /** Whether the extension is in RFC 8285's one-byte or two-byte form, whose elements this view lists. */
    public boolean hasExtensionElements() {
        return extensionProfile == ONE_BYTE_PROFILE || (extensionProfile >= 0 && (extensionProfile & 0xFFF0) == TWO_BYTE_PROFILE);
    }

    /** The header extension's data after its 4-byte header, as a read-only slice (empty without extension). */
    public ByteBuffer extensionData() {
        return bytes.slice(extensionDataOffset, extensionDataLength).asReadOnlyBuffer();
    }

    /** The number of RFC 8285 extension elements (0 for other profiles). */
    public int extensionCount() {
        return elements.length / 3;
    }

    /**
     * The id of the extension element at an index, in packet order.
     *
     * @throws IndexOutOfBoundsException if index is not below {@link #extensionCount()}
     */
    public int extensionId(int index) {
        Objects.checkIndex(index, extensionCount());
        return elements[3 * index];
    }

    /**
     * The data of the extension element at an index, as a read-only slice of the packet.
     *
     * @throws IndexOutOfBoundsException if index is not below {@link #extensionCount()}
     */
    public ByteBuffer extensionValue(int index) {
        Objects.checkIndex(index, extensionCount());
        return bytes.slice(elements[3 * index + 1], elements[3 * index + 2]).asReadOnlyBuffer();
    }

    /** The data of the first extension element with this id, as a read-only slice, or null if none. */
    public ByteBuffer extension(int id) {
        for (int i = 0; i < elements.length; i += 3) {
            if (elements[i] == id) {
                return bytes.slice(elements[i + 1], elements[i + 2]).asReadOnlyBuffer();
            }
        }
        return null;
    }

    /**
     * Writes {@code value} over the data of the first extension element with this id, in the
     * buffer this view was parsed from, when that element holds exactly {@code value.length} bytes
     * and the buffer is writable. Nothing else changes: the RFC 8285 layout (form, order,
     * padding) stays as it is. A sender stamps a per-transmission value this way (the
     * transport-wide sequence number) into a packet whose buffer it may write, without a rebuild.
     *
     * @return whether the value was written; false leaves the packet as it was
     */
    public boolean overwriteExtension(int id, byte[] value) {
        Objects.requireNonNull(value, "value");
        if (bytes.isReadOnly()) {
            return false;
        }
        for (int i = 0; i < elements.length; i += 3) {
            if (elements[i] == id) {
                if (elements[i + 2] != value.length) {
                    return false;
                }
                bytes.put(elements[i + 1], value);
                return true;
            }
        }
        return false;
    }

    /** The payload, as a read-only slice of the packet (without padding). */
    public ByteBuffer payload() {
        return bytes.slice(payloadOffset, payloadLength).asReadOnlyBuffer();
    }

    /** The length of the payload in bytes. */
    public int payloadLength() {
        return payloadLength;
    }

    /** The number of padding bytes at the end, including the count byte; 0 without padding. */
    public int paddingLength() {
        return paddingLength;
    }

    /** The length of the header: fixed header, CSRCs and extension. */
    public int headerLength() {
        return payloadOffset;
    }

    /** The length of the whole packet in bytes. */
    public int size() {
        return bytes.remaining();
    }

    /**
     * Copies the packet's bytes, as they are in the buffer it was parsed from, to the buffer's
     * position and moves the position past them; one bulk copy, nothing allocated.
     *
     * @throws java.nio.BufferOverflowException if the buffer has less room than {@link #size()}
     */
    public void copyTo(ByteBuffer out) {
        int size = bytes.remaining();
        if (out.remaining() < size) {
            throw new java.nio.BufferOverflowException();
        }
        out.put(out.position(), bytes, bytes.position(), size);
        out.position(out.position() + size);
    }

    /** A builder holding this packet's fields, extensions and a copy of its payload. */
    public RtpPacketBuilder toBuilder() {
        RtpPacketBuilder builder = RtpPacket.builder()
                .marker(marker())
                .payloadType(payloadType())
                .sequenceNumber(sequenceNumber())
                .timestamp(timestamp())
                .ssrc(ssrc())
                .paddingLength(paddingLength);
        for (int i = 0; i < csrcCount; i++) {
            builder.addCsrc(csrc(i));
        }
        if (hasExtensionElements()) {
            builder.extensionProfile(extensionProfile);
            for (int i = 0; i < extensionCount(); i++) {
                builder.addExtension(extensionId(i), toArray(extensionValue(i)));
            }
        } else if (hasExtension()) {
            builder.opaqueExtension(extensionProfile, toArray(extensionData()));
        }
        return builder.payload(toArray(payload()));
    }

    /** A builder for a packet to send. */
    public static RtpPacketBuilder builder() {
        return new RtpPacketBuilder();
    }

    private static byte[] toArray(ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.duplicate().get(a);
        return a;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof RtpPacket other)) {
            return false;
        }
        if (marker() != other.marker() || payloadType() != other.payloadType()
                || sequenceNumber() != other.sequenceNumber() || timestamp() != other.timestamp()
                || ssrc() != other.ssrc() || csrcCount != other.csrcCount
                || extensionProfile != other.extensionProfile || paddingLength != other.paddingLength
                || !payload().equals(other.payload())) {
            return false;
        }
        for (int i = 0; i < csrcCount; i++) {
            if (csrc(i) != other.csrc(i)) {
                return false;
            }
        }
        if (!hasExtensionElements()) {
            return extensionData().equals(other.extensionData());
        }
        if (extensionCount() != other.extensionCount()) {
            return false;
        }
        for (int i = 0; i < extensionCount(); i++) {
            if (extensionId(i) != other.extensionId(i) || !extensionValue(i).equals(other.extensionValue(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return Objects.hash(sequenceNumber(), timestamp(), ssrc(), payloadType(), payload());
    }

    @Override
    public String toString() {
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < extensionCount(); i++) {
            ids.add(extensionId(i));
        }
        return "RtpPacket[pt=" + payloadType() + ", seq=" + sequenceNumber() + ", ts=" + timestamp()
                + ", ssrc=" + Integer.toUnsignedString(ssrc()) + ", marker=" + marker() + ", csrcs=" + csrcCount
                + ", extensions=" + ids + ", payload=" + payloadLength + " bytes, padding=" + paddingLength + "]";
    }
}
