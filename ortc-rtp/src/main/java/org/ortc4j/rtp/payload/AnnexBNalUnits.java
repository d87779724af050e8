package org.ortc4j.rtp.payload;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The NAL units of an H.264 Annex B byte stream (H.264 Annex B.1: NAL units each preceded by the
 * start code 0x000001, optionally with leading zero bytes), found without copying: each NAL unit is
 * an (absolute index, length) pair into the buffer.
 */
final class AnnexBNalUnits {

    private final ByteBuffer buffer;
    private int[] starts = new int[8];
    private int[] lengths = new int[8];
    private int count;

    private AnnexBNalUnits(ByteBuffer buffer) {
        this.buffer = buffer;
    }

    /**
     * Splits the bytes between the buffer's position and limit into NAL units; empty NAL units
     * (start codes back to back) are skipped.
     *
     * @throws IllegalArgumentException if the bytes do not start with a start code
     */
    static AnnexBNalUnits split(ByteBuffer buffer) {
        AnnexBNalUnits units = new AnnexBNalUnits(buffer);
        int limit = buffer.limit();
        int first = nextStartCode(buffer, buffer.position(), limit);
        if (first < 0) {
            throw new IllegalArgumentException("H.264 frame does not start with an Annex B start code");
        }
        for (int i = buffer.position(); i < first; i++) {
            if (buffer.get(i) != 0) {
                throw new IllegalArgumentException("H.264 frame does not start with an Annex B start code");
            }
        }
        int start = first + 3;
        while (start <= limit) {
            int next = nextStartCode(buffer, start, limit);
            int end = next < 0 ? limit : next;
            // H.264 B.1: trailing_zero_8bits may follow a NAL unit; a NAL unit never ends in 0x00.
            while (end > start && buffer.get(end - 1) == 0) {
                end--;
            }
            if (end > start) {
                units.add(start, end - start);
            }
            if (next < 0) {
                break;
            }
            start = next + 3;
        }
        return units;
    }

    /** Index of the next 0x000001 at or after {@code from}, or -1. */
    private static int nextStartCode(ByteBuffer buffer, int from, int limit) {
        if (buffer.hasArray()) {
            int offset = buffer.arrayOffset();
            int found = nextStartCode(buffer.array(), from + offset, limit + offset);
            return found < 0 ? -1 : found - offset;
        }
        for (int i = from; i + 2 < limit; i++) {
            if ((buffer.get(i + 2) & 0xFF) > 1) {
                i += 2;
            } else if (buffer.get(i) == 0 && buffer.get(i + 1) == 0 && buffer.get(i + 2) == 1) {
                return i;
            }
        }
        return -1;
    }

    /** The array form of {@link #nextStartCode(ByteBuffer, int, int)}: the scan over the whole frame. */
    private static int nextStartCode(byte[] bytes, int from, int limit) {
        for (int i = from; i + 2 < limit; i++) {
            // A byte above 1 at i + 2 cannot end a start code starting at i, i + 1 or i + 2.
            if ((bytes[i + 2] & 0xFF) > 1) {
                i += 2;
            } else if (bytes[i] == 0 && bytes[i + 1] == 0 && bytes[i + 2] == 1) {
                return i;
            }
        }
        return -1;
    }

    private void add(int start, int length) {
        if (count == starts.length) {
            starts = Arrays.copyOf(starts, count * 2);
            lengths = Arrays.copyOf(lengths, count * 2);
        }
        starts[count] = start;
        lengths[count] = length;
        count++;
    }

    int count() {
        return count;
    }

    int start(int i) {
        return starts[i];
    }

    int length(int i) {
        return lengths[i];
    }

    int type(int i) {
        return H264NalUnit.type(buffer.get(starts[i]));
    }

    byte[] copy(int i) {
        byte[] bytes = new byte[lengths[i]];
        buffer.get(starts[i], bytes);
        return bytes;
    }
}
