package org.ortc4j.ice.internal;

import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.ortc4j.ice.net.NetworkStack;
import org.ortc4j.ice.net.UdpSocket;

/**
 * A host candidate's base (RFC 8445 §5.1.1.1): one bound UDP socket. Server-reflexive candidates
 * gathered through it share it as their base. Call it on the stack's loop.
 */
public final class UdpSocketBase implements CandidateBase {

    private final UdpSocket socket;

    /** A base over an already bound socket. */
    public UdpSocketBase(UdpSocket socket) {
        this.socket = Objects.requireNonNull(socket, "socket");
    }

    /**
     * Binds a UDP socket on {@code stack} and hands every datagram it receives to
     * {@code receiver} as (this base, sender, data).
     *
     * @param local the address to bind; port 0 picks a free one
     * @return the base once the socket is bound; fails as {@link NetworkStack#bindUdp} does
     */
    public static CompletableFuture<UdpSocketBase> bind(NetworkStack stack, InetSocketAddress local,
            PacketReceiver receiver) {
        Objects.requireNonNull(stack, "stack");
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(receiver, "receiver");
        Binding binding = new Binding(receiver);
        return stack.bindUdp(local, binding::onDatagram).thenApply(binding::baseOf);
    }

    /** The socket. */
    public UdpSocket socket() {
        return socket;
    }

    @Override
    public InetSocketAddress address() {
        return socket.localAddress();
    }

    @Override
    public boolean relayed() {
        return false;
    }

    @Override
    public void send(ByteBuf data, InetSocketAddress to) {
        socket.send(data, to);
    }

    @Override
    public boolean isOpen() {
        return socket.isOpen();
    }

    /** Closes the socket. Idempotent. */
    public void close() {
        socket.close();
    }

    @Override
    public String toString() {
        return "UdpSocketBase[" + socket.localAddress() + "]";
    }

    /** Ties the socket's handler to the one base made for it, whichever comes first. */
    private static final class Binding {
        private final PacketReceiver receiver;
        private UdpSocketBase base;

        Binding(PacketReceiver receiver) {
            this.receiver = receiver;
        }

        UdpSocketBase baseOf(UdpSocket socket) {
            if (base == null) {
                base = new UdpSocketBase(socket);
            }
            return base;
        }

        void onDatagram(UdpSocket socket, InetSocketAddress sender, ByteBuf data) {
            receiver.receive(baseOf(socket), sender, data);
        }
    }
}
