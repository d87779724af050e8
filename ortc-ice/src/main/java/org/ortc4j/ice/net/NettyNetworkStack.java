package org.ortc4j.ice.net;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioChannelOption;
import io.netty.handler.ssl.SslHandler;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.StandardSocketOptions;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLException;

/**
 * A {@link NetworkStack} on one Netty event loop: every channel it opens is registered with that
 * loop, so socket callbacks, future completions and {@link #scheduler()}'s timers share one
 * thread. Its methods, and those of its sockets, may also be called from other threads: they
 * hop onto the loop, and what they report still happens there.
 */
final class NettyNetworkStack implements NetworkStack {

    /**
     * The largest datagram a unicast socket receives whole; longer ones are cut (as with Netty's
     * default datagram buffer, also 2048). ICE, DTLS and SRTP keep packets under the path MTU.
     */
    static final int MAX_DATAGRAM = 2048;

    /** How many datagrams one epoll {@code recvmmsg} call may return. */
    static final int DATAGRAMS_PER_READ = 16;

    /**
     * The largest datagram a multicast socket receives whole. RFC 6762 §17: "a Multicast DNS
     * packet, including IP and UDP headers, MUST NOT exceed 9000 bytes."
     */
    static final int MAX_MULTICAST_DATAGRAM = 9000;

    /** The kernel receive buffer asked for (it caps it at net.core.rmem_max): room for bursts. */
    static final int RECEIVE_BUFFER = 1 << 20;

    /** The IP TTL of multicast sends (RFC 6762 §11). */
    static final int MULTICAST_TTL = 255;

    static final int CONNECT_TIMEOUT_MILLIS = 10_000;

    private final EventLoop loop;
    private final NettyTransport transport;
    private final ExecutorScheduler scheduler;

    /** The loop this stack runs on. */
    EventLoop loop() {
        return loop;
    }

    NettyNetworkStack(EventLoop loop, NettyTransport transport) {
        this.loop = loop;
        this.transport = transport;
        this.scheduler = new ExecutorScheduler(loop);
    }

    /** A stack on {@code neighbour}'s loop with the same scheduler object (see NettyNetwork.newStackBeside). */
    NettyNetworkStack(NettyNetworkStack neighbour) {
        this.loop = neighbour.loop;
        this.transport = neighbour.transport;
        this.scheduler = neighbour.scheduler;
    }

    /** The transport this stack's sockets use. */
    NettyTransport transport() {
        return transport;
    }

    @Override
    public Scheduler scheduler() {
        return scheduler;
    }

    @Override
    public ByteBufAllocator alloc() {
        return PooledByteBufAllocator.DEFAULT;
    }

    @Override
    public List<LocalAddress> localAddresses() {
        return NettyLocalAddresses.list();
    }

    @Override
    public CompletableFuture<UdpSocket> bindUdp(InetSocketAddress local, DatagramHandler handler) {
        Objects.requireNonNull(handler, "handler");
        requireResolved(local, "local");
        CompletableFuture<UdpSocket> result = new CompletableFuture<>();
        DatagramChannel channel = transport.newDatagramChannel(family(local.getAddress()));
        try {
            configureReceive(channel, MAX_DATAGRAM, DATAGRAMS_PER_READ);
        } catch (RuntimeException e) {
            fail(channel, result, e, "cannot configure a UDP socket");
            return result;
        }
        NettyUdpSocket socket = new NettyUdpSocket(channel, handler);
        channel.pipeline().addLast(socket.inbound());
        registerThen(channel, result, () -> channel.bind(local).addListener((ChannelFuture bind) -> {
            if (bind.isSuccess()) {
                socket.bound();
                result.complete(socket);
            } else {
                fail(channel, result, bind.cause(), "cannot bind UDP " + local);
            }
        }));
        return result;
    }

    @Override
    public CompletableFuture<UdpSocket> joinMulticast(InetSocketAddress group, LocalAddress via, DatagramHandler handler) {
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(via, "via");
        requireResolved(group, "group");
        InetAddress groupAddress = group.getAddress();
        if (!groupAddress.isMulticastAddress()) {
            throw new IllegalArgumentException("not a multicast group: " + groupAddress);
        }
        if ((groupAddress instanceof Inet6Address) != via.isIpv6()) {
            throw new IllegalArgumentException("group " + groupAddress + " and interface address "
                    + via.address() + " are of different IP versions");
        }
        CompletableFuture<UdpSocket> result = new CompletableFuture<>();
        NetworkInterface ni;
        try {
            ni = NetworkInterface.getByName(via.interfaceName());
        } catch (SocketException e) {
            result.completeExceptionally(e);
            return result;
        }
        if (ni == null) {
            result.completeExceptionally(new SocketException("no network interface named " + via.interfaceName()));
            return result;
        }
        DatagramChannel channel = transport.newDatagramChannel(family(groupAddress));
        try {
            // RFC 6762 §15 (Multiple Responders on the Same Machine): several mDNS programs may
            // run on one host, so their sockets share the port.
            channel.config().setReuseAddress(true);
            channel.config().setNetworkInterface(ni);
            // RFC 6762 §11: mDNS responses "SHOULD be sent with IP TTL set to 255".
            channel.config().setTimeToLive(MULTICAST_TTL);
            // Our own multicast comes back to us too: other sockets on this host must hear it.
            if (transport == NettyTransport.NIO) {
                // Netty's NIO config passes setLoopbackModeDisabled's value straight to the JDK's
                // IP_MULTICAST_LOOP, whose sense is the opposite; so the JDK option is set directly.
                channel.config().setOption(NioChannelOption.of(StandardSocketOptions.IP_MULTICAST_LOOP), true);
            } else {
                channel.config().setLoopbackModeDisabled(false);
            }
            configureReceive(channel, MAX_MULTICAST_DATAGRAM, 1);
        } catch (RuntimeException e) {
            fail(channel, result, e, "cannot configure a multicast socket on " + ni.getName());
            return result;
        }
        NettyUdpSocket socket = new NettyUdpSocket(channel, handler);
        channel.pipeline().addLast(socket.inbound());
        // Bound to the wildcard address: the group's datagrams arrive on the group's port.
        InetSocketAddress bindTo = new InetSocketAddress(wildcard(groupAddress), group.getPort());
        registerThen(channel, result, () -> channel.bind(bindTo).addListener((ChannelFuture bind) -> {
            if (!bind.isSuccess()) {
                fail(channel, result, bind.cause(), "cannot bind UDP " + bindTo);
                return;
            }
            channel.joinGroup(new InetSocketAddress(groupAddress, 0), ni).addListener((ChannelFuture join) -> {
                if (join.isSuccess()) {
                    socket.bound();
                    result.complete(socket);
                } else {
                    fail(channel, result, join.cause(), "cannot join " + groupAddress + " on " + ni.getName());
                }
            });
        }));
        return result;
    }

