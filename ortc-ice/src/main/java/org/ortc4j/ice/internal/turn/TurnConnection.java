package org.ortc4j.ice.internal.turn;

import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import org.ortc4j.ice.net.NetworkStack;

/**
 * The client's end of one 5-tuple to a TURN server (RFC 8656 §2, "5-tuple"): a UDP socket that
 * talks to the server only, or one TCP/TLS connection cut into STUN and ChannelData frames. An
 * allocation lives on exactly one of these; after a 300 or a 437 it opens a new one.
 *
 * <p>Confined to the stack's loop.
 */
interface TurnConnection {

    /** What arrives from the server. */
    interface Listener {
        /** One STUN message or ChannelData message from the server; the listener owns {@code frame}. */
        void onFrame(ByteBuf frame);

        /** The connection ended (TCP/TLS only): closed by the server ({@code cause} null) or broken. */
        void onClosed(Throwable cause);
    }

    /**
     * Opens the transport to {@code server}: binds a UDP socket at {@code localBind}, or connects
     * over TCP (with TLS for {@code turns:}).
     */
    static CompletableFuture<TurnConnection> open(NetworkStack stack, TurnServerAddress server,
            InetSocketAddress localBind, Listener listener) {
        return switch (server.transport()) {
            case UDP -> TurnUdpConnection.open(stack, server.address(), localBind, listener);
            case TCP -> TurnStreamConnection.open(stack, server.address(), null, listener);
            case TLS -> TurnStreamConnection.open(stack, server.address(), server.tls(), listener);
        };
    }

    /** Sends one STUN or ChannelData message to the server. Takes ownership of {@code frame}. */
    void send(ByteBuf frame);

    /** Whether this is a byte stream (no STUN retransmissions; ChannelData padded, RFC 8656 §12.5). */
    boolean reliable();

    /** The client's side of the 5-tuple. */
    InetSocketAddress localAddress();

    boolean isOpen();

    /** What arrived and was not from the server or not a whole frame: dropped and counted. */
    long droppedInput();

    /** Closes the socket or connection. Idempotent; no {@link Listener#onClosed} follows a local close. */
    void close();
}
