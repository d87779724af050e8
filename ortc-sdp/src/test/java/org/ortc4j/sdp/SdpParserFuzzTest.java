package org.ortc4j.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzz target for the SDP parser. Without {@code JAZZER_FUZZ=1} it replays the inputs under
 * {@code src/test/resources/org/ortc4j/sdp/SdpParserFuzzTestInputs/}; {@code .ci/fuzz} runs it
 * in fuzzing mode for a bounded time.
 *
 * <p>What must hold for every input: the parser either returns a description or throws
 * {@link SdpParseException} (anything else escapes and fails the run), and a description it
 * returns writes out to text that parses back to the same description.
 */
class SdpParserFuzzTest {

    @FuzzTest(maxDuration = "7s")
    void parsesOrRejectsAndRoundTrips(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        SessionDescription parsed;
        try {
            parsed = SessionDescription.parse(text);
        } catch (SdpParseException expected) {
            return;
        }
        assertThat(SessionDescription.parse(parsed.toSdp())).isEqualTo(parsed);
    }
}
