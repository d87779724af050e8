package org.ortc4j.ice.internal.turn;

import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.ortc4j.ice.net.NetworkStack;
import org.ortc4j.ice.net.UdpSocket;

/** TURN over UDP: a socket of the allocation's own that talks to the server only. */
final class TurnUdpConnection implements TurnConnection {

    private final UdpSocket socket;
    private final InetSocketAddress server;
    private long droppedInput;

    private TurnUdpConnection(UdpSocket socket, InetSocketAddress server) {
        this.socket = socket;
        this.server = server;
    }

    static CompletableFuture<TurnConnection> open(NetworkStack stack, InetSocketAddress server,
            InetSocketAddress localBind, Listener listener) {
        Objects.requireNonNull(localBind, "localBind");
        TurnUdpConnection[] self = new TurnUdpConnection[1];
        return stack.bindUdp(localBind, (socket, sender, data) -> {
            TurnUdpConnection connection = self[0];
            // RFC 8656 §2: everything of an allocation travels on its 5-tuple; a datagram from
            // anyone but the server is not TURN traffic for us (and would let anyone inject data
            // as if it came through the relay).
            if (connection == null || !server.equals(sender)) {
                if (connection != null) {
                    connection.droppedInput++;
                }
                data.release();
                return;
            }
            listener.onFrame(data);
        }).thenApply(socket -> {
            self[0] = new TurnUdpConnection(socket, server);
            return self[0];
        });
    }

    @Override
    public void send(ByteBuf frame) {
        socket.send(frame, server);
    }

    @Override
    public boolean reliable() {
        return false;
    }

    @Override
    public InetSocketAddress localAddress() {
        return socket.localAddress();
    }

    @Override
    public boolean isOpen() {
        return socket.isOpen();
    }

    @Override
    public long droppedInput() {
        return droppedInput;
    }

    @Override
    public void close() {
        socket.close();
    }
}
