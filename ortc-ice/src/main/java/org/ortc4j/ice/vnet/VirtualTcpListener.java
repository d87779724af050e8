package org.ortc4j.ice.vnet;

import java.util.function.Function;
import org.ortc4j.ice.net.StreamHandler;
import org.ortc4j.ice.net.StreamSocket;

/**
 * A TCP port a {@link VirtualHost} accepts connections on, on all its addresses; made by
 * {@link VirtualHost#listenTcp}. Close it to stop accepting (open connections stay).
 */
public final class VirtualTcpListener implements AutoCloseable {

    private final VirtualHost host;
    private final int port;
    private final Function<StreamSocket, StreamHandler> acceptor;
    private boolean open = true;

    VirtualTcpListener(VirtualHost host, int port, Function<StreamSocket, StreamHandler> acceptor) {
        this.host = host;
        this.port = port;
        this.acceptor = acceptor;
    }

    /** The port it listens on. */
    public int port() {
        return port;
    }

    /** The host it listens on. */
    public VirtualHost host() {
        return host;
    }

    public boolean isOpen() {
        return open;
    }

    /** Stops accepting; the port is free again. Idempotent. */
    @Override
    public void close() {
        if (open) {
            open = false;
            host.forget(this);
        }
    }

    /** The handler for a new connection, or null to refuse it. */
    StreamHandler accept(StreamSocket socket) {
        return acceptor.apply(socket);
    }
}
