package org.ortc4j.media;

import java.util.PriorityQueue;

/** A {@link MediaClock} that moves only when a test advances it; tasks run on the test's thread. */
public final class VirtualMediaClock implements MediaClock {

    private record Task(long deadline, long order, Runnable action) {
    }

    private final PriorityQueue<Task> tasks = new PriorityQueue<>((a, b) -> a.deadline != b.deadline
            ? Long.compare(a.deadline, b.deadline) : Long.compare(a.order, b.order));
    private long now = 1_000_000_000L;
    private long order;

    @Override
    public synchronized long nanoTime() {
        return now;
    }

    @Override
    public void schedule(Runnable task, long deadlineNanos) {
        synchronized (this) {
            tasks.add(new Task(deadlineNanos, order++, task));
        }
    }

    /** Moves time forward by {@code nanos}, running every task that falls due, in deadline order. */
    public void advance(long nanos) {
        long target;
        synchronized (this) {
            target = now + nanos;
        }
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.peek();
                if (next == null || next.deadline > target) {
                    now = target;
                    return;
                }
                tasks.poll();
                now = Math.max(now, next.deadline);
            }
            next.action.run();
        }
    }

    /** Moves time forward by {@code millis} milliseconds. */
    public void advanceMillis(long millis) {
        advance(millis * 1_000_000L);
    }
}
