package org.ortc4j.ice.net;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A {@link Scheduler} in real time on one Netty {@link EventExecutor} (an event loop): tasks run
 * on its single thread, which is what lets the protocol cores go without locks.
 */
public final class ExecutorScheduler implements Scheduler {

    private final EventExecutor executor;

    public ExecutorScheduler(EventExecutor executor) {
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    /** The event loop this scheduler runs on. */
    public EventExecutor executor() {
        return executor;
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public Cancellable schedule(Runnable task, long delay, TimeUnit unit) {
        Objects.requireNonNull(task, "task");
        ScheduledFuture<?> future = executor.schedule(task, delay, unit);
        return () -> future.cancel(false);
    }

    @Override
    public void execute(Runnable task) {
        executor.execute(Objects.requireNonNull(task, "task"));
    }

    @Override
    public boolean inLoop() {
        return executor.inEventLoop();
    }
}
