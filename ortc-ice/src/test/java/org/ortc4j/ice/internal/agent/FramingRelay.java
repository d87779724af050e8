package org.ortc4j.ice.internal.agent;

import io.netty.buffer.ByteBuf;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import org.ortc4j.ice.internal.CandidateBase;
import org.ortc4j.ice.internal.PacketReceiver;
import org.ortc4j.ice.net.NetworkStack;
import org.ortc4j.ice.net.UdpSocket;

/**
 * A minimal UDP relay on the virtual network, standing in for a TURN server without TURN's
 * messages: the client sends {@code [peer IPv4 (4) | peer port (2) | payload]} to the relay's
 * control port, the relay sends the payload to the peer from its relayed address, and what peers
 * send to the relayed address comes back to the client framed the same way. It lets the agent be
 * tested over a base that relays ({@link CandidateBase#relayed()}) while the TURN client is built
 * elsewhere.
 */
final class FramingRelay {

    private final UdpSocket control;
    private final UdpSocket relayed;
    private InetSocketAddress client;

    FramingRelay(NetworkStack relayHost, InetAddress address) {
        this.control = relayHost.bindUdp(new InetSocketAddress(address, 3478), this::fromClient).join();
        this.relayed = relayHost.bindUdp(new InetSocketAddress(address, 50000), this::fromPeer).join();
    }

    InetSocketAddress relayedAddress() {
        return relayed.localAddress();
    }

    InetSocketAddress controlAddress() {
        return control.localAddress();
    }

    private void fromClient(UdpSocket socket, InetSocketAddress from, ByteBuf data) {
        client = from;
        if (data.readableBytes() < 6) {
            data.release();
            return;
        }
        InetSocketAddress peer = readAddress(data);
        relayed.send(data, peer);
    }

    private void fromPeer(UdpSocket socket, InetSocketAddress from, ByteBuf data) {
        if (client == null) {
            data.release();
            return;
        }
        control.send(frame(from, data), client);
    }

    void close() {
        control.close();
        relayed.close();
    }

    static ByteBuf frame(InetSocketAddress peer, ByteBuf payload) {
        ByteBuf framed = payload.alloc().buffer(6 + payload.readableBytes());
        framed.writeBytes(peer.getAddress().getAddress()).writeShort(peer.getPort()).writeBytes(payload);
        payload.release();
        return framed;
    }

    /** Reads the 6-byte header, leaving the payload readable. */
    static InetSocketAddress readAddress(ByteBuf data) {
        byte[] ip = new byte[4];
        data.readBytes(ip);
        int port = data.readUnsignedShort();
        try {
            return new InetSocketAddress(InetAddress.getByAddress(ip), port);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** The client side: a relayed candidate base whose address is the relay's relayed address. */
    static final class ClientBase implements CandidateBase {
        private final FramingRelay relay;
        private UdpSocket socket;

        private ClientBase(FramingRelay relay) {
            this.relay = relay;
        }

        /** Binds a socket on {@code host} that talks to {@code relay} and hands unwrapped datagrams to {@code receiver}. */
        static ClientBase open(NetworkStack host, InetAddress local, FramingRelay relay, PacketReceiver receiver) {
            ClientBase base = new ClientBase(relay);
            base.socket = host.bindUdp(new InetSocketAddress(local, 0), (s, from, data) -> {
                if (!from.equals(relay.controlAddress()) || data.readableBytes() < 6) {
                    data.release();
                    return;
                }
                InetSocketAddress peer = readAddress(data);
                receiver.receive(base, peer, data);
            }).join();
            return base;
        }

        @Override
        public InetSocketAddress address() {
            return relay.relayedAddress();
        }

        @Override
        public boolean relayed() {
            return true;
        }

        @Override
        public void send(ByteBuf data, InetSocketAddress to) {
            if (!(to.getAddress() instanceof Inet4Address)) {
                data.release();
                return;
            }
            socket.send(frame(to, data), relay.controlAddress());
        }

        @Override
        public boolean isOpen() {
            return socket.isOpen();
        }

        void close() {
            socket.close();
        }
    }
}
