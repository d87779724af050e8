package org.ortc4j.ice.stun;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzz target for the STUN decoder. Without {@code JAZZER_FUZZ=1} it replays the inputs under
 * {@code src/test/resources/org/ortc4j/ice/stun/StunMessageFuzzTestInputs/} (the RFC 5769 sample
 * messages, as binary files); {@code .ci/fuzz} runs it in fuzzing mode for a bounded time.
 *
 * <p>What must hold for every input: decoding either returns a message or throws
 * {@link StunParseException} (anything else escapes and fails the run); a message it returns
 * encodes to bytes that decode to an equal message and re-encode to the same bytes; and the
 * integrity and fingerprint checks run without throwing.
 */
class StunMessageFuzzTest {

    private static final MessageIntegrityKey KEY = MessageIntegrityKey.shortTerm(Rfc5769Vectors.SHORT_TERM_PASSWORD);

    @FuzzTest(maxDuration = "7s")
    void decodesOrRejectsAndRoundTrips(FuzzedDataProvider data) {
        byte[] input = data.consumeRemainingAsBytes();
        StunMessage message;
        try {
            message = StunMessage.decode(input);
        } catch (StunParseException expected) {
            return;
        }
        byte[] encoded = message.encode();
        StunMessage again = StunMessage.decode(encoded);
        assertThat(again).isEqualTo(message);
        assertThat(again.encode()).isEqualTo(encoded);
        message.verifyFingerprint();
        message.verifyIntegrity(KEY);
        message.unknownComprehensionRequiredTypes();
    }
}
