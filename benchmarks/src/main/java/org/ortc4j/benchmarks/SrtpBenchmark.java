package org.ortc4j.benchmarks;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.ortc4j.srtp.SrtpInboundSession;
import org.ortc4j.srtp.SrtpMasterKey;
import org.ortc4j.srtp.SrtpOutboundSession;
import org.ortc4j.srtp.SrtpProfile;
import org.ortc4j.srtp.SrtpResult;

/**
 * SRTP and SRTCP protect and unprotect with ortc-srtp, against the bare JCA work for the same
 * bytes ({@link BareJcaSrtp}) in the same run.
 *
 * <p>RTP ({@link Rtp}, every {@link SrtpProfile}): a 1212-byte RTP packet, a 12-byte header and a
 * 1200-byte payload. RTCP ({@link Rtcp}, one AES-CM and one AES-GCM profile): an 80-byte
 * compound RTCP packet, a sender report with one report block and an SDES CNAME.
 *
 * <p>Every operation transforms a packet no session has seen: protect writes the next sequence
 * number into a plain template and copies the template into the work buffer (protecting the same
 * index twice is refused as a replay, and for AES-GCM would reuse a nonce); unprotect copies the
 * next packet of a ring of {@link #RING} packets with consecutive indices, protected in set-up,
 * into the work buffer. The copy is made by both ortc-srtp's and the baseline's benchmark. Once
 * ortc-srtp's inbound session has taken the whole ring, the next operation replaces it with a new
 * session (its replay window would reject the ring's packets a second time); that costs one
 * session creation per {@link #RING} packets, measured on its own by
 * {@link #inboundSessionCreate}. The baseline keeps no replay state and simply goes round.
 *
 * <p>Set-up fails the run unless the baseline's packets are byte for byte ortc-srtp's (same
 * session keys from the same master key, same IVs) and both unprotect every packet of the ring
 * back to the template.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
// A fixed heap, so that heap resizing is not part of what is measured.
@Fork(value = 3, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class SrtpBenchmark {

    static final int RTP_HEADER = 12;
    static final int RTP_PAYLOAD = 1200;
    static final int RTP_LENGTH = RTP_HEADER + RTP_PAYLOAD;
    static final int RTCP_LENGTH = 80;
    static final int SSRC = 0x1234_5678;
    /** Room after a packet for any trailer: 16-byte GCM tag + 4-byte SRTCP index. */
    static final int ROOM = 32;
    /**
     * How many protected packets unprotect goes round: 8192 (10 MB of RTP packets); the system
     * property {@code ortc4j.bench.ring} changes it (pass it with {@code -jvmArgsAppend}).
     */
    static final int RING = Integer.getInteger("ortc4j.bench.ring", 8192);

    /** State of the RTP benchmarks for one profile. */
    @State(Scope.Thread)
    public static class Rtp {

        @Param({"AES_CM_128_HMAC_SHA1_80", "AES_CM_128_HMAC_SHA1_32", "AEAD_AES_128_GCM", "AEAD_AES_256_GCM",
                "AES_256_CM_HMAC_SHA1_80"})
        public SrtpProfile profile;

        SrtpMasterKey key;
        final byte[] template = new byte[RTP_LENGTH];
        final byte[] buf = new byte[RTP_LENGTH + ROOM];
        final ByteBuffer bb = ByteBuffer.wrap(buf);
        /** RING protected packets, indices 0 to RING - 1. */
        byte[][] ring;
        int protectedLength;

        SrtpOutboundSession out;
        long outIndex;
        SrtpInboundSession in;
        int inPos;

        BareJcaSrtp bare;
        long bareOutIndex;
        int bareInPos;

        @Setup
        public void setUp() {
            SplittableRandom random = new SplittableRandom(profile.ordinal() + 1);
            byte[] masterKey = bytes(random, profile.keyLength());
            byte[] masterSalt = bytes(random, profile.saltLength());
            key = new SrtpMasterKey(profile, masterKey, masterSalt);
            template[0] = (byte) 0x80;
            template[1] = 96;
            BareJcaSrtp.putInt(template, 4, 0x0102_0304);
            BareJcaSrtp.putInt(template, 8, SSRC);
            for (int i = RTP_HEADER; i < RTP_LENGTH; i++) {
                template[i] = (byte) random.nextInt();
            }
            bare = BareJcaSrtp.create(profile, masterKey, masterSalt);
            protectedLength = RTP_LENGTH + profile.rtpTagLength();

            // The ring, protected by ortc-srtp and by the baseline: the same bytes.
            out = new SrtpOutboundSession(key);
            ring = new byte[RING][];
            for (int i = 0; i < RING; i++) {
                byte[] ours = protectOurs(i);
                byte[] theirs = Arrays.copyOf(template, RTP_LENGTH + ROOM);
                require(bare.protectRtp(theirs, RTP_LENGTH, SSRC, i) == protectedLength, "baseline length");
                require(Arrays.equals(ours, 0, protectedLength, theirs, 0, protectedLength),
                        "the baseline's packet " + i + " differs from ortc-srtp's");
                ring[i] = Arrays.copyOf(ours, protectedLength);
            }
            // Protect goes on from where the ring ends, for ortc-srtp as for the baseline.
            outIndex = RING;
            bareOutIndex = RING;
            in = new SrtpInboundSession(key);
            for (int i = 0; i < RING; i++) {
                require(unprotectRtp() == SrtpResult.OK, "ortc-srtp does not unprotect packet " + i);
                require(plainMatches(i, bb.remaining()), "ortc-srtp unprotects packet " + i + " wrongly");
                require(unprotectRtpJca() == RTP_LENGTH, "the baseline does not unprotect packet " + i);
                require(plainMatches(i, RTP_LENGTH), "the baseline unprotects packet " + i + " wrongly");
            }
            require(inPos == RING && bareInPos == 0, "ring positions");
        }

        private byte[] protectOurs(int seq) {
            setSeq(seq);
            System.arraycopy(template, 0, buf, 0, RTP_LENGTH);
            bb.clear().limit(RTP_LENGTH);
            require(out.protectRtp(bb) == SrtpResult.OK, "ortc-srtp does not protect packet " + seq);
            require(bb.remaining() == protectedLength, "protected length");
            return Arrays.copyOf(buf, buf.length);
        }

        private boolean plainMatches(int seq, int length) {
            setSeq(seq);
            return length == RTP_LENGTH && Arrays.equals(buf, 0, RTP_LENGTH, template, 0, RTP_LENGTH);
        }

        void setSeq(long index) {
            template[2] = (byte) (index >>> 8);
            template[3] = (byte) index;
        }

        SrtpResult protectRtp() {
            setSeq(outIndex++);
            System.arraycopy(template, 0, buf, 0, RTP_LENGTH);
            bb.clear().limit(RTP_LENGTH);
            return out.protectRtp(bb);
        }

        int protectRtpJca() {
            long index = bareOutIndex++;
            setSeq(index);
            System.arraycopy(template, 0, buf, 0, RTP_LENGTH);
            return bare.protectRtp(buf, RTP_LENGTH, SSRC, index);
        }

        SrtpResult unprotectRtp() {
            if (inPos == RING) {
                in = new SrtpInboundSession(key);
                inPos = 0;
            }
            System.arraycopy(ring[inPos++], 0, buf, 0, protectedLength);
            bb.clear().limit(protectedLength);
            return in.unprotectRtp(bb);
        }

        int unprotectRtpJca() {
            int i = bareInPos;
            bareInPos = i + 1 == RING ? 0 : i + 1;
            System.arraycopy(ring[i], 0, buf, 0, protectedLength);
            return bare.unprotectRtp(buf, protectedLength, SSRC, i);
        }
    }

    /** State of the RTCP benchmarks: one AES-CM and one AES-GCM profile. */
    @State(Scope.Thread)
    public static class Rtcp {

        @Param({"AES_CM_128_HMAC_SHA1_80", "AEAD_AES_128_GCM"})
        public SrtpProfile profile;

        SrtpMasterKey key;
        final byte[] template = new byte[RTCP_LENGTH];
        final byte[] buf = new byte[RTCP_LENGTH + ROOM];
        final ByteBuffer bb = ByteBuffer.wrap(buf);
        byte[][] ring;
        int protectedLength;

        SrtpOutboundSession out;
        SrtpInboundSession in;
        int inPos;

        BareJcaSrtp bare;
        int bareOutIndex;
        int bareInPos;

        @Setup
        public void setUp() {
            SplittableRandom random = new SplittableRandom(100 + profile.ordinal());
            byte[] masterKey = bytes(random, profile.keyLength());
            byte[] masterSalt = bytes(random, profile.saltLength());
            key = new SrtpMasterKey(profile, masterKey, masterSalt);
            // Sender report (RFC 3550 §6.4.1) with one report block: 52 bytes.
            template[0] = (byte) 0x81;
            template[1] = (byte) 200;
            template[3] = 12;
            BareJcaSrtp.putInt(template, 4, SSRC);
            for (int i = 8; i < 52; i++) {
                template[i] = (byte) random.nextInt();
            }
            // SDES (§6.5) with a 16-character CNAME: 28 bytes.
            template[52] = (byte) 0x81;
            template[53] = (byte) 202;
            template[55] = 6;
            BareJcaSrtp.putInt(template, 56, SSRC);
            template[60] = 1;
            template[61] = 16;
            for (int i = 62; i < 78; i++) {
                template[i] = (byte) ('a' + random.nextInt(26));
            }
            bare = BareJcaSrtp.create(profile, masterKey, masterSalt);
            protectedLength = RTCP_LENGTH + 4 + profile.rtcpTagLength();

            out = new SrtpOutboundSession(key);
            ring = new byte[RING][];
            for (int i = 0; i < RING; i++) {
                require(protectRtcp() == SrtpResult.OK, "ortc-srtp does not protect RTCP packet " + i);
                require(bb.remaining() == protectedLength, "protected RTCP length");
                byte[] theirs = Arrays.copyOf(template, RTCP_LENGTH + ROOM);
                require(bare.protectRtcp(theirs, RTCP_LENGTH, SSRC, i) == protectedLength, "baseline RTCP length");
                require(Arrays.equals(buf, 0, protectedLength, theirs, 0, protectedLength),
                        "the baseline's RTCP packet " + i + " differs from ortc-srtp's");
                ring[i] = Arrays.copyOf(buf, protectedLength);
            }
            bareOutIndex = RING;
            in = new SrtpInboundSession(key);
            for (int i = 0; i < RING; i++) {
                require(unprotectRtcp() == SrtpResult.OK, "ortc-srtp does not unprotect RTCP packet " + i);
                require(bb.remaining() == RTCP_LENGTH && Arrays.equals(buf, 0, RTCP_LENGTH, template, 0, RTCP_LENGTH),
                        "ortc-srtp unprotects RTCP packet " + i + " wrongly");
                require(unprotectRtcpJca() == RTCP_LENGTH
                        && Arrays.equals(buf, 0, RTCP_LENGTH, template, 0, RTCP_LENGTH),
                        "the baseline does not unprotect RTCP packet " + i);
            }
        }

        SrtpResult protectRtcp() {
            System.arraycopy(template, 0, buf, 0, RTCP_LENGTH);
            bb.clear().limit(RTCP_LENGTH);
            return out.protectRtcp(bb);
        }

        int protectRtcpJca() {
            System.arraycopy(template, 0, buf, 0, RTCP_LENGTH);
            return bare.protectRtcp(buf, RTCP_LENGTH, SSRC, bareOutIndex++);
        }

        SrtpResult unprotectRtcp() {
            if (inPos == RING) {
                in = new SrtpInboundSession(key);
                inPos = 0;
            }
            System.arraycopy(ring[inPos++], 0, buf, 0, protectedLength);
            bb.clear().limit(protectedLength);
            return in.unprotectRtcp(bb);
        }

        int unprotectRtcpJca() {
            int i = bareInPos;
            bareInPos = i + 1 == RING ? 0 : i + 1;
            System.arraycopy(ring[i], 0, buf, 0, protectedLength);
            return bare.unprotectRtcp(buf, protectedLength, SSRC);
        }
    }

    // ---- RTP, ortc-srtp ----

    @Benchmark
    public SrtpResult rtpProtect(Rtp s) {
        return ok(s.protectRtp());
    }

    @Benchmark
    public SrtpResult rtpUnprotect(Rtp s) {
        return ok(s.unprotectRtp());
    }

    // ---- RTP, bare JCA ----

    @Benchmark
    public int rtpProtectJca(Rtp s) {
        return s.protectRtpJca();
    }

    @Benchmark
    public int rtpUnprotectJca(Rtp s) {
        return ok(s.unprotectRtpJca());
    }

    // ---- RTCP ----

    @Benchmark
    public SrtpResult rtcpProtect(Rtcp s) {
        return ok(s.protectRtcp());
    }

    @Benchmark
    public SrtpResult rtcpUnprotect(Rtcp s) {
        return ok(s.unprotectRtcp());
    }

    @Benchmark
    public int rtcpProtectJca(Rtcp s) {
        return s.protectRtcpJca();
    }

    @Benchmark
    public int rtcpUnprotectJca(Rtcp s) {
        return ok(s.unprotectRtcpJca());
    }

    // ---- what rtpUnprotect pays once per RING packets ----

    @Benchmark
    public SrtpInboundSession inboundSessionCreate(Rtp s) {
        return new SrtpInboundSession(s.key);
    }

    // A failed packet would make the figure meaningless: stop the run instead.
    private static SrtpResult ok(SrtpResult result) {
        if (result != SrtpResult.OK) {
            throw new IllegalStateException("SRTP failed: " + result);
        }
        return result;
    }

    private static int ok(int length) {
        if (length < 0) {
            throw new IllegalStateException("the baseline's packet did not authenticate");
        }
        return length;
    }

    static byte[] bytes(SplittableRandom random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException("SrtpBenchmark set-up check failed: " + message);
        }
    }
}
