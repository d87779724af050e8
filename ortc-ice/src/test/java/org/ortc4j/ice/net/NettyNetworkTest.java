package org.ortc4j.ice.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.AbstractByteBuf;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.ResourceLeakDetector;
import java.lang.reflect.Field;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link NettyNetwork}: which loops and transport it uses, and what a stack reports of the host. */
class NettyNetworkTest {

    @BeforeAll
    static void watchLeaks() {
        LeakWatch.install();
    }

    @AfterAll
    static void noLeaks() {
        LeakWatch.assertNoLeaks();
    }

    @Test
    void sharedNetworkIsOneInstanceOfDaemonLoopsOnThePreferredTransport() throws Exception {
        NettyNetwork shared = NettyNetwork.shared();

        assertThat(NettyNetwork.shared()).isSameAs(shared);
        // ARCHITECTURE.md: "epoll when available".
        assertThat(shared.transport()).isEqualTo(Epoll.isAvailable() ? NettyTransport.EPOLL : NettyTransport.NIO);
        assertThat(shared.group()).hasSize(Runtime.getRuntime().availableProcessors());
        NetworkStack stack = shared.newStack();
        boolean daemon = onLoop(stack, () -> Thread.currentThread().isDaemon());
        assertThat(daemon).isTrue();

        shared.close();
        assertThat(shared.group().isShuttingDown()).as("close() leaves the shared group running").isFalse();
    }

    @Test
    void aStackRunsOnOneLoopOfTheGroup() throws Exception {
        try (NettyNetwork network = NettyNetwork.create(NettyTransport.NIO, 2)) {
            NetworkStack stack = network.newStack();
            Scheduler scheduler = stack.scheduler();

            assertThat(scheduler.inLoop()).isFalse();
            assertThat(onLoop(stack, scheduler::inLoop)).isTrue();
            Thread first = onLoop(stack, Thread::currentThread);
            CompletableFuture<Thread> timer = new CompletableFuture<>();
            scheduler.schedule(() -> timer.complete(Thread.currentThread()), 1, TimeUnit.MILLISECONDS);
            assertThat(timer.get(5, TimeUnit.SECONDS)).isSameAs(first);
            assertThat(stack.alloc()).isSameAs(PooledByteBufAllocator.DEFAULT);
        }
    }

