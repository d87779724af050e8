package org.ortc4j.sctp.internal.dcep;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzz target for the DCEP decoder. Without {@code JAZZER_FUZZ=1} it replays the inputs under
 * {@code src/test/resources/org/ortc4j/sctp/internal/dcep/DcepMessageFuzzTestInputs/};
 * {@code .ci/fuzz} runs it in fuzzing mode for a bounded time.
 *
 * <p>What must hold for every input: decoding either returns a message or throws
 * {@link DcepParseException} (anything else escapes and fails the run); a message it returns
 * encodes to exactly the input (the decoder accepts only the canonical form) and maps to
 * {@code RTCDataChannelInit} without throwing.
 */
class DcepMessageFuzzTest {

    @FuzzTest(maxDuration = "7s")
    void decodesOrRejectsAndRoundTrips(FuzzedDataProvider data) {
        byte[] input = data.consumeRemainingAsBytes();
        DcepMessage message;
        try {
            message = DcepMessage.decode(input);
        } catch (DcepParseException expected) {
            return;
        }
        assertThat(message.encode()).isEqualTo(input);
        assertThat(DcepMessage.decode(message.encode())).isEqualTo(message);
        if (message instanceof DataChannelOpen open) {
            assertThat(DataChannelOpen.fromInit(open.label(), open.toInit(0)).label()).isEqualTo(open.label());
        }
    }
}
