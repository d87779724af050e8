package org.ortc4j.peerconnection;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The listeners of one peer-connection event; a listener that throws is logged and the others
 * still run. Registration returns the handle that removes the listener.
 */
final class EventListeners<T> {

    private static final System.Logger LOG = System.getLogger(RTCPeerConnection.class.getName());

    private final List<Consumer<? super T>> listeners = new CopyOnWriteArrayList<>();

    AutoCloseable add(Consumer<? super T> listener) {
        Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    void fire(T event) {
        for (Consumer<? super T> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "an RTCPeerConnection listener threw", e);
            }
        }
    }
}
