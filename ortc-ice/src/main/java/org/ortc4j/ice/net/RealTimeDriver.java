package org.ortc4j.ice.net;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs a {@link VirtualScheduler} in real time, for tests of code that has its own threads and
 * wall-clock timers (Bouncy Castle's DTLS handshake) on the virtual network: a daemon thread owns
 * the scheduler, moves its clock in step with the wall clock (one virtual nanosecond per real
 * one, from the virtual time it had when the driver started) and runs the tasks that fall due,
 * in the scheduler's order. Other threads schedule through the scheduler's inbox, and
 * {@link Scheduler#inLoop()} is true on the driver's thread only, so transport objects hop onto
 * it as they would onto a Netty event loop.
 *
 * <p>Everything that touches the virtual network or the objects on it (hosts, transports, the
 * network's counters) must run on the driver: use {@link #call} or {@link #run}, which wait for
 * the result. Seeded randomness stays deterministic per datagram, but which datagrams there are
 * now depends on thread timing, so a run is no longer exactly repeatable.
 *
 * <p>A task that throws does not stop the driver; {@link #close()} reports what was thrown.
 *
 * <pre>{@code
 * VirtualScheduler scheduler = new VirtualScheduler();
 * VirtualNetwork network = new VirtualNetwork(scheduler, 7);
 * try (RealTimeDriver driver = scheduler.runInRealTime()) {
 *     VirtualHost host = driver.call(() -> network.addHost("a", "198.51.100.1"));
 *     ...
 * }
 * }</pre>
 */
public final class RealTimeDriver implements AutoCloseable {

    /** How long {@link #call(Callable)} and {@link #run(Runnable)} wait for the driver. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final VirtualScheduler scheduler;
    private final Thread thread;
    private final List<Throwable> failures = new ArrayList<>();   // guarded by itself
    private volatile boolean running = true;

    /** Use {@link VirtualScheduler#runInRealTime()}. */
    RealTimeDriver(VirtualScheduler scheduler) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.thread = new Thread(this::drive, "ortc4j-vnet-driver");
        thread.setDaemon(true);
        scheduler.attach(thread);
        thread.start();
    }

    /** The scheduler this driver runs. */
    public VirtualScheduler scheduler() {
        return scheduler;
    }

    /** Whether the calling thread is the driver's (the scheduler's loop). */
    public boolean isDriverThread() {
        return Thread.currentThread() == thread;
    }

    /**
     * Runs {@code task} on the driver as soon as possible and returns a future of its result
     * (failed with what it threw). On the driver's own thread it runs at once.
     */
    public <T> CompletableFuture<T> submit(Callable<T> task) {
        Objects.requireNonNull(task, "task");
        CompletableFuture<T> result = new CompletableFuture<>();
        Runnable body = () -> {
            try {
                result.complete(task.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        };
        if (isDriverThread()) {
            body.run();
        } else {
            if (!running) {
                throw new IllegalStateException("the RealTimeDriver was closed");
            }
            scheduler.execute(body);
        }
        return result;
    }

    /** As {@link #call(Callable, Duration)} with {@link #DEFAULT_TIMEOUT}. */
    public <T> T call(Callable<T> task) {
        return call(task, DEFAULT_TIMEOUT);
    }

    /**
     * Runs {@code task} on the driver and waits for its result.
     *
     * @throws RuntimeException or {@link Error} what the task threw (a checked exception wrapped in
     *     an {@link IllegalStateException})
     * @throws IllegalStateException if the driver did not run it within {@code timeout}
     */
    public <T> T call(Callable<T> task, Duration timeout) {
        CompletableFuture<T> result = submit(task);
        try {
            return result.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("the task on the driver threw", cause);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the driver did not run the task within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the driver", e);
        }
    }

    /** As {@link #call(Callable)}, for a task without a result. */
    public void run(Runnable task) {
        run(task, DEFAULT_TIMEOUT);
    }

    /** As {@link #call(Callable, Duration)}, for a task without a result. */
    public void run(Runnable task, Duration timeout) {
        Objects.requireNonNull(task, "task");
        call(() -> {
            task.run();
            return null;
        }, timeout);
    }

    /**
     * Stops the driver and waits for its thread to end. The scheduler does not return to manual
     * use: from then on no thread is its loop and what is scheduled on it is discarded, so stop
     * the transports on the network first (with {@link #run}). Idempotent.
     *
     * @throws IllegalStateException if a task the driver ran threw (the first as cause, the
     *     others suppressed), or if called from the driver's thread
     */
    @Override
    public void close() {
        if (isDriverThread()) {
            throw new IllegalStateException("the driver cannot close itself from its own thread");
        }
        running = false;
        LockSupport.unpark(thread);
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        synchronized (failures) {
            if (!failures.isEmpty()) {
                IllegalStateException e = new IllegalStateException(
                        failures.size() + " task(s) threw on the RealTimeDriver", failures.get(0));
                failures.stream().skip(1).forEach(e::addSuppressed);
                failures.clear();
                throw e;
            }
        }
    }

    private void record(List<Throwable> thrown) {
        if (!thrown.isEmpty()) {
            synchronized (failures) {
                failures.addAll(thrown);
            }
        }
    }

    /** The driver's thread: catch up with the wall clock, run what is due, sleep until the next. */
    private void drive() {
        // The wall clock is the point of this class: virtual time follows it so that threads
        // timing themselves with the real clock see the virtual network keep pace.
        long wallStart = System.nanoTime();
        long virtualStart = scheduler.nanoTime();
        try {
            while (running) {
                // First the clock catches up and what fell due meanwhile runs; then what other
                // threads sent is taken in at the caught-up time (so a datagram a handshake thread
                // sends now crosses its link from now, not from when the driver last woke), and
                // those of it without delay run at once.
                record(scheduler.runUntil(virtualStart + (System.nanoTime() - wallStart)));
                scheduler.drainInbox();
                record(scheduler.runUntil(scheduler.nanoTime()));
                if (!scheduler.inboxEmpty()) {
                    continue;
                }
                long next = scheduler.peekDue();
                if (next < 0) {
                    // Nothing scheduled: sleep until another thread schedules (it unparks us).
                    LockSupport.park(this);
                } else {
                    long wait = next - (virtualStart + (System.nanoTime() - wallStart));
                    if (wait > 0) {
                        LockSupport.parkNanos(this, wait);
                    }
                }
            }
        } finally {
            scheduler.detach();
        }
    }
}
