package org.ortc4j.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.ortc4j.media.AudioFrame;
import org.ortc4j.media.CodecInfo;
import org.ortc4j.media.EncodedFrame;
import org.ortc4j.media.MediaClock;
import org.ortc4j.media.MediaCodecProvider;
import org.ortc4j.media.MediaCodecs;
import org.ortc4j.media.MediaDecoder;
import org.ortc4j.media.MediaEncoder;
import org.ortc4j.media.MediaFrame;
import org.ortc4j.media.TimeBase;
import org.ortc4j.media.VideoFrame;
import org.ortc4j.media.VideoSourceTrack;
import org.ortc4j.media.ffmpeg.FfmpegCodecProvider;

/**
 * Video codecs of ortc-media-ffmpeg and Opus in its two implementations, in operations per
 * second, each on one thread's worth of calls (the encoders may use up to 4 threads inside for
 * 640x480 and larger, as they do in a call):
 *
 * <ul>
 *   <li>{@code videoEncode} / {@code videoDecode}: frames per second of VP8 (libvpx) and H.264
 *       (OpenH264 to encode, FFmpeg's decoder) at 640x480 and 1280x720, real-time settings, on
 *       ortc-media's moving test pattern at 1.5 and 2.5 Mbit/s. A cycle of 60 frames; decoding
 *       loops over a stream that starts with a key frame, so the loop restarts cleanly.
 *   <li>{@code opusEncode} / {@code opusDecode}: 20 ms frames of 48 kHz stereo per second,
 *       Concentus (pure Java, ortc-media's built-in) against libopus. The real-time factor is
 *       the score times 0.02 s: 500 ops/s is 10 times faster than real time.
 * </ul>
 *
 * <p>Frames are made and checked (they encode, decode back to their size) before timing.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class MediaCodecBenchmark {

    private static final int CYCLE = 60;

    /** A clock on which every frame is due at once: the pattern source hands frames out immediately. */
    private static final MediaClock IMMEDIATE = new MediaClock() {
        @Override
        public long nanoTime() {
            return 0;
        }

        @Override
        public void schedule(Runnable task, long deadlineNanos) {
            task.run();
        }
    };

    /** One video codec at one size, with its frames and their encoding. */
    @State(Scope.Thread)
    public static class Video {

        @Param({"VP8", "H264"})
        public String codec;

        @Param({"640x480", "1280x720"})
        public String size;

        VideoFrame[] frames;
        EncodedFrame[] encoded;
        MediaEncoder encoder;
        MediaDecoder decoder;
        int next;
        long pts;

        @Setup(Level.Trial)
        public void setUp() {
            int width = Integer.parseInt(size.substring(0, size.indexOf('x')));
            int height = Integer.parseInt(size.substring(size.indexOf('x') + 1));
            CodecInfo info = codec.equals("H264")
                    ? new CodecInfo("video/H264", 90_000, 0, Map.of("profile-level-id", "42e01f", "packetization-mode", "1"))
                    : new CodecInfo("video/VP8", 90_000, 0);
            FfmpegCodecProvider provider = new FfmpegCodecProvider();
            VideoSourceTrack source = new VideoSourceTrack(IMMEDIATE, width, height, 30);
            frames = new VideoFrame[CYCLE];
            for (int i = 0; i < CYCLE; i++) {
                frames[i] = (VideoFrame) source.recv().join();
            }
            source.stop();
            int bitrate = width >= 1280 ? 2_500_000 : 1_500_000;
            encoded = new EncodedFrame[CYCLE];
            try (MediaEncoder once = provider.createEncoder(info).orElseThrow();
                    MediaDecoder check = provider.createDecoder(info).orElseThrow()) {
                once.setTargetBitrate(bitrate);
                for (int i = 0; i < CYCLE; i++) {
                    encoded[i] = once.encode(frames[i]).get(0);
                    List<MediaFrame> back = check.decode(encoded[i]);
                    if (back.size() != 1 || ((VideoFrame) back.get(0)).width() != width) {
                        throw new IllegalStateException(codec + " frame " + i + " did not decode to " + size);
                    }
                }
            }
            if (!encoded[0].keyFrame()) {
                throw new IllegalStateException("the cycle must start with a key frame");
            }
            encoder = provider.createEncoder(info).orElseThrow();
            encoder.setTargetBitrate(bitrate);
            decoder = provider.createDecoder(info).orElseThrow();
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            encoder.close();
            decoder.close();
        }
    }

    /** One Opus implementation with 20 ms of a stereo tone and its packets. */
    @State(Scope.Thread)
    public static class Opus {

        @Param({"concentus", "libopus"})
        public String implementation;

        AudioFrame[] frames;
        EncodedFrame[] packets;
        MediaEncoder encoder;
        MediaDecoder decoder;
        int next;

        @Setup(Level.Trial)
        public void setUp() {
            MediaCodecProvider provider = implementation.equals("libopus") ? new FfmpegCodecProvider()
                    : MediaCodecs.load().providers().stream().filter(p -> !(p instanceof FfmpegCodecProvider)).findFirst().orElseThrow();
            CodecInfo opus = new CodecInfo("audio/opus", 48_000, 2);
            frames = new AudioFrame[50];
            for (int i = 0; i < frames.length; i++) {
                short[] pcm = new short[960 * 2];
                for (int s = 0; s < 960; s++) {
                    short v = (short) Math.round(8000 * Math.sin(2 * Math.PI * 440 * (i * 960 + s) / 48_000.0));
                    pcm[2 * s] = v;
                    pcm[2 * s + 1] = v;
                }
                frames[i] = new AudioFrame(pcm, 48_000, 2, i * 960L, TimeBase.ofRate(48_000));
            }
            List<EncodedFrame> out = new ArrayList<>();
            try (MediaEncoder once = provider.createEncoder(opus).orElseThrow()) {
                once.setTargetBitrate(64_000);
                for (AudioFrame f : frames) {
                    out.addAll(once.encode(f));
                }
            }
            if (out.size() != frames.length) {
                throw new IllegalStateException(implementation + " gave " + out.size() + " packets for " + frames.length + " frames");
            }
            packets = out.toArray(new EncodedFrame[0]);
            encoder = provider.createEncoder(opus).orElseThrow();
            encoder.setTargetBitrate(64_000);
            decoder = provider.createDecoder(opus).orElseThrow();
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            encoder.close();
            decoder.close();
        }
    }

    @Benchmark
    public List<EncodedFrame> videoEncode(Video v) {
        VideoFrame frame = v.frames[v.next];
        v.next = (v.next + 1) % CYCLE;
        return v.encoder.encode(frame);
    }

    @Benchmark
    public List<MediaFrame> videoDecode(Video v) {
        EncodedFrame frame = v.encoded[v.next];
        v.next = (v.next + 1) % CYCLE;
        return v.decoder.decode(frame);
    }

    @Benchmark
    public List<EncodedFrame> opusEncode(Opus o) {
        AudioFrame frame = o.frames[o.next];
        o.next = (o.next + 1) % o.frames.length;
        return o.encoder.encode(frame);
    }

    @Benchmark
    public List<MediaFrame> opusDecode(Opus o) {
        EncodedFrame packet = o.packets[o.next];
        o.next = (o.next + 1) % o.packets.length;
        return o.decoder.decode(packet);
    }
}
