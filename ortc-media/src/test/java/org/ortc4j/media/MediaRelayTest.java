package org.ortc4j.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class MediaRelayTest {

    private final VirtualMediaClock clock = new VirtualMediaClock();

    @Test
    void everySubscriberGetsEveryFrameFromOnePull() {
        CountingTrack source = new CountingTrack(new AudioSourceTrack(clock, 440, 1000, 8000, 1));
        MediaRelay relay = new MediaRelay();
        MediaStreamTrack a = relay.subscribe(source);
        MediaStreamTrack b = relay.subscribe(source);
        assertThat(a.id()).isNotEqualTo(b.id());
        for (int i = 0; i < 5; i++) {
            CompletableFuture<MediaFrame> fromA = a.recv();
            CompletableFuture<MediaFrame> fromB = b.recv();
            clock.advanceMillis(20);
            assertThat(fromA.join()).isSameAs(fromB.join());
            assertThat(fromA.join().pts()).isEqualTo(160L * i);
        }
        assertThat(source.pulls).isEqualTo(5);
    }

    @Test
    void aStalledSubscriberDropsOldFramesAndNeverStallsTheOthers() {
        AudioSourceTrack source = new AudioSourceTrack(clock, 440, 1000, 8000, 1);
        MediaRelay relay = new MediaRelay();
        MediaStreamTrack stalled = relay.subscribe(source, 2);
        MediaStreamTrack fast = relay.subscribe(source, 2);
        List<Long> fastPts = new ArrayList<>();
        stalled.recv(); // takes frame 0, then never asks again
        clock.advanceMillis(1);
        for (int i = 0; i < 50; i++) {
            CompletableFuture<MediaFrame> next = fast.recv();
            clock.advanceMillis(20);
            fastPts.add(next.join().pts());
        }
        // The fast consumer had frame 0 buffered, then got every frame as it came.
        assertThat(fastPts).hasSize(50).doesNotHaveDuplicates().isSorted();
        assertThat(fastPts.get(49)).isEqualTo(49 * 160L);
        // The stalled consumer kept only the two newest frames.
        assertThat(stalled.recv().join().pts()).isEqualTo(48 * 160L);
        assertThat(stalled.recv().join().pts()).isEqualTo(49 * 160L);
        // Then it is back to live frames: frame 50 is already due.
        assertThat(stalled.recv().join().pts()).isEqualTo(50 * 160L);
    }

    @Test
    void theEndOfTheSourceEndsEverySubscriber() {
        AudioSourceTrack source = new AudioSourceTrack(clock, 440, 1000, 8000, 1);
        MediaRelay relay = new MediaRelay();
        MediaStreamTrack a = relay.subscribe(source);
        MediaStreamTrack b = relay.subscribe(source);
        a.recv().join();
        CompletableFuture<MediaFrame> pending = b.recv();
        source.stop();
        CompletableFuture<MediaFrame> next = a.recv();
        clock.advanceMillis(40);
        assertThat(next).isCompletedExceptionally();
        assertThat(a.readyState()).isEqualTo(MediaStreamTrackState.ENDED);
        assertThat(b.readyState()).isEqualTo(MediaStreamTrackState.ENDED);
        assertThat(pending.isDone()).isTrue();
        assertThat(relay.subscribe(source).readyState()).isEqualTo(MediaStreamTrackState.ENDED);
    }

    @Test
    void stoppingASubscriberLeavesTheSourceAndTheOthersRunning() {
        AudioSourceTrack source = new AudioSourceTrack(clock, 440, 1000, 8000, 1);
        MediaRelay relay = new MediaRelay();
        MediaStreamTrack a = relay.subscribe(source);
        MediaStreamTrack b = relay.subscribe(source);
        a.recv().join();
        CompletableFuture<MediaFrame> pendingA = a.recv(); // frame 1 is due in 20 ms
        a.stop();
        assertThat(pendingA).isCompletedExceptionally();
        assertThat(b.recv().join().pts()).isZero();
        CompletableFuture<MediaFrame> nextB = b.recv();
        clock.advanceMillis(20);
        assertThat(nextB.join().pts()).isEqualTo(160);
        assertThat(source.readyState()).isEqualTo(MediaStreamTrackState.LIVE);
    }

    @Test
    void synchronousSourcesDoNotRecurse() {
        // A source that always has a frame ready, pulled 100k times through a subscriber that asks
        // again from inside each completion: must neither overflow the stack nor lose frames.
        CountingTrack source = new CountingTrack(null);
        MediaStreamTrack sub = new MediaRelay().subscribe(source);
        MediaBlackhole hole = new MediaBlackhole();
        hole.addTrack(sub);
        source.limit = 100_000;
        hole.start();
        assertThat(hole.framesReceived()).isEqualTo(100_000);
        assertThat(sub.readyState()).isEqualTo(MediaStreamTrackState.ENDED);
    }

    /** Counts pulls; with no delegate, hands out instant frames until {@code limit}, then ends. */
    private static final class CountingTrack extends MediaStreamTrack {
        private final MediaStreamTrack delegate;
        int pulls;
        int limit = Integer.MAX_VALUE;

        CountingTrack(MediaStreamTrack delegate) {
            super(MediaKind.AUDIO);
            this.delegate = delegate;
        }

        @Override
        public CompletableFuture<MediaFrame> recv() {
            if (delegate != null) {
                pulls++;
                return delegate.recv();
            }
            if (pulls >= limit) {
                end();
                return endedFuture();
            }
            return CompletableFuture.completedFuture(AudioFrame.silence(1, 8000, 1, pulls++, TimeBase.ofRate(8000)));
        }
    }
}
