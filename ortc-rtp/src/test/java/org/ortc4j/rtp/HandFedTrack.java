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
    private final List<CompletableFuture<Void>> recvWatchers = new ArrayList<>();

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

    /**
     * Completes at the consumer's next {@link #recv()}: after a frame was offered, the consumer
     * asking again means it is done with that frame.
     */
    public synchronized CompletableFuture<Void> nextRecv() {
        CompletableFuture<Void> watcher = new CompletableFuture<>();
        recvWatchers.add(watcher);
        return watcher;
    }

    @Override
    public CompletableFuture<MediaFrame> recv() {
        List<CompletableFuture<Void>> watchers;
        CompletableFuture<MediaFrame> result;
        synchronized (this) {
            watchers = List.copyOf(recvWatchers);
            recvWatchers.clear();
            result = take();
        }
        watchers.forEach(w -> w.complete(null));
        return result;
    }

    private CompletableFuture<MediaFrame> take() {
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
