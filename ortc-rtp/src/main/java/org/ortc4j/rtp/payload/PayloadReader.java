package org.ortc4j.rtp.payload;

import java.nio.ByteBuffer;

/**
 * A bounds-checked cursor over a payload's bytes (position..limit of a buffer, read with absolute
 * gets so the buffer itself is untouched): every read past the end becomes an
 * {@link RtpPayloadException} naming what was being read.
 */
final class PayloadReader {

    private final ByteBuffer buffer;
    private final int limit;
    private int index;

    PayloadReader(ByteBuffer buffer) {
        this.buffer = buffer;
        this.index = buffer.position();
        this.limit = buffer.limit();
    }

    int remaining() {
        return limit - index;
    }

    boolean hasRemaining() {
        return index < limit;
    }

    /** Absolute index in the buffer of the next byte. */
    int index() {
        return index;
    }

    int readUnsignedByte(String what) throws RtpPayloadException {
        if (index >= limit) {
            throw new RtpPayloadException("payload ends before " + what);
        }
        return buffer.get(index++) & 0xFF;
    }

    int peekUnsignedByte(String what) throws RtpPayloadException {
        if (index >= limit) {
            throw new RtpPayloadException("payload ends before " + what);
        }
        return buffer.get(index) & 0xFF;
    }

    int readUnsignedShort(String what) throws RtpPayloadException {
        if (limit - index < 2) {
            throw new RtpPayloadException("payload ends before " + what);
        }
        int value = ((buffer.get(index) & 0xFF) << 8) | (buffer.get(index + 1) & 0xFF);
        index += 2;
        return value;
    }

    /** Skips {@code length} bytes and returns the absolute index where they start. */
    int skip(int length, String what) throws RtpPayloadException {
        if (length < 0 || length > limit - index) {
            throw new RtpPayloadException(what + " of " + length + " bytes overruns the payload ("
                    + (limit - index) + " bytes left)");
        }
        int start = index;
        index += length;
        return start;
    }

    /**
     * Reads an unsigned LEB128 number as AV1 writes them: at most 8 bytes, value at most 2^32 - 1.
     */
    long readLeb128(String what) throws RtpPayloadException {
        long value = 0;
        for (int i = 0; i < Leb128.MAX_BYTES; i++) {
            int b = readUnsignedByte(what);
            value |= (long) (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                // AV1 §4.10.5: "It is a requirement of bitstream conformance that the value returned
                // from the leb128 parsing process is less than or equal to (1 << 32) - 1."
                if (value > Leb128.MAX_VALUE) {
                    throw new RtpPayloadException(what + " exceeds 2^32 - 1");
                }
                return value;
            }
        }
        throw new RtpPayloadException(what + " is longer than " + Leb128.MAX_BYTES + " bytes");
    }
}
