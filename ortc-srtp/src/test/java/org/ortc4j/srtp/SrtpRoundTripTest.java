package org.ortc4j.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What one session protects, a session with the same key unprotects to the same bytes. */
class SrtpRoundTripTest {

    static SrtpMasterKey key(SrtpProfile profile, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] key = new byte[profile.keyLength()];
        byte[] salt = new byte[profile.saltLength()];
        random.nextBytes(key);
        random.nextBytes(salt);
        return new SrtpMasterKey(profile, key, salt);
    }

    /** An RTP packet with {@code csrcs} CSRCs, an optional one-byte-form extension and a payload. */
    static byte[] rtp(int seq, int ssrc, int csrcs, boolean extension, int payload, SplittableRandom random) {
        int ext = extension ? 4 + 8 : 0;
        byte[] p = new byte[12 + 4 * csrcs + ext + payload];
        random.nextBytes(p);
        p[0] = (byte) (0x80 | (extension ? 0x10 : 0) | csrcs);
        p[2] = (byte) (seq >>> 8);
        p[3] = (byte) seq;
        p[8] = (byte) (ssrc >>> 24);
        p[9] = (byte) (ssrc >>> 16);
        p[10] = (byte) (ssrc >>> 8);
        p[11] = (byte) ssrc;
        if (extension) {
            int at = 12 + 4 * csrcs;
            p[at] = (byte) 0xBE;
            p[at + 1] = (byte) 0xDE;
            p[at + 2] = 0;
            p[at + 3] = 2;
        }
        return p;
    }

    static ByteBuffer withRoom(byte[] packet) {
        ByteBuffer buffer = ByteBuffer.allocate(packet.length + 64);
        buffer.put(packet).flip();
        return buffer;
    }

    static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void rtpRoundTripsWithHeaderInTheClear(SrtpProfile profile) {
        SrtpMasterKey key = key(profile, 1);
        SrtpOutboundSession sender = new SrtpOutboundSession(key);
        SrtpInboundSession receiver = new SrtpInboundSession(key);
        SplittableRandom random = new SplittableRandom(2);
        for (int i = 0; i < 200; i++) {
            byte[] plain = rtp(1000 + i, 0x1234_5678, i % 16, i % 3 == 0, random.nextInt(0, 1300), random);
            ByteBuffer packet = withRoom(plain);

            assertThat(sender.protectRtp(packet)).isEqualTo(SrtpResult.OK);
            assertThat(packet.remaining()).isEqualTo(plain.length + profile.rtpTagLength());
            int headerLength = 12 + 4 * (i % 16) + (i % 3 == 0 ? 12 : 0);
            assertThat(Arrays.copyOf(bytes(packet), headerLength)).as("RFC 3711 §3.1: header in the clear")
                    .isEqualTo(Arrays.copyOf(plain, headerLength));
            assertThat(receiver.unprotectRtp(packet)).isEqualTo(SrtpResult.OK);
            assertThat(bytes(packet)).isEqualTo(plain);
        }
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void rtcpRoundTripsWithFirstEightBytesInTheClear(SrtpProfile profile) {
        SrtpMasterKey key = key(profile, 3);
        SrtpOutboundSession sender = new SrtpOutboundSession(key);
        SrtpInboundSession receiver = new SrtpInboundSession(key);
        SplittableRandom random = new SplittableRandom(4);
        for (int i = 0; i < 100; i++) {
            byte[] plain = new byte[8 + 4 * random.nextInt(0, 100)];
            random.nextBytes(plain);
            plain[0] = (byte) 0x80;
            ByteBuffer packet = withRoom(plain);

            assertThat(sender.protectRtcp(packet)).isEqualTo(SrtpResult.OK);
            assertThat(packet.remaining()).isEqualTo(plain.length + profile.rtcpTagLength() + 4);
            assertThat(Arrays.copyOf(bytes(packet), 8)).isEqualTo(Arrays.copyOf(plain, 8));
            assertThat(receiver.unprotectRtcp(packet)).isEqualTo(SrtpResult.OK);
            assertThat(bytes(packet)).isEqualTo(plain);
        }
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void directBuffersGiveTheSameBytesAsHeapBuffers(SrtpProfile profile) {
        SrtpMasterKey key = key(profile, 5);
        SrtpOutboundSession heapSender = new SrtpOutboundSession(key);
        SrtpOutboundSession directSender = new SrtpOutboundSession(key);
        SrtpInboundSession directReceiver = new SrtpInboundSession(key);
        byte[] plain = rtp(7, 42, 2, true, 900, new SplittableRandom(6));
        ByteBuffer heap = withRoom(plain);
        ByteBuffer direct = ByteBuffer.allocateDirect(plain.length + 64);
        direct.position(10);
        direct.put(plain).flip().position(10);

        assertThat(heapSender.protectRtp(heap)).isEqualTo(SrtpResult.OK);
        assertThat(directSender.protectRtp(direct)).isEqualTo(SrtpResult.OK);
        assertThat(bytes(direct)).isEqualTo(bytes(heap));
        assertThat(directReceiver.unprotectRtp(direct)).isEqualTo(SrtpResult.OK);
        assertThat(direct.position()).isEqualTo(10);
        assertThat(bytes(direct)).isEqualTo(plain);
    }
}
