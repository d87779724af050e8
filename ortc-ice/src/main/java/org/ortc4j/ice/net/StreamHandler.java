package org.ortc4j.ice.net;

import io.netty.buffer.ByteBuf;

/** Receives a {@link StreamSocket}'s bytes and its end, on the stack's loop. */
public interface StreamHandler {

    /** Bytes as they arrive, in order, in chunks of any size. The handler owns {@code data}. */
    void onData(StreamSocket socket, ByteBuf data);

    /**
     * The connection ended: closed by either side ({@code cause} null) or broken
     * ({@code cause} says why). Called once.
     */
    void onClosed(StreamSocket socket, Throwable cause);
}
