package org.ortc4j.ice.vnet;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.ortc4j.ice.net.DatagramHandler;
import org.ortc4j.ice.net.UdpSocket;
import org.ortc4j.ice.stun.StunMessage;

/**
 * A UDP endpoint for the server tests: a socket on a virtual host that sends raw bytes or STUN
 * messages and keeps every datagram it receives, as bytes, with its sender. Buffers are released
 * on arrival.
 */
final class TurnServerTestPeer implements DatagramHandler {

    record Datagram(byte[] bytes, InetSocketAddress from) {
        StunMessage stun() {
            return StunMessage.decode(bytes);
        }
    }

    final VirtualHost host;
    final UdpSocket socket;
    final List<Datagram> received = new ArrayList<>();

    TurnServerTestPeer(VirtualHost host, InetSocketAddress bind) {
        this.host = host;
        this.socket = host.bindUdp(bind, this).join();
    }

    @Override
    public void onDatagram(UdpSocket from, InetSocketAddress sender, ByteBuf data) {
        try {
            received.add(new Datagram(ByteBufUtil.getBytes(data), sender));
        } finally {
            data.release();
        }
    }

    void send(byte[] bytes, InetSocketAddress to) {
        socket.send(host.alloc().buffer(bytes.length).writeBytes(bytes), to);
    }

    void send(StunMessage message, InetSocketAddress to) {
        send(message.encode(), to);
    }

    /** The last datagram received, removing everything received so far. */
    Datagram takeLast() {
        if (received.isEmpty()) {
            throw new AssertionError("nothing received");
        }
        Datagram last = received.get(received.size() - 1);
        received.clear();
        return last;
    }

    InetSocketAddress address() {
        return socket.localAddress();
    }
}
