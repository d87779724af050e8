package org.ortc4j.ice;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzz target for the ICE candidate parser. Without {@code JAZZER_FUZZ=1} it replays the inputs
 * under {@code src/test/resources/org/ortc4j/ice/RTCIceCandidateFuzzTestInputs/}; {@code .ci/fuzz}
 * runs it in fuzzing mode for a bounded time.
 *
 * <p>What must hold for every input: {@link RTCIceCandidate#parse} either returns a candidate or
 * throws {@link CandidateParseException} (anything else escapes and fails the run), and a
 * candidate it returns formats to text that parses back to an equal candidate, which formats to
 * the same text.
 */
class RTCIceCandidateFuzzTest {

    @FuzzTest(maxDuration = "7s")
    void parsesOrRejectsAndRoundTrips(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        RTCIceCandidate parsed;
        try {
            parsed = RTCIceCandidate.parse(text);
        } catch (CandidateParseException expected) {
            return;
        }
        String formatted = parsed.toCandidateString();
        RTCIceCandidate reparsed = RTCIceCandidate.parse(formatted);
        assertThat(reparsed).isEqualTo(parsed);
        assertThat(reparsed.toCandidateString()).isEqualTo(formatted);
    }
}
