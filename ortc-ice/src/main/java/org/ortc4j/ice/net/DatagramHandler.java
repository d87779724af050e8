package org.ortc4j.ice.net;

import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;

/** Receives a {@link UdpSocket}'s datagrams, on the stack's loop. */
@FunctionalInterface
public interface DatagramHandler {

    /**
     * One datagram from {@code sender}. The handler owns {@code data} and must release it or
     * hand it on. Must not block.
     */
    void onDatagram(UdpSocket socket, InetSocketAddress sender, ByteBuf data);
}
