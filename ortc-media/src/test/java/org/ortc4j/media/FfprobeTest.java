package org.ortc4j.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files our writers make, read by a tool nobody here wrote: {@code ffprobe} from Debian's
 * {@code ffmpeg} must report the right codec, size, duration and frame count. And G.722 against
 * FFmpeg's independent implementation, both ways.
 */
class FfprobeTest {

    @TempDir
    Path dir;

    @BeforeEach
    void needsFfmpeg() {
        ExternalTool.requireOnPath("ffprobe", "ffmpeg");
        ExternalTool.requireOnPath("ffmpeg", "ffmpeg");
    }

    private static Map<String, String> probe(Path file) throws Exception {
        String out = ExternalTool.run("ffprobe", "-v", "error", "-count_frames", "-show_entries",
                "stream=codec_name,sample_rate,channels,width,height,nb_read_frames:format=duration",
                "-of", "default=noprint_wrappers=1", file.toString());
        Map<String, String> fields = new HashMap<>();
        for (String line : out.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                fields.putIfAbsent(line.substring(0, eq), line.substring(eq + 1).trim());
            }
        }
        return fields;
    }

    @Test
    void wavIsPcm16WithItsRateChannelsAndDuration() throws Exception {
        Path file = dir.resolve("tone.wav");
        try (WavWriter writer = WavWriter.create(file, 48000, 2)) {
            short[] stereo = new short[2 * 48000];
            writer.write(new AudioFrame(stereo, 48000, 2, 0, TimeBase.ofRate(48000)));
        }
        Map<String, String> p = probe(file);
        assertThat(p).containsEntry("codec_name", "pcm_s16le").containsEntry("sample_rate", "48000").containsEntry("channels", "2");
        assertThat(Double.parseDouble(p.get("duration"))).isCloseTo(1.0, org.assertj.core.data.Offset.offset(0.001));
    }

    @Test
    void y4mIsRawVideoWithItsSizeAndFrameCount() throws Exception {
        Path file = dir.resolve("pattern.y4m");
        VirtualMediaClock clock = new VirtualMediaClock();
        VideoSourceTrack source = new VideoSourceTrack(clock, 64, 48, 30);
        try (Y4mWriter writer = Y4mWriter.create(file, 64, 48, 30, 1)) {
            for (int i = 0; i < 10; i++) {
                var next = source.recv();
                clock.advanceMillis(34);
                writer.write((VideoFrame) next.join());
            }
        }
        Map<String, String> p = probe(file);
        assertThat(p).containsEntry("codec_name", "rawvideo").containsEntry("width", "64").containsEntry("height", "48")
                .containsEntry("nb_read_frames", "10");
    }

    @Test
    void oggOpusHasItsCodecChannelsPacketsAndDuration() throws Exception {
        Path file = dir.resolve("tone.opus");
        List<EncodedFrame> packets = AudioCodecRoundTrip.run(new CodecInfo("audio/opus", 48000, 2),
                Signals.sine(440, 8000, 48000, 48000), 48000, 32000).encoded;
        try (OggOpusWriter writer = OggOpusWriter.create(file, 2, OggOpusWriter.DEFAULT_PRE_SKIP)) {
            for (EncodedFrame packet : packets) {
                writer.write(packet);
            }
        }
        Map<String, String> p = probe(file);
        assertThat(p).containsEntry("codec_name", "opus").containsEntry("channels", "2").containsEntry("nb_read_frames", "50");
        // 50 packets of 20 ms decode to 1 s, of which RFC 7845 §4 ("PCM sample position =
        // granule position - pre-skip") plays 1 s - 312/48000; FFmpeg reports the former.
        assertThat(Double.parseDouble(p.get("duration"))).isCloseTo(1.0, org.assertj.core.data.Offset.offset(0.007));
    }

    @Test
    void ivfFromFfmpegReadsAndRewritesFrameForFrame() throws Exception {
        Path original = dir.resolve("ffmpeg.ivf");
        ExternalTool.run("ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc=size=64x48:rate=30", "-frames:v", "12",
                "-c:v", "libvpx", "-g", "6", original.toString());
        Path rewritten = dir.resolve("ours.ivf");
        int keyFrames = 0;
        try (IvfReader reader = IvfReader.open(original);
                IvfWriter writer = IvfWriter.create(rewritten, reader.mimeType(), reader.width(), reader.height(), reader.timeBase())) {
            assertThat(reader.mimeType()).isEqualTo("video/VP8");
            EncodedFrame frame;
            while ((frame = reader.readFrame()) != null) {
                keyFrames += frame.keyFrame() ? 1 : 0;
                writer.write(frame);
            }
        }
        assertThat(keyFrames).isEqualTo(2); // -g 6 over 12 frames
        Map<String, String> p = probe(rewritten);
        assertThat(p).containsEntry("codec_name", "vp8").containsEntry("width", "64").containsEntry("height", "48")
                .containsEntry("nb_read_frames", "12");
    }

    @Test
    void g722InteroperatesWithFfmpegBothWays() throws Exception {
        short[] tone = Signals.sine(1000, 10000, 16000, 32000);
        // Ours encodes, FFmpeg decodes.
        List<EncodedFrame> ours = AudioCodecRoundTrip.run(new CodecInfo("audio/G722", 8000, 1), tone, 16000, 64000).encoded;
        Path g722 = dir.resolve("ours.g722");
        try (var out = Files.newOutputStream(g722)) {
            for (EncodedFrame frame : ours) {
                out.write(frame.toByteArray());
            }
        }
        Path pcm = dir.resolve("ffmpeg.raw");
        ExternalTool.run("ffmpeg", "-v", "error", "-f", "g722", "-i", g722.toString(), "-f", "s16le", "-ac", "1", "-ar", "16000", pcm.toString());
        assertThat(Signals.snrDb(tone, readPcm(pcm), 64, 1600)).isGreaterThan(35);

        // FFmpeg encodes, ours decodes.
        Path wav = dir.resolve("tone.wav");
        try (WavWriter writer = WavWriter.create(wav, 16000, 1)) {
            writer.write(new AudioFrame(tone, 16000, 1, 0, TimeBase.ofRate(16000)));
        }
        Path theirs = dir.resolve("theirs.g722");
        ExternalTool.run("ffmpeg", "-v", "error", "-i", wav.toString(), "-c:a", "g722", "-f", "g722", theirs.toString());
        MediaDecoder decoder = MediaCodecs.load().createDecoder("audio/G722").orElseThrow();
        byte[] encoded = Files.readAllBytes(theirs);
        AudioFrame decoded = (AudioFrame) decoder.decode(new EncodedFrame("audio/G722", encoded, true, 0, TimeBase.ofRate(8000), encoded.length)).get(0);
        assertThat(Signals.snrDb(tone, decoded.toArray(), 64, 1600)).isGreaterThan(35);
    }

    private static short[] readPcm(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        short[] out = new short[bytes.length / 2];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(out);
        return out;
    }
}
