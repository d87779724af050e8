package org.ortc4j.ice.internal.turn;

import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import org.ortc4j.ice.net.NetworkStack;
import org.ortc4j.ice.net.StreamHandler;
import org.ortc4j.ice.net.StreamSocket;
import org.ortc4j.ice.net.TlsClientOptions;
import org.ortc4j.ice.stun.StunParseException;
import org.ortc4j.ice.stun.StunStreamFramer;

/**
 * TURN over TCP or TLS: one connection to the server, whose byte stream {@link StunStreamFramer}
 * cuts into STUN and ChannelData frames (RFC 8489 §6.2.2, RFC 8656 §12.5).
 */
final class TurnStreamConnection implements TurnConnection, StreamHandler {

    private final Listener listener;
    private final StunStreamFramer framer = new StunStreamFramer();
    private StreamSocket socket;
    private boolean closedLocally;
    private long droppedInput;

    private TurnStreamConnection(Listener listener) {
        this.listener = listener;
    }

    static CompletableFuture<TurnConnection> open(NetworkStack stack, InetSocketAddress server, TlsClientOptions tls,
            Listener listener) {
        TurnStreamConnection connection = new TurnStreamConnection(listener);
        return stack.connectTcp(server, tls, connection).thenApply(socket -> {
            connection.socket = socket;
            return connection;
        });
    }

    @Override
    public void onData(StreamSocket from, ByteBuf data) {
        if (closedLocally || framer.isFailed()) {
            data.release();
            return;
        }
        try {
            framer.feed(data, listener::onFrame);
        } catch (StunParseException e) {
            // The stream holds bytes that start no frame: there is no way to find the next frame
            // boundary, so the connection (and the allocation on it) is lost.
            droppedInput++;
            from.close();
            if (!closedLocally) {
                closedLocally = true;
                listener.onClosed(e);
            }
        }
    }

    @Override
    public void onClosed(StreamSocket from, Throwable cause) {
        framer.close();
        if (!closedLocally) {
            closedLocally = true;
            listener.onClosed(cause);
        }
    }

    @Override
    public void send(ByteBuf frame) {
        if (socket == null) {
            frame.release();
            return;
        }
        socket.send(frame);
    }

    @Override
    public boolean reliable() {
        return true;
    }

    @Override
    public InetSocketAddress localAddress() {
        return socket.localAddress();
    }

    @Override
    public boolean isOpen() {
        return socket != null && socket.isOpen() && !closedLocally;
    }

    @Override
    public long droppedInput() {
        return droppedInput;
    }

    @Override
    public void close() {
        closedLocally = true;
        framer.close();
        if (socket != null) {
            socket.close();
        }
    }
}
