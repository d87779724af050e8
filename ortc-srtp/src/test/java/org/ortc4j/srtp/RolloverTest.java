package org.ortc4j.srtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ortc4j.srtp.SrtpRoundTripTest.bytes;
import static org.ortc4j.srtp.SrtpRoundTripTest.key;
import static org.ortc4j.srtp.SrtpRoundTripTest.rtp;
import static org.ortc4j.srtp.SrtpRoundTripTest.withRoom;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * RFC 3711 §3.3.1: the rollover counter counts sequence number wraps; both ends keep it, and the
 * receiver estimates it per packet (Appendix A), so a stream decrypts across wraps, with loss and
 * reordering around them.
 */
class RolloverTest {

    private static final int SSRC = 0xCAFE_BABE;

    /** A stream of {@code count} packets from {@code firstSeq}, protected in order. */
    private static List<byte[][]> protectedStream(SrtpOutboundSession sender, int firstSeq, int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<byte[][]> stream = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] plain = rtp((firstSeq + i) & 0xFFFF, SSRC, 0, false, 20 + random.nextInt(60), random);
            ByteBuffer packet = withRoom(plain);
            assertThat(sender.protectRtp(packet)).isEqualTo(SrtpResult.OK);
            stream.add(new byte[][] {plain, bytes(packet)});
        }
        return stream;
    }

    private static void assertDecrypts(SrtpInboundSession receiver, byte[][] plainAndProtected) {
        ByteBuffer packet = withRoom(plainAndProtected[1]);
        assertThat(receiver.unprotectRtp(packet)).isEqualTo(SrtpResult.OK);
        assertThat(bytes(packet)).isEqualTo(plainAndProtected[0]);
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void streamWrappingSeveralTimesDecrypts(SrtpProfile profile) {
        SrtpMasterKey key = key(profile, 11);
        SrtpOutboundSession sender = new SrtpOutboundSession(key);
        SrtpInboundSession receiver = new SrtpInboundSession(key);
        // Three wraps: 65000 .. 65000 + 3 * 65536 + 1000. Every 97th packet is delivered, so the
        // receiver sees each wrap from a distance of a few hundred sequence numbers.
        List<byte[][]> stream = protectedStream(sender, 65_000, 3 * 65_536 + 1_000, 12);
        for (int i = 0; i < stream.size(); i += 97) {
            assertDecrypts(receiver, stream.get(i));
        }
        assertDecrypts(receiver, stream.get(stream.size() - 1));
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void lossAndReorderingAroundTheWrapDecrypt(SrtpProfile profile) {
        SrtpMasterKey key = key(profile, 13);
        SrtpOutboundSession sender = new SrtpOutboundSession(key);
        SrtpInboundSession receiver = new SrtpInboundSession(key);
        List<byte[][]> stream = protectedStream(sender, 65_436, 400, 14);
        SplittableRandom random = new SplittableRandom(15);
        // Lose a third; shuffle the rest in windows of 16 so packets from both sides of the wrap
        // arrive out of order, as a jittery path delivers them.
        List<byte[][]> delivered = new ArrayList<>();
        for (byte[][] packet : stream) {
            if (random.nextInt(3) != 0) {
                delivered.add(packet);
            }
        }
        for (int start = 0; start < delivered.size(); start += 16) {
            Collections.shuffle(delivered.subList(start, Math.min(start + 16, delivered.size())),
                    new java.util.Random(random.nextLong()));
        }
        for (byte[][] packet : delivered) {
            assertDecrypts(receiver, packet);
        }
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void aPacketFromBeforeTheWrapArrivingAfterItStillDecrypts(SrtpProfile profile) {
        SrtpMasterKey key = key(profile, 16);
        SrtpOutboundSession sender = new SrtpOutboundSession(key);
        SrtpInboundSession receiver = new SrtpInboundSession(key);
        List<byte[][]> stream = protectedStream(sender, 65_530, 12, 17);

        // 65530..65535 then 0..5: deliver 65530, then 0..5, then the late 65531..65535.
        assertDecrypts(receiver, stream.get(0));
        for (int i = 6; i < 12; i++) {
            assertDecrypts(receiver, stream.get(i));
        }
        for (int i = 1; i < 6; i++) {
            assertDecrypts(receiver, stream.get(i));
        }
    }
}
