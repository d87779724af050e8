package org.ortc4j.sctp.internal.channel;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * An event that happens at most once ({@code open}, {@code close}), whose listeners behave like
 * a {@code CompletableFuture}'s: one added after the event is called at once (on the loop).
 * Java code cannot register listeners "in the same task" as JavaScript does, so a channel that
 * opens on the loop while another thread is still registering would otherwise lose the event.
 */
public final class OnceEvent {

    private static final System.Logger LOG = System.getLogger(OnceEvent.class.getName());

    private final Executor loop;
    private final List<Runnable> listeners = new ArrayList<>();
    private boolean fired;

    /** @param loop where late listeners run */
    public OnceEvent(Executor loop) {
        this.loop = Objects.requireNonNull(loop, "loop");
    }

    /** Adds a listener; closing the result removes it (if it has not run yet). */
    public AutoCloseable add(Runnable listener) {
        Objects.requireNonNull(listener, "listener");
        Runnable entry = () -> run(listener);
        synchronized (this) {
            if (!fired) {
                listeners.add(entry);
                return () -> remove(entry);
            }
        }
        loop.execute(entry);
        return () -> { };
    }

    /** Fires the event (on the loop); does nothing the second time. */
    public void fire() {
        List<Runnable> now;
        synchronized (this) {
            if (fired) {
                return;
            }
            fired = true;
            now = new ArrayList<>(listeners);
            listeners.clear();
        }
        for (Runnable listener : now) {
            listener.run();
        }
    }

    private synchronized void remove(Runnable entry) {
        listeners.remove(entry);
    }

    private static void run(Runnable listener) {
        try {
            listener.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "a listener threw", e);
        }
    }
}
