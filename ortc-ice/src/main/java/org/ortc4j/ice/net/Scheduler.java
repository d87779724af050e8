package org.ortc4j.ice.net;

import java.util.concurrent.TimeUnit;

/**
 * Time for protocol cores: a monotonic clock and delayed tasks. Cores take one of these instead
 * of calling {@link System#nanoTime()} or sleeping, so tests drive virtual time
 * ({@link VirtualScheduler}) and production runs on the transport's loop
 * ({@link ExecutorScheduler} over a Netty event loop).
 *
 * <p>ARCHITECTURE.md, Concurrency: "Protocol cores ... take time from an injected
 * clock/scheduler, so unit tests drive virtual time instead of sleeping." Tasks run on the one
 * thread that owns the core's state, so cores need no locks.
 */
public interface Scheduler {

    /** Monotonic time in nanoseconds, with an arbitrary origin (as {@link System#nanoTime()}). */
    long nanoTime();

    /**
     * Runs {@code task} once, {@code delay} from now, on this scheduler's thread.
     *
     * @return a handle that stops the task from running if it has not run yet
     */
    Cancellable schedule(Runnable task, long delay, TimeUnit unit);

    /** Runs {@code task} on this scheduler's thread as soon as possible, after what is queued. */
    default void execute(Runnable task) {
        schedule(task, 0, TimeUnit.NANOSECONDS);
    }

    /**
     * Whether the calling thread is this scheduler's thread, so that state it confines may be
     * touched directly. Public methods of transport objects use this to run at once or hop.
     */
    boolean inLoop();

    /** A scheduled task that can still be stopped. */
    @FunctionalInterface
    interface Cancellable {
        /** Stops the task if it has not run; does nothing if it has run or was cancelled. */
        void cancel();
    }
}
