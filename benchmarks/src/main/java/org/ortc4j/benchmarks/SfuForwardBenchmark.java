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
import org.ortc4j.rtp.packet.AbsSendTimeExtension;
import org.ortc4j.rtp.packet.RtpPacket;
import org.ortc4j.rtp.packet.RtpPacketBuilder;
import org.ortc4j.rtp.packet.RtpParseException;
import org.ortc4j.rtp.packet.TransportSequenceNumberExtension;
import org.ortc4j.rtp.packet.VideoOrientationExtension;
import org.ortc4j.srtp.SrtpInboundSession;
import org.ortc4j.srtp.SrtpMasterKey;
import org.ortc4j.srtp.SrtpOutboundSession;
import org.ortc4j.srtp.SrtpProfile;
import org.ortc4j.srtp.SrtpResult;

/**
 * An SFU's inner loop, single-threaded: one SRTP VP8 packet arrives from a publisher, is
 * unprotected with the publisher's context, and is forwarded to each of {@link Relay#receivers}
 * subscribers: its header rewritten for that subscriber (its SSRC, its own continuous sequence
 * number, its own transport-wide sequence number, and the extension ids that subscriber
 * negotiated: odd subscribers use other ids than the publisher) and protected with that
 * subscriber's own SRTP context. One operation is one arriving packet, so forwarded packets per
 * second are the score × {@code receivers}.
 *
 * <p>The packet: 1,200 bytes of VP8 payload (a 4-byte payload descriptor, the rest random), RFC
 * 8285 one-byte extensions as Chrome sends on video: abs-send-time (id 2), transport-wide sequence
 * number (id 3), video-orientation (id 4); 1,228 bytes before SRTP. A ring of {@value #RING}
 * packets is protected in set-up; each operation copies the next into the receive buffer (as a
 * datagram arrives) and starts a new inbound session when the ring has gone round (the replay
 * window would refuse it a second time).
 *
 * <ul>
 *   <li>{@link #forwardPatch}: the rewrite in place: the plaintext is copied into each
 *       subscriber's send buffer and the changed header bytes are written over it, locating the
 *       extension elements once per arriving packet with {@link RtpPacket#parse}.
 *   <li>{@link #forwardBuilder}: the rewrite with ortc-rtp's public builder: a new
 *       {@link RtpPacketBuilder} per subscriber from the parsed packet's fields, as ortc-rtp's own
 *       send path rewrites a packet (e.g. {@code TransportSequenceInterceptor}).
 *   <li>{@link #protectBaseline} (baseline): protect alone, K times, for the same plaintext
 *       packets (a subscriber's SSRC and sequence number written in, as protect needs), no
 *       unprotect, no parse, no extension rewrite.
 * </ul>
 *
 * <p>Set-up fails the run unless, for both forwarding ways, every subscriber's SRTP context opens
 * what it was sent and finds the publisher's payload with its own SSRC, sequence numbers and
 * extension ids and values.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
// A fixed heap, so that heap resizing is not part of what is measured.
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class SfuForwardBenchmark {

    static final int RING = 4096;
    static final int PAYLOAD = 1200;
    static final int VP8 = 96;
    static final int PUBLISHER_SSRC = 0x5eed_0001;
    static final int ABS_SEND_TIME_ID = 2;
    static final int TRANSPORT_CC_ID = 3;
    static final int VIDEO_ORIENTATION_ID = 4;
    /** Extension ids by publisher id (index) as odd subscribers negotiated them. */
    static final int[] OTHER_IDS = {0, 0, 5, 6, 7};
    static final int[] SAME_IDS = {0, 0, 2, 3, 4};
    /** Room after a packet for the SRTP trailer. */
    static final int ROOM = 32;

    /** What a relay holds: the publisher's inbound context and one outbound context per subscriber. */
    @State(Scope.Thread)
    public static class Relay {

        @Param({"AES_CM_128_HMAC_SHA1_80", "AEAD_AES_128_GCM"})
        public SrtpProfile profile;

        /** K, the subscribers each packet goes to. */
        @Param({"1", "4", "16"})
        public int receivers;

        SrtpMasterKey publisherKey;
        byte[][] ring;
        byte[][] plainRing;
        int pos;
        SrtpInboundSession in;
        final byte[] inBytes = new byte[2048];
        final ByteBuffer inBuffer = ByteBuffer.wrap(inBytes);

        Subscriber[] subscribers;
        final byte[] outBytes = new byte[2048];
        final ByteBuffer outBuffer = ByteBuffer.wrap(outBytes);
        /** Per arriving packet: offset of each extension element's id byte, and of transport-cc's value. */
        final int[] elementOffsets = new int[16];
        int elementCount;
        int transportCcValueOffset;

        /** Null while timing; in set-up, checks what each subscriber would receive. */
        Checker checker;

        @Setup
        public void setUp() throws RtpParseException {
            SplittableRandom random = new SplittableRandom(profile.ordinal() * 100 + receivers);
            publisherKey = key(random);
            SrtpOutboundSession publisher = new SrtpOutboundSession(publisherKey);
            ring = new byte[RING][];
            plainRing = new byte[RING][];
            for (int i = 0; i < RING; i++) {
                byte[] payload = RtpReceivePathBenchmark.bytes(random, PAYLOAD);
                // RFC 7741 §4.2: X=1, S=1 on a frame's first packet, PID 0; I=1, 15-bit picture id.
                payload[0] = (byte) (i % 8 == 0 ? 0x90 : 0x80);
                payload[1] = (byte) 0x80;
                payload[2] = (byte) (0x80 | (i / 8 >> 8 & 0x7F));
                payload[3] = (byte) (i / 8);
                byte[] plain = RtpPacket.builder().payloadType(VP8).marker(i % 8 == 7)
                        .sequenceNumber((7000 + i) & 0xFFFF).timestamp(90_000L + 3000L * (i / 8)).ssrc(PUBLISHER_SSRC)
                        .addExtension(ABS_SEND_TIME_ID, new AbsSendTimeExtension(i * 1000 & 0xFFFFFF).encode())
                        .addExtension(TRANSPORT_CC_ID, new TransportSequenceNumberExtension(i).encode())
                        .addExtension(VIDEO_ORIENTATION_ID, new VideoOrientationExtension(false, false, 0).encode())
                        .payload(payload).toByteArray();
                require(plain.length == 12 + 4 + 12 + PAYLOAD, "packet of " + plain.length + " bytes");
                plainRing[i] = plain;
                byte[] work = Arrays.copyOf(plain, plain.length + ROOM);
                ByteBuffer packet = ByteBuffer.wrap(work, 0, plain.length);
                require(publisher.protectRtp(packet) == SrtpResult.OK, "protect");
                ring[i] = Arrays.copyOf(work, packet.limit());
            }
            subscribers = new Subscriber[receivers];
            for (int r = 0; r < receivers; r++) {
                subscribers[r] = new Subscriber(key(random), 0x0ddba11 + r, r % 2 == 1 ? OTHER_IDS : SAME_IDS,
                        random.nextInt(1 << 16), random.nextInt(1 << 16));
            }
            in = new SrtpInboundSession(publisherKey);

            // One pass over the ring each way, every forwarded packet opened and checked.
            checker = new Checker(this);
            for (int i = 0; i < RING; i++) {
                forwardPatch();
            }
            for (int i = 0; i < RING; i++) {
                forwardBuilder();
            }
            for (int i = 0; i < RING; i++) {
                protectBaseline();
            }
            require(checker.checked == 3L * RING * receivers, "checked " + checker.checked);
            checker = null;
        }

        SrtpMasterKey key(SplittableRandom random) {
            return new SrtpMasterKey(profile, RtpReceivePathBenchmark.bytes(random, profile.keyLength()),
                    RtpReceivePathBenchmark.bytes(random, profile.saltLength()));
        }

        /** Receives the next packet of the ring: copy out of the "socket", unprotect in place. */
        int receive() {
            if (pos == RING) {
                pos = 0;
                in = new SrtpInboundSession(publisherKey);
            }
            byte[] next = ring[pos++];
            System.arraycopy(next, 0, inBytes, 0, next.length);
            inBuffer.clear().limit(next.length);
            SrtpResult result = in.unprotectRtp(inBuffer);
            if (result != SrtpResult.OK) {
                throw new IllegalStateException("unprotect: " + result);
            }
            return inBuffer.remaining();
        }

        int forwardPatch() throws RtpParseException {
            int length = receive();
            RtpPacket packet = RtpPacket.parse(inBuffer);
            locateElements(packet);
            int sent = 0;
            for (Subscriber s : subscribers) {
                System.arraycopy(inBytes, 0, outBytes, 0, length);
                putShort(outBytes, 2, s.sequenceNumber++);
                putInt(outBytes, 8, s.ssrc);
                for (int e = 0; e < elementCount; e++) {
                    int at = elementOffsets[e];
                    int id = (outBytes[at] & 0xFF) >>> 4;
                    outBytes[at] = (byte) (s.ids[id] << 4 | (outBytes[at] & 0x0F));
                }
                putShort(outBytes, transportCcValueOffset, s.transportSequenceNumber++);
                sent += send(s, length);
            }
            return sent;
        }

        int forwardBuilder() throws RtpParseException {
            receive();
            RtpPacket packet = RtpPacket.parse(inBuffer);
            int sent = 0;
            for (Subscriber s : subscribers) {
                RtpPacketBuilder builder = RtpPacket.builder().marker(packet.marker())
                        .payloadType(packet.payloadType()).sequenceNumber(s.sequenceNumber++ & 0xFFFF)
                        .timestamp(packet.timestamp()).ssrc(s.ssrc);
                for (int e = 0; e < packet.extensionCount(); e++) {
                    int id = packet.extensionId(e);
                    byte[] value;
                    if (id == TRANSPORT_CC_ID) {
                        value = new TransportSequenceNumberExtension(s.transportSequenceNumber++ & 0xFFFF).encode();
                    } else {
                        ByteBuffer data = packet.extensionValue(e);
                        value = new byte[data.remaining()];
                        data.get(value);
                    }
                    builder.addExtension(s.ids[id], value);
                }
                builder.payload(packet.payload());
                outBuffer.clear();
                builder.writeTo(outBuffer);
                sent += send(s, outBuffer.position());
            }
            return sent;
        }

        int protectBaseline() {
            if (pos == RING) {
                pos = 0;
            }
            byte[] plain = plainRing[pos++];
            int sent = 0;
            for (Subscriber s : subscribers) {
                System.arraycopy(plain, 0, outBytes, 0, plain.length);
                putShort(outBytes, 2, s.sequenceNumber++);
                putInt(outBytes, 8, s.ssrc);
                if (checker != null) {
                    // The baseline's packets keep the publisher's extensions: number them as the
                    // forwarders do so that the checker's expectations hold.
                    for (int e = 0; e < elementCount; e++) {
                        int at = elementOffsets[e];
                        int id = (outBytes[at] & 0xFF) >>> 4;
                        outBytes[at] = (byte) (s.ids[id] << 4 | (outBytes[at] & 0x0F));
                    }
                    putShort(outBytes, transportCcValueOffset, s.transportSequenceNumber++);
                }
                sent += send(s, plain.length);
            }
            return sent;
        }

        /** Protects the subscriber's packet in {@link #outBytes} and hands it on. */
        int send(Subscriber s, int length) {
            outBuffer.clear().limit(length);
            SrtpResult result = s.out.protectRtp(outBuffer);
            if (result != SrtpResult.OK) {
                throw new IllegalStateException("protect: " + result);
            }
            if (checker != null) {
                checker.check(s, outBuffer, pos - 1);
            }
            return outBuffer.remaining();
        }

        /** RFC 8285 §4.2: walks the one-byte elements for the offsets of their id bytes. */
        void locateElements(RtpPacket packet) {
            elementCount = 0;
            transportCcValueOffset = -1;
            int start = packet.headerLength() - packet.extensionData().remaining();
            int end = packet.headerLength();
            int at = start;
            while (at < end && elementCount < elementOffsets.length) {
                int b = inBytes[at] & 0xFF;
                if (b == 0) {
                    at++;
                    continue;
                }
                int id = b >>> 4;
                if (id == 15) {
                    break;
                }
                if (id == TRANSPORT_CC_ID) {
                    transportCcValueOffset = at + 1;
                }
                elementOffsets[elementCount++] = at;
                at += 2 + (b & 0x0F);
            }
            if (transportCcValueOffset < 0) {
                throw new IllegalStateException("no transport-wide sequence number");
            }
        }
    }

    /** One subscriber: its SRTP context, SSRC, counters and negotiated extension ids. */
    static final class Subscriber {
        final SrtpMasterKey key;
        final SrtpOutboundSession out;
        final int ssrc;
        final int[] ids;
        int sequenceNumber;
        int transportSequenceNumber;
        SrtpInboundSession checkIn;
        int checkedSequence = -1;
        int checkedTransport = -1;

        Subscriber(SrtpMasterKey key, int ssrc, int[] ids, int sequenceNumber, int transportSequenceNumber) {
            this.key = key;
            this.out = new SrtpOutboundSession(key);
            this.ssrc = ssrc;
            this.ids = ids;
            this.sequenceNumber = sequenceNumber;
            this.transportSequenceNumber = transportSequenceNumber;
        }
    }

    /** Set-up only: opens what each subscriber was sent with its own key, as the subscriber would. */
    static final class Checker {
        final Relay relay;
        long checked;

        Checker(Relay relay) {
            this.relay = relay;
        }

        void check(Subscriber s, ByteBuffer sent, int ringIndex) {
            if (s.checkIn == null) {
                s.checkIn = new SrtpInboundSession(s.key);
            }
            byte[] copy = new byte[sent.remaining() + ROOM];
            sent.duplicate().get(copy, 0, sent.remaining());
            ByteBuffer b = ByteBuffer.wrap(copy, 0, sent.remaining());
            require(s.checkIn.unprotectRtp(b) == SrtpResult.OK, "subscriber cannot unprotect");
            try {
                check(s, RtpPacket.parse(b), RtpPacket.parse(ByteBuffer.wrap(relay.plainRing[ringIndex])));
            } catch (RtpParseException e) {
                throw new IllegalStateException(e);
            }
            checked++;
        }

        void check(Subscriber s, RtpPacket got, RtpPacket original) throws RtpParseException {
            require(got.ssrc() == s.ssrc, "ssrc");
            require(s.checkedSequence < 0 || got.sequenceNumber() == (s.checkedSequence + 1 & 0xFFFF), "sequence gap");
            s.checkedSequence = got.sequenceNumber();
            int transport = TransportSequenceNumberExtension.readSequenceNumber(got.extension(s.ids[TRANSPORT_CC_ID]));
            require(s.checkedTransport < 0 || transport == (s.checkedTransport + 1 & 0xFFFF), "transport sequence gap");
            s.checkedTransport = transport;
            require(got.extension(s.ids[ABS_SEND_TIME_ID]).equals(original.extension(ABS_SEND_TIME_ID)), "abs-send-time");
            require(got.extension(s.ids[VIDEO_ORIENTATION_ID]) != null, "video-orientation");
            require(got.timestamp() == original.timestamp() && got.marker() == original.marker()
                    && got.payloadType() == original.payloadType(), "header fields");
            require(got.payload().equals(original.payload()), "payload");
        }
    }

    /** Forwards one arriving packet to K subscribers, rewriting the header bytes in place. */
    @Benchmark
    public int forwardPatch(Relay relay) throws RtpParseException {
        return relay.forwardPatch();
    }

    /** Forwards one arriving packet to K subscribers, rebuilding each with {@link RtpPacketBuilder}. */
    @Benchmark
    public int forwardBuilder(Relay relay) throws RtpParseException {
        return relay.forwardBuilder();
    }

    /** Baseline: K protects of the same plaintext packet, nothing else. */
    @Benchmark
    public int protectBaseline(Relay relay) {
        return relay.protectBaseline();
    }

    /**
     * The same three operations timed by this thread's CPU time instead of wall time, taking
     * turns in short rounds, so that other processes on a loaded machine slow none of them more
     * than the others: what one core forwards, whatever the load. Prints, per profile and K, the
     * median over the rounds of each operation's rate per CPU-second and the ratios.
     *
     * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar org.ortc4j.benchmarks.SfuForwardBenchmark [rounds]}.
     */
    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        long roundCpuNanos = 200_000_000L;
        System.out.println("profile K forwardPatch/s forwardBuilder/s protectBaseline/s (arriving packets per CPU-second)"
                + " patch/baseline builder/baseline forwarded-packets/s(patch)");
        for (SrtpProfile profile : new SrtpProfile[] {SrtpProfile.AES_CM_128_HMAC_SHA1_80, SrtpProfile.AEAD_AES_128_GCM}) {
            for (int k : new int[] {1, 4, 16}) {
                Relay[] relays = new Relay[3];
                for (int v = 0; v < 3; v++) {
                    relays[v] = new Relay();
                    relays[v].profile = profile;
                    relays[v].receivers = k;
                    relays[v].setUp();
                }
                double[][] rates = new double[3][rounds];
                for (int round = -3; round < rounds; round++) { // three rounds of warm-up
                    for (int v = 0; v < 3; v++) {
                        long start = threadCpuNanos();
                        long now = start;
                        long ops = 0;
                        while (now - start < roundCpuNanos) {
                            for (int i = 0; i < 64; i++) {
                                switch (v) {
                                    case 0 -> relays[v].forwardPatch();
                                    case 1 -> relays[v].forwardBuilder();
                                    default -> relays[v].protectBaseline();
                                }
                            }
                            ops += 64;
                            now = threadCpuNanos();
                        }
                        if (round >= 0) {
                            rates[v][round] = ops * 1e9 / (now - start);
                        }
                    }
                }
                double patch = median(rates[0]);
                double builder = median(rates[1]);
                double base = median(rates[2]);
                System.out.printf("%s %d %.0f %.0f %.0f %.2f %.2f %.0f%n", profile, k, patch, builder, base,
                        patch / base, builder / base, patch * k);
            }
        }
    }

    /** This thread's CPU time, through java.lang.management (which this module does not read). */
    static long threadCpuNanos() throws ReflectiveOperationException {
        if (threadMxBean == null) {
            threadMxBean = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
            currentThreadCpuTime = Class.forName("java.lang.management.ThreadMXBean").getMethod("getCurrentThreadCpuTime");
        }
        return (Long) currentThreadCpuTime.invoke(threadMxBean);
    }

    private static Object threadMxBean;
    private static java.lang.reflect.Method currentThreadCpuTime;

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    static void putShort(byte[] b, int at, int value) {
        b[at] = (byte) (value >>> 8);
        b[at + 1] = (byte) value;
    }

    static void putInt(byte[] b, int at, int value) {
        b[at] = (byte) (value >>> 24);
        b[at + 1] = (byte) (value >>> 16);
        b[at + 2] = (byte) (value >>> 8);
        b[at + 3] = (byte) value;
    }

    static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }
}
