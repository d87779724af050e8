package org.ortc4j.rtp.payload;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

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

    /**
     * What every depacketizer fuzz target checks for one input: the per-payload questions and
     * {@code depacketize} (twice, as a jitter buffer may retry) answer or throw
     * {@link RtpPayloadException}; the payload buffers are left as they were; the frame is at most
     * four times the input plus four bytes per payload plus 16; and, when {@code packetizer} is
     * given, a frame it returns (an empty one only if {@code roundTripEmpty}) packetizes at 1,100
     * bytes and depacketizes back to itself.
     */
    static void checkDepacketizer(byte[] input, Supplier<RtpDepacketizer> depacketizers,
            Supplier<RtpPacketizer> packetizer, boolean roundTripEmpty) {
        List<ByteBuffer> payloads = split(input);
        RtpDepacketizer depacketizer = depacketizers.get();
        long total = totalSize(payloads);
        for (ByteBuffer payload : payloads) {
            try {
                depacketizer.isFrameStart(payload);
                depacketizer.isKeyFrame(payload);
            } catch (RtpPayloadException expected) {
                // Malformed payloads are normal input.
            }
        }
        byte[] frame = null;
        for (int round = 0; round < 2; round++) {
            try {
                frame = depacketizer.depacketize(payloads);
            } catch (RtpPayloadException expected) {
                frame = null;
            }
            if (frame != null) {
                assertThat((long) frame.length).isLessThanOrEqualTo(4 * total + 4L * payloads.size() + 16);
            }
        }
        assertThat(totalSize(payloads)).isEqualTo(total);
        if (packetizer != null && frame != null && (roundTripEmpty || frame.length > 0)) {
            List<RtpPayload> again = packetizer.get().packetize(ByteBuffer.wrap(frame), 1100);
            try {
                assertThat(depacketizers.get().depacketize(Frames.buffers(again))).isEqualTo(frame);
            } catch (RtpPayloadException e) {
                throw new AssertionError("own payloads rejected", e);
            }
        }
    }

    static long totalSize(List<ByteBuffer> payloads) {
        long total = 0;
        for (ByteBuffer payload : payloads) {
            total += payload.remaining();
        }
        return total;
    }
}
