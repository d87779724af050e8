package org.ortc4j.ice.net;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Real networking over Netty: an {@link EventLoopGroup} whose loops each carry transport stacks.
 * {@link #newStack()} gives a {@link NetworkStack} bound to one loop of the group, so everything
 * one transport stack does (ICE, DTLS, SCTP, its sockets and timers) runs on one thread without
 * locks (ARCHITECTURE.md, Concurrency).
 *
 * <p>Most users take {@link #shared()}, a process-wide group of daemon threads, one per core,
 * running epoll when Netty's native library loads and NIO otherwise. Users who manage their own
 * Netty group pass it to {@link #create(EventLoopGroup)}; {@link #create(NettyTransport, int)}
 * makes a private group that {@link #close()} shuts down.
 */
public final class NettyNetwork implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NettyNetwork.class);

    private final EventLoopGroup group;
    private final NettyTransport transport;
    private final boolean owned;

    private NettyNetwork(EventLoopGroup group, NettyTransport transport, boolean owned) {
        this.group = group;
        this.transport = transport;
        this.owned = owned;
    }

    /** Created on first use, so that programs that never open a socket start no threads. */
    private static final class Shared {
        static final NettyNetwork INSTANCE = createShared();

        private static NettyNetwork createShared() {
            NettyTransport transport = NettyTransport.preferred();
            int threads = Runtime.getRuntime().availableProcessors();
            NettyNetwork network = new NettyNetwork(newGroup(transport, threads, "ortc4j-loop"), transport, false);
            LOG.info("ortc4j shared network: {} loops on {}", threads, transport);
            return network;
        }
    }

    /**
     * The process-wide network: daemon threads, one loop per core, epoll when available and NIO
     * otherwise ({@link NettyTransport#preferred()}, which a system property can override).
     * Created on first call; {@link #close()} on it does nothing.
     */
    public static NettyNetwork shared() {
        return Shared.INSTANCE;
    }

    /**
     * A network on the caller's group, which must run epoll or NIO loops (a
     * {@link MultiThreadIoEventLoopGroup} with {@code EpollIoHandler} or {@code NioIoHandler}).
     * The caller keeps the group: {@link #close()} leaves it running.
     *
     * @throws IllegalArgumentException if the group runs neither epoll nor NIO loops
     */
    public static NettyNetwork create(EventLoopGroup group) {
        Objects.requireNonNull(group, "group");
        return new NettyNetwork(group, NettyTransport.of(group), false);
    }

    /**
     * A network with a group of its own: {@code threads} daemon loops on {@code transport}.
     * {@link #close()} shuts the group down.
     *
     * @throws IllegalStateException if {@code transport} is not available here
     */
    public static NettyNetwork create(NettyTransport transport, int threads) {
        Objects.requireNonNull(transport, "transport");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1: " + threads);
        }
        transport.requireAvailable();
        return new NettyNetwork(newGroup(transport, threads, "ortc4j-" + transport.name().toLowerCase()), transport, true);
    }

    private static EventLoopGroup newGroup(NettyTransport transport, int threads, String threadName) {
        DefaultThreadFactory daemons = new DefaultThreadFactory(threadName, true);
        return new MultiThreadIoEventLoopGroup(threads, daemons, transport.ioHandlerFactory());
    }

    /** The transport this network's sockets use. */
    public NettyTransport transport() {
        return transport;
    }

    /** The group whose loops run this network's stacks. */
    public EventLoopGroup group() {
        return group;
    }

    /**
     * A new transport stack on the group's next loop: its scheduler, callbacks and future
     * completions all run on that one loop.
     *
     * @throws IllegalStateException if the group is shutting down
     */
    public NetworkStack newStack() {
        if (group.isShuttingDown()) {
            throw new IllegalStateException("the network's event loop group is shut down");
        }
        EventLoop loop = group.next();
        return new NettyNetworkStack(loop, transport);
    }

    /**
     * A new transport stack on the same loop as {@code neighbour}, a stack of this network: for
     * the transports of one peer connection (a transport per m-section), so that they, and what
     * runs on them, share one thread (and one {@link Scheduler} object) and never wait for each
     * other.
     *
     * @throws IllegalArgumentException if {@code neighbour} is not a stack of this network
     * @throws IllegalStateException if the group is shutting down
     */
    public NetworkStack newStackBeside(NetworkStack neighbour) {
        if (!(neighbour instanceof NettyNetworkStack netty) || !netty.loop().parent().equals(group)) {
            throw new IllegalArgumentException("not a stack of this network: " + neighbour);
        }
        if (group.isShuttingDown()) {
            throw new IllegalStateException("the network's event loop group is shut down");
        }
        return new NettyNetworkStack(netty);
    }

    /**
     * Shuts down the group if this network created it ({@link #create(NettyTransport, int)}),
     * closing every socket on it, and waits for its loops to stop (unless called from one of
     * them). Does nothing for {@link #shared()} and for a group the caller brought.
     */
    @Override
    public void close() {
        if (!owned) {
            return;
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        boolean onOwnLoop = false;
        for (var executor : group) {
            onOwnLoop |= executor.inEventLoop();
        }
        if (!onOwnLoop) {
            group.terminationFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }

    @Override
    public String toString() {
        return "NettyNetwork[" + transport + (owned ? ", owned" : "") + "]";
    }
}