    @Override
    public CompletableFuture<StreamSocket> connectTcp(InetSocketAddress remote, TlsClientOptions tls, StreamHandler handler) {
        Objects.requireNonNull(handler, "handler");
        requireResolved(remote, "remote");
        CompletableFuture<StreamSocket> result = new CompletableFuture<>();
        SslHandler ssl = null;
        if (tls != null) {
            try {
                ssl = NettyTls.clientHandler(tls, alloc(), remote.getPort());
            } catch (SSLException e) {
                result.completeExceptionally(e);
                return result;
            }
        }
        SocketChannel channel = transport.newSocketChannel(family(remote.getAddress()));
        channel.config().setAllocator(PooledByteBufAllocator.DEFAULT);
        channel.config().setTcpNoDelay(true);
        channel.config().setConnectTimeoutMillis(CONNECT_TIMEOUT_MILLIS);
        NettyStreamSocket socket = new NettyStreamSocket(channel, handler);
        if (ssl != null) {
            channel.pipeline().addLast("tls", ssl);
        }
        channel.pipeline().addLast(socket.inbound());
        SslHandler tlsHandler = ssl;
        registerThen(channel, result, () -> channel.connect(remote).addListener((ChannelFuture connect) -> {
            if (!connect.isSuccess()) {
                fail(channel, result, connect.cause(), "cannot connect to " + remote);
            } else if (tlsHandler == null) {
                socket.established();
                result.complete(socket);
            } else {
                // The future completes only once the handshake (and so the certificate and name
                // checks) succeeded.
                tlsHandler.handshakeFuture().addListener(handshake -> {
                    if (handshake.isSuccess()) {
                        socket.established();
                        result.complete(socket);
                    } else {
                        fail(channel, result, handshake.cause(), "TLS handshake with " + remote + " failed");
                    }
                });
            }
        }));
        return result;
    }

    /** Registers {@code channel} with this stack's loop, then runs {@code next} on the loop. */
    private <T> void registerThen(Channel channel, CompletableFuture<T> result, Runnable next) {
        if (loop.isShuttingDown()) {
            // A loop that is shutting down may never run the listener below: fail here instead.
            fail(channel, result, null, "the stack's event loop is shut down");
            return;
        }
        loop.register(channel).addListener((ChannelFuture registration) -> {
            if (registration.isSuccess()) {
                next.run();
            } else {
                fail(channel, result, registration.cause(), "cannot register a channel with the event loop");
            }
        });
    }

    private static <T> void fail(Channel channel, CompletableFuture<T> result, Throwable cause, String what) {
        if (channel.isRegistered()) {
            channel.close();
        } else {
            // Not on a loop, so close() has no thread to run on; this closes the socket at once.
            channel.unsafe().closeForcibly();
        }
        result.completeExceptionally(cause instanceof IOException ? cause : new IOException(what, cause));
    }

    private void configureReceive(DatagramChannel channel, int maxDatagram, int perRead) {
        channel.config().setAllocator(PooledByteBufAllocator.DEFAULT);
        channel.config().setReceiveBufferSize(RECEIVE_BUFFER);
        if (transport == NettyTransport.EPOLL && perRead > 1) {
            // Batched receive: one buffer of perRead slots of maxDatagram bytes each; epoll fills
            // them with one recvmmsg call and hands each datagram on as a slice of the buffer.
            channel.config().setOption(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, maxDatagram);
            channel.config().setRecvByteBufAllocator(new FixedRecvByteBufAllocator(maxDatagram * perRead));
        } else {
            channel.config().setRecvByteBufAllocator(new FixedRecvByteBufAllocator(maxDatagram));
        }
    }

    private static void requireResolved(InetSocketAddress address, String name) {
        Objects.requireNonNull(address, name);
        if (address.isUnresolved()) {
            throw new IllegalArgumentException(name + " address is unresolved: " + address);
        }
    }

    private static SocketProtocolFamily family(InetAddress address) {
        return address instanceof Inet6Address ? SocketProtocolFamily.INET6 : SocketProtocolFamily.INET;
    }

    private static InetAddress wildcard(InetAddress like) {
        try {
            return like instanceof Inet6Address
                    ? InetAddress.getByAddress(new byte[16])
                    : InetAddress.getByAddress(new byte[4]);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError("a literal address of the right length", e);
        }
    }

    @Override
    public String toString() {
        return "NettyNetworkStack[" + transport + " on " + loop + "]";
    }
}
