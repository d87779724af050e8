package org.ortc4j.benchmarks;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.ortc4j.rtp.payload.H264Depacketizer;
import org.ortc4j.rtp.payload.H264PacketizationMode;
import org.ortc4j.rtp.payload.H264Packetizer;
import org.ortc4j.rtp.payload.RtpPayload;
import org.ortc4j.rtp.payload.RtpPayloadException;
import org.ortc4j.rtp.payload.Vp8Depacketizer;
import org.ortc4j.rtp.payload.Vp8Packetizer;

/**
 * RTP payload formats ({@code org.ortc4j.rtp.payload}) on a 1080p-sized key frame of about 150 KB,
 * at 1,100-byte payloads as WebRTC senders use them, against a plain copy of the same bytes in the
 * same run. The {@code packets} counter is the result: RTP payloads made or consumed per second
 * (a frame is 137 payloads; the per-invocation score is frames per second).
 *
 * <ul>
 *   <li>{@link #vp8Packetize} / {@link #vp8Depacketize}: a VP8 key frame (RFC 7741; 4-byte
 *       descriptor with a 15-bit picture ID per payload).
 *   <li>{@link #h264Packetize} / {@link #h264Depacketize}: an H.264 IDR access unit as Annex B
 *       (SPS, PPS and two IDR slices; RFC 6184 mode 1: STAP-A for SPS and PPS, FU-A for slices).
 *   <li>{@link #baselineSlice} / {@link #baselineJoin} (baselines): {@code System.arraycopy} of
 *       the frame's bytes into new 1,100-byte arrays, and of 1,100-byte arrays into one new frame:
 *       the copying any packetizer and depacketizer must do, with nothing else.
 * </ul>
 *
 * <p>Set-up fails the run unless each depacketizer gives back the frame its packetizer was given.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar RtpPayloadBenchmark}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
// A fixed heap, so that heap resizing is not part of what is measured.
@Fork(value = 3, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class RtpPayloadBenchmark {

    static final int MAX_PAYLOAD_SIZE = 1100;
    static final int FRAME_SIZE = 150_000;

    /** The frames, their payloads, and the packetizers and depacketizers. */
    @State(Scope.Thread)
    public static class Frames {
        ByteBuffer vp8Frame;
        ByteBuffer h264Frame;
        byte[] baselineFrame;
        List<ByteBuffer> vp8Payloads;
        List<ByteBuffer> h264Payloads;
        List<byte[]> baselineSlices;
        Vp8Packetizer vp8Packetizer;
        Vp8Depacketizer vp8Depacketizer;
        H264Packetizer h264Packetizer;
        H264Depacketizer h264Depacketizer;

        @Setup(Level.Trial)
        public void setUp() throws RtpPayloadException {
            SplittableRandom random = new SplittableRandom(1080);
            byte[] vp8 = new byte[FRAME_SIZE];
            random.nextBytes(vp8);
            // RFC 6386 §9.1: frame tag with the key frame bit (bit 0) clear, then 9d 01 2a.
            vp8[0] = (byte) (vp8[0] & ~1);
            vp8[3] = (byte) 0x9d;
            vp8[4] = 0x01;
            vp8[5] = 0x2a;
            vp8Frame = ByteBuffer.wrap(vp8);

            byte[] sps = {0x67, 0x42, (byte) 0xc0, 0x28, (byte) 0xda, 0x01, (byte) 0xe0, 0x08, (byte) 0x9f, (byte) 0x96};
            byte[] pps = {0x68, (byte) 0xce, 0x0f, (byte) 0xc8};
            int sliceSize = (FRAME_SIZE - sps.length - pps.length - 16) / 2;
            ByteArrayOutputStream annexB = new ByteArrayOutputStream();
            for (byte[] nal : new byte[][] {sps, pps, slice(random, sliceSize), slice(random, sliceSize)}) {
                annexB.writeBytes(new byte[] {0, 0, 0, 1});
                annexB.writeBytes(nal);
            }
            h264Frame = ByteBuffer.wrap(annexB.toByteArray());

            vp8Packetizer = new Vp8Packetizer(random.nextInt(0x8000));
            vp8Depacketizer = new Vp8Depacketizer();
            h264Packetizer = new H264Packetizer(H264PacketizationMode.NON_INTERLEAVED);
            h264Depacketizer = new H264Depacketizer();
            vp8Payloads = buffers(vp8Packetizer.packetize(vp8Frame, MAX_PAYLOAD_SIZE));
            h264Payloads = buffers(h264Packetizer.packetize(h264Frame, MAX_PAYLOAD_SIZE));
            check(vp8Depacketizer.depacketize(vp8Payloads), vp8Frame, "VP8");
            check(h264Depacketizer.depacketize(h264Payloads), h264Frame, "H.264");

            baselineFrame = vp8.clone();
            baselineSlices = new ArrayList<>();
            for (int offset = 0; offset < FRAME_SIZE; offset += MAX_PAYLOAD_SIZE) {
                baselineSlices.add(Arrays.copyOfRange(baselineFrame, offset, Math.min(FRAME_SIZE, offset + MAX_PAYLOAD_SIZE)));
            }
        }

        /** An IDR slice NAL unit (NRI 3, type 5) of random bytes 1..255: no start code inside. */
        private static byte[] slice(SplittableRandom random, int size) {
            byte[] nal = new byte[size];
            for (int i = 0; i < size; i++) {
                nal[i] = (byte) random.nextInt(1, 256);
            }
            nal[0] = 0x65;
            return nal;
        }

        private static List<ByteBuffer> buffers(List<RtpPayload> payloads) {
            List<ByteBuffer> buffers = new ArrayList<>(payloads.size());
            for (RtpPayload payload : payloads) {
                buffers.add(payload.data());
            }
            return buffers;
        }

        private static void check(byte[] frame, ByteBuffer expected, String codec) {
            if (!ByteBuffer.wrap(frame).equals(expected)) {
                throw new IllegalStateException(codec + " payloads do not depacketize to the frame");
            }
        }
    }

    /** Payloads made or consumed: the figure to read. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Packets {
        public long packets;
    }

    @Benchmark
    public List<RtpPayload> vp8Packetize(Frames frames, Packets packets) {
        List<RtpPayload> payloads = frames.vp8Packetizer.packetize(frames.vp8Frame, MAX_PAYLOAD_SIZE);
        packets.packets += payloads.size();
        return payloads;
    }

    @Benchmark
    public byte[] vp8Depacketize(Frames frames, Packets packets) throws RtpPayloadException {
        packets.packets += frames.vp8Payloads.size();
        return frames.vp8Depacketizer.depacketize(frames.vp8Payloads);
    }

    @Benchmark
    public List<RtpPayload> h264Packetize(Frames frames, Packets packets) {
        List<RtpPayload> payloads = frames.h264Packetizer.packetize(frames.h264Frame, MAX_PAYLOAD_SIZE);
        packets.packets += payloads.size();
        return payloads;
    }

    @Benchmark
    public byte[] h264Depacketize(Frames frames, Packets packets) throws RtpPayloadException {
        packets.packets += frames.h264Payloads.size();
        return frames.h264Depacketizer.depacketize(frames.h264Payloads);
    }

    /** Baseline: the frame copied into new 1,100-byte arrays. */
    @Benchmark
    public List<byte[]> baselineSlice(Frames frames, Packets packets) {
        byte[] frame = frames.baselineFrame;
        List<byte[]> slices = new ArrayList<>(FRAME_SIZE / MAX_PAYLOAD_SIZE + 1);
        for (int offset = 0; offset < frame.length; offset += MAX_PAYLOAD_SIZE) {
            byte[] slice = new byte[Math.min(MAX_PAYLOAD_SIZE, frame.length - offset)];
            System.arraycopy(frame, offset, slice, 0, slice.length);
            slices.add(slice);
        }
        packets.packets += slices.size();
        return slices;
    }

    /** Baseline: 1,100-byte arrays copied into one new frame. */
    @Benchmark
    public byte[] baselineJoin(Frames frames, Packets packets) {
        List<byte[]> slices = frames.baselineSlices;
        byte[] frame = new byte[FRAME_SIZE];
        int offset = 0;
        for (byte[] slice : slices) {
            System.arraycopy(slice, 0, frame, offset, slice.length);
            offset += slice.length;
        }
        packets.packets += slices.size();
        return frame;
    }
}
