package org.ortc4j.peerconnection;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.ortc4j.ice.InvalidAccessException;
import org.ortc4j.ice.InvalidStateException;
import org.ortc4j.ice.OperationException;
import org.ortc4j.ice.SyntaxException;
import org.ortc4j.peerconnection.internal.jsep.JsepException;

/**
 * A peer connection's serial lane, which runs the W3C operations chain (W3C WebRTC §4.4.1.2
 * "chain an operation") in order and holds the peer connection's state: operations become
 * futures, synchronous methods wait for their turn, callbacks of the transports are queued.
 * A {@link JsepException} becomes the DOMException of its kind.
 *
 * <p>The lane has no thread of its own: its tasks run one at a time, in order, on a thread of
 * the shared {@link LaneThreads} pool, taken when the lane gets work and given back when its
 * queue is empty — a connected, quiet peer connection holds no thread. A task that throws (an
 * {@link Error} included) is logged and the lane goes on with the next one.
 */
final class OperationsChain {

    private static final System.Logger LOG = System.getLogger(OperationsChain.class.getName());

    /**
     * Tasks a lane holds at most. Operations and transport callbacks are small and quick; a
     * queue this long means the lane is stuck, and memory must stay bounded anyway.
     */
    static final int MAX_QUEUED = 65_536;

    private final String name;
    private final Object lock = new Object();
    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();
    /** Guarded by lock: a drain is submitted to the pool or running. */
    private boolean scheduled;
    /** Guarded by lock: no task is accepted any more. */
    private boolean shutdown;
    /** The pool thread running this lane's tasks now, or null. */
    private volatile Thread runner;
    private long dropped;

    /** A lane named {@code name} (for logs); it takes a thread with its first task. */
    OperationsChain(String name) {
        this.name = name;
    }

    /** Whether the calling thread is running this lane's current task. */
    boolean onChain() {
        return runner == Thread.currentThread();
    }

    /** Runs an operation in order; its failures fail the future. */
    <T> CompletableFuture<T> operation(Supplier<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            execute(() -> {
                try {
                    result.complete(work.get());
                } catch (JsepException e) {
                    result.completeExceptionally(domException(e));
                } catch (RuntimeException e) {
                    result.completeExceptionally(e);
                } catch (Error e) {
                    // The caller must not wait forever for an operation that cannot finish.
                    result.completeExceptionally(e);
                    throw e;
                }
            });
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(isShutdown()
                    ? new InvalidStateException("the peer connection is closed")
                    : new OperationException(e.getMessage()));
        }
        return result;
    }

    /**
     * Runs work on the lane and waits for it (at once when already on the lane). From another
     * lane's task this blocks that task's thread only: the pool gives this lane another one.
     */
    <T> T call(Supplier<T> work) {
        if (onChain()) {
            return work.get();
        }
        if (isShutdown()) {
            // Closed: the state is final once the lane has run its last task; read it here.
            awaitTermination(1);
            return work.get();
        }
        CompletableFuture<T> result = operation(work);
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InvalidStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new OperationException(String.valueOf(e.getCause()), e.getCause());
        }
    }

    /** Queues a task from another object's thread; dropped once the lane has shut down. */
    void post(Runnable task) {
        try {
            execute(task);
        } catch (RejectedExecutionException e) {
            // Closed: the transports' last callbacks have nothing to update. Full: logged below.
        }
    }

    boolean isShutdown() {
        synchronized (lock) {
            return shutdown;
        }
    }

    /** Whether the lane has shut down and run every task it had accepted. */
    boolean isTerminated() {
        return terminated.isDone();
    }

    /**
     * Takes no more tasks; waits up to {@code seconds} for the tasks already queued to finish,
     * unless called from the lane itself (they run after the current one).
     *
     * @return false if the queued tasks did not finish in time
     */
    boolean shutdown(long seconds) {
        synchronized (lock) {
            shutdown = true;
            if (!scheduled) {
                terminated.complete(null);
            }
        }
        if (onChain()) {
            return true;
        }
        return awaitTermination(seconds);
    }

    private boolean awaitTermination(long seconds) {
        try {
            terminated.get(seconds, TimeUnit.SECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    private void execute(Runnable task) {
        boolean start;
        synchronized (lock) {
            if (shutdown) {
                throw new RejectedExecutionException("the peer connection is closed");
            }
            if (queue.size() >= MAX_QUEUED) {
                dropped++;
                if (Long.bitCount(dropped) == 1) {
                    LOG.log(System.Logger.Level.WARNING, "{0}: {1} tasks queued, {2} refused", name, MAX_QUEUED, dropped);
                }
                throw new RejectedExecutionException("more than " + MAX_QUEUED + " tasks queued");
            }
            queue.add(task);
            start = !scheduled;
            scheduled = true;
        }
        if (start) {
            try {
                LaneThreads.executor().execute(this::drain);
            } catch (RejectedExecutionException | OutOfMemoryError e) {
                // No thread to be had ("unable to create native thread"): refuse this task rather
                // than leave the lane marked busy with nobody draining it; the next task retries.
                synchronized (lock) {
                    queue.remove(task);
                    scheduled = false;
                }
                throw new RejectedExecutionException(name + ": no thread to run on: " + e, e);
            }
        }
    }

    /** Runs queued tasks until the queue is empty, then gives the thread back. */
    private void drain() {
        runner = Thread.currentThread();
        while (true) {
            Runnable task;
            synchronized (lock) {
                task = queue.poll();
                if (task == null) {
                    // Cleared before another drain can start, so onChain() never sees a stranger.
                    runner = null;
                    scheduled = false;
                    if (shutdown) {
                        terminated.complete(null);
                    }
                    return;
                }
            }
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                // One broken task must not stop the peer connection's later operations.
                LOG.log(System.Logger.Level.ERROR, name + ": a task failed", e);
            }
            // The thread serves other lanes next: an interrupt meant for this task stops here.
            Thread.interrupted();
        }
    }

    /** The W3C DOMException for a JSEP rule a description broke. */
    static RuntimeException domException(JsepException e) {
        return switch (e.kind()) {
            case SYNTAX -> new SyntaxException(e.getMessage(), e);
            case INVALID_ACCESS -> new InvalidAccessException(e.getMessage(), e);
            case OPERATION -> new OperationException(e.getMessage(), e);
        };
    }
}
