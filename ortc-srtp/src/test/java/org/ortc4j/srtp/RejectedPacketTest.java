package org.ortc4j.srtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ortc4j.srtp.SrtpRoundTripTest.bytes;
import static org.ortc4j.srtp.SrtpRoundTripTest.key;
import static org.ortc4j.srtp.SrtpRoundTripTest.rtp;
import static org.ortc4j.srtp.SrtpRoundTripTest.withRoom;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Bad packets are typed results that leave the session as it was. */
class RejectedPacketTest {

    private final SplittableRandom random = new SplittableRandom(31);

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void anyFlippedBitFailsAuthenticationAndChangesNothing(SrtpProfile profile) {
        SrtpMasterKey key = key(profile, 30);
        SrtpOutboundSession sender = new SrtpOutboundSession(key);
        SrtpInboundSession receiver = new SrtpInboundSession(key);
        byte[] plain = rtp(500, 1, 1, true, 100, random);
        ByteBuffer packet = withRoom(plain);
        sender.protectRtp(packet);
        byte[] good = bytes(packet);

        // Every bit after the version bits: header, payload and tag are all authenticated.
        for (int bit = 2; bit < good.length * 8; bit += 7) {
            byte[] bad = good.clone();
            bad[bit / 8] ^= (byte) (1 << (7 - bit % 8));
            SrtpResult result = receiver.unprotectRtp(withRoom(bad));
            assertThat(result).as("bit %d", bit).isIn(SrtpResult.AUTHENTICATION_FAILED, SrtpResult.MALFORMED,
                    SrtpResult.TOO_OLD);
        }
        assertThat(receiver.ssrcCount()).as("forged packets create no SSRC state").isZero();
        ByteBuffer original = withRoom(good);
        assertThat(receiver.unprotectRtp(original)).isEqualTo(SrtpResult.OK);
        assertThat(bytes(original)).isEqualTo(plain);
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void wrongKeyFailsAuthentication(SrtpProfile profile) {
        ByteBuffer packet = withRoom(rtp(1, 2, 0, false, 50, random));
        new SrtpOutboundSession(key(profile, 32)).protectRtp(packet);

        assertThat(new SrtpInboundSession(key(profile, 33)).unprotectRtp(packet))
                .isEqualTo(SrtpResult.AUTHENTICATION_FAILED);
    }

    @Test
    void shortAndMalformedPacketsAreNamed() {
        SrtpMasterKey key = key(SrtpProfile.AES_CM_128_HMAC_SHA1_80, 34);
        SrtpOutboundSession sender = new SrtpOutboundSession(key);
        SrtpInboundSession receiver = new SrtpInboundSession(key);

        assertThat(sender.protectRtp(withRoom(new byte[11]))).isEqualTo(SrtpResult.TOO_SHORT);
        assertThat(receiver.unprotectRtp(withRoom(new byte[21]))).isEqualTo(SrtpResult.TOO_SHORT);
        assertThat(sender.protectRtcp(withRoom(new byte[7]))).isEqualTo(SrtpResult.TOO_SHORT);
        assertThat(receiver.unprotectRtcp(withRoom(new byte[21]))).isEqualTo(SrtpResult.TOO_SHORT);

        byte[] versionOne = rtp(1, 2, 0, false, 20, random);
        versionOne[0] = 0x40;
        assertThat(sender.protectRtp(withRoom(versionOne))).isEqualTo(SrtpResult.MALFORMED);

        byte[] csrcsPastTheEnd = rtp(1, 2, 0, false, 20, random);
        csrcsPastTheEnd[0] = (byte) 0x8F;
        assertThat(sender.protectRtp(withRoom(csrcsPastTheEnd))).isEqualTo(SrtpResult.MALFORMED);

        byte[] extensionPastTheEnd = rtp(1, 2, 0, true, 0, random);
        extensionPastTheEnd[15] = 100;
        assertThat(sender.protectRtp(withRoom(extensionPastTheEnd))).isEqualTo(SrtpResult.MALFORMED);
    }

    @Test
    void aReadOnlyBufferIsAClearErrorThatChangesNothing() {
        SrtpMasterKey key = key(SrtpProfile.AES_CM_128_HMAC_SHA1_80, 38);
        SrtpOutboundSession sender = new SrtpOutboundSession(key);
        ByteBuffer readOnly = withRoom(rtp(1, 2, 0, false, 20, random)).asReadOnlyBuffer();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> sender.protectRtp(readOnly))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("read-only");
        assertThat(sender.ssrcCount()).isZero();
    }

    @Test
    void noRoomForTheTagIsNamed() {
        SrtpOutboundSession sender = new SrtpOutboundSession(key(SrtpProfile.AEAD_AES_128_GCM, 35));
        ByteBuffer full = ByteBuffer.wrap(rtp(1, 2, 0, false, 20, random));

        assertThat(sender.protectRtp(full)).isEqualTo(SrtpResult.NO_ROOM);
        assertThat(full.remaining()).isEqualTo(32);
    }

    @Test
    void newSsrcsBeyondTheLimitAreRefusedAndKnownOnesStillWork() {
        SrtpMasterKey key = key(SrtpProfile.AES_CM_128_HMAC_SHA1_32, 36);
        SrtpOptions twoSsrcs = SrtpOptions.DEFAULT.withMaxSsrcs(2);
        SrtpOutboundSession sender = new SrtpOutboundSession(key, twoSsrcs);
        SrtpInboundSession receiver = new SrtpInboundSession(key, twoSsrcs);
        SrtpOutboundSession otherSender = new SrtpOutboundSession(key);

        for (int ssrc = 1; ssrc <= 2; ssrc++) {
            ByteBuffer packet = withRoom(rtp(1, ssrc, 0, false, 20, random));
            assertThat(sender.protectRtp(packet)).isEqualTo(SrtpResult.OK);
            assertThat(receiver.unprotectRtp(packet)).isEqualTo(SrtpResult.OK);
        }
        assertThat(sender.protectRtp(withRoom(rtp(1, 3, 0, false, 20, random)))).isEqualTo(SrtpResult.SSRC_LIMIT);
        ByteBuffer third = withRoom(rtp(1, 3, 0, false, 20, random));
        otherSender.protectRtp(third);
        assertThat(receiver.unprotectRtp(third)).isEqualTo(SrtpResult.SSRC_LIMIT);

        ByteBuffer known = withRoom(rtp(2, 1, 0, false, 20, random));
        assertThat(sender.protectRtp(known)).isEqualTo(SrtpResult.OK);
        assertThat(receiver.unprotectRtp(known)).isEqualTo(SrtpResult.OK);
        assertThat(receiver.ssrcCount()).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void tamperedSrtcpFailsAuthentication(SrtpProfile profile) {
        SrtpMasterKey key = key(profile, 37);
        byte[] report = new byte[52];
        random.nextBytes(report);
        report[0] = (byte) 0x81;
        ByteBuffer packet = withRoom(report);
        new SrtpOutboundSession(key).protectRtcp(packet);
        byte[] good = bytes(packet);
        SrtpInboundSession receiver = new SrtpInboundSession(key);

        for (int i = 1; i < good.length; i += 5) {
            byte[] bad = good.clone();
            bad[i] ^= 0x10;
            assertThat(receiver.unprotectRtcp(withRoom(bad))).as("byte %d", i)
                    .isIn(SrtpResult.AUTHENTICATION_FAILED, SrtpResult.TOO_OLD);
        }
        assertThat(receiver.unprotectRtcp(withRoom(good))).isEqualTo(SrtpResult.OK);
    }
}
