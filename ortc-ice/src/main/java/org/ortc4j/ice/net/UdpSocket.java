package org.ortc4j.ice.net;

import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;

/** A bound UDP socket of a {@link NetworkStack}. Call it on the stack's loop. */
public interface UdpSocket extends AutoCloseable {

    /** The address and port this socket is bound to. */
    InetSocketAddress localAddress();

    /**
     * Sends one datagram. Takes ownership of {@code data} and releases it, also when the socket is
     * closed or the send fails (UDP is best effort; failures are counted, not thrown).
     */
    void send(ByteBuf data, InetSocketAddress to);

    /** Whether the socket is still open. */
    boolean isOpen();

    /** Closes the socket; later sends are dropped. Idempotent. */
    @Override
    void close();
}
