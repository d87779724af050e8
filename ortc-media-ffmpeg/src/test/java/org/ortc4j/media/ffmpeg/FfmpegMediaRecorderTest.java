package org.ortc4j.media.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ortc4j.media.AudioFrame;
import org.ortc4j.media.MediaKind;
import org.ortc4j.media.VideoFrame;

/**
 * Files the recorder writes, read by a tool nobody here wrote: {@code ffprobe} from Debian's
 * {@code ffmpeg} package must report the codec, size, frame count and duration of each stream.
 * Two seconds of ortc-media's test pattern (320x240, 30 fps) and tone (48 kHz stereo).
 */
class FfmpegMediaRecorderTest {

    @TempDir
    Path dir;

    @BeforeEach
    void needsFfprobe() {
        ExternalTool.requireOnPath("ffprobe", "ffmpeg");
    }

    static List<Map<String, String>> probe(Path file) throws Exception {
        String out = ExternalTool.run("ffprobe", "-v", "error", "-count_frames", "-show_entries",
                "stream=codec_type,codec_name,profile,sample_rate,channels,width,height,nb_read_frames:format=duration",
                "-of", "default=noprint_wrappers=0", file.toString());
        List<Map<String, String>> sections = new java.util.ArrayList<>();
        Map<String, String> current = null;
        for (String line : out.split("\n")) {
            line = line.trim();
            if (line.startsWith("[STREAM]") || line.startsWith("[FORMAT]")) {
                current = new HashMap<>();
                sections.add(current);
            } else if (current != null && line.indexOf('=') > 0) {
                current.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
            }
        }
        return sections;
    }

    static Map<String, String> stream(List<Map<String, String>> probe, String type) {
        return probe.stream().filter(s -> type.equals(s.get("codec_type"))).findFirst().orElseThrow(() -> new AssertionError("no " + type + " stream in " + probe));
    }

    static double duration(List<Map<String, String>> probe) {
        return Double.parseDouble(probe.stream().filter(s -> s.containsKey("duration")).findFirst().orElseThrow().get("duration"));
    }

    static Path record(Path file, boolean video, boolean audio) throws Exception {
        FfmpegMediaRecorder recorder = new FfmpegMediaRecorder(file);
        if (video) {
            recorder.addTrack(new FiniteTrack(MediaKind.VIDEO, TestMedia.pattern(320, 240, 30, 60)));
        }
        if (audio) {
            recorder.addTrack(new FiniteTrack(MediaKind.AUDIO, TestMedia.tone(440, 48_000, 2, 100)));
        }
        recorder.start();
        recorder.finished().get(30, TimeUnit.SECONDS);
        return file;
    }

    @Test
    void mp4HoldsConstrainedBaselineH264AndOpus() throws Exception {
        List<Map<String, String>> p = probe(record(dir.resolve("pattern.mp4"), true, true));
        assertThat(stream(p, "video")).containsEntry("codec_name", "h264").containsEntry("profile", "Constrained Baseline")
                .containsEntry("width", "320").containsEntry("height", "240").containsEntry("nb_read_frames", "60");
        assertThat(stream(p, "audio")).containsEntry("codec_name", "opus").containsEntry("channels", "2").containsEntry("sample_rate", "48000")
                .containsEntry("nb_read_frames", "100");
        assertThat(duration(p)).isCloseTo(2.0, Offset.offset(0.1));
    }

    @Test
    void webmHoldsVp8AndOpus() throws Exception {
        List<Map<String, String>> p = probe(record(dir.resolve("pattern.webm"), true, true));
        assertThat(stream(p, "video")).containsEntry("codec_name", "vp8").containsEntry("width", "320").containsEntry("nb_read_frames", "60");
        assertThat(stream(p, "audio")).containsEntry("codec_name", "opus").containsEntry("nb_read_frames", "100");
        assertThat(duration(p)).isCloseTo(2.0, Offset.offset(0.1));
    }

    @Test
    void mkvHoldsH264() throws Exception {
        List<Map<String, String>> p = probe(record(dir.resolve("pattern.mkv"), true, false));
        assertThat(stream(p, "video")).containsEntry("codec_name", "h264").containsEntry("height", "240").containsEntry("nb_read_frames", "60");
        assertThat(duration(p)).isCloseTo(2.0, Offset.offset(0.1));
    }

