package org.ortc4j.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MediaPlayerTest {

    private static final Executor DIRECT = Runnable::run;
    private final VirtualMediaClock clock = new VirtualMediaClock();

    @TempDir
    Path dir;

    @Test
    void wavPlaysIn20MillisecondFramesAtTheFilesPaceThenEnds() throws IOException {
        Path file = dir.resolve("a.wav");
        try (WavWriter writer = WavWriter.create(file, 8000, 1)) {
            writer.write(new AudioFrame(Signals.sine(440, 5000, 8000, 480), 8000, 1, 0, TimeBase.ofRate(8000)));
        }
        try (MediaPlayer player = MediaPlayer.open(file, true, clock, DIRECT, MediaCodecs.load())) {
            assertThat(player.video()).isEmpty();
            MediaStreamTrack track = player.audio().orElseThrow();
            assertThat(track.recv().join().pts()).isZero();
            CompletableFuture<MediaFrame> second = track.recv();
            clock.advanceMillis(19);
            assertThat(second).isNotDone();
            clock.advanceMillis(1);
            assertThat(((AudioFrame) second.join()).samplesPerChannel()).isEqualTo(160);
            CompletableFuture<MediaFrame> third = track.recv();
            clock.advanceMillis(20);
            assertThat(third.join().pts()).isEqualTo(320);
            assertThat(track.recv()).isCompletedExceptionally();
            assertThat(track.readyState()).isEqualTo(MediaStreamTrackState.ENDED);
        }
    }

    @Test
    void y4mPlaysAtItsFrameRate() throws IOException {
        Path file = dir.resolve("v.y4m");
        try (Y4mWriter writer = Y4mWriter.create(file, 4, 4, 25, 1)) {
            for (int i = 0; i < 3; i++) {
                writer.write(VideoFrame.fromI420(4, 4, new byte[24], i, TimeBase.ofRate(25)));
            }
        }
        try (MediaPlayer player = MediaPlayer.open(file, true, clock, DIRECT, MediaCodecs.load())) {
            MediaStreamTrack track = player.video().orElseThrow();
            track.recv().join();
            CompletableFuture<MediaFrame> next = track.recv();
            clock.advanceMillis(39);
            assertThat(next).isNotDone();
            clock.advanceMillis(1);
            assertThat(next).isDone();
        }
    }

    @Test
    void oggOpusPlaysDecodedOrEncoded() throws IOException {
        Path file = dir.resolve("a.opus");
        List<EncodedFrame> packets = AudioCodecRoundTrip.run(new CodecInfo("audio/opus", 48000, 2),
                Signals.sine(440, 8000, 48000, 4800), 48000, 32000).encoded;
        try (OggOpusWriter writer = OggOpusWriter.create(file, 2, 312)) {
            for (EncodedFrame packet : packets) {
                writer.write(packet);
            }
        }
        try (MediaPlayer player = MediaPlayer.open(file, false, clock, DIRECT, MediaCodecs.load())) {
            MediaFrame frame = player.audio().orElseThrow().recv().join();
            assertThat(frame).isInstanceOf(EncodedFrame.class);
            assertThat(((EncodedFrame) frame).toByteArray()).isEqualTo(packets.get(0).toByteArray());
        }
        try (MediaPlayer player = MediaPlayer.open(file, true, clock, DIRECT, MediaCodecs.load())) {
            AudioFrame first = (AudioFrame) player.audio().orElseThrow().recv().join();
            // RFC 7845 §4.2: the 312 pre-skip samples are dropped from the first 960.
            assertThat(first.samplesPerChannel()).isEqualTo(960 - 312);
            assertThat(first.channels()).isEqualTo(2);
        }
    }

    @Test
    void ivfPassesThroughAndNeedsAVideoDecoderToDecode() throws IOException {
        Path file = dir.resolve("v.ivf");
        try (IvfWriter writer = IvfWriter.create(file, "video/VP8", 16, 16, TimeBase.ofRate(30))) {
            writer.write(new EncodedFrame("video/VP8", new byte[] {0x10, 0, 0, (byte) 0x9d, 1, 0x2a, 16, 0, 16, 0}, true, 0, TimeBase.ofRate(30), 1));
        }
        try (MediaPlayer player = MediaPlayer.open(file, false, clock, DIRECT, MediaCodecs.load())) {
            EncodedFrame frame = (EncodedFrame) player.video().orElseThrow().recv().join();
            assertThat(frame.keyFrame()).isTrue();
        }
        assertThatThrownBy(() -> MediaPlayer.open(file, true, clock, DIRECT, MediaCodecs.of(List.of())))
                .isInstanceOf(MediaCodecException.class).hasMessageContaining("video/VP8");
    }

    @Test
    void otherFilesAreRejected() throws IOException {
        Path file = dir.resolve("x.bin");
        java.nio.file.Files.write(file, new byte[] {1, 2, 3});
        assertThatThrownBy(() -> MediaPlayer.open(file, true, clock, DIRECT, MediaCodecs.load())).isInstanceOf(MediaFormatException.class);
    }
}
