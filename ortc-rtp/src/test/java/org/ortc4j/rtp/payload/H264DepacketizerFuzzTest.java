package org.ortc4j.rtp.payload;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Fuzz target for the H.264 (RFC 6184 single NAL unit, STAP-A, FU-A) depacketizer. Without {@code JAZZER_FUZZ=1} it replays the inputs
 * under {@code src/test/resources/org/ortc4j/rtp/payload/H264DepacketizerFuzzTestInputs/}
 * (layout: {@link FuzzPayloads}); {@code .ci/fuzz} runs it in fuzzing mode for a bounded time.
 *
 * <p>What must hold for every input: the per-payload questions and {@code depacketize} either
 * answer or throw {@link RtpPayloadException}; the payload buffers are left as they were; the
 * frame is no larger than a small constant times the input (twice the input plus four bytes per
 * payload, plus parameter sets remembered from the previous frame for H.264).
 */
class H264DepacketizerFuzzTest {

    @FuzzTest(maxDuration = "15s")
    void depacketizesOrRejects(FuzzedDataProvider data) {
        List<ByteBuffer> payloads = FuzzPayloads.split(data.consumeRemainingAsBytes());
        H264Depacketizer depacketizer = new H264Depacketizer();
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
    }
}
