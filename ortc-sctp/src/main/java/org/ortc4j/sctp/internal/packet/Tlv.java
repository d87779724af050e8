package org.ortc4j.sctp.internal.packet;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The type-length-value layout shared by chunk parameters (RFC 9260 §3.2.1) and error causes
 * (§3.3.10): 16-bit type, 16-bit length counting the 4-byte header but not the padding, value,
 * zero padding to 4 bytes.
 */
interface Tlv {

    /** @return the 16-bit type or cause code */
    int type();

    /** @return the length of the value, without header and padding */
    int valueLength();

    /** Writes the value (no header, no padding). */
    void writeValue(ByteBuffer out);

    /** Decodes one item from its type and value; value is a read-only slice. */
    @FunctionalInterface
    interface Decoder<T> {
        T decode(int type, ByteBuffer value) throws SctpParseException;
    }

    static int pad4(int length) {
        return (length + 3) & ~3;
    }

    /**
     * Length of a list as counted in the enclosing chunk's length field.
     * RFC 9260 §3.2: the Chunk Length "does include any padding of variable-length parameters
     * other than the last parameter in the chunk".
     */
    static int listLength(List<? extends Tlv> items) {
        int total = 0;
        for (int i = 0; i < items.size(); i++) {
            int length = 4 + items.get(i).valueLength();
            total += i == items.size() - 1 ? length : pad4(length);
        }
        return total;
    }

    /** Writes the list; the padding of the last item is left to the enclosing chunk. */
    static void writeList(List<? extends Tlv> items, ByteBuffer out) {
        for (int i = 0; i < items.size(); i++) {
            Tlv item = items.get(i);
            int length = 4 + item.valueLength();
            if (length > 0xFFFF) {
                throw new IllegalArgumentException("parameter or cause too long: " + length);
            }
            out.putShort((short) item.type());
            out.putShort((short) length);
            item.writeValue(out);
            if (i < items.size() - 1) {
                for (int p = length; p < pad4(length); p++) {
                    out.put((byte) 0);
                }
            }
        }
    }

    /**
     * Decodes every item of {@code region} (consumed). The padding of the last item may be cut
     * off by the chunk end (see {@link #listLength}); padding bytes are ignored, as RFC 9260 §3.2
     * says: "The receiver MUST ignore the padding bytes."
     */
    static <T> List<T> decodeList(ByteBuffer region, Decoder<T> decoder, String what) throws SctpParseException {
        List<T> items = new ArrayList<>();
        while (region.hasRemaining()) {
            if (region.remaining() < 4) {
                throw new SctpParseException(what + ": " + region.remaining() + " bytes left, too few for a header");
            }
            int type = Short.toUnsignedInt(region.getShort());
            int length = Short.toUnsignedInt(region.getShort());
            if (length < 4) {
                throw new SctpParseException(what + " type " + type + ": length " + length + " < 4");
            }
            if (length - 4 > region.remaining()) {
                throw new SctpParseException(what + " type " + type + ": length " + length + " past the end");
            }
            ByteBuffer value = slice(region, length - 4);
            items.add(decoder.decode(type, value));
            int padding = pad4(length) - length;
            region.position(region.position() + Math.min(padding, region.remaining()));
        }
        return items;
    }

    /** A read-only slice of the next {@code length} bytes of {@code buf}, which moves past them. */
    static ByteBuffer slice(ByteBuffer buf, int length) {
        ByteBuffer slice = buf.slice().limit(length).asReadOnlyBuffer();
        buf.position(buf.position() + length);
        return slice;
    }

    /** A read-only copy-free view of the remaining bytes of {@code buf}, which moves to its end. */
    static ByteBuffer rest(ByteBuffer buf) {
        return slice(buf, buf.remaining());
    }

    /** Read-only view of a caller's buffer, from its position to its limit; the caller's is untouched. */
    static ByteBuffer view(ByteBuffer bytes) {
        return bytes.slice().asReadOnlyBuffer();
    }

    static void expectAtLeast(ByteBuffer value, int minimum, String what) throws SctpParseException {
        if (value.remaining() < minimum) {
            throw new SctpParseException(what + ": " + value.remaining() + " bytes, at least " + minimum + " needed");
        }
    }

    static void expectExactly(ByteBuffer value, int length, String what) throws SctpParseException {
        if (value.remaining() != length) {
            throw new SctpParseException(what + ": " + value.remaining() + " bytes, expected " + length);
        }
    }

    static void checkU16(int value, String name) {
        if ((value & ~0xFFFF) != 0) {
            throw new IllegalArgumentException(name + " out of range 0..65535: " + value);
        }
    }
}
