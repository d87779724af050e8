package org.ortc4j.ice.net;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.abort;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.ortc4j.ice.net.NettyNetworkTest.onLoop;

import io.netty.buffer.ByteBuf;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link NetworkStack#joinMulticast} as mDNS (RFC 6762) uses it: two sockets share the group's port
 * on one interface, and a datagram sent to the group reaches both. Run on the loopback interface,
 * where the kernel allows it; a machine with no multicast route there skips, saying so.
 */
class NettyMulticastTest {

    private static final Map<NettyTransport, NettyNetwork> NETWORKS = new EnumMap<>(NettyTransport.class);

    @BeforeAll
    static void watchLeaks() {
        NettyNetworkTest.LeakWatch.install();
    }

    @AfterAll
    static void closeNetworks() {
        NETWORKS.values().forEach(NettyNetwork::close);
        NettyNetworkTest.LeakWatch.assertNoLeaks();
    }

    static synchronized NettyNetwork network(NettyTransport transport) {
        assumeTrue(transport.isAvailable(), "Netty's native epoll transport is not available on this machine");
        return NETWORKS.computeIfAbsent(transport, t -> NettyNetwork.create(t, 2));
    }

    static Stream<Arguments> transportsAndGroups() {
        // Not mDNS's own 224.0.0.251/ff02::fb on 5353, so that a responder on this host is not
        // disturbed: an administratively scoped IPv4 group and a link-local IPv6 one, on a free port.
        // Loopback first, as the brief of this test; then the first interface that is up and does
        // multicast, where datagrams to a link-scoped group stay on the link.
        return Stream.of(NettyTransport.values())
                .flatMap(t -> Stream.of(true, false)
                        .flatMap(lo -> Stream.of(Arguments.of(t, "239.255.42.99", lo), Arguments.of(t, "ff02::4242:99", lo))));
    }

    @ParameterizedTest(name = "{0} joins {1}, loopback={2}")
    @MethodSource("transportsAndGroups")
    void twoSocketsShareTheGroupPortAndBothReceive(NettyTransport transport, String groupText, boolean onLoopback) throws Exception {
        NettyNetwork network = network(transport);
        InetAddress groupAddress = InetAddress.getByName(groupText);
        InetSocketAddress group = new InetSocketAddress(groupAddress, freeUdpPort());
        NetworkStack first = network.newStack();
        NetworkStack second = network.newStack();
        boolean ipv6 = groupAddress.getAddress().length == 16;
        LocalAddress loopback = first.localAddresses().stream()
                .filter(a -> a.loopback() == onLoopback && a.isIpv6() == ipv6 && (onLoopback || supportsMulticast(a)))
                .findFirst()
                .orElse(null);
        assumeTrue(loopback != null, "this machine has no " + (onLoopback ? "loopback" : "multicast")
                + " interface with an address of " + groupText + "'s IP version");

        BlockingQueue<String> heardByFirst = new LinkedBlockingQueue<>();
        BlockingQueue<String> heardBySecond = new LinkedBlockingQueue<>();
        NettyUdpSocket a = join(first, group, loopback, heardByFirst);
        NettyUdpSocket b = join(second, group, loopback, heardBySecond);
        assertThat(a.localAddress().getPort()).isEqualTo(group.getPort());
        assertThat(b.localAddress().getPort()).isEqualTo(group.getPort());

        ByteBuf query = first.alloc().buffer();
        query.writeCharSequence("_services._dns-sd._udp.local?", US_ASCII);
        onLoop(first, () -> {
            a.send(query, group);
            return null;
        });
        // The datagram leaves when the loop flushes, after the task that sent it, so a refused
        // send is counted by the time a later task runs.
        long errors = onLoop(first, a::sendErrors);
        if (errors > 0) {
            abort("sending to " + groupText + " on " + loopback.interfaceName() + " failed: no multicast route in this environment");
        }
        String atSecond = heardBySecond.poll(5, TimeUnit.SECONDS);
        assertThat(atSecond).isEqualTo("_services._dns-sd._udp.local?");
        // IP_MULTICAST_LOOP is on: the sender's own socket hears the group too.
        assertThat(heardByFirst.poll(5, TimeUnit.SECONDS)).isEqualTo("_services._dns-sd._udp.local?");
        UdpSocketCloser.close(first, a);
        UdpSocketCloser.close(second, b);
    }

    @ParameterizedTest
    @EnumSource(NettyTransport.class)
    void aGroupThatIsNotMulticastOrOfTheOtherFamilyIsRefused(NettyTransport transport) throws Exception {
        NetworkStack stack = network(transport).newStack();
        LocalAddress v4 = new LocalAddress(InetAddress.getByName("127.0.0.1"), "lo", true);

        assertThatThrownBy(() -> stack.joinMulticast(new InetSocketAddress("127.0.0.1", 5353), v4, (s, f, d) -> d.release()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a multicast group");
        assertThatThrownBy(() -> stack.joinMulticast(new InetSocketAddress("ff02::fb", 5353), v4, (s, f, d) -> d.release()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("IP versions");
        CompletableFuture<UdpSocket> noSuchInterface = stack.joinMulticast(new InetSocketAddress("224.0.0.251", 5353),
                new LocalAddress(InetAddress.getByName("127.0.0.1"), "no-such-if0", true), (s, f, d) -> d.release());
        assertThatThrownBy(() -> noSuchInterface.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasMessageContaining("no-such-if0");
    }

    private static NettyUdpSocket join(NetworkStack stack, InetSocketAddress group, LocalAddress via, BlockingQueue<String> heard)
            throws Exception {
        CompletableFuture<UdpSocket> joined = stack.joinMulticast(group, via, (socket, sender, data) -> {
            heard.add(data.toString(US_ASCII));
            data.release();
        });
        try {
            return (NettyUdpSocket) joined.get(5, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            String message = String.valueOf(e.getCause());
            // The kernel refuses membership where the interface has no multicast (no route, no
            // IFF_MULTICAST, IPv6 disabled): that is the machine's, not a failure of this code.
            if (message.contains("No such device") || message.contains("Cannot assign requested address")
                    || message.contains("No route to host") || message.contains("Network is unreachable")
                    || message.contains("Address family not supported") || message.contains("Protocol not available")) {
                abort("joining " + group.getAddress().getHostAddress() + " on " + via.interfaceName()
                        + " is not allowed in this environment (no multicast route): " + message);
            }
            throw e;
        } catch (TimeoutException e) {
            throw new AssertionError("joinMulticast did not complete", e);
        }
    }

    private static boolean supportsMulticast(LocalAddress address) {
        try {
            java.net.NetworkInterface ni = java.net.NetworkInterface.getByName(address.interfaceName());
            return ni != null && ni.isUp() && ni.supportsMulticast();
        } catch (java.net.SocketException e) {
            return false;
        }
    }

    private static int freeUdpPort() throws Exception {
        try (DatagramSocket probe = new DatagramSocket(0)) {
            return probe.getLocalPort();
        }
    }

    /** Closes a socket on its stack's loop. */
    private static final class UdpSocketCloser {
        static void close(NetworkStack stack, UdpSocket socket) throws Exception {
            onLoop(stack, () -> {
                socket.close();
                return null;
            });
        }
    }
}
