package org.ortc4j.media.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ortc4j.media.AudioFrame;
import org.ortc4j.media.EncodedFrame;
import org.ortc4j.media.MediaFormatException;
import org.ortc4j.media.MediaFrame;
import org.ortc4j.media.MediaKind;
import org.ortc4j.media.MediaStreamEndedException;
import org.ortc4j.media.MediaStreamTrack;
import org.ortc4j.media.TimeBase;
import org.ortc4j.media.VideoFrame;
import org.ortc4j.media.WavWriter;

/**
 * The player on files written by FFmpeg-free means (ortc-media's WAV writer) and by the recorder:
 * every frame comes back, at the file's pace on the media clock, decoded, scaled, resampled or
 * still encoded; broken files are a {@link MediaFormatException}.
 */
class FfmpegMediaPlayerTest {

    private static final java.util.concurrent.Executor DIRECT = Runnable::run;

    @TempDir
    Path dir;

    private static List<MediaFrame> drain(MediaStreamTrack track) {
        List<MediaFrame> frames = new ArrayList<>();
        while (true) {
            try {
                frames.add(track.recv().join());
            } catch (CompletionException e) {
                assertThat(e.getCause()).isInstanceOf(MediaStreamEndedException.class);
                return frames;
            }
        }
    }

    @Test
    void playsBackWhatTheRecorderWroteFrameForFrame() throws Exception {
        Path file = FfmpegMediaRecorderTest.record(dir.resolve("pattern.mp4"), true, true);
        List<VideoFrame> source = TestMedia.pattern(320, 240, 30, 60);
        try (FfmpegMediaPlayer player = FfmpegMediaPlayer.open(file, FfmpegMediaPlayer.Options.DEFAULT, TestMedia.IMMEDIATE, DIRECT)) {
            assertThat(player.mimeType(MediaKind.VIDEO)).contains("video/H264");
            assertThat(player.mimeType(MediaKind.AUDIO)).contains("audio/opus");
            List<MediaFrame> video = drain(player.video().orElseThrow());
            assertThat(video).hasSize(60);
            for (int i = 0; i < 60; i++) {
                VideoFrame frame = (VideoFrame) video.get(i);
                assertThat(frame.width()).isEqualTo(320);
                assertThat(frame.pts()).isEqualTo(source.get(i).pts());
                assertThat(TestMedia.psnrY(source.get(i), frame)).as("frame %d", i).isGreaterThan(35);
            }
            List<MediaFrame> audio = drain(player.audio().orElseThrow());
            int samples = audio.stream().mapToInt(f -> ((AudioFrame) f).samplesPerChannel()).sum();
            // 100 frames of 20 ms, less the pre-skip FFmpeg trims (RFC 7845 §4.2).
            assertThat(samples).isBetween(96_000 - 312 - 960, 96_000);
            assertThat(((AudioFrame) audio.get(0)).sampleRate()).isEqualTo(48_000);
        }
    }

    @Test
    void scalesVideoAndResamplesAudioOnRequest() throws Exception {
        Path file = FfmpegMediaRecorderTest.record(dir.resolve("pattern.webm"), true, true);
        FfmpegMediaPlayer.Options options = FfmpegMediaPlayer.Options.DEFAULT.withSize(160, 120).withAudio(16_000, 1);
        try (FfmpegMediaPlayer player = FfmpegMediaPlayer.open(file, options, TestMedia.IMMEDIATE, DIRECT)) {
            VideoFrame frame = (VideoFrame) player.video().orElseThrow().recv().join();
            assertThat(frame.width()).isEqualTo(160);
            assertThat(frame.height()).isEqualTo(120);
            List<MediaFrame> audio = drain(player.audio().orElseThrow());
            AudioFrame first = (AudioFrame) audio.get(0);
            assertThat(first.sampleRate()).isEqualTo(16_000);
            assertThat(first.channels()).isEqualTo(1);
            int samples = audio.stream().mapToInt(f -> ((AudioFrame) f).samplesPerChannel()).sum();
            assertThat(samples).isBetween(32_000 - 600, 32_000);
        }
    }

    @Test
    void handsOutEncodedFramesWithoutDecodingH264AsAnnexB() throws Exception {
        Path file = FfmpegMediaRecorderTest.record(dir.resolve("pattern.mkv"), true, false);
        try (FfmpegMediaPlayer player = FfmpegMediaPlayer.open(file, FfmpegMediaPlayer.Options.DEFAULT.encoded(), TestMedia.IMMEDIATE, DIRECT)) {
            List<MediaFrame> frames = drain(player.video().orElseThrow());
            assertThat(frames).hasSize(60).allMatch(f -> f instanceof EncodedFrame);
            EncodedFrame first = (EncodedFrame) frames.get(0);
            assertThat(first.mimeType()).isEqualTo("video/H264");
            assertThat(first.keyFrame()).isTrue();
            assertThat(first.timeBase()).isEqualTo(TimeBase.VIDEO_90KHZ);
            // Annex B with SPS and PPS before the IDR: what an RFC 6184 packetizer takes.
            List<Integer> types = FfmpegCodecProviderTest.nalUnits(first.toByteArray()).stream().map(n -> n[0] & 0x1F).toList();
            assertThat(types).containsSubsequence(7, 8, 5);
            assertThat(((EncodedFrame) frames.get(30)).pts()).isEqualTo(90_000);
            // and they decode.
            try (var decoder = new FfmpegCodecProvider().createDecoder(new org.ortc4j.media.CodecInfo("video/H264", 90_000, 0)).orElseThrow()) {
                int pictures = 0;
                for (MediaFrame f : frames) {
                    pictures += decoder.decode((EncodedFrame) f).size();
                }
                assertThat(pictures).isEqualTo(60);
            }
        }
    }

