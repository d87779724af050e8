package org.ortc4j.ice.vnet;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;
import org.ortc4j.ice.net.DatagramHandler;
import org.ortc4j.ice.net.UdpSocket;

/**
 * A UDP socket of a {@link VirtualHost}: a unicast socket bound to one of the host's addresses
 * (or the wildcard), or a multicast socket joined to {@link #group()}.
 */
final class VirtualUdpSocket implements UdpSocket {

    private final VirtualHost host;
    private final InetSocketAddress local;
    private final DatagramHandler handler;
    private final InetAddress group;
    private boolean open = true;

    VirtualUdpSocket(VirtualHost host, InetSocketAddress local, DatagramHandler handler, InetAddress group) {
        this.host = host;
        this.local = local;
        this.handler = handler;
        this.group = group;
    }

    @Override
    public InetSocketAddress localAddress() {
        return local;
    }

    /** The multicast group this socket joined, or null for a unicast socket. */
    InetAddress group() {
        return group;
    }

    @Override
    public void send(ByteBuf data, InetSocketAddress to) {
        Objects.requireNonNull(data, "data");
        byte[] payload;
        try {
            Objects.requireNonNull(to, "to");
            if (!open) {
                return;
            }
            payload = ByteBufUtil.getBytes(data);
        } finally {
            data.release();
        }
        host.sendDatagram(this, to, payload);
    }

    /** Hands an arrived datagram to the handler in a new buffer the handler owns. */
    void deliver(InetSocketAddress from, byte[] payload) {
        if (!open) {
            host.network().countNoSocket();
            return;
        }
        ByteBuf data = host.alloc().buffer(payload.length).writeBytes(payload);
        host.network().countDelivered();
        handler.onDatagram(this, from, data);
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        if (open) {
            open = false;
            host.forget(this);
        }
    }

    @Override
    public String toString() {
        return "VirtualUdpSocket[" + host.name() + " " + local + (group != null ? " group " + group : "") + "]";
    }
}
