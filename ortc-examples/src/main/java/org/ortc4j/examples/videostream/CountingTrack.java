package org.ortc4j.examples.videostream;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.ortc4j.media.MediaFrame;
import org.ortc4j.media.MediaStreamTrack;

/**
 * A track that hands on another track's frames and counts them, calling a listener with the count
 * after each: how the program reports what its recorder has received. It ends when its source
 * ends, and stopping it stops the source.
 */
final class CountingTrack extends MediaStreamTrack {

    private final MediaStreamTrack source;
    private final LongConsumer listener;
    private final AtomicLong frames = new AtomicLong();

    CountingTrack(MediaStreamTrack source, LongConsumer listener) {
        super(source.kind(), source.id());
        this.source = source;
        this.listener = Objects.requireNonNull(listener, "listener");
        source.onEnded(this::end);
    }

    @Override
    public CompletableFuture<MediaFrame> recv() {
        return source.recv().thenApply(frame -> {
            listener.accept(frames.incrementAndGet());
            return frame;
        });
    }

    /** Frames handed on so far. */
    long frames() {
        return frames.get();
    }

    @Override
    protected void onStop() {
        source.stop();
    }
}
