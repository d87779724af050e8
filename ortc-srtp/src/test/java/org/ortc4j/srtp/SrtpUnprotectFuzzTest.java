package org.ortc4j.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;

/**
 * Fuzz target: whatever arrives from the network, unprotect answers with a result and never
 * throws, and a rejected packet leaves the buffer's position and limit as they were.
 */
class SrtpUnprotectFuzzTest {

    private static final SrtpMasterKey CM = SrtpRoundTripTest.key(SrtpProfile.AES_CM_128_HMAC_SHA1_80, 40);
    private static final SrtpMasterKey GCM = SrtpRoundTripTest.key(SrtpProfile.AEAD_AES_128_GCM, 41);

    @FuzzTest(maxDuration = "7s")
    void unprotectAnswersEveryInput(FuzzedDataProvider data) {
        boolean gcm = data.consumeBoolean();
        boolean rtcp = data.consumeBoolean();
        boolean direct = data.consumeBoolean();
        byte[] bytes = data.consumeRemainingAsBytes();
        ByteBuffer packet = direct ? ByteBuffer.allocateDirect(bytes.length + 8) : ByteBuffer.allocate(bytes.length + 8);
        packet.put(bytes).flip();
        SrtpInboundSession session = new SrtpInboundSession(gcm ? GCM : CM);

        SrtpResult result = rtcp ? session.unprotectRtcp(packet) : session.unprotectRtp(packet);

        assertThat(result).isNotNull();
        if (result != SrtpResult.OK) {
            assertThat(packet.position()).isZero();
            assertThat(packet.limit()).isEqualTo(bytes.length);
        }
    }
}
