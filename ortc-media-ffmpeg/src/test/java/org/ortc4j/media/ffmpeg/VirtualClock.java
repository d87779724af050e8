package org.ortc4j.media.ffmpeg;

import java.util.PriorityQueue;
import org.ortc4j.media.MediaClock;

/** A {@link MediaClock} that moves only when the test advances it; tasks run on the test's thread. */
final class VirtualClock implements MediaClock {

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
    public synchronized void schedule(Runnable task, long deadlineNanos) {
        tasks.add(new Task(deadlineNanos, order++, task));
    }

    /** Moves time forward by {@code millis}, running what falls due in deadline order. */
    void advanceMillis(long millis) {
        long target;
        synchronized (this) {
            target = now + millis * 1_000_000L;
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
}
