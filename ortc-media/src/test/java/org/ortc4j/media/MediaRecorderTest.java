package org.ortc4j.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MediaRecorderTest {

    private static final Executor DIRECT = Runnable::run;
    private final VirtualMediaClock clock = new VirtualMediaClock();

    @TempDir
    Path dir;

    @Test
    void recordsOneSecondOfToneAsWav() throws IOException {
        Path file = dir.resolve("tone.wav");
        MediaRecorder recorder = new MediaRecorder(file, MediaCodecs.load(), DIRECT);
        recorder.addTrack(new AudioSourceTrack(clock, 440, 8000, 16000, 1));
        recorder.start();
        clock.advance(999_000_000);
        recorder.stop().join();
        try (WavReader reader = WavReader.open(file)) {
            assertThat(reader.sampleRate()).isEqualTo(16000);
            long samples = 0;
            AudioFrame frame;
            while ((frame = reader.readFrame(1000)) != null) {
                samples += frame.samplesPerChannel();
            }
            assertThat(samples).isEqualTo(16000); // frames 0..49
        }
    }

    @Test
    void encodesAudioToOggOpus() throws IOException {
        Path file = dir.resolve("tone.opus");
        MediaRecorder recorder = new MediaRecorder(file, MediaCodecs.load(), DIRECT);
        recorder.addTrack(new AudioSourceTrack(clock, 440, 8000, 48000, 2));
        recorder.start();
        clock.advance(199_000_000);
        recorder.stop().join();
        try (OggOpusReader reader = OggOpusReader.open(file)) {
            int packets = 0;
            while (reader.readFrame() != null) {
                packets++;
            }
            assertThat(packets).isEqualTo(10);
        }
    }

    @Test
    void decodesEncodedAudioForWav() throws IOException {
        Path file = dir.resolve("pcmu.wav");
        MediaEncoder encoder = MediaCodecs.load().createEncoder("audio/PCMU").orElseThrow();
        AudioSourceTrack tone = new AudioSourceTrack(clock, 440, 8000, 8000, 1);
        MediaStreamTrack encoded = new MediaStreamTrack(MediaKind.AUDIO) {
            @Override
            public CompletableFuture<MediaFrame> recv() {
                return tone.recv().thenApply(frame -> encoder.encode(frame).get(0));
            }
        };
        MediaRecorder recorder = new MediaRecorder(file, MediaCodecs.load(), DIRECT);
        recorder.addTrack(encoded);
        recorder.start();
        clock.advance(99_000_000);
        recorder.stop().join();
        try (WavReader reader = WavReader.open(file)) {
            assertThat(reader.sampleRate()).isEqualTo(8000);
            assertThat(reader.readFrame(10_000).samplesPerChannel()).isEqualTo(5 * 160);
        }
    }

    @Test
    void recordsVideoAsY4mAndEndsWithTheTrack() throws IOException {
        Path file = dir.resolve("pattern.y4m");
        VideoSourceTrack source = new VideoSourceTrack(clock, 32, 24, 30);
        MediaRecorder recorder = new MediaRecorder(file, MediaCodecs.load(), DIRECT);
        recorder.addTrack(source);
        recorder.start();
        clock.advanceMillis(100);
        source.stop();
        clock.advanceMillis(100);
        recorder.stop().join();
        try (Y4mReader reader = Y4mReader.open(file)) {
            assertThat(reader.width()).isEqualTo(32);
            int frames = 0;
            while (reader.readFrame() != null) {
                frames++;
            }
            assertThat(frames).isEqualTo(4); // at 0, 33, 67 and 100 ms
        }
    }

    @Test
    void wrongKindsAndSecondTracksAreRefused() {
        MediaRecorder recorder = new MediaRecorder(dir.resolve("a.wav"), MediaCodecs.load(), DIRECT);
        assertThatThrownBy(() -> recorder.addTrack(new VideoSourceTrack(clock, 2, 2, 30))).isInstanceOf(IllegalArgumentException.class);
        recorder.addTrack(new AudioSourceTrack(clock, 440, 1, 8000, 1));
        assertThatThrownBy(() -> recorder.addTrack(new AudioSourceTrack(clock, 440, 1, 8000, 1))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new MediaRecorder(dir.resolve("a.mp4"), MediaCodecs.load(), DIRECT)).isInstanceOf(IllegalArgumentException.class);
    }
}
