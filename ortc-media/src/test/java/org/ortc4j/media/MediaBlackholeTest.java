package org.ortc4j.media;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MediaBlackholeTest {

    @Test
    void consumesEveryTrackUntilStopped() {
        VirtualMediaClock clock = new VirtualMediaClock();
        MediaBlackhole hole = new MediaBlackhole();
        hole.addTrack(new AudioSourceTrack(clock, 440, 1000, 8000, 1));
        hole.addTrack(new VideoSourceTrack(clock, 16, 16, 25));
        assertThat(hole.framesReceived()).isZero();
        hole.start();
        clock.advanceMillis(1000);
        // 1 s: frames 0..50 of audio and 0..25 of video
        assertThat(hole.framesReceived()).isEqualTo(51 + 26);
        hole.stop();
        clock.advanceMillis(1000);
        assertThat(hole.framesReceived()).isLessThanOrEqualTo(51 + 26 + 2);
    }
}
