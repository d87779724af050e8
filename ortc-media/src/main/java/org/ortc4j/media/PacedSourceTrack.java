package org.ortc4j.media;

import java.util.concurrent.CompletableFuture;

/**
 * A source track that makes frame {@code n} at {@code start + n * period} on its
 * {@link MediaClock}, where {@code start} is the time of the first {@link #recv()}: aiortc's
 * real-time pacing, without a thread per track.
 *
 * <p>A consumer that falls behind (a slow encoder) is treated as real devices treat it. Audio
 * keeps every frame: the late ones come at once, so the consumer catches up rather than drifts
 * and the far end hears no gap (a microphone's buffer). Video drops the late frames: the next
 * {@link #recv()} gets the newest frame already due, as a camera hands over its newest picture,
 * so a sender that cannot keep up sends fewer frames on time instead of ever older ones. The
 * frames skipped are counted ({@link #lateFramesDropped()}); a frame's pts stays that of its
 * index, so the receiver sees the gap in time.
 */
public abstract class PacedSourceTrack extends MediaStreamTrack {

    private final MediaClock clock;
    private final long periodNanos;
    private long start;
    private long next;
    private boolean started;
    private long lateFramesDropped;

    /** A track of {@code kind} on {@code clock} with one frame every {@code periodNanos}. */
    protected PacedSourceTrack(MediaKind kind, MediaClock clock, long periodNanos) {
        super(kind);
        if (periodNanos <= 0) {
            throw new IllegalArgumentException("period must be positive: " + periodNanos);
        }
        this.clock = clock;
        this.periodNanos = periodNanos;
    }

    /**
     * Frame {@code index} (0, 1, 2, ...); called at most once per index, in increasing order, when
     * it is due. A video track skips the indices of frames dropped as late.
     */
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
            index = kind() == MediaKind.VIDEO ? newestDue(clock.nanoTime()) : next;
            next = index + 1;
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

    /**
     * The index of the newest frame due at {@code now}, or {@link #next} when that is not yet due;
     * the frames in between are dropped and counted.
     */
    private long newestDue(long now) {
        long elapsed = now - start;
        long newest = elapsed < 0 ? next : elapsed / periodNanos;
        if (newest <= next) {
            return next;
        }
        lateFramesDropped += newest - next;
        return newest;
    }

    /** How many frames a video track skipped because its consumer asked for them too late. */
    public synchronized long lateFramesDropped() {
        return lateFramesDropped;
    }
}
