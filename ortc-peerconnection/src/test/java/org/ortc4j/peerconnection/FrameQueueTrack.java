package org.ortc4j.peerconnection;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import org.ortc4j.media.MediaFrame;
import org.ortc4j.media.MediaKind;
import org.ortc4j.media.MediaStreamTrack;

/** A track the test feeds frame by frame: each frame goes to the sender's pending or next recv(). */
final class FrameQueueTrack extends MediaStreamTrack {

    private final Deque<MediaFrame> queued = new ArrayDeque<>();
    private CompletableFuture<MediaFrame> waiting;

    FrameQueueTrack(MediaKind kind) {
        super(kind);
    }

    void push(MediaFrame frame) {
        CompletableFuture<MediaFrame> consumer;
        synchronized (this) {
            consumer = waiting;
            waiting = null;
            if (consumer == null) {
                queued.add(frame);
            }
        }
        if (consumer != null) {
            consumer.complete(frame);
        }
    }

    @Override
    public synchronized CompletableFuture<MediaFrame> recv() {
        if (!queued.isEmpty()) {
            return CompletableFuture.completedFuture(queued.poll());
        }
        waiting = new CompletableFuture<>();
        return waiting;
    }
}
