package org.ortc4j.ice.net;

import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;

/**
 * A connected TCP (or TLS over TCP) byte stream of a {@link NetworkStack}. It carries bytes, not
 * messages: framing is the protocol's (RFC 8489 §6.2.2, RFC 8656 §12.5). Call it on the loop.
 */
public interface StreamSocket extends AutoCloseable {

    InetSocketAddress localAddress();

    InetSocketAddress remoteAddress();

    /** Writes bytes in order. Takes ownership of {@code data}; dropped when closed. */
    void send(ByteBuf data);

    boolean isOpen();

    /** Closes the connection; the handler's {@link StreamHandler#onClosed} follows. Idempotent. */
    @Override
    void close();
}
