package org.ortc4j.ice.internal.mdns;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A growing buffer for one DNS message being encoded, with the table of names already written
 * that {@link DnsNameCodec} uses for compression (RFC 1035 §4.1.4).
 */
final class DnsWriter {

    /** RFC 1035 §4.1.4: a pointer holds a 14-bit offset. */
    static final int MAX_POINTER_OFFSET = 0x3FFF;

    private byte[] buffer = new byte[512];
    private int size;
    private final Map<List<String>, Integer> nameOffsets = new HashMap<>();

    int size() {
        return size;
    }

    void u8(int value) {
        ensure(1);
        buffer[size++] = (byte) value;
    }

    void u16(int value) {
        ensure(2);
        buffer[size++] = (byte) (value >>> 8);
        buffer[size++] = (byte) value;
    }

    void u32(long value) {
        ensure(4);
        buffer[size++] = (byte) (value >>> 24);
        buffer[size++] = (byte) (value >>> 16);
        buffer[size++] = (byte) (value >>> 8);
        buffer[size++] = (byte) value;
    }

    void bytes(byte[] value) {
        ensure(value.length);
        System.arraycopy(value, 0, buffer, size, value.length);
        size += value.length;
    }

    /** Where a name ending with exactly these labels was written in full, or -1. */
    int offsetOf(List<String> suffix) {
        return nameOffsets.getOrDefault(suffix, -1);
    }

    /** Records that a name ending with these labels starts at {@code offset}, if a pointer can reach it. */
    void remember(List<String> suffix, int offset) {
        if (offset <= MAX_POINTER_OFFSET) {
            nameOffsets.putIfAbsent(List.copyOf(suffix), offset);
        }
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buffer, size);
    }

    private void ensure(int more) {
        if (size + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
        }
    }
}
