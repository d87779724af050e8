package org.ortc4j.ice.internal.mdns;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzz target for the DNS decoder that reads every mDNS packet. Without {@code JAZZER_FUZZ=1} it
 * replays the inputs under
 * {@code src/test/resources/org/ortc4j/ice/internal/mdns/MdnsMessageFuzzTestInputs/} (mDNS
 * queries and responses for ICE names, {@link MdnsSeedMessages}); {@code .ci/fuzz} runs it in
 * fuzzing mode for a bounded time.
 *
 * <p>What must hold for every input: decoding either returns a message or throws
 * {@link DnsParseException} (anything else escapes and fails the run); a message it returns
 * encodes to bytes that decode to an equal message, and its records' addresses can be read.
 */
class MdnsMessageFuzzTest {

    @FuzzTest(maxDuration = "7s")
    void decodesOrRejectsAndRoundTrips(FuzzedDataProvider data) {
        byte[] input = data.consumeRemainingAsBytes();
        DnsMessage message;
        try {
            message = DnsMessage.decode(input);
        } catch (DnsParseException expected) {
            return;
        }
        byte[] encoded = message.encode();
        // A name the input compressed by pointing into opaque RDATA is written out in full, so
        // the encoding can outgrow the decoder's bound; below it, the round trip is exact.
        if (encoded.length <= DnsMessage.MAX_MESSAGE_LENGTH) {
            DnsMessage again = DnsMessage.decode(encoded);
            assertThat(again).isEqualTo(message);
            assertThat(again.encode()).isEqualTo(encoded);
        }
        for (DnsResourceRecord record : message.answersAndAdditionals()) {
            record.address();
            record.toString();
        }
        for (DnsQuestion question : message.questions()) {
            question.name().isLocal();
            question.name().key();
        }
    }
}
