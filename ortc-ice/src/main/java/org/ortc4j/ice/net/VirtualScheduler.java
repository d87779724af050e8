package org.ortc4j.ice.net;

import java.time.Duration;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@link Scheduler} in virtual time, for tests: time stands still until {@link #advance} moves
 * it, and due tasks run then, in order of due time and, for equal times, in the order they were
 * scheduled. Deterministic and single-threaded: call it from one thread only.
 *
 * <p>It lives in main sources (module-private) so that other modules' cores can reuse it once the
 * project decides how to share it.
 */
public final class VirtualScheduler implements Scheduler {

    private final PriorityQueue<Task> queue = new PriorityQueue<>();
    private long now;
    private long sequence;

    /** A scheduler whose clock starts at 0. */
    public VirtualScheduler() {
        this(0);
    }

    /** A scheduler whose clock starts at {@code startNanos}. */
    public VirtualScheduler(long startNanos) {
        this.now = startNanos;
    }

    @Override
    public long nanoTime() {
        return now;
    }

    /**
     * Always true: a virtual-time world has one thread, the test's, which plays the loop; public
     * methods of transport objects therefore run at once when a test calls them.
     */
    @Override
    public boolean inLoop() {
        return true;
    }

    @Override
    public Cancellable schedule(Runnable task, long delay, TimeUnit unit) {
        Objects.requireNonNull(task, "task");
        long delayNanos = Math.max(0, unit.toNanos(delay));
        Task scheduled = new Task(now + delayNanos, sequence++, task);
        queue.add(scheduled);
        return () -> scheduled.cancelled = true;
    }

    /**
     * Moves the clock forward by {@code duration}, running each task that falls due on the way
     * with the clock set to its due time; tasks those tasks schedule run too if they fall due
     * before the end.
     */
    public void advance(Duration duration) {
        advance(duration.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** As {@link #advance(Duration)}. */
    public void advance(long amount, TimeUnit unit) {
        if (amount < 0) {
            throw new IllegalArgumentException("time does not go backwards: " + amount);
        }
        long target = now + unit.toNanos(amount);
        runDueTasks(target);
        now = target;
    }

    /** Runs the tasks due now (scheduled with no delay), without moving the clock. */
    public void runDueTasks() {
        runDueTasks(now);
    }

    private void runDueTasks(long until) {
        while (!queue.isEmpty() && queue.peek().due <= until) {
            Task task = queue.poll();
            if (task.cancelled) {
                continue;
            }
            now = task.due;
            task.runnable.run();
        }
    }

    /** The number of tasks not yet run and not cancelled. */
    public int pendingTasks() {
        return (int) queue.stream().filter(t -> !t.cancelled).count();
    }

    /** The due time of the next task that will run, or -1 when there is none. */
    public long nextDueNanos() {
        return queue.stream().filter(t -> !t.cancelled).mapToLong(t -> t.due).min().orElse(-1);
    }

    private static final class Task implements Comparable<Task> {
        final long due;
        final long sequence;
        final Runnable runnable;
        boolean cancelled;

        Task(long due, long sequence, Runnable runnable) {
            this.due = due;
            this.sequence = sequence;
            this.runnable = runnable;
        }

        @Override
        public int compareTo(Task other) {
            int byDue = Long.compare(due, other.due);
            return byDue != 0 ? byDue : Long.compare(sequence, other.sequence);
        }
    }
}