    @Test
    void borrowedGroupIsLeftRunningAndItsTransportDetected() {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            NettyNetwork network = NettyNetwork.create(group);
            assertThat(network.transport()).isEqualTo(NettyTransport.NIO);
            assertThat(network.newStack()).isNotNull();

            network.close();
            assertThat(group.isShuttingDown()).isFalse();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Test
    void groupOfNeitherEpollNorNioLoopsIsRefused() {
        EventLoopGroup group = new DefaultEventLoopGroup(1);
        try {
            assertThatThrownBy(() -> NettyNetwork.create(group))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("epoll or NIO");
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Test
    void closingAnOwnedNetworkStopsItsLoops() {
        NettyNetwork network = NettyNetwork.create(NettyTransport.NIO, 1);
        network.close();

        assertThat(network.group().isTerminated()).isTrue();
        assertThatThrownBy(network::newStack).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aStackWhoseLoopIsShutDownFailsItsFutures() throws Exception {
        NettyNetwork network = NettyNetwork.create(NettyTransport.NIO, 1);
        NetworkStack stack = network.newStack();
        network.close();

        CompletableFuture<UdpSocket> bound = stack.bindUdp(new java.net.InetSocketAddress("127.0.0.1", 0), (s, f, d) -> d.release());

        assertThat(bound).isCompletedExceptionally();
        assertThatThrownBy(bound::join).hasCauseInstanceOf(java.io.IOException.class).hasMessageContaining("shut down");
    }

    @Test
    void badArgumentsAreRefused() {
        assertThatThrownBy(() -> NettyNetwork.create(NettyTransport.NIO, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NettyNetwork.create((EventLoopGroup) null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void systemPropertyForcesTheTransport() {
        String before = System.getProperty(NettyTransport.PROPERTY);
        try {
            System.setProperty(NettyTransport.PROPERTY, "nio");
            assertThat(NettyTransport.preferred()).isEqualTo(NettyTransport.NIO);
            System.setProperty(NettyTransport.PROPERTY, "EPOLL");
            if (Epoll.isAvailable()) {
                assertThat(NettyTransport.preferred()).isEqualTo(NettyTransport.EPOLL);
            } else {
                assertThatThrownBy(NettyTransport::preferred).isInstanceOf(IllegalStateException.class);
            }
            System.setProperty(NettyTransport.PROPERTY, "kqueue");
            assertThatThrownBy(NettyTransport::preferred)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("epoll or nio");
        } finally {
            if (before == null) {
                System.clearProperty(NettyTransport.PROPERTY);
            } else {
                System.setProperty(NettyTransport.PROPERTY, before);
            }
        }
    }

    @Test
    void localAddressesAreThoseOfUpInterfacesWithLoopbackMarked() throws Exception {
        NetworkStack stack = NettyNetwork.shared().newStack();
        List<LocalAddress> addresses = stack.localAddresses();

        // What the JDK reports, gathered here independently.
        Set<InetAddress> expected = new HashSet<>();
        Set<InetAddress> loopbacks = new HashSet<>();
        for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (ni.isUp()) {
                expected.addAll(Collections.list(ni.getInetAddresses()));
                if (ni.isLoopback()) {
                    loopbacks.addAll(Collections.list(ni.getInetAddresses()));
                }
            }
        }
        List<InetAddress> reported = new ArrayList<>();
        for (LocalAddress address : addresses) {
            reported.add(address.address());
            assertThat(address.loopback()).as("%s marked loopback", address).isEqualTo(loopbacks.contains(address.address()));
            if (address.isIpv6() && address.isLinkLocal()) {
                // RFC 4007 §6: a link-local address means nothing without its zone.
                Inet6Address v6 = (Inet6Address) address.address();
                assertThat(v6.getScopedInterface()).as("%s keeps its scope", address).isNotNull();
                assertThat(v6.getScopedInterface().getName()).isEqualTo(address.interfaceName());
            }
        }
        assertThat(reported).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(reported).contains(InetAddress.getByName("127.0.0.1"));
        assertThat(addresses.stream().anyMatch(a -> a.address() instanceof Inet4Address)).isTrue();

        // Stable: the same order every time, interfaces that are not loopback first, IPv4 before
        // IPv6 within an interface.
        assertThat(stack.localAddresses()).isEqualTo(addresses);
        boolean seenLoopback = false;
        for (LocalAddress address : addresses) {
            seenLoopback |= address.loopback();
            assertThat(address.loopback() || !seenLoopback).as("%s after a loopback address", address).isTrue();
        }
        for (int i = 1; i < addresses.size(); i++) {
            LocalAddress previous = addresses.get(i - 1);
            LocalAddress current = addresses.get(i);
            if (previous.interfaceName().equals(current.interfaceName())) {
                assertThat(previous.isIpv6() && !current.isIpv6()).as("%s before %s", previous, current).isFalse();
            }
        }
    }

    /** Runs {@code task} on the stack's loop and waits for its value. */
    static <T> T onLoop(NetworkStack stack, java.util.concurrent.Callable<T> task) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        stack.scheduler().execute(() -> {
            try {
                result.complete(task.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return result.get(5, TimeUnit.SECONDS);
    }

    /**
     * Hears the leaks Netty's detector (PARANOID in these tests) reports for ByteBufs, so that a
     * test class can fail on them instead of only logging them.
     */
    static final class LeakWatch {
        private static final List<String> LEAKS = new CopyOnWriteArrayList<>();

        static {
            try {
                // The ByteBuf detector is package-private in Netty; tests run on the class path,
                // so reflection reaches it.
                Field field = AbstractByteBuf.class.getDeclaredField("leakDetector");
                field.setAccessible(true);
                ResourceLeakDetector<?> detector = (ResourceLeakDetector<?>) field.get(null);
                detector.setLeakListener((resourceType, records) -> LEAKS.add(resourceType + records));
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private LeakWatch() {}

        /** Starts listening (the class's initialisation does it); call before the tests. */
        static void install() {
            // Nothing more: loading this class installed the listener.
        }

        /**
         * Collects garbage and allocates, which makes the detector report buffers that were
         * collected without being released, then asserts it reported none.
         */
        static void assertNoLeaks() {
            assertThat(ResourceLeakDetector.getLevel()).isEqualTo(ResourceLeakDetector.Level.PARANOID);
            for (int round = 0; round < 3; round++) {
                System.gc();
                System.runFinalization();
                for (int i = 0; i < 64; i++) {
                    ByteBuf probe = PooledByteBufAllocator.DEFAULT.directBuffer(64);
                    probe.release();
                    PooledByteBufAllocator.DEFAULT.heapBuffer(64).release();
                }
            }
            assertThat(LEAKS).as("ByteBuf leaks reported by Netty").isEmpty();
        }
    }
}
