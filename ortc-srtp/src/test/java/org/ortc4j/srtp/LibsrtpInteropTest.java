package org.ortc4j.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Cross-checks ortc-srtp against libsrtp 2 (Debian's libsrtp2, through the {@link LibsrtpPeer}
 * helper process), an implementation nobody here wrote: what one protects the other unprotects,
 * RTP and RTCP, across sequence-number rollovers with loss and reordering, and the protected bytes
 * are the same for the same input and state. Every profile runs that this libsrtp supports; one
 * it was built without is skipped with the reason.
 *
 * <p>Each case draws from a {@link Random} with a fixed seed, printed in failure messages with the
 * packet's hex, so a failure reproduces.
 */
@Tag("interop")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LibsrtpInteropTest {

    private static final HexFormat HEX = HexFormat.of();

    @BeforeEach
    void libsrtpHelperIsBuilt() {
        // Builds target/srtp_peer once for the JVM; without gcc or libsrtp2-dev each case is skipped
        // naming the package (failed under -Dortc4j.requireExternalTools=true).
        LibsrtpPeer.helper();
    }

    // ---------------------------------------------------------------------------------------------
    // RTP and RTCP, each way

    @ParameterizedTest(name = "{0}")
    @EnumSource(SrtpProfile.class)
    void rtpProtectedByLibsrtpUnprotectsInOrtcToTheOriginal(SrtpProfile profile) {
        long seed = seed(1, profile);
        Random random = new Random(seed);
        SrtpMasterKey key = randomKey(profile, random);
        List<RtpStream> streams = streams(random, 3);
        SrtpInboundSession ortc = new SrtpInboundSession(key);
        try (LibsrtpPeer libsrtp = libsrtp(true, key)) {
            for (int i = 0; i < 300; i++) {
                byte[] plain = streams.get(random.nextInt(streams.size())).next(random, 1400);
                Supplier<String> what = what(profile, seed, "RTP packet " + i, plain);
                byte[] srtp = libsrtpOk(libsrtp.rtp(plain), what);
                assertThat(srtp.length).as(what).isEqualTo(plain.length + profile.rtpTagLength());
                assertThat(hex(unprotectRtp(ortc, srtp, random, what))).as(what).isEqualTo(hex(plain));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SrtpProfile.class)
    void rtpProtectedByOrtcUnprotectsInLibsrtpToTheOriginal(SrtpProfile profile) {
        long seed = seed(2, profile);
        Random random = new Random(seed);
        SrtpMasterKey key = randomKey(profile, random);
        List<RtpStream> streams = streams(random, 3);
        SrtpOutboundSession ortc = new SrtpOutboundSession(key);
        try (LibsrtpPeer libsrtp = libsrtp(false, key)) {
            for (int i = 0; i < 300; i++) {
                byte[] plain = streams.get(random.nextInt(streams.size())).next(random, 1400);
                Supplier<String> what = what(profile, seed, "RTP packet " + i, plain);
                byte[] srtp = protectRtp(ortc, plain, random, what);
                assertThat(srtp.length).as(what).isEqualTo(plain.length + profile.rtpTagLength());
                assertThat(hex(libsrtpOk(libsrtp.rtp(srtp), what))).as(what).isEqualTo(hex(plain));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SrtpProfile.class)
    void rtcpProtectedByLibsrtpUnprotectsInOrtcToTheOriginal(SrtpProfile profile) {
        long seed = seed(3, profile);
        Random random = new Random(seed);
        SrtpMasterKey key = randomKey(profile, random);
        int[] ssrcs = {random.nextInt(), random.nextInt()};
        SrtpInboundSession ortc = new SrtpInboundSession(key);
        try (LibsrtpPeer libsrtp = libsrtp(true, key)) {
            for (int i = 0; i < 200; i++) {
                byte[] plain = RandomPackets.rtcpCompound(random, ssrcs[random.nextInt(ssrcs.length)]);
                Supplier<String> what = what(profile, seed, "RTCP packet " + i, plain);
                byte[] srtcp = libsrtpOk(libsrtp.rtcp(plain), what);
                assertThat(srtcp.length).as(what).isEqualTo(plain.length + 4 + profile.rtcpTagLength());
                assertThat(hex(unprotectRtcp(ortc, srtcp, random, what))).as(what).isEqualTo(hex(plain));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SrtpProfile.class)
    void rtcpProtectedByOrtcUnprotectsInLibsrtpToTheOriginal(SrtpProfile profile) {
        long seed = seed(4, profile);
        Random random = new Random(seed);
        SrtpMasterKey key = randomKey(profile, random);
        int[] ssrcs = {random.nextInt(), random.nextInt()};
        SrtpOutboundSession ortc = new SrtpOutboundSession(key);
        try (LibsrtpPeer libsrtp = libsrtp(false, key)) {
            for (int i = 0; i < 200; i++) {
                byte[] plain = RandomPackets.rtcpCompound(random, ssrcs[random.nextInt(ssrcs.length)]);
                Supplier<String> what = what(profile, seed, "RTCP packet " + i, plain);
                byte[] srtcp = protectRtcp(ortc, plain, random, what);
                assertThat(srtcp.length).as(what).isEqualTo(plain.length + 4 + profile.rtcpTagLength());
                assertThat(hex(libsrtpOk(libsrtp.rtcp(srtcp), what))).as(what).isEqualTo(hex(plain));
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Rollover: RFC 3711 §3.3.1 "Each time the RTP sequence number, SEQ, wraps modulo 2^16, the
    // sender side MUST increment ROC by one, modulo 2^32"; the receiver estimates it (Appendix A).

    /**
     * libsrtp sends ~200 packets from just below 65535 across the wrap; the network loses ~10% and
     * reorders them, delivers 0 before 65535 and 65534 after 5, then repeats some and delivers
     * some long after the window. ortc and a libsrtp receiver see the same deliveries and must
     * agree on every outcome, and what both accept must be the original packet.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(SrtpProfile.class)
    void rolloverFromLibsrtpWithLossAndReorderingDecryptsInOrtc(SrtpProfile profile) {
        long seed = seed(5, profile);
        Random random = new Random(seed);
        SrtpMasterKey key = randomKey(profile, random);
        int ssrc = random.nextInt();
        int first = 65536 - 100 - random.nextInt(20);
        SrtpInboundSession ortc = new SrtpInboundSession(key);
        try (LibsrtpPeer sender = libsrtp(true, key); LibsrtpPeer receiver = libsrtp(false, key)) {
            RtpStream stream = new RtpStream(ssrc, first, random.nextInt());
            List<byte[]> plain = new ArrayList<>();
            List<byte[]> srtp = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                plain.add(stream.next(random, 300));
                srtp.add(libsrtpOk(sender.rtp(plain.get(i)), what(profile, seed, "RTP packet " + i, plain.get(i))));
            }
            for (Delivery d : deliveries(random, 200, 65536 - first)) {
                Supplier<String> what = what(profile, seed, d + " (seq " + ((first + d.index) & 0xffff) + ")",
                        plain.get(d.index));
                LibsrtpPeer.Reply theirs = receiver.rtp(srtp.get(d.index));
                assertThat(outcome(theirs.status())).as(() -> "libsrtp, " + what.get()).isEqualTo(d.expected);
                ByteBuffer buffer = buffer(srtp.get(d.index), random);
                SrtpResult ours = ortc.unprotectRtp(buffer);
                assertThat(ours).as(() -> "ortc, " + what.get()).isEqualTo(d.expected);
                if (ours == SrtpResult.OK) {
                    assertThat(hex(contents(buffer))).as(what).isEqualTo(hex(plain.get(d.index)));
                    assertThat(hex(theirs.packet())).as(what).isEqualTo(hex(plain.get(d.index)));
                }
            }
            assertThat(receiver.rolloverCounter(ssrc)).as("libsrtp's ROC after the wrap").isEqualTo(1);
        }
    }

    /** The same stream and network the other way: ortc protects across the wrap, libsrtp unprotects. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(SrtpProfile.class)
    void rolloverFromOrtcWithLossAndReorderingDecryptsInLibsrtp(SrtpProfile profile) {
        long seed = seed(6, profile);
        Random random = new Random(seed);
        SrtpMasterKey key = randomKey(profile, random);
        int ssrc = random.nextInt();
        int first = 65536 - 100 - random.nextInt(20);
        SrtpOutboundSession ortc = new SrtpOutboundSession(key);
        try (LibsrtpPeer receiver = libsrtp(false, key)) {
            RtpStream stream = new RtpStream(ssrc, first, random.nextInt());
            List<byte[]> plain = new ArrayList<>();
            List<byte[]> srtp = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                plain.add(stream.next(random, 300));
                srtp.add(protectRtp(ortc, plain.get(i), random, what(profile, seed, "RTP packet " + i, plain.get(i))));
            }
            for (Delivery d : deliveries(random, 200, 65536 - first)) {
                Supplier<String> what = what(profile, seed, d + " (seq " + ((first + d.index) & 0xffff) + ")",
                        plain.get(d.index));
                LibsrtpPeer.Reply theirs = receiver.rtp(srtp.get(d.index));
                assertThat(outcome(theirs.status())).as(() -> "libsrtp, " + what.get()).isEqualTo(d.expected);
                if (theirs.ok()) {
                    assertThat(hex(theirs.packet())).as(what).isEqualTo(hex(plain.get(d.index)));
                }
            }
            assertThat(receiver.rolloverCounter(ssrc)).as("libsrtp's ROC after the wrap").isEqualTo(1);
        }
    }

    /**
     * Four wraps each way, in steps of 1..3000 sequence numbers (under the 2^15 that Appendix A
     * can tell apart), with small packets: both senders keep counting the ROC, both receivers
     * keep estimating it.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(SrtpProfile.class)
    void severalRolloversInLargeStepsBothWays(SrtpProfile profile) {
        long seed = seed(7, profile);
        Random random = new Random(seed);
        SrtpMasterKey key = randomKey(profile, random);
        int ssrc = random.nextInt();
        int first = random.nextInt(65536);
        SrtpInboundSession ortcReceiver = new SrtpInboundSession(key);
        SrtpOutboundSession ortcSender = new SrtpOutboundSession(key);
        try (LibsrtpPeer libsrtpSender = libsrtp(true, key); LibsrtpPeer libsrtpReceiver = libsrtp(false, key)) {
            long index = first;
            long lastIndex = index;
            int n = 0;
            while (index < first + 4L * 65536) {
                byte[] plain = RandomPackets.rtp(random, ssrc, (int) (index & 0xffff), n, 64);
                Supplier<String> what = what(profile, seed, "RTP packet " + n + " (index " + index + ", ROC "
                        + (index >>> 16) + ")", plain);
                byte[] fromLibsrtp = libsrtpOk(libsrtpSender.rtp(plain), what);
                assertThat(hex(unprotectRtp(ortcReceiver, fromLibsrtp, random, what))).as(what).isEqualTo(hex(plain));
                byte[] fromOrtc = protectRtp(ortcSender, plain, random, what);
                assertThat(hex(fromOrtc)).as(() -> "ortc's SRTP is libsrtp's, " + what.get())
                        .isEqualTo(hex(fromLibsrtp));
                assertThat(hex(libsrtpOk(libsrtpReceiver.rtp(fromOrtc), what))).as(what).isEqualTo(hex(plain));
                lastIndex = index;
                index += 1 + random.nextInt(3000);
                n++;
            }
            assertThat(libsrtpReceiver.rolloverCounter(ssrc)).as("libsrtp's ROC after %d packets", n)
                    .isEqualTo(lastIndex >>> 16);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Same input, same state, same bytes: the transforms are deterministic (RFC 3711 §4.1.1, §4.2;
    // RFC 7714 §8, §9), so the ciphertext and tag must be libsrtp's exactly.

    @ParameterizedTest(name = "{0}")
    @EnumSource(SrtpProfile.class)
    void protectedRtpIsByteForByteLibsrtps(SrtpProfile profile) {
        long seed = seed(8, profile);
        Random random = new Random(seed);
        SrtpMasterKey key = randomKey(profile, random);
        // One stream crosses the wrap, so the ROC enters the keystream (or the GCM IV) too.
        List<RtpStream> streams = List.of(new RtpStream(random.nextInt(), 65536 - 150 + random.nextInt(50),
                random.nextInt()), new RtpStream(random.nextInt(), random.nextInt(65536), random.nextInt()));
        SrtpOutboundSession ortc = new SrtpOutboundSession(key);
        try (LibsrtpPeer libsrtp = libsrtp(true, key)) {
            for (int i = 0; i < 400; i++) {
                byte[] plain = streams.get(random.nextInt(streams.size())).next(random, 1400);
                Supplier<String> what = what(profile, seed, "RTP packet " + i, plain);
                byte[] theirs = libsrtpOk(libsrtp.rtp(plain), what);
                byte[] ours = protectRtp(ortc, plain, random, what);
                assertThat(hex(ours)).as(() -> "ortc's SRTP is libsrtp's, " + what.get()).isEqualTo(hex(theirs));
            }
        }
    }

    /**
     * RFC 3711 §3.4: "The SRTCP index MUST be set to zero before the first SRTCP packet is sent,
     * and MUST be incremented by one, modulo 2^31, after each SRTCP packet is sent." ortc's first
     * packet carries index 0; libsrtp 2.5 increments first, so its first packet carries 1. After
     * one packet that only ortc protects, both send index i with the i-th packet, byte for byte.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(SrtpProfile.class)
    void protectedRtcpIsByteForByteLibsrtps(SrtpProfile profile) {
        long seed = seed(9, profile);
        Random random = new Random(seed);
        SrtpMasterKey key = randomKey(profile, random);
        int[] ssrcs = {random.nextInt(), random.nextInt()};
        SrtpOutboundSession ortc = new SrtpOutboundSession(key);
        try (LibsrtpPeer libsrtp = libsrtp(true, key)) {
            for (int ssrc : ssrcs) {
                byte[] plain = RandomPackets.rtcpCompound(random, ssrc);
                byte[] first = protectRtcp(ortc, plain, random, what(profile, seed, "first RTCP packet", plain));
                assertThat(hex(srtcpIndexWord(profile, first, plain.length)))
                        .as("E flag and SRTCP index of ortc's first SRTCP packet of SSRC %08x", ssrc)
                        .isEqualTo("80000000");
            }
            for (int i = 0; i < 200; i++) {
                byte[] plain = RandomPackets.rtcpCompound(random, ssrcs[random.nextInt(ssrcs.length)]);
                Supplier<String> what = what(profile, seed, "RTCP packet " + i, plain);
                byte[] theirs = libsrtpOk(libsrtp.rtcp(plain), what);
                byte[] ours = protectRtcp(ortc, plain, random, what);
                assertThat(hex(ours)).as(() -> "ortc's SRTCP is libsrtp's, " + what.get()).isEqualTo(hex(theirs));
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Tampering

    /**
     * A bit flipped in the payload or the tag of a packet from the other side fails
     * authentication on both, and the rejection changes nothing: the genuine packet, next, is
     * accepted.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(SrtpProfile.class)
    void tamperedPacketsFailAuthenticationAndLeaveTheContextUnchanged(SrtpProfile profile) {
        long seed = seed(10, profile);
        Random random = new Random(seed);
        SrtpMasterKey key = randomKey(profile, random);
        RtpStream stream = new RtpStream(random.nextInt(), random.nextInt(65536), random.nextInt());
        int rtcpSsrc = random.nextInt();
        SrtpInboundSession ortcReceiver = new SrtpInboundSession(key);
        SrtpOutboundSession ortcSender = new SrtpOutboundSession(key);
        try (LibsrtpPeer libsrtpSender = libsrtp(true, key); LibsrtpPeer libsrtpReceiver = libsrtp(false, key)) {
            for (int i = 0; i < 60; i++) {
                byte[] plain = stream.next(random, 200);
                Supplier<String> what = what(profile, seed, "RTP packet " + i, plain);
                int header = rtpHeaderLength(plain);

                byte[] fromLibsrtp = libsrtpOk(libsrtpSender.rtp(plain), what);
                byte[] forged = flipBit(fromLibsrtp, header, fromLibsrtp.length, random);
                assertThat(ortcReceiver.unprotectRtp(buffer(forged, random)))
                        .as(() -> "ortc, forged " + hex(forged) + " of " + what.get())
                        .isEqualTo(SrtpResult.AUTHENTICATION_FAILED);
                assertThat(hex(unprotectRtp(ortcReceiver, fromLibsrtp, random, what))).as(what).isEqualTo(hex(plain));

                byte[] fromOrtc = protectRtp(ortcSender, plain, random, what);
                byte[] forgedByUs = flipBit(fromOrtc, header, fromOrtc.length, random);
                assertThat(libsrtpReceiver.rtp(forgedByUs).status())
                        .as(() -> "libsrtp, forged " + hex(forgedByUs) + " of " + what.get())
                        .isEqualTo(LibsrtpPeer.ERR_AUTH_FAIL);
                assertThat(hex(libsrtpOk(libsrtpReceiver.rtp(fromOrtc), what))).as(what).isEqualTo(hex(plain));
            }
            for (int i = 0; i < 40; i++) {
                byte[] plain = RandomPackets.rtcpCompound(random, rtcpSsrc);
                Supplier<String> what = what(profile, seed, "RTCP packet " + i, plain);

                byte[] fromLibsrtp = libsrtpOk(libsrtpSender.rtcp(plain), what);
                byte[] forged = flipRtcpBit(profile, fromLibsrtp, plain.length, random);
                assertThat(ortcReceiver.unprotectRtcp(buffer(forged, random)))
                        .as(() -> "ortc, forged " + hex(forged) + " of " + what.get())
                        .isEqualTo(SrtpResult.AUTHENTICATION_FAILED);
                assertThat(hex(unprotectRtcp(ortcReceiver, fromLibsrtp, random, what))).as(what).isEqualTo(hex(plain));

                byte[] fromOrtc = protectRtcp(ortcSender, plain, random, what);
                byte[] forgedByUs = flipRtcpBit(profile, fromOrtc, plain.length, random);
                assertThat(libsrtpReceiver.rtcp(forgedByUs).status())
                        .as(() -> "libsrtp, forged " + hex(forgedByUs) + " of " + what.get())
                        .isEqualTo(LibsrtpPeer.ERR_AUTH_FAIL);
                assertThat(hex(libsrtpOk(libsrtpReceiver.rtcp(fromOrtc), what))).as(what).isEqualTo(hex(plain));
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Network model for the rollover cases

    /** The {@code index}-th packet the sender sent, delivered, and what every receiver must say. */
    private record Delivery(int index, SrtpResult expected, String why) {
        @Override
        public String toString() {
            return why + " delivery of packet " + index;
        }
    }

    /**
     * The order in which a lossy, reordering network delivers {@code count} packets whose
     * {@code wrap}-th has sequence number 0: ~10% lost, neighbours swapped, 0 before 65535 and
     * 65534 after 5; then five repeats of recent packets (replays) and two packets from far
     * behind the 128-packet window, one a repeat and one never delivered before (too old).
     */
    private static List<Delivery> deliveries(Random random, int count, int wrap) {
        Set<Integer> keep = Set.of(0, wrap - 3, wrap - 2, wrap - 1, wrap, wrap + 1, wrap + 5, wrap + 6);
        List<Integer> order = new ArrayList<>();
        List<Integer> lost = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (!keep.contains(i) && random.nextInt(10) == 0) {
                lost.add(i);
            } else {
                order.add(i);
            }
        }
        // Neighbours swapped, away from the first packet and the ones placed by hand below.
        for (int i = 1; i + 1 < order.size(); i++) {
            if (random.nextInt(5) == 0 && !keep.contains(order.get(i)) && !keep.contains(order.get(i + 1))) {
                order.set(i, order.set(i + 1, order.get(i)));
            }
        }
        // Sequence number 0 arrives before 65535, and 65534 after 5.
        order.remove(Integer.valueOf(wrap - 1));
        order.add(order.indexOf(wrap) + 1, wrap - 1);
        order.remove(Integer.valueOf(wrap - 2));
        order.add(order.indexOf(wrap + 5) + 1, wrap - 2);

        List<Delivery> deliveries = new ArrayList<>();
        for (int i : order) {
            deliveries.add(new Delivery(i, SrtpResult.OK, "first"));
        }
        Set<Integer> repeats = new LinkedHashSet<>();
        while (repeats.size() < 5) {
            repeats.add(order.get(order.size() - 1 - random.nextInt(60)));
        }
        repeats.add(wrap - 2);
        for (int i : repeats) {
            deliveries.add(new Delivery(i, SrtpResult.REPLAYED, "repeated"));
        }
        // Packet 0 is ~200 indices behind the newest: outside a 128-packet window.
        deliveries.add(new Delivery(0, SrtpResult.TOO_OLD, "repeated, long after the window,"));
        int lostEarly = lost.stream().filter(i -> i < 40).findFirst().orElse(-1);
        if (lostEarly >= 0) {
            deliveries.add(new Delivery(lostEarly, SrtpResult.TOO_OLD, "late, long after the window,"));
        }
        return deliveries;
    }

    /** What an {@link SrtpInboundSession} must answer where libsrtp answers {@code status}. */
    private static SrtpResult outcome(int status) {
        return switch (status) {
            case 0 -> SrtpResult.OK;
            case LibsrtpPeer.ERR_AUTH_FAIL -> SrtpResult.AUTHENTICATION_FAILED;
            case LibsrtpPeer.ERR_REPLAY_FAIL -> SrtpResult.REPLAYED;
            case LibsrtpPeer.ERR_REPLAY_OLD -> SrtpResult.TOO_OLD;
            default -> throw new AssertionError("libsrtp answered srtp_err_status_t " + status);
        };
    }

    // ---------------------------------------------------------------------------------------------
    // Helpers

    /** One RTP sender: an SSRC, the next sequence number, a timestamp. */
    private static final class RtpStream {
        private final int ssrc;
        private int sequenceNumber;
        private int timestamp;

        RtpStream(int ssrc, int sequenceNumber, int timestamp) {
            this.ssrc = ssrc;
            this.sequenceNumber = sequenceNumber & 0xffff;
            this.timestamp = timestamp;
        }

        byte[] next(Random random, int maxPayload) {
            byte[] packet = RandomPackets.rtp(random, ssrc, sequenceNumber, timestamp, maxPayload);
            sequenceNumber = (sequenceNumber + 1) & 0xffff;
            timestamp += random.nextInt(3000);
            return packet;
        }
    }

    private static List<RtpStream> streams(Random random, int count) {
        List<RtpStream> streams = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            streams.add(new RtpStream(random.nextInt(), random.nextInt(65536), random.nextInt()));
        }
        return streams;
    }

    private static long seed(int test, SrtpProfile profile) {
        return 0x3711_0000L + 16L * test + profile.ordinal();
    }

    private static SrtpMasterKey randomKey(SrtpProfile profile, Random random) {
        return new SrtpMasterKey(profile, RandomPackets.bytes(random, profile.keyLength()),
                RandomPackets.bytes(random, profile.saltLength()));
    }

    /** A libsrtp session for {@code key}, or this case skipped if this libsrtp lacks the profile. */
    private static LibsrtpPeer libsrtp(boolean outbound, SrtpMasterKey key) {
        LibsrtpPeer peer = LibsrtpPeer.start();
        LibsrtpPeer.Reply reply = peer.session(outbound, key);
        if (reply.status() == LibsrtpPeer.ERR_BAD_PARAM) {
            String version = peer.version();
            peer.close();
            Assumptions.abort(version + " on this machine does not support " + key.profile()
                    + " (srtp_err_status_bad_param: built without it), so it cannot be cross-checked here");
        }
        if (!reply.ok()) {
            peer.close();
            throw new AssertionError("libsrtp srtp_create for " + key.profile() + " failed: srtp_err_status_t "
                    + reply.status());
        }
        return peer;
    }

    private static byte[] libsrtpOk(LibsrtpPeer.Reply reply, Supplier<String> what) {
        assertThat(reply.status()).as(() -> "libsrtp's srtp_err_status_t for " + what.get()).isZero();
        return reply.packet();
    }

    private static Supplier<String> what(SrtpProfile profile, long seed, String packet, byte[] plain) {
        return () -> profile + ", seed " + seed + ", " + packet + ", plain " + hex(plain);
    }

    /**
     * {@code packet} as the API takes it: in a heap or a direct buffer, at a random position, with
     * random bytes around it and room behind it for the longest trailer.
     */
    private static ByteBuffer buffer(byte[] packet, Random random) {
        int offset = random.nextInt(17);
        int capacity = offset + packet.length + 20 + random.nextInt(16);
        ByteBuffer buffer = random.nextBoolean() ? ByteBuffer.allocate(capacity) : ByteBuffer.allocateDirect(capacity);
        buffer.put(RandomPackets.bytes(random, capacity));
        buffer.position(offset);
        buffer.put(packet);
        buffer.limit(offset + packet.length).position(offset);
        return buffer;
    }

    private static byte[] contents(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    private static byte[] protectRtp(SrtpOutboundSession session, byte[] plain, Random random,
            Supplier<String> what) {
        ByteBuffer buffer = buffer(plain, random);
        int position = buffer.position();
        assertThat(session.protectRtp(buffer)).as(() -> "ortc protectRtp of " + what.get()).isEqualTo(SrtpResult.OK);
        assertThat(buffer.position()).as(what).isEqualTo(position);
        return contents(buffer);
    }

    private static byte[] protectRtcp(SrtpOutboundSession session, byte[] plain, Random random,
            Supplier<String> what) {
        ByteBuffer buffer = buffer(plain, random);
        int position = buffer.position();
        assertThat(session.protectRtcp(buffer)).as(() -> "ortc protectRtcp of " + what.get()).isEqualTo(SrtpResult.OK);
        assertThat(buffer.position()).as(what).isEqualTo(position);
        return contents(buffer);
    }

    private static byte[] unprotectRtp(SrtpInboundSession session, byte[] srtp, Random random, Supplier<String> what) {
        ByteBuffer buffer = buffer(srtp, random);
        int position = buffer.position();
        assertThat(session.unprotectRtp(buffer)).as(() -> "ortc unprotectRtp of " + hex(srtp) + ", " + what.get())
                .isEqualTo(SrtpResult.OK);
        assertThat(buffer.position()).as(what).isEqualTo(position);
        return contents(buffer);
    }

    private static byte[] unprotectRtcp(SrtpInboundSession session, byte[] srtcp, Random random,
            Supplier<String> what) {
        ByteBuffer buffer = buffer(srtcp, random);
        int position = buffer.position();
        assertThat(session.unprotectRtcp(buffer)).as(() -> "ortc unprotectRtcp of " + hex(srtcp) + ", " + what.get())
                .isEqualTo(SrtpResult.OK);
        assertThat(buffer.position()).as(what).isEqualTo(position);
        return contents(buffer);
    }

    /** RFC 3550 §5.1, §5.3.1: fixed header, CSRCs, and the header extension if X is set. */
    private static int rtpHeaderLength(byte[] rtp) {
        int length = 12 + 4 * (rtp[0] & 0x0f);
        if ((rtp[0] & 0x10) != 0) {
            length += 4 + 4 * (((rtp[length + 2] & 0xff) << 8) | (rtp[length + 3] & 0xff));
        }
        return length;
    }

    /**
     * Where SRTCP puts the E flag and index: before the tag in RFC 3711 §3.4, after it in
     * RFC 7714 §17 (AEAD), both right behind the {@code plainLength} bytes of (encrypted) RTCP.
     */
    private static byte[] srtcpIndexWord(SrtpProfile profile, byte[] srtcp, int plainLength) {
        int at = profile.isAead() ? plainLength + profile.rtcpTagLength() : plainLength;
        return java.util.Arrays.copyOfRange(srtcp, at, at + 4);
    }

    /** A copy of {@code packet} with one random bit flipped in {@code [from, to)}. */
    private static byte[] flipBit(byte[] packet, int from, int to, Random random) {
        byte[] forged = packet.clone();
        forged[from + random.nextInt(to - from)] ^= (byte) (1 << random.nextInt(8));
        return forged;
    }

    /** A bit flipped in the encrypted part (after the first 8 bytes) or the tag, not the index. */
    private static byte[] flipRtcpBit(SrtpProfile profile, byte[] srtcp, int plainLength, Random random) {
        int tag = profile.rtcpTagLength();
        boolean inTag = random.nextInt(3) == 0;
        if (!inTag) {
            return flipBit(srtcp, 8, plainLength, random);
        }
        int tagAt = profile.isAead() ? plainLength : plainLength + 4;
        return flipBit(srtcp, tagAt, tagAt + tag, random);
    }

    private static String hex(byte[] bytes) {
        return bytes == null ? "null" : HEX.formatHex(bytes);
    }
}
