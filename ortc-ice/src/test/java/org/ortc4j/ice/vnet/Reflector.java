package org.ortc4j.ice.vnet;

import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.ortc4j.ice.net.UdpSocket;

/**
 * A public UDP server that answers each datagram with the address it came from, as a STUN binding
 * response does ({@code "ip:port"}), so a test sees the mapping a NAT chose.
 */
final class Reflector {

    final VirtualHost host;
    final UdpSocket socket;
    final List<InetSocketAddress> seen = new ArrayList<>();

    Reflector(VirtualHost host, InetSocketAddress local) {
        this.host = host;
        this.socket = host.bindUdp(local, this::reflect).join();
    }

    private void reflect(UdpSocket socket, InetSocketAddress from, ByteBuf data) {
        data.release();
        seen.add(from);
        String text = from.getAddress().getHostAddress() + ":" + from.getPort();
        socket.send(host.alloc().buffer().writeBytes(text.getBytes(StandardCharsets.UTF_8)), from);
    }

    InetSocketAddress address() {
        return socket.localAddress();
    }

    /** Sends text from {@code from} to {@code to} (a reflector's or anybody's address). */
    void sendTo(InetSocketAddress to, String text) {
        socket.send(host.alloc().buffer().writeBytes(text.getBytes(StandardCharsets.UTF_8)), to);
    }
}
