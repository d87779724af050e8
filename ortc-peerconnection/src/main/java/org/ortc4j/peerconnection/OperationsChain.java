package org.ortc4j.peerconnection;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.ortc4j.ice.InvalidAccessException;
import org.ortc4j.ice.InvalidStateException;
import org.ortc4j.ice.OperationException;
import org.ortc4j.ice.SyntaxException;
import org.ortc4j.peerconnection.internal.jsep.JsepException;

/**
 * A peer connection's own thread, which runs the W3C operations chain (W3C WebRTC §4.4.1.2
 * "chain an operation") in order and holds the peer connection's state: operations become
 * futures, synchronous methods wait for their turn, callbacks of the transports are queued.
 * A {@link JsepException} becomes the DOMException of its kind.
 */
final class OperationsChain {

    private final ExecutorService executor;
    private volatile Thread thread;

    /** A chain whose thread (a daemon) is named {@code name}; it starts with the first task. */
    OperationsChain(String name) {
        this.executor = Executors.newSingleThreadExecutor(task -> {
            Thread t = new Thread(task, name);
            t.setDaemon(true);
            thread = t;
            return t;
        });
    }

    /** Whether the calling thread is the chain's. */
    boolean onChain() {
        return Thread.currentThread() == thread;
    }

    /** Runs an operation in order; its failures fail the future. */
    <T> CompletableFuture<T> operation(Supplier<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            executor.execute(() -> {
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
            result.completeExceptionally(new InvalidStateException("the peer connection is closed"));
        }
        return result;
    }

    /** Runs work on the chain and waits for it (at once when already on the chain). */
    <T> T call(Supplier<T> work) {
        if (onChain()) {
            return work.get();
        }
        if (executor.isShutdown()) {
            // Closed: the state is final once the chain has run its last task; read it here.
            try {
                executor.awaitTermination(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
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

    /** Queues a task from another object's thread; dropped once the chain has shut down. */
    void post(Runnable task) {
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            // Closed: the transports' last callbacks have nothing to update.
        }
    }

    boolean isShutdown() {
        return executor.isShutdown();
    }

    boolean isTerminated() {
        return executor.isTerminated();
    }

    /**
     * Takes no more tasks; waits up to {@code seconds} for the thread to end, unless called on
     * it.
     *
     * @return false if the thread did not end in time
     */
    boolean shutdown(long seconds) {
        executor.shutdown();
        if (onChain()) {
            return true;
        }
        try {
            return executor.awaitTermination(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
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
