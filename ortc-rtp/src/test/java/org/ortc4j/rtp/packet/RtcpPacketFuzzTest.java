package org.ortc4j.rtp.packet;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;

/**
 * Fuzz target for the RTCP compound packet parser. Without {@code JAZZER_FUZZ=1} it replays the
 * inputs under {@code src/test/resources/org/ortc4j/rtp/packet/RtcpPacketFuzzTestInputs/} (Pion's
 * real compound, libwebrtc transport-wide feedback, Chrome's REMB, an SR, XR, FIR and NACK).
 *
 * <p>What must hold for every input: parsing either returns a compound or throws {@link
 * RtpParseException}; a compound it returns encodes to bytes that parse to an equal compound and
 * re-encode to the same bytes.
 */
class RtcpPacketFuzzTest {

    @FuzzTest(maxDuration = "7s")
    void parsesOrRejectsAndRoundTrips(FuzzedDataProvider data) throws RtpParseException {
        byte[] input = data.consumeRemainingAsBytes();
        RtcpCompoundPacket compound;
        try {
            compound = RtcpCompoundPacket.parse(ByteBuffer.wrap(input));
        } catch (RtpParseException expected) {
            return;
        }
        byte[] encoded = compound.encode();
        assertThat(encoded).hasSize(compound.encodedLength());
        RtcpCompoundPacket again = RtcpCompoundPacket.parse(ByteBuffer.wrap(encoded));
        assertThat(again).isEqualTo(compound);
        assertThat(again.encode()).isEqualTo(encoded);
    }
}
