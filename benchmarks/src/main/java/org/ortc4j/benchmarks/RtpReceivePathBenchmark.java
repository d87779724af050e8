package org.ortc4j.benchmarks;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
import org.ortc4j.ice.net.VirtualScheduler;
import org.ortc4j.media.EncodedFrame;
import org.ortc4j.rtp.internal.receive.JitterBuffer;
import org.ortc4j.rtp.internal.receive.JitterBufferConfig;
import org.ortc4j.rtp.internal.receive.ReceiveCodec;
import org.ortc4j.rtp.packet.RtpPacket;
import org.ortc4j.rtp.packet.RtpParseException;
import org.ortc4j.rtp.payload.RtpPayload;
import org.ortc4j.rtp.payload.Vp8Depacketizer;
import org.ortc4j.rtp.payload.Vp8Packetizer;
import org.ortc4j.srtp.SrtpInboundSession;
import org.ortc4j.srtp.SrtpMasterKey;
import org.ortc4j.srtp.SrtpOutboundSession;
import org.ortc4j.srtp.SrtpProfile;
import org.ortc4j.srtp.SrtpResult;

/**
 * The RTP receive path of a 1080p-sized VP8 stream, per packet: SRTP unprotect
 * ({@link SrtpInboundSession}) → {@link RtpPacket#parse} → {@link JitterBuffer#insert} → whole
 * frames out, against unprotect alone in the same run. One operation is one packet, so the score
 * is packets per second.
 *
 * <p>The stream ({@value #FRAMES} frames of {@value #FRAME_SIZE} bytes, a key frame every
 * {@value #KEY_INTERVAL}, cut into 1,100-byte VP8 payloads: 28 packets a frame, about 9 MB) is
 * packetized and SRTP-protected in set-up with {@link SrtpOutboundSession}. Every operation copies
 * the next protected packet into the work buffer and unprotects it in place, as a receiver does
 * with a datagram. When the stream has gone round, the next operation starts a new inbound session
 * (its replay window would refuse the packets a second time) and, for the full path, a new jitter
 * buffer: a cost spread over one ring of packets.
 *
 * <p>Set-up fails the run unless one pass over the stream releases every frame, the first bit for
 * bit.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar RtpReceivePathBenchmark}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
// A fixed heap, so that heap resizing is not part of what is measured.
@Fork(value = 3, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class RtpReceivePathBenchmark {

    static final int FRAMES = 300;
    static final int FRAME_SIZE = 30_000;
    static final int KEY_INTERVAL = 60;
    static final int MAX_PAYLOAD_SIZE = 1100;
    static final int VP8 = 96;
    static final int SSRC = 0x1234_5678;
    /** Room after a packet for any SRTP trailer. */
    static final int ROOM = 32;

    /** The protected stream and the receivers of the full path and the baseline. */
    @State(Scope.Thread)
    public static class Stream {

        @Param({"AES_CM_128_HMAC_SHA1_80", "AEAD_AES_128_GCM"})
        public SrtpProfile profile;

        SrtpMasterKey key;
        byte[][] ring;
        byte[] firstFrame;
        final byte[] buf = new byte[MAX_PAYLOAD_SIZE + 64 + ROOM];
        final ByteBuffer bb = ByteBuffer.wrap(buf);

        SrtpInboundSession in;
        JitterBuffer jitterBuffer;
        final VirtualScheduler scheduler = new VirtualScheduler();
        int pos;
        long frames;
        long frameBytes;
        byte[] lastFrame;

        SrtpInboundSession baselineIn;
        int baselinePos;

        @Setup
        public void setUp() throws RtpParseException {
            SplittableRandom random = new SplittableRandom(profile.ordinal() + 1);
            key = new SrtpMasterKey(profile, bytes(random, profile.keyLength()), bytes(random, profile.saltLength()));
            SrtpOutboundSession out = new SrtpOutboundSession(key);
            Vp8Packetizer packetizer = new Vp8Packetizer(1234);
            List<byte[]> packets = new ArrayList<>();
            int sequence = 4000;
            for (int f = 0; f < FRAMES; f++) {
                byte[] frame = bytes(random, FRAME_SIZE);
                // RFC 6386 §9.1: bit 0 of the frame tag is 0 for a key frame.
                frame[0] = (byte) (f % KEY_INTERVAL == 0 ? frame[0] & ~1 : frame[0] | 1);
                if (f == 0) {
                    firstFrame = frame;
                }
                for (RtpPayload payload : packetizer.packetize(ByteBuffer.wrap(frame), MAX_PAYLOAD_SIZE)) {
                    byte[] plain = RtpPacket.builder().payloadType(VP8).sequenceNumber(sequence++ & 0xFFFF)
                            .timestamp(90_000L + 3000L * f).ssrc(SSRC).marker(payload.marker())
                            .payload(payload.toByteArray()).toByteArray();
                    byte[] work = Arrays.copyOf(plain, plain.length + ROOM);
                    ByteBuffer packet = ByteBuffer.wrap(work, 0, plain.length);
                    require(out.protectRtp(packet) == SrtpResult.OK, "protect");
                    packets.add(Arrays.copyOf(work, packet.limit()));
                }
            }
            ring = packets.toArray(new byte[0][]);
            newReceiver();
            for (int i = 0; i < ring.length; i++) {
                receive();
            }
            require(frames == FRAMES, "one pass released " + frames + " frames, not " + FRAMES);
            require(jitterBuffer.stats().framesReceived() == FRAMES, "jitter buffer stats");
            newReceiver();
            frames = 0;
            baselineIn = new SrtpInboundSession(key);
        }

        void newReceiver() {
            in = new SrtpInboundSession(key);
            pos = 0;
            jitterBuffer = new JitterBuffer(scheduler, "video",
                    List.of(new ReceiveCodec(VP8, "video/VP8", 90_000, new Vp8Depacketizer())),
                    JitterBufferConfig.defaults("video"), new JitterBuffer.Listener() {
                        @Override
                        public void onFrame(EncodedFrame frame, int payloadType, long firstArrivalNanos) {
                            if (frames == 0 && firstFrame != null) {
                                require(Arrays.equals(frame.toByteArray(), firstFrame), "first frame differs");
                            }
                            frames++;
                            frameBytes += frame.size();
                        }

                        @Override
                        public void onKeyFrameNeeded() {
                            throw new IllegalStateException("key frame asked for on a lossless stream");
                        }
                    });
        }

        long receive() throws RtpParseException {
            if (pos == ring.length) {
                newReceiver();
            }
            byte[] next = ring[pos++];
            System.arraycopy(next, 0, buf, 0, next.length);
            bb.clear().limit(next.length);
            if (in.unprotectRtp(bb) != SrtpResult.OK) {
                throw new IllegalStateException("unprotect failed at packet " + (pos - 1));
            }
            jitterBuffer.insert(RtpPacket.parse(bb), scheduler.nanoTime());
            return frames;
        }

        SrtpResult unprotectOnly() {
            if (baselinePos == ring.length) {
                baselineIn = new SrtpInboundSession(key);
                baselinePos = 0;
            }
            byte[] next = ring[baselinePos++];
            System.arraycopy(next, 0, buf, 0, next.length);
            bb.clear().limit(next.length);
            return baselineIn.unprotectRtp(bb);
        }
    }

    /** The full receive path for one packet: unprotect, parse, jitter buffer (and a frame out every 28th). */
    @Benchmark
    public long unprotectParseInsert(Stream stream) throws RtpParseException {
        return stream.receive();
    }

    /** Baseline: SRTP unprotect of the same packet alone. */
    @Benchmark
    public SrtpResult unprotectBaseline(Stream stream) {
        return stream.unprotectOnly();
    }

    static byte[] bytes(SplittableRandom random, int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) random.nextInt();
        }
        return bytes;
    }

    static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }
}
