package org.ortc4j.rtp.payload;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Fuzz target for the VP9 (RFC 9628) depacketizer. Without {@code JAZZER_FUZZ=1} it replays the inputs
 * under {@code src/test/resources/org/ortc4j/rtp/payload/Vp9DepacketizerFuzzTestInputs/}
 * (layout: {@link FuzzPayloads}); {@code .ci/fuzz} runs it in fuzzing mode for a bounded time.
 *
 * <p>What must hold for every input: the per-payload questions and {@code depacketize} either
 * answer or throw {@link RtpPayloadException}; the payload buffers are left as they were; the
 * frame is no larger than a small constant times the input (twice the input plus four bytes per
 * payload, plus parameter sets remembered from the previous frame for H.264), and a frame it returns packetizes and depacketizes back to itself.
 */
class Vp9DepacketizerFuzzTest {

    @FuzzTest(maxDuration = "15s")
    void depacketizesOrRejects(FuzzedDataProvider data) {
        List<ByteBuffer> payloads = FuzzPayloads.split(data.consumeRemainingAsBytes());
        Vp9Depacketizer depacketizer = new Vp9Depacketizer();
        long total = FuzzPayloads.totalSize(payloads);
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
        assertThat(FuzzPayloads.totalSize(payloads)).isEqualTo(total);
        if (frame != null) {
            List<RtpPayload> again = new Vp9Packetizer().packetize(ByteBuffer.wrap(frame), 1100);
            try {
                assertThat(new Vp9Depacketizer().depacketize(Frames.buffers(again))).isEqualTo(frame);
            } catch (RtpPayloadException e) {
                throw new AssertionError("own payloads rejected", e);
            }
        }
    }
}
