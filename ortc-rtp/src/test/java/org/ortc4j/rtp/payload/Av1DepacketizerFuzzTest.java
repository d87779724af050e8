package org.ortc4j.rtp.payload;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzz target for the AV1 (AOMedia RTP payload format v1.0) depacketizer. Without {@code JAZZER_FUZZ=1} it replays the inputs
 * under {@code src/test/resources/org/ortc4j/rtp/payload/Av1DepacketizerFuzzTestInputs/}
 * (layout: {@link FuzzPayloads}); {@code .ci/fuzz} runs it in fuzzing mode for a bounded time.
 *
 * <p>What must hold for every input: {@link FuzzPayloads#checkDepacketizer}.
 */
class Av1DepacketizerFuzzTest {

    @FuzzTest(maxDuration = "7s")
    void depacketizesOrRejects(FuzzedDataProvider data) {
        FuzzPayloads.checkDepacketizer(data.consumeRemainingAsBytes(), Av1Depacketizer::new, Av1Packetizer::new, false);
    }
}
