package org.ortc4j.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MediaStreamTrackTest {

    private static final class SilenceTrack extends MediaStreamTrack {
        int stops;

        SilenceTrack() {
            super(MediaKind.AUDIO);
        }

        @Override
        public CompletableFuture<MediaFrame> recv() {
            if (readyState() == MediaStreamTrackState.ENDED) {
                return endedFuture();
            }
            return CompletableFuture.completedFuture(AudioFrame.silence(960, 48000, 1, 0, TimeBase.ofRate(48000)));
        }

        @Override
        protected void onStop() {
            stops++;
        }
    }

    @Test
    void stopEndsTheTrackOnceAndFiresEndedListeners() throws Exception {
        SilenceTrack track = new SilenceTrack();
        AtomicInteger ended = new AtomicInteger();
        AtomicInteger removed = new AtomicInteger();
        track.onEnded(ended::incrementAndGet);
        track.onEnded(removed::incrementAndGet).close();
        assertThat(track.readyState()).isEqualTo(MediaStreamTrackState.LIVE);
        assertThat(track.kind().value()).isEqualTo("audio");
        assertThat(track.recv().get()).isInstanceOf(AudioFrame.class);

        track.stop();
        track.stop();

        assertThat(track.readyState()).isEqualTo(MediaStreamTrackState.ENDED);
        assertThat(ended).hasValue(1);
        assertThat(removed).hasValue(0);
        assertThat(track.stops).isEqualTo(1);
        assertThat(track.recv()).failsWithin(java.time.Duration.ZERO)
                .withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(MediaStreamEndedException.class);
    }

    @Test
    void tracksHaveDistinctIds() {
        assertThat(new SilenceTrack().id()).isNotEqualTo(new SilenceTrack().id());
    }
}
