package org.ortc4j.dtls.internal;

import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listeners of one event: registration from any thread returns the handle that removes the
 * listener; events fire on the loop; a listener that throws is logged and does not stop the
 * others.
 */
public final class DtlsStateListeners<T> {

    private static final Logger LOG = LoggerFactory.getLogger(DtlsStateListeners.class);

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
}
