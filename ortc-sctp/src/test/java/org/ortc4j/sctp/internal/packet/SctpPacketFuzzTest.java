package org.ortc4j.sctp.internal.packet;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzz target for the SCTP packet decoder. Without {@code JAZZER_FUZZ=1} it replays the inputs
 * under {@code src/test/resources/org/ortc4j/sctp/internal/packet/SctpPacketFuzzTestInputs/}
 * (Chrome's INIT from Pion's tests, and a packet holding every chunk type); {@code .ci/fuzz}
 * runs it in fuzzing mode for a bounded time.
 *
 * <p>What must hold for every input: decoding (with zero checksum accepted, so that the fuzzer
 * reaches the chunk decoders) either returns a packet or throws {@link SctpParseException}; a
 * packet it returns encodes to bytes that decode to an equal packet and re-encode to the same bytes.
 */
class SctpPacketFuzzTest {

    @FuzzTest(maxDuration = "7s")
    void decodesOrRejectsAndRoundTrips(FuzzedDataProvider data) throws SctpParseException {
        byte[] input = data.consumeRemainingAsBytes();
        SctpPacket packet;
        try {
            packet = SctpPacket.decode(input, true);
        } catch (SctpParseException expected) {
            return;
        }
        byte[] encoded = packet.encode();
        SctpPacket again = SctpPacket.decode(encoded, false);
        assertThat(again).isEqualTo(packet);
        assertThat(again.encode()).isEqualTo(encoded);
    }
}
