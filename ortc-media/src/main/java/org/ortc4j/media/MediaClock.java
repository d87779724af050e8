package org.ortc4j.media;

import java.util.concurrent.CompletableFuture;
import org.ortc4j.media.internal.SystemMediaClock;

/**
 * Time for media sources that pace frames in real time. Production code uses {@link #system()};
 * tests inject a virtual clock and advance it, so nothing sleeps.
 */
public interface MediaClock {

    /** Monotonic time in nanoseconds, as {@link System#nanoTime()}. */
    long nanoTime();

    /**
     * Runs {@code task} once, on some thread, as soon as {@link #nanoTime()} reaches
     * {@code deadlineNanos} (at once, or soon, if it already has). The task must not block.
     */
    void schedule(Runnable task, long deadlineNanos);

    /** A future completed when this clock reaches {@code deadlineNanos}; already done if it has. */
    default CompletableFuture<Void> at(long deadlineNanos) {
        if (nanoTime() - deadlineNanos >= 0) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> due = new CompletableFuture<>();
        schedule(() -> due.complete(null), deadlineNanos);
        return due;
    }

    /** Real time: {@link System#nanoTime()} and one shared daemon scheduler thread. */
    static MediaClock system() {
        return SystemMediaClock.INSTANCE;
    }
}
