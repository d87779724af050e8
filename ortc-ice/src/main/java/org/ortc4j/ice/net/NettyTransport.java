package org.ortc4j.ice.net;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.nio.channels.spi.SelectorProvider;
import java.util.Locale;

/**
 * The Netty transport a {@link NettyNetwork} runs its sockets on: Linux epoll (with batched UDP
 * receive through {@code recvmmsg}) or the JDK's NIO, which works everywhere.
 */
public enum NettyTransport {
    /** Linux epoll through Netty's native library. */
    EPOLL,
    /** The JDK's NIO selector. */
    NIO;

    /**
     * System property that forces a transport for {@link #preferred()}: {@code epoll} or
     * {@code nio} (for tests, or to work around a native-library problem).
     */
    public static final String PROPERTY = "ortc4j.netty.transport";

    /** Whether this transport can run in this JVM on this machine. */
    public boolean isAvailable() {
        return this == NIO || Epoll.isAvailable();
    }

    /**
     * The transport {@link NettyNetwork#shared()} uses: the one the {@value #PROPERTY} system
     * property names, else epoll when {@link Epoll#isAvailable()}, else NIO.
     *
     * @throws IllegalArgumentException if the property names no transport
     * @throws IllegalStateException if the property names epoll and epoll is not available
     */
    public static NettyTransport preferred() {
        String forced = System.getProperty(PROPERTY);
        if (forced == null || forced.isBlank()) {
            return Epoll.isAvailable() ? EPOLL : NIO;
        }
        NettyTransport transport;
        try {
            transport = valueOf(forced.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PROPERTY + " must be epoll or nio, not '" + forced + "'", e);
        }
        transport.requireAvailable();
        return transport;
    }

    void requireAvailable() {
        if (!isAvailable()) {
            throw new IllegalStateException("Netty epoll is not available here", Epoll.unavailabilityCause());
        }
    }

    /**
     * The transport whose channels {@code group}'s loops run.
     *
     * @throws IllegalArgumentException for a group that runs neither epoll nor NIO channels
     */
    static NettyTransport of(EventLoopGroup group) {
        if (group instanceof IoEventLoopGroup) {
            IoEventLoopGroup ioGroup = (IoEventLoopGroup) group;
            if (Epoll.isAvailable() && ioGroup.isIoType(EpollIoHandler.class)) {
                return EPOLL;
            }
            if (ioGroup.isIoType(NioIoHandler.class)) {
                return NIO;
            }
        }
        throw new IllegalArgumentException("an EventLoopGroup of epoll or NIO loops is needed (a "
                + "MultiThreadIoEventLoopGroup with EpollIoHandler or NioIoHandler), not " + group);
    }

    IoHandlerFactory ioHandlerFactory() {
        return this == EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    }

    DatagramChannel newDatagramChannel(SocketProtocolFamily family) {
        return this == EPOLL ? new EpollDatagramChannel(family) : new NioDatagramChannel(family);
    }

    SocketChannel newSocketChannel(SocketProtocolFamily family) {
        return this == EPOLL ? new EpollSocketChannel(family) : new NioSocketChannel(SelectorProvider.provider(), family);
    }
}
