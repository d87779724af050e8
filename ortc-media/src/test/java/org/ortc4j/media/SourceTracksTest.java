package org.ortc4j.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class SourceTracksTest {

    private final VirtualMediaClock clock = new VirtualMediaClock();

    @Test
    void audioFramesArePacedEvery20Milliseconds() {
        AudioSourceTrack track = new AudioSourceTrack(clock, 1000, 10000, 48000, 2);
        CompletableFuture<MediaFrame> first = track.recv();
        assertThat(first).isDone(); // frame 0 is due at the first request
        CompletableFuture<MediaFrame> second = track.recv();
        clock.advanceMillis(19);
        assertThat(second).isNotDone();
        clock.advanceMillis(1);
        assertThat(second).isDone();
        AudioFrame frame = (AudioFrame) second.join();
        assertThat(frame.pts()).isEqualTo(960);
        assertThat(frame.samplesPerChannel()).isEqualTo(960);
        assertThat(frame.channels()).isEqualTo(2);
        // sample 960 of a 1 kHz tone at 48 kHz is a whole number of periods in: sin = 0, then rising
        assertThat(frame.sample(0)).isEqualTo((short) 0);
        assertThat(frame.sample(2)).isEqualTo((short) Math.round(10000 * Math.sin(2 * Math.PI * 1000 / 48000)));
        assertThat(frame.sample(3)).isEqualTo(frame.sample(2));
    }

    @Test
    void aLateAudioConsumerGetsTheBacklogAtOnceAndThenWaits() {
        AudioSourceTrack track = new AudioSourceTrack(clock, 440, 1000, 8000, 1);
        track.recv().join();
        clock.advanceMillis(100);
        for (int i = 1; i <= 5; i++) {
            CompletableFuture<MediaFrame> next = track.recv();
            assertThat(next).isDone();
            assertThat(next.join().pts()).isEqualTo(160L * i);
        }
        assertThat(track.recv()).isNotDone();
    }

    @Test
    void disabledAudioIsSilent() {
        AudioSourceTrack track = new AudioSourceTrack(clock, 440, 1000, 8000, 1);
        track.setEnabled(false);
        assertThat(((AudioFrame) track.recv().join()).toArray()).containsOnly((short) 0);
    }

    @Test
    void videoPatternMovesAndCountsTheNinetyKilohertzClock() {
        VideoSourceTrack track = new VideoSourceTrack(clock, 64, 48, 30);
        VideoFrame first = (VideoFrame) track.recv().join();
        CompletableFuture<MediaFrame> pending = track.recv();
        clock.advance(33_333_332);
        assertThat(pending).isNotDone();
        clock.advance(1);
        VideoFrame second = (VideoFrame) pending.join();
        assertThat(first.width()).isEqualTo(64);
        assertThat(second.pts()).isEqualTo(3000);
        assertThat(second.timeBase()).isEqualTo(TimeBase.VIDEO_90KHZ);
        // The white bar starts at x=0 and moves 4 pixels a frame.
        assertThat(first.lumaAt(0, 10)).isEqualTo(235);
        assertThat(second.lumaAt(0, 10)).isNotEqualTo(235);
        assertThat(second.lumaAt(4, 10)).isEqualTo(235);
        assertThat(second.lumaAt(19, 10)).isEqualTo(235);
        assertThat(second.lumaAt(20, 10)).isNotEqualTo(235);
    }

    @Test
    void stoppingEndsPendingAndLaterRequests() {
        VideoSourceTrack track = new VideoSourceTrack(clock, 16, 16, 30);
        track.recv().join();
        CompletableFuture<MediaFrame> pending = track.recv();
        track.stop();
        clock.advanceMillis(100);
        assertThat(pending).failsWithin(Duration.ZERO).withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(MediaStreamEndedException.class);
        assertThat(track.recv()).isCompletedExceptionally();
    }
}