    @Test
    void oggHoldsOpusAndWavHoldsPcm() throws Exception {
        List<Map<String, String>> ogg = probe(record(dir.resolve("tone.ogg"), false, true));
        assertThat(stream(ogg, "audio")).containsEntry("codec_name", "opus").containsEntry("channels", "2").containsEntry("nb_read_frames", "100");
        // RFC 7845 §4.2: the pre-skip (312 samples) is not played.
        assertThat(duration(ogg)).isCloseTo(2.0, Offset.offset(0.02));
        List<Map<String, String>> wav = probe(record(dir.resolve("tone.wav"), false, true));
        assertThat(stream(wav, "audio")).containsEntry("codec_name", "pcm_s16le").containsEntry("channels", "2").containsEntry("sample_rate", "48000");
        assertThat(duration(wav)).isCloseTo(2.0, Offset.offset(0.001));
    }

    @Test
    void encodedFramesAreMuxedAsTheyAre() throws Exception {
        // Frames from an encoder (as an RTP receiver would hand them over) go in untouched.
        List<org.ortc4j.media.EncodedFrame> encoded = new java.util.ArrayList<>();
        try (var encoder = new FfmpegCodecProvider().createEncoder(new org.ortc4j.media.CodecInfo("video/VP8", 90_000, 0)).orElseThrow()) {
            for (VideoFrame f : TestMedia.pattern(320, 240, 30, 30)) {
                encoded.addAll(encoder.encode(f));
            }
        }
        Path file = dir.resolve("passthrough.webm");
        FfmpegMediaRecorder recorder = new FfmpegMediaRecorder(file);
        recorder.addTrack(new FiniteTrack(MediaKind.VIDEO, encoded));
        recorder.start();
        recorder.finished().get(30, TimeUnit.SECONDS);
        assertThat(stream(probe(file), "video")).containsEntry("codec_name", "vp8").containsEntry("width", "320").containsEntry("nb_read_frames", "30");
    }

    @Test
    void stopWhileRecordingALiveSourceLeavesAPlayableFile() throws Exception {
        // An endless pattern source (every frame due at once); the test stops the recorder once
        // 45 frames have been taken from it.
        org.ortc4j.media.VideoSourceTrack source = new org.ortc4j.media.VideoSourceTrack(TestMedia.IMMEDIATE, 160, 120, 30);
        java.util.concurrent.CompletableFuture<Void> enough = new java.util.concurrent.CompletableFuture<>();
        java.util.concurrent.atomic.AtomicInteger taken = new java.util.concurrent.atomic.AtomicInteger();
        org.ortc4j.media.MediaStreamTrack counted = new org.ortc4j.media.MediaStreamTrack(MediaKind.VIDEO) {
            @Override
            public java.util.concurrent.CompletableFuture<org.ortc4j.media.MediaFrame> recv() {
                if (taken.incrementAndGet() == 45) {
                    enough.complete(null);
                }
                return source.recv();
            }
        };
        Path file = dir.resolve("live.webm");
        FfmpegMediaRecorder recorder = new FfmpegMediaRecorder(file);
        recorder.addTrack(counted);
        recorder.start();
        enough.get(30, TimeUnit.SECONDS);
        recorder.stop().get(30, TimeUnit.SECONDS);
        int frames = Integer.parseInt(stream(probe(file), "video").get("nb_read_frames"));
        assertThat(frames).isBetween(44, taken.get());
        assertThat(recorder.finished()).isCompleted();
    }

    @Test
    void containersRefuseWhatTheyCannotHold() {
        assertThatThrownBy(() -> new FfmpegMediaRecorder(dir.resolve("x.avi"))).isInstanceOf(IllegalArgumentException.class);
        FfmpegMediaRecorder wav = new FfmpegMediaRecorder(dir.resolve("x.wav"));
        assertThatThrownBy(() -> wav.addTrack(new FiniteTrack(MediaKind.VIDEO, List.<VideoFrame>of()))).isInstanceOf(IllegalArgumentException.class);
        wav.addTrack(new FiniteTrack(MediaKind.AUDIO, List.<AudioFrame>of()));
        assertThatThrownBy(() -> wav.addTrack(new FiniteTrack(MediaKind.AUDIO, List.<AudioFrame>of()))).isInstanceOf(IllegalStateException.class);
        wav.stop().join();
    }
}
