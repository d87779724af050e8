package org.ortc4j.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * What a consumer that falls behind gets from a paced source: video the newest frame (late ones
 * dropped, as a camera does), audio every frame (the backlog at once). All on a virtual clock.
 */
class PacedSourceTrackTest {

    private static final long VIDEO_PERIOD = 1_000_000_000L / 30;
    private static final long AUDIO_PERIOD = 20_000_000L;

    private final VirtualMediaClock clock = new VirtualMediaClock();

    @Test
    void aLateVideoConsumerGetsTheNewestDueFrameAndThenWaits() {
        VideoSourceTrack track = new VideoSourceTrack(clock, 16, 16, 30);
        assertThat(track.recv().join().pts()).isZero();
        // 100 ms later frames 1, 2 and 3 are due: only frame 3 is handed over.
        clock.advanceMillis(100);
        CompletableFuture<MediaFrame> late = track.recv();
        assertThat(late).isDone();
        assertThat(late.join().pts()).isEqualTo(3 * 3000L);
        assertThat(track.lateFramesDropped()).isEqualTo(2);
        // Frame 4 is not due yet: the consumer waits for it, nothing more is dropped.
        CompletableFuture<MediaFrame> next = track.recv();
        assertThat(next).isNotDone();
        clock.advance(4 * VIDEO_PERIOD - 100_000_000L);
        assertThat(next).isDone();
        assertThat(next.join().pts()).isEqualTo(4 * 3000L);
        assertThat(track.lateFramesDropped()).isEqualTo(2);
    }

    @Test
    void aVideoConsumerOnTimeGetsEveryFrame() {
        VideoSourceTrack track = new VideoSourceTrack(clock, 16, 16, 30);
        for (int i = 0; i < 60; i++) {
            CompletableFuture<MediaFrame> frame = track.recv();
            clock.advance(VIDEO_PERIOD);
            assertThat(frame.join().pts()).isEqualTo(i * 3000L);
        }
        assertThat(track.lateFramesDropped()).isZero();
    }

    @Test
    void aSlowVideoConsumerStaysCurrentWhileASlowAudioConsumerKeepsEveryFrame() {
        // A consumer that needs 50 ms per frame: slower than both 33 ms video and 20 ms audio.
        VideoSourceTrack video = new VideoSourceTrack(clock, 16, 16, 30);
        AudioSourceTrack audio = new AudioSourceTrack(clock, 440, 1000, 8000, 1);
        long start = clock.nanoTime();
        MediaFrame lastVideo = null;
        MediaFrame lastAudio = null;
        for (int i = 0; i < 40; i++) {
            lastVideo = video.recv().join();
            lastAudio = audio.recv().join();
            clock.advanceMillis(50);
        }
        long elapsed = clock.nanoTime() - start;
        // Video: the frame handed over is never more than one period older than the clock.
        long videoTime = lastVideo.pts() * 1_000_000_000L / 90_000;
        assertThat(elapsed - videoTime).isLessThanOrEqualTo(50_000_000L + VIDEO_PERIOD);
        assertThat(video.lateFramesDropped()).isGreaterThan(0);
        // Audio: 40 consecutive frames, none skipped, so it has fallen 40 * 30 ms behind.
        assertThat(lastAudio.pts()).isEqualTo(39 * 160L);
        assertThat(audio.lateFramesDropped()).isZero();
        assertThat(elapsed - 39 * AUDIO_PERIOD).isGreaterThan(1_000_000_000L);
    }
}
