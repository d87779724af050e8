package org.ortc4j.ice.internal.mdns;

/**
 * A cursor over the bytes of one DNS message that checks every read against the end of the
 * message, so that decoders fail with a {@link DnsParseException} saying what was cut short
 * instead of an {@link IndexOutOfBoundsException}.
 */
final class DnsReader {

    private final byte[] data;
    private int position;

    DnsReader(byte[] data) {
        this.data = data;
    }

    /** The whole message: compression pointers refer to offsets in it. */
    byte[] data() {
        return data;
    }

    int position() {
        return position;
    }

    void position(int position) {
        this.position = position;
    }

    int remaining() {
        return data.length - position;
    }

    int u8(String what) {
        require(1, what);
        return data[position++] & 0xff;
    }

    int u16(String what) {
        require(2, what);
        int value = ((data[position] & 0xff) << 8) | (data[position + 1] & 0xff);
        position += 2;
        return value;
    }

    long u32(String what) {
        require(4, what);
        long value = ((long) (data[position] & 0xff) << 24) | ((data[position + 1] & 0xff) << 16)
                | ((data[position + 2] & 0xff) << 8) | (data[position + 3] & 0xff);
        position += 4;
        return value;
    }

    byte[] bytes(int length, String what) {
        require(length, what);
        byte[] copy = new byte[length];
        System.arraycopy(data, position, copy, 0, length);
        position += length;
        return copy;
    }

    private void require(int length, String what) {
        if (length > data.length - position) {
            throw new DnsParseException(what + " at byte " + position + " needs " + length + " bytes but "
                    + (data.length - position) + " remain");
        }
    }
}
