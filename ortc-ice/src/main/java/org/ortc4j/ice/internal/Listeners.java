package org.ortc4j.ice.internal;

import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listeners of one event of a transport object. Registration may happen on any thread and
 * returns the handle that removes the listener (ARCHITECTURE.md, API conventions); events are
 * fired on the loop. A listener that throws is logged and does not stop the others or the
 * transport.
 */
public final class Listeners<T> {

    private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);

    private final CopyOnWriteArrayList<Consumer<? super T>> listeners = new CopyOnWriteArrayList<>();

    /** Adds a listener; closing the returned handle removes it. */
    public AutoCloseable add(Consumer<? super T> listener) {
        Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Calls every listener with {@code event}, in registration order. */
    public void fire(T event) {
        for (Consumer<? super T> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                LOG.warn("listener {} threw on {}", listener, event, e);
            }
        }
    }

    /** Removes every listener. */
    public void clear() {
        listeners.clear();
    }
}
