package org.ortc4j.rtp.internal.receiver;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import org.ortc4j.media.MediaFrame;
import org.ortc4j.media.MediaKind;
import org.ortc4j.media.MediaStreamTrack;
import org.ortc4j.media.MediaStreamTrackState;

/**
 * The track of an {@code RTCRtpReceiver} (W3C WebRTC §5.3 {@code receiver.track}): frames the
 * receiver assembled (and decoded) wait here for the consumer's {@link #recv()}. The queue is
 * bounded: a consumer that falls behind loses the oldest frames, never stalls the receiver.
 */
public final class RemoteTrack extends MediaStreamTrack {

    private final int capacity;
    private final ArrayDeque<MediaFrame> frames = new ArrayDeque<>();
    private CompletableFuture<MediaFrame> waiter;
    private long framesDropped;

    /**
     * @param capacity how many frames wait at most before the oldest is dropped
     */
    public RemoteTrack(MediaKind kind, int capacity) {
        super(kind);
        this.capacity = capacity;
    }

    /** Hands a frame to the consumer (any thread). */
    public void push(MediaFrame frame) {
        CompletableFuture<MediaFrame> ready;
        synchronized (frames) {
            if (readyState() == MediaStreamTrackState.ENDED) {
                return;
            }
            ready = waiter;
            waiter = null;
            if (ready == null) {
                if (frames.size() == capacity) {
                    frames.pollFirst();
                    framesDropped++;
                }
                frames.addLast(frame);
                return;
            }
        }
        // Outside the lock: completing runs the consumer's callbacks.
        ready.complete(frame);
    }

    /** Ends the track because the receiver stopped or its transport closed. */
    public void finish() {
        end();
    }

    @Override
    public CompletableFuture<MediaFrame> recv() {
        synchronized (frames) {
            if (readyState() == MediaStreamTrackState.ENDED) {
                return endedFuture();
            }
            MediaFrame next = frames.pollFirst();
            if (next != null) {
                return CompletableFuture.completedFuture(next);
            }
            if (waiter == null) {
                waiter = new CompletableFuture<>();
            }
            return waiter;
        }
    }

    /** Frames dropped because the consumer did not keep up. */
    public long framesDropped() {
        synchronized (frames) {
            return framesDropped;
        }
    }

    @Override
    protected void onStop() {
        CompletableFuture<MediaFrame> pending;
        synchronized (frames) {
            pending = waiter;
            waiter = null;
            frames.clear();
        }
        if (pending != null) {
            pending.completeExceptionally(new org.ortc4j.media.MediaStreamEndedException(id()));
        }
    }
}
