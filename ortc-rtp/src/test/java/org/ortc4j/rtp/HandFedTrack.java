package org.ortc4j.rtp;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.ortc4j.media.MediaFrame;
import org.ortc4j.media.MediaKind;
import org.ortc4j.media.MediaStreamEndedException;
import org.ortc4j.media.MediaStreamTrack;

/** A track the test feeds by hand: recv() completes when the test offers a frame. */
public final class HandFedTrack extends MediaStreamTrack {

    private final List<CompletableFuture<MediaFrame>> waiting = new ArrayList<>();
    private final List<MediaFrame> ready = new ArrayList<>();

    public HandFedTrack(MediaKind kind) {
        super(kind);
    }

    /** Hands a frame to the consumer's pending or next recv(). */
    public void offer(MediaFrame frame) {
        CompletableFuture<MediaFrame> next = null;
        synchronized (this) {
            if (!waiting.isEmpty()) {
                next = waiting.remove(0);
            } else {
                ready.add(frame);
            }
        }
        if (next != null) {
            next.complete(frame);
        }
    }

    /** Whether the consumer is waiting for a frame. */
    public synchronized boolean hasWaiter() {
        return !waiting.isEmpty();
    }

    @Override
    public synchronized CompletableFuture<MediaFrame> recv() {
        if (!ready.isEmpty()) {
            return CompletableFuture.completedFuture(ready.remove(0));
        }
        CompletableFuture<MediaFrame> future = new CompletableFuture<>();
        waiting.add(future);
        return future;
    }

    @Override
    protected synchronized void onStop() {
        waiting.forEach(w -> w.completeExceptionally(new MediaStreamEndedException(id())));
        waiting.clear();
    }
}
