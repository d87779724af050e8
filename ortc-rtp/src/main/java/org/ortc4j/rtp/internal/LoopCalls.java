package org.ortc4j.rtp.internal;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.ortc4j.ice.net.Scheduler;

/**
 * Public methods of senders and receivers hop onto their transport's loop (ARCHITECTURE.md,
 * Concurrency): at once when already on it, else queued; W3C promises become futures.
 */
public final class LoopCalls {

    private LoopCalls() {
    }

    /**
     * Runs {@code work} on the loop; the future completes with its result or fails with what it
     * threw.
     */
    public static <T> CompletableFuture<T> call(Scheduler loop, Callable<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Runnable task = () -> {
            try {
                result.complete(work.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        };
        if (loop.inLoop()) {
            task.run();
        } else {
            loop.execute(task);
        }
        return result;
    }

    /** Runs {@code work} on the loop, now if already there. */
    public static void run(Scheduler loop, Runnable work) {
        if (loop.inLoop()) {
            work.run();
        } else {
            loop.execute(work);
        }
    }
}
