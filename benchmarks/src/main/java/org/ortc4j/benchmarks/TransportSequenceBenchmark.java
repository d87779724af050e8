package org.ortc4j.benchmarks;

import java.nio.ByteBuffer;
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
import org.ortc4j.rtp.RTCRtcpParameters;
import org.ortc4j.rtp.RTCRtpCodecParameters;
import org.ortc4j.rtp.RTCRtpHeaderExtensionParameters;
import org.ortc4j.rtp.interceptor.RtpInterceptorContext;
import org.ortc4j.rtp.interceptor.RtpOutput;
import org.ortc4j.rtp.interceptor.RtpStreamInfo;
import org.ortc4j.rtp.interceptor.TransportSequenceInterceptor;
import org.ortc4j.rtp.packet.AbsSendTimeExtension;
import org.ortc4j.rtp.packet.AudioLevelExtension;
import org.ortc4j.rtp.packet.MidExtension;
import org.ortc4j.rtp.packet.RtpHeaderExtensionMap;
import org.ortc4j.rtp.packet.RtpPacket;
import org.ortc4j.rtp.packet.RtpPacketBuilder;
import org.ortc4j.rtp.packet.RtpParseException;
import org.ortc4j.rtp.packet.TransportSequenceNumberExtension;

/**
 * The cost of writing the transport-wide sequence number into each outgoing packet
 * ({@link TransportSequenceInterceptor}), per packet, in packets per second:
 *
 * <ul>
 *   <li>{@link #inPlace}: the packet has the extension's 2-byte slot (as RtpStreamSender reserves
 *       it) in a buffer the interceptor may write; the number goes into it.
 *   <li>{@link #rebuild} (baseline): the same bytes in a read-only buffer, so the interceptor
 *       takes its fallback and rebuilds the packet with the element (what it did for every
 *       packet before).
 * </ul>
 *
 * <p>Packets as {@link RtpPacketBenchmark}'s: {@code video} 1,200 bytes with abs-send-time, mid
 * and the slot; {@code audio} a 120-byte Opus payload with audio level, mid and the slot. Set-up
 * fails the run unless both ways give the same bytes with the number in them.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 3, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Thread)
public class TransportSequenceBenchmark {

    static final int AUDIO_LEVEL_ID = 1;
    static final int ABS_SEND_TIME_ID = 2;
    static final int TRANSPORT_CC_ID = 3;
    static final int MID_ID = 5;

    /** Which packet: {@code video} or {@code audio}. */
    @Param({"video", "audio"})
    public String kind;

    private RtpOutput inPlaceOutput;
    private RtpOutput rebuildOutput;
    private TransportSequenceInterceptor inPlaceInterceptor;
    private TransportSequenceInterceptor rebuildInterceptor;
    private RtpPacket writable;
    private RtpPacket readOnly;
    /** What the interceptor handed on last; returned, so JMH consumes it. */
    private RtpPacket sent;

    @Setup
    public void setUp() throws RtpParseException {
        boolean video = kind.equals("video");
        SplittableRandom random = new SplittableRandom(8285);
        // Video: 12 fixed + 4 extension header + 12 extension bytes (1+3, 1+2, 1+2 padded).
        byte[] payload = new byte[video ? 1200 - 12 - 4 - 12 : 120];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) random.nextInt(256);
        }
        RtpPacketBuilder builder = RtpPacket.builder().sequenceNumber(4321).timestamp(3_000_000_000L)
                .ssrc(0x1234abcd).payload(payload);
        if (video) {
            builder.marker(true).payloadType(96)
                    .addExtension(ABS_SEND_TIME_ID, new AbsSendTimeExtension(0x0a1b2c).encode());
        } else {
            builder.payloadType(111).addExtension(AUDIO_LEVEL_ID, new AudioLevelExtension(true, 30).encode());
        }
        byte[] wire = builder.addExtension(MID_ID, new MidExtension("0").encode())
                .addExtension(TRANSPORT_CC_ID, new byte[2]).toByteArray();
        writable = RtpPacket.parse(ByteBuffer.wrap(wire.clone()));
        readOnly = RtpPacket.parse(ByteBuffer.wrap(wire.clone()).asReadOnlyBuffer());

        RTCRtpCodecParameters codec = video ? RTCRtpCodecParameters.newBuilder("video/VP8", 90_000, 96).build()
                : RTCRtpCodecParameters.newBuilder("audio/opus", 48_000, 111).channels(2).build();
        RtpStreamInfo stream = new RtpStreamInfo(0x1234abcd, kind, List.of(codec),
                RtpHeaderExtensionMap.of(List.of(
                        new RTCRtpHeaderExtensionParameters(TRANSPORT_CC_ID, TransportSequenceNumberExtension.URI))),
                new RTCRtcpParameters("bench", true), null, null, null);
        inPlaceInterceptor = (TransportSequenceInterceptor) TransportSequenceInterceptor.factory()
                .create(new RtpInterceptorContext(new VirtualScheduler(), 0));
        rebuildInterceptor = (TransportSequenceInterceptor) TransportSequenceInterceptor.factory()
                .create(new RtpInterceptorContext(new VirtualScheduler(), 0));
        RtpPacket[] last = new RtpPacket[2];
        inPlaceOutput = inPlaceInterceptor.bindLocalStream(stream, packet -> sent = packet);
        rebuildOutput = rebuildInterceptor.bindLocalStream(stream, packet -> sent = packet);

        inPlaceOutput.write(writable);
        last[0] = sent;
        rebuildOutput.write(readOnly);
        last[1] = sent;
        require(inPlaceInterceptor.packetsNumberedInPlace() == 1 && rebuildInterceptor.packetsNumberedInPlace() == 0,
                "the two ways were not taken");
        require(last[0].equals(last[1]) && last[0].toBuilder().toByteArray().length == wire.length
                && TransportSequenceNumberExtension.readSequenceNumber(last[0].extension(TRANSPORT_CC_ID)) == 1,
                "the two ways give different packets");
        require(java.util.Arrays.equals(last[0].toBuilder().toByteArray(), last[1].toBuilder().toByteArray()),
                "the two ways give different bytes");
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }

    /**
     * The same two ways timed by this thread's CPU time instead of the wall clock (which a loaded
     * machine makes meaningless), as {@code SfuForwardBenchmark}'s main does: {@code rounds}
     * rounds of 200,000 rebuilds and 2,000,000 in-place writes per packet kind, the first rounds
     * being the JIT's warm-up; prints nanoseconds of CPU per packet.
     */
    public static void main(String[] args) throws RtpParseException, ReflectiveOperationException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        for (String kind : new String[] {"video", "audio"}) {
            TransportSequenceBenchmark bench = new TransportSequenceBenchmark();
            bench.kind = kind;
            bench.setUp();
            int n = 200_000;
            for (int round = 1; round <= rounds; round++) {
                long t0 = SfuForwardBenchmark.threadCpuNanos();
                for (int i = 0; i < n; i++) {
                    bench.rebuild();
                }
                long t1 = SfuForwardBenchmark.threadCpuNanos();
                for (int i = 0; i < 10 * n; i++) {
                    bench.inPlace();
                }
                long t2 = SfuForwardBenchmark.threadCpuNanos();
                double rebuild = (t1 - t0) / (double) n;
                double inPlace = (t2 - t1) / (10.0 * n);
                System.out.printf("%s round %d: rebuild %.1f ns, in place %.1f ns of CPU per packet (%.0fx)%n",
                        kind, round, rebuild, inPlace, rebuild / inPlace);
            }
        }
    }

    @Benchmark
    public RtpPacket inPlace() {
        inPlaceOutput.write(writable);
        return sent;
    }

    @Benchmark
    public RtpPacket rebuild() {
        rebuildOutput.write(readOnly);
        return sent;
    }
}
