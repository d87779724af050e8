package org.ortc4j.sctp.internal.channel;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * An event that happens at most once ({@code open}, {@code error}, {@code close}), whose
 * listeners behave like a {@code CompletableFuture}'s: one added after the event is called at
 * once (on the loop) with the event's value. Java code cannot register listeners "in the same
 * task" as JavaScript does, so a channel that opens on the loop while another thread is still
 * registering would otherwise lose the event.
 *
 * @param <T> the event's value ({@code Void} for none)
 */
public final class OnceEvent<T> {

    private static final System.Logger LOG = System.getLogger(OnceEvent.class.getName());

    private final Executor loop;
    private final List<Consumer<? super T>> listeners = new ArrayList<>();
    private boolean fired;
    private T value;

    /** @param loop where late listeners run */
    public OnceEvent(Executor loop) {
        this.loop = Objects.requireNonNull(loop, "loop");
    }

    /** Adds a listener that takes no value. */
    public AutoCloseable add(Runnable listener) {
        Objects.requireNonNull(listener, "listener");
        return add(v -> listener.run());
    }

    /** Adds a listener; closing the result removes it (if it has not run yet). */
    public AutoCloseable add(Consumer<? super T> listener) {
        Objects.requireNonNull(listener, "listener");
        Consumer<? super T> entry = listener::accept;
        T now;
        synchronized (this) {
            if (!fired) {
                listeners.add(entry);
                return () -> remove(entry);
            }
            now = value;
        }
        loop.execute(() -> run(entry, now));
        return () -> { };
    }

    /** Fires the event (on the loop); does nothing the second time. */
    public void fire(T v) {
        List<Consumer<? super T>> now;
        synchronized (this) {
            if (fired) {
                return;
            }
            fired = true;
            value = v;
            now = new ArrayList<>(listeners);
            listeners.clear();
        }
        for (Consumer<? super T> listener : now) {
            run(listener, v);
        }
    }

    private synchronized void remove(Consumer<? super T> entry) {
        listeners.remove(entry);
    }

    private static <T> void run(Consumer<? super T> listener, T v) {
        try {
            listener.accept(v);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "a listener threw", e);
        }
    }
}
