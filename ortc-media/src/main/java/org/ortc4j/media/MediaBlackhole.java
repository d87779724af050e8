package org.ortc4j.media;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A sink that pulls every frame of its tracks and discards it (aiortc's {@code MediaBlackhole}):
 * for receiving media nobody looks at, so that receivers and relays keep flowing. Thread-safe.
 */
public final class MediaBlackhole implements AutoCloseable {

    private final List<MediaStreamTrack> tracks = new ArrayList<>();
    private final AtomicLong frames = new AtomicLong();
    private volatile boolean running;

    /** An empty, stopped blackhole. */
    public MediaBlackhole() {
    }

    /** Adds a track; consumed from {@link #start()} on (at once if already started). */
    public synchronized void addTrack(MediaStreamTrack track) {
        tracks.add(track);
        if (running) {
            consume(track);
        }
    }

    /** Starts pulling from every track. */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        tracks.forEach(this::consume);
    }

    /** Stops pulling. The tracks are not stopped. */
    public synchronized void stop() {
        running = false;
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    /** Frames received and discarded so far, all tracks together. */
    public long framesReceived() {
        return frames.get();
    }

    // Loops while frames are ready at once; hands the loop to the future's callback when one is
    // not, so there is neither a thread per track nor unbounded recursion.
    private void consume(MediaStreamTrack track) {
        while (running) {
            CompletableFuture<MediaFrame> next = track.recv();
            if (!next.isDone()) {
                next.whenComplete((frame, error) -> {
                    if (error == null) {
                        frames.incrementAndGet();
                        consume(track);
                    }
                });
                return;
            }
            if (next.isCompletedExceptionally()) {
                return;
            }
            frames.incrementAndGet();
        }
    }
}
