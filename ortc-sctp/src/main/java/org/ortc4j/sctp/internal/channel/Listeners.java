package org.ortc4j.sctp.internal.channel;

import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The listeners of one event of a public object ({@code onOpen}, {@code onMessage}, ...): added
 * from any thread, called on the loop. A listener that throws is logged and the others still run,
 * so user code cannot break the protocol state of the loop.
 *
 * @param <T> what each listener receives
 */
public final class Listeners<T> {

    private static final System.Logger LOG = System.getLogger(Listeners.class.getName());

    private final CopyOnWriteArrayList<Consumer<? super T>> listeners = new CopyOnWriteArrayList<>();

    /** Adds a listener; closing the result removes it. */
    public AutoCloseable add(Consumer<? super T> listener) {
        Objects.requireNonNull(listener, "listener");
        // A wrapper per registration, so the same listener added twice is removed once per close.
        Consumer<? super T> entry = listener::accept;
        listeners.add(entry);
        return () -> listeners.remove(entry);
    }

    /** Adds a listener that takes no value. */
    public AutoCloseable add(Runnable listener) {
        Objects.requireNonNull(listener, "listener");
        return add(value -> listener.run());
    }

    /** Calls every listener with {@code value}. */
    public void fire(T value) {
        for (Consumer<? super T> listener : listeners) {
            try {
                listener.accept(value);
            } catch (RuntimeException | Error e) {
                if (e instanceof VirtualMachineError) {
                    throw e;
                }
                LOG.log(System.Logger.Level.WARNING, "a listener threw", e);
            }
        }
    }

    /** Whether no listener is registered. */
    public boolean isEmpty() {
        return listeners.isEmpty();
    }
}
