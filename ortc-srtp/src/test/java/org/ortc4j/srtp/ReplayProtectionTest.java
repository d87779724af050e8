package org.ortc4j.srtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ortc4j.srtp.SrtpRoundTripTest.bytes;
import static org.ortc4j.srtp.SrtpRoundTripTest.key;
import static org.ortc4j.srtp.SrtpRoundTripTest.rtp;
import static org.ortc4j.srtp.SrtpRoundTripTest.withRoom;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * RFC 3711 §3.3.2: a packet index received before, or older than the replay window reaches, is
 * rejected; reordered packets inside the window are accepted once.
 */
class ReplayProtectionTest {

    private static List<byte[]> protectedRtp(SrtpOutboundSession sender, int count) {
        SplittableRandom random = new SplittableRandom(21);
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ByteBuffer packet = withRoom(rtp(100 + i, 77, 0, false, 40, random));
            assertThat(sender.protectRtp(packet)).isEqualTo(SrtpResult.OK);
            out.add(bytes(packet));
        }
        return out;
    }

    private static SrtpResult unprotect(SrtpInboundSession receiver, byte[] packet) {
        return receiver.unprotectRtp(withRoom(packet));
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void duplicateIsRejected(SrtpProfile profile) {
        SrtpMasterKey key = key(profile, 20);
        List<byte[]> packets = protectedRtp(new SrtpOutboundSession(key), 3);
        SrtpInboundSession receiver = new SrtpInboundSession(key);

        assertThat(unprotect(receiver, packets.get(0))).isEqualTo(SrtpResult.OK);
        assertThat(unprotect(receiver, packets.get(1))).isEqualTo(SrtpResult.OK);
        assertThat(unprotect(receiver, packets.get(1))).isEqualTo(SrtpResult.REPLAYED);
        assertThat(unprotect(receiver, packets.get(0))).isEqualTo(SrtpResult.REPLAYED);
    }

    @Test
    void reorderedInsideTheWindowIsAcceptedOnceAndOlderIsTooOld() {
        SrtpMasterKey key = key(SrtpProfile.AES_CM_128_HMAC_SHA1_80, 22);
        List<byte[]> packets = protectedRtp(new SrtpOutboundSession(key), 300);
        SrtpInboundSession receiver = new SrtpInboundSession(key);

        assertThat(unprotect(receiver, packets.get(200))).isEqualTo(SrtpResult.OK);
        // Default window: 128 indices below the highest.
        assertThat(unprotect(receiver, packets.get(73))).isEqualTo(SrtpResult.OK);
        assertThat(unprotect(receiver, packets.get(73))).isEqualTo(SrtpResult.REPLAYED);
        assertThat(unprotect(receiver, packets.get(72))).isEqualTo(SrtpResult.TOO_OLD);
        assertThat(unprotect(receiver, packets.get(150))).isEqualTo(SrtpResult.OK);
        assertThat(unprotect(receiver, packets.get(299))).isEqualTo(SrtpResult.OK);
        assertThat(unprotect(receiver, packets.get(150))).isEqualTo(SrtpResult.TOO_OLD);
        assertThat(unprotect(receiver, packets.get(172))).isEqualTo(SrtpResult.OK);
    }

    @Test
    void windowSizeIsConfigurable() {
        SrtpMasterKey key = key(SrtpProfile.AEAD_AES_128_GCM, 23);
        List<byte[]> packets = protectedRtp(new SrtpOutboundSession(key), 1100);
        // WebRTC's window (libwebrtc, Firefox and aiortc configure libsrtp with 1024).
        SrtpInboundSession receiver = new SrtpInboundSession(key, SrtpOptions.WEBRTC);
        assertThat(SrtpOptions.WEBRTC).isEqualTo(SrtpOptions.DEFAULT.withReplayWindowSize(1024));

        assertThat(unprotect(receiver, packets.get(1099))).isEqualTo(SrtpResult.OK);
        assertThat(unprotect(receiver, packets.get(1099 - 1023))).isEqualTo(SrtpResult.OK);
        assertThat(unprotect(receiver, packets.get(1099 - 1024))).isEqualTo(SrtpResult.TOO_OLD);
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void srtcpReplayIsRejected(SrtpProfile profile) {
        SrtpMasterKey key = key(profile, 24);
        SrtpOutboundSession sender = new SrtpOutboundSession(key);
        SrtpInboundSession receiver = new SrtpInboundSession(key);
        byte[] report = new byte[28];
        report[0] = (byte) 0x80;
        report[1] = (byte) 200;
        ByteBuffer first = withRoom(report);
        ByteBuffer second = withRoom(report);
        assertThat(sender.protectRtcp(first)).isEqualTo(SrtpResult.OK);
        assertThat(sender.protectRtcp(second)).isEqualTo(SrtpResult.OK);
        byte[] firstBytes = bytes(first);

        assertThat(receiver.unprotectRtcp(withRoom(bytes(second)))).isEqualTo(SrtpResult.OK);
        assertThat(receiver.unprotectRtcp(withRoom(firstBytes))).isEqualTo(SrtpResult.OK);
        assertThat(receiver.unprotectRtcp(withRoom(firstBytes))).isEqualTo(SrtpResult.REPLAYED);
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void protectingTheSameIndexTwiceIsRefused(SrtpProfile profile) {
        // Under AES-GCM the same index means the same nonce: refusing it is what keeps the key safe.
        SrtpOutboundSession sender = new SrtpOutboundSession(key(profile, 25));
        byte[] plain = rtp(5, 9, 0, false, 10, new SplittableRandom(26));

        assertThat(sender.protectRtp(withRoom(plain))).isEqualTo(SrtpResult.OK);
        assertThat(sender.protectRtp(withRoom(plain))).isEqualTo(SrtpResult.REPLAYED);
    }
}
