package org.ortc4j.rtp.payload;

import java.nio.ByteBuffer;

/** Unsigned LEB128 numbers as AV1 writes them (AV1 bitstream specification §4.10.5). */
final class Leb128 {

    /** AV1 §4.10.5: a leb128 number takes at most 8 bytes. */
    static final int MAX_BYTES = 8;
    static final long MAX_VALUE = 0xFFFF_FFFFL;

    private Leb128() {}

    /** How many bytes the shortest encoding of {@code value} takes. */
    static int size(long value) {
        int size = 1;
        while (value >= 0x80) {
            value >>>= 7;
            size++;
        }
        return size;
    }

    /** Writes the shortest encoding of {@code value} at the buffer's position. */
    static void write(ByteBuffer out, long value) {
        while (value >= 0x80) {
            out.put((byte) (0x80 | (value & 0x7F)));
            value >>>= 7;
        }
        out.put((byte) value);
    }
}
