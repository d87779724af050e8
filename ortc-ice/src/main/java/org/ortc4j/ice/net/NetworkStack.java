package org.ortc4j.ice.net;

import io.netty.buffer.ByteBufAllocator;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What one transport stack needs from the world: the loop it runs on, the host's addresses, and
 * sockets whose callbacks run on that loop. Real networking ({@code NettyNetwork}) and the virtual
 * network for tests ({@code org.ortc4j.ice.vnet}) both provide it, so ICE, DTLS and SCTP run
 * unchanged on either.
 *
 * <p>Every method is called on {@link #scheduler()}'s thread, and every callback and future
 * completion happens there. Buffers follow ARCHITECTURE.md: whoever receives a {@code ByteBuf}
 * owns it and releases it or hands it on.
 */
public interface NetworkStack {

    /** The loop: this stack's clock, timers and thread. */
    Scheduler scheduler();

    /** Allocates the buffers this stack sends. */
    ByteBufAllocator alloc();

    /**
     * The addresses of this host's interfaces that are up, including loopback ones (marked), in a
     * stable order. Gatherers choose among them.
     */
    List<LocalAddress> localAddresses();

    /**
     * Binds a UDP socket. A port of 0 picks a free one. Fails with an {@link java.io.IOException}
     * when the address cannot be bound.
     */
    CompletableFuture<UdpSocket> bindUdp(InetSocketAddress local, DatagramHandler handler);

    /**
     * Binds a UDP socket to {@code group}'s port and joins the multicast group on the interface
     * of {@code via} (mDNS, RFC 6762). Datagrams sent to the group arrive at the handler; the
     * socket sends to any address, the group included.
     */
    CompletableFuture<UdpSocket> joinMulticast(InetSocketAddress group, LocalAddress via, DatagramHandler handler);

    /**
     * Opens a TCP connection to {@code remote}, and with {@code tls} not null runs a TLS
     * handshake over it before completing (for {@code turns:}). The future fails when the
     * connection or handshake does.
     */
    CompletableFuture<StreamSocket> connectTcp(InetSocketAddress remote, TlsClientOptions tls, StreamHandler handler);
}
