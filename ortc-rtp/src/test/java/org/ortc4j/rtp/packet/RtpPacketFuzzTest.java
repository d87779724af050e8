package org.ortc4j.rtp.packet;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;

/**
 * Fuzz target for the RTP packet parser. Without {@code JAZZER_FUZZ=1} it replays the inputs under
 * {@code src/test/resources/org/ortc4j/rtp/packet/RtpPacketFuzzTestInputs/} (Pion's packet with a
 * profile-defined extension, RFC 8285's one-byte and two-byte figures, a padded packet with CSRCs).
 *
 * <p>What must hold for every input: parsing either returns a packet or throws {@link
 * RtpParseException}; every accessor of a packet it returns works; the packet written again by its
 * builder parses to an equal packet, and writing that again gives the same bytes.
 */
class RtpPacketFuzzTest {

    @FuzzTest(maxDuration = "7s")
    void parsesOrRejectsAndRoundTrips(FuzzedDataProvider data) throws RtpParseException {
        byte[] input = data.consumeRemainingAsBytes();
        RtpPacket packet;
        try {
            packet = RtpPacket.parse(ByteBuffer.wrap(input));
        } catch (RtpParseException expected) {
            return;
        }
        int total = packet.headerLength() + packet.payloadLength() + packet.paddingLength();
        assertThat(total).isEqualTo(input.length);
        for (int i = 0; i < packet.extensionCount(); i++) {
            assertThat(packet.extension(packet.extensionId(i))).isNotNull();
        }
        byte[] encoded = packet.toBuilder().toByteArray();
        RtpPacket again = RtpPacket.parse(ByteBuffer.wrap(encoded));
        assertThat(again).isEqualTo(packet);
        assertThat(again.toBuilder().toByteArray()).isEqualTo(encoded);
    }
}
