package org.ortc4j.rtp.payload;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a fuzz input into the payloads of one frame, in a layout simple enough to write seed
 * files by hand: byte 0 is the payload count n (taken as 1 + byte % 8); then n - 1 big-endian
 * 16-bit lengths; then the payloads back to back, the last one taking what is left (lengths
 * beyond the input are cut).
 */
final class FuzzPayloads {

    private FuzzPayloads() {}

    static List<ByteBuffer> split(byte[] input) {
        List<ByteBuffer> payloads = new ArrayList<>();
        if (input.length == 0) {
            payloads.add(ByteBuffer.allocate(0));
            return payloads;
        }
        int count = 1 + (input[0] & 0xFF) % 8;
        int header = Math.min(input.length, 1 + 2 * (count - 1));
        int offset = header;
        for (int i = 0; i < count; i++) {
            int length;
            if (i < count - 1 && 2 + 2 * i < header) {
                length = ((input[1 + 2 * i] & 0xFF) << 8) | (input[2 + 2 * i] & 0xFF);
            } else {
                length = input.length - offset;
            }
            length = Math.min(length, input.length - offset);
            // A payload inside a larger buffer, at an offset, as a packet parser hands it over.
            payloads.add(ByteBuffer.wrap(input, offset, length).slice());
            offset += length;
        }
        return payloads;
    }

    static long totalSize(List<ByteBuffer> payloads) {
        long total = 0;
        for (ByteBuffer payload : payloads) {
            total += payload.remaining();
        }
        return total;
    }
}
