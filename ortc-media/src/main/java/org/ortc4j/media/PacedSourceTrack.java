package org.ortc4j.media;

import java.util.concurrent.CompletableFuture;

/**
 * A source track that makes frame {@code n} at {@code start + n * period} on its
 * {@link MediaClock}, where {@code start} is the time of the first {@link #recv()}: aiortc's
 * real-time pacing, without a thread per track. A consumer that falls behind gets the late frames
 * at once, so it catches up rather than drifts.
 */
public abstract class PacedSourceTrack extends MediaStreamTrack {

    private final MediaClock clock;
    private final long periodNanos;
    private long start;
    private long next;
    private boolean started;

    /** A track of {@code kind} on {@code clock} with one frame every {@code periodNanos}. */
    protected PacedSourceTrack(MediaKind kind, MediaClock clock, long periodNanos) {
        super(kind);
        if (periodNanos <= 0) {
            throw new IllegalArgumentException("period must be positive: " + periodNanos);
        }
        this.clock = clock;
        this.periodNanos = periodNanos;
    }

    /** Frame {@code index} (0, 1, 2, ...); called once per index, in order, when it is due. */
    protected abstract MediaFrame frame(long index);

    @Override
    public final CompletableFuture<MediaFrame> recv() {
        if (readyState() == MediaStreamTrackState.ENDED) {
            return endedFuture();
        }
        long index;
        long due;
        synchronized (this) {
            if (!started) {
                started = true;
                start = clock.nanoTime();
            }
            index = next++;
            due = start + index * periodNanos;
        }
        return clock.at(due).thenApply(ignored -> {
            if (readyState() == MediaStreamTrackState.ENDED) {
                throw new MediaStreamEndedException(id());
            }
            synchronized (this) {
                return frame(index);
            }
        });
    }
}