    @Test
    void playsAWavFileWrittenWithoutFfmpegSampleForSample() throws Exception {
        Path file = dir.resolve("tone.wav");
        List<AudioFrame> tone = TestMedia.tone(1000, 44_000, 1, 50);
        try (WavWriter writer = WavWriter.create(file, 44_000, 1)) {
            tone.forEach(f -> {
                try {
                    writer.write(f);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
        try (FfmpegMediaPlayer player = FfmpegMediaPlayer.open(file, FfmpegMediaPlayer.Options.DEFAULT, TestMedia.IMMEDIATE, DIRECT)) {
            assertThat(player.video()).isEmpty();
            short[] played = TestMedia.channel0(drain(player.audio().orElseThrow()).stream().map(f -> (AudioFrame) f).toList());
            assertThat(played).containsExactly(TestMedia.channel0(tone));
        }
    }

    @Test
    void pacesFramesAtTheFileRateOnTheMediaClock() throws Exception {
        Path file = FfmpegMediaRecorderTest.record(dir.resolve("pattern.webm"), true, false);
        VirtualClock clock = new VirtualClock();
        try (FfmpegMediaPlayer player = FfmpegMediaPlayer.open(file, FfmpegMediaPlayer.Options.DEFAULT, clock, DIRECT)) {
            MediaStreamTrack video = player.video().orElseThrow();
            assertThat(video.recv()).isDone(); // the first frame starts the clock
            long now = 0;
            for (int i = 1; i < 30; i++) {
                CompletableFuture<MediaFrame> next = video.recv();
                long dueMs = i * 1000L / 30;
                // Frame i is due i/30 s after the first; WebM counts whole milliseconds, so
                // within 2 ms: not before dueMs - 2 ...
                clock.advanceMillis(dueMs - 2 - now);
                now = dueMs - 2;
                assertThat(next).as("frame %d at %d ms", i, now).isNotDone();
                // ... and by dueMs + 2.
                clock.advanceMillis(4);
                now += 4;
                assertThat(next).as("frame %d at %d ms", i, now).isDone();
                assertThat(next.join().pts()).isCloseTo(i * 3000L, org.assertj.core.data.Offset.offset(90L));
            }
        }
    }

    @Test
    void garbageAndTruncatedFilesAreFormatErrorsNotCrashes() throws Exception {
        Path garbage = dir.resolve("garbage.mp4");
        byte[] junk = new byte[4096];
        new java.util.Random(1).nextBytes(junk);
        Files.write(garbage, junk);
        assertThatThrownBy(() -> FfmpegMediaPlayer.open(garbage)).isInstanceOf(MediaFormatException.class);
        Path empty = dir.resolve("empty.webm");
        Files.write(empty, new byte[0]);
        assertThatThrownBy(() -> FfmpegMediaPlayer.open(empty)).isInstanceOf(MediaFormatException.class);

        Path whole = FfmpegMediaRecorderTest.record(dir.resolve("whole.mp4"), true, true);
        byte[] bytes = Files.readAllBytes(whole);
        for (int cut : new int[] {16, 200, bytes.length / 3, bytes.length - 100}) {
            Path truncated = dir.resolve("cut" + cut + ".mp4");
            Files.write(truncated, java.util.Arrays.copyOf(bytes, cut));
            try (FfmpegMediaPlayer player = FfmpegMediaPlayer.open(truncated, FfmpegMediaPlayer.Options.DEFAULT, TestMedia.IMMEDIATE, DIRECT)) {
                // It opened (the index survived): tracks play what is there and end.
                for (MediaStreamTrack track : List.of(player.video(), player.audio()).stream().flatMap(java.util.Optional::stream).toList()) {
                    while (true) {
                        try {
                            track.recv().get(10, TimeUnit.SECONDS);
                        } catch (java.util.concurrent.ExecutionException e) {
                            assertThat(e.getCause()).isInstanceOfAny(MediaStreamEndedException.class, MediaFormatException.class);
                            break;
                        }
                    }
                }
            } catch (MediaFormatException expected) {
                // the header or index is gone
            }
        }
    }
}
