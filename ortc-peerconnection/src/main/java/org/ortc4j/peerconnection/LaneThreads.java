package org.ortc4j.peerconnection;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads every peer connection's {@link OperationsChain} runs on: an elastic pool of daemon
 * threads that exist only while some chain has work. A thread is taken when a chain goes from
 * idle to busy and is given back when its queue is empty; an idle thread ends after
 * {@link #KEEP_ALIVE}. The pool grows instead of queueing because a task may block waiting for
 * another chain ({@link OperationsChain#call}), so a bounded pool could deadlock; the number of
 * threads is the number of chains running at the same moment, not the number of peer connections.
 */
final class LaneThreads {

    /** How long an idle thread waits for another chain's work before it ends. */
    static final Duration KEEP_ALIVE = Duration.ofSeconds(2);

    private static final AtomicInteger LIVE = new AtomicInteger();
    private static final Object IDLE = new Object();
    private static final AtomicInteger COUNT = new AtomicInteger();

    private static final ThreadPoolExecutor POOL = new ThreadPoolExecutor(
            0, Integer.MAX_VALUE, KEEP_ALIVE.toMillis(), TimeUnit.MILLISECONDS, new SynchronousQueue<>(),
            LaneThreads::newThread);

    private LaneThreads() {
    }

    /** The shared executor; it never queues, it hands the task to an idle or a new thread. */
    static Executor executor() {
        return POOL;
    }

    /** Threads of the pool alive now, busy or idle. */
    static int liveThreads() {
        return LIVE.get();
    }

    /**
     * Waits until the pool has no thread left (every chain idle for {@link #KEEP_ALIVE}); for
     * tests and measurements that count the threads of a process.
     *
     * @return whether it got there within {@code timeout}
     */
    static boolean awaitNoThreads(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (IDLE) {
            while (LIVE.get() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(IDLE, left);
            }
        }
        return true;
    }

    private static Thread newThread(Runnable worker) {
        LIVE.incrementAndGet();
        Thread thread = new Thread(() -> {
            try {
                worker.run();
            } finally {
                // Counted here, when the thread really ends, not when the pool forgets it.
                if (LIVE.decrementAndGet() == 0) {
                    synchronized (IDLE) {
                        IDLE.notifyAll();
                    }
                }
            }
        }, "ortc4j-pc-lane-" + COUNT.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    }
}
