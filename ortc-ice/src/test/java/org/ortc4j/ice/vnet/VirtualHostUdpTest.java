package org.ortc4j.ice.vnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ortc4j.ice.net.LocalAddress;
import org.ortc4j.ice.net.UdpSocket;
import org.ortc4j.ice.net.VirtualScheduler;

class VirtualHostUdpTest {

    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final TrackingAllocator alloc = new TrackingAllocator();
    private final VirtualNetwork network = new VirtualNetwork(scheduler, 1, alloc);

    @AfterEach
    void everyBufferIsReleased() {
        scheduler.advance(Duration.ofMinutes(1));
        assertThat(alloc.unreleased()).isEmpty();
    }

    static InetSocketAddress at(String address, int port) {
        return new InetSocketAddress(VirtualHost.literal(address), port);
    }

    static UdpSocket bind(VirtualHost host, InetSocketAddress local, Received received) {
        return host.bindUdp(local, received).join();
    }

    static void send(UdpSocket socket, VirtualHost host, String text, InetSocketAddress to) {
        ByteBuf data = host.alloc().buffer().writeBytes(text.getBytes(StandardCharsets.UTF_8));
        socket.send(data, to);
        assertThat(data.refCnt()).as("send releases the sender's buffer").isZero();
    }

    @Test
    void datagramCrossesTheNetworkAfterTheLinksDelayAndTheReplyComesBack() {
        network.setLinkConditions(LinkConditions.builder().delay(Duration.ofMillis(10)).build());
        VirtualHost alice = network.addHost("alice", "198.51.100.1");
        VirtualHost bob = network.addHost("bob", "203.0.113.7");
        bob.setLinkConditions(LinkConditions.builder().delay(Duration.ofMillis(5)).build());
        Received atAlice = new Received(scheduler);
        Received atBob = new Received(scheduler);
        UdpSocket a = bind(alice, at("198.51.100.1", 0), atAlice);
        UdpSocket b = bind(bob, at("203.0.113.7", 3478), atBob);

        send(a, alice, "ping", b.localAddress());
        scheduler.advance(Duration.ofMillis(14));
        assertThat(atBob.datagrams).isEmpty();
        scheduler.advance(Duration.ofMillis(1));

        // 10 ms core + 5 ms bob's access link.
        assertThat(atBob.texts()).containsExactly("ping");
        assertThat(atBob.last().atMillis()).isEqualTo(15);
        assertThat(atBob.last().from()).isEqualTo(a.localAddress());

        send(b, bob, "pong", atBob.last().from());
        scheduler.advance(Duration.ofMillis(100));
        assertThat(atAlice.texts()).containsExactly("pong");
        assertThat(atAlice.last().atMillis()).isEqualTo(30);
        assertThat(atAlice.last().from()).isEqualTo(at("203.0.113.7", 3478));
        assertThat(network.packetsSent()).isEqualTo(2);
        assertThat(network.packetsDelivered()).isEqualTo(2);
        assertThat(network.packetsDropped()).isZero();
    }

    @Test
    void deliveryIsAlwaysLaterOnTheSchedulerNeverInsideSend() {
        VirtualHost alice = network.addHost("alice", "198.51.100.1");
        VirtualHost bob = network.addHost("bob", "203.0.113.7");
        Received atBob = new Received(scheduler);
        UdpSocket a = bind(alice, at("198.51.100.1", 0), new Received(scheduler));
        UdpSocket b = bind(bob, at("203.0.113.7", 0), atBob);

        send(a, alice, "x", b.localAddress());
        assertThat(atBob.datagrams).isEmpty();
        scheduler.runDueTasks();
        assertThat(atBob.texts()).containsExactly("x");
        assertThat(atBob.last().atMillis()).isZero();
    }

    @Test
    void ipv6HostsTalkOverIpv6() {
        VirtualHost alice = network.addHost("alice", "198.51.100.1", "2001:db8::1");
        VirtualHost bob = network.addHost("bob", "2001:db8::2");
        Received atBob = new Received(scheduler);
        UdpSocket a = bind(alice, at("2001:db8::1", 0), new Received(scheduler));
        UdpSocket b = bind(bob, at("2001:db8::2", 5000), atBob);
        UdpSocket a4 = bind(alice, at("198.51.100.1", 0), new Received(scheduler));

        send(a, alice, "six", b.localAddress());
        send(a4, alice, "four to six has no route", b.localAddress());
        scheduler.advance(Duration.ofMillis(1));

        assertThat(atBob.texts()).containsExactly("six");
        assertThat(atBob.last().from().getAddress()).isEqualTo(VirtualHost.literal("2001:db8::1"));
        assertThat(network.packetsNoRoute()).isEqualTo(1);
    }

    @Test
    void localAddressesAreTheHostsOwnThenLoopbackMarked() {
        VirtualHost host = network.addHost("h", "198.51.100.1", "2001:db8::1");

        assertThat(host.localAddresses()).containsExactly(
                new LocalAddress(VirtualHost.literal("198.51.100.1"), "eth0", false),
                new LocalAddress(VirtualHost.literal("2001:db8::1"), "eth0", false),
                new LocalAddress(VirtualHost.literal("127.0.0.1"), "lo", true),
                new LocalAddress(VirtualHost.literal("::1"), "lo", true));
        assertThat(host.scheduler()).isSameAs(scheduler);
        assertThat(host.alloc()).isSameAs(alloc);
    }

    @Test
    void loopbackTrafficStaysOnTheHostWithoutLinkConditions() {
        network.setLinkConditions(LinkConditions.builder().loss(1).delay(Duration.ofSeconds(1)).build());
        VirtualHost host = network.addHost("h", "198.51.100.1");
        VirtualHost other = network.addHost("other", "198.51.100.2");
        Received received = new Received(scheduler);
        Received atOther = new Received(scheduler);
        UdpSocket server = bind(host, at("127.0.0.1", 9000), received);
        UdpSocket client = bind(host, at("127.0.0.1", 0), new Received(scheduler));
        UdpSocket onOwnAddress = bind(host, at("198.51.100.1", 0), received);
        bind(other, at("127.0.0.1", 9000), atOther);

        send(client, host, "lo", server.localAddress());
        send(client, host, "own address", onOwnAddress.localAddress());
        scheduler.runDueTasks();

        assertThat(received.texts()).containsExactly("lo", "own address");
        assertThat(received.datagrams.get(0).from()).isEqualTo(client.localAddress());
        assertThat(atOther.datagrams).isEmpty();
        assertThat(network.packetsLost()).isZero();
    }

    @Test
    void wildcardSocketReceivesOnEveryAddressAndSendsFromTheMatchingOne() {
        VirtualHost host = network.addHost("h", "198.51.100.1", "2001:db8::1");
        VirtualHost peer = network.addHost("peer", "198.51.100.2", "2001:db8::2");
        Received atHost = new Received(scheduler);
        Received atPeer = new Received(scheduler);
        UdpSocket any = bind(host, new InetSocketAddress(VirtualHost.literal("::"), 7000), atHost);
        UdpSocket p4 = bind(peer, at("198.51.100.2", 7000), atPeer);
        UdpSocket p6 = bind(peer, at("2001:db8::2", 7000), atPeer);

        send(p4, peer, "to v4", at("198.51.100.1", 7000));
        send(p6, peer, "to v6", at("2001:db8::1", 7000));
        send(any, host, "from any to v6", p6.localAddress());
        scheduler.runDueTasks();

        assertThat(atHost.texts()).containsExactly("to v4", "to v6");
        assertThat(atPeer.texts()).containsExactly("from any to v6");
        assertThat(atPeer.last().from()).isEqualTo(at("2001:db8::1", 7000));
    }

    @Test
    void datagramToAPortWithoutSocketIsDroppedAndCounted() {
        VirtualHost alice = network.addHost("alice", "198.51.100.1");
        network.addHost("bob", "203.0.113.7");
        UdpSocket a = bind(alice, at("198.51.100.1", 0), new Received(scheduler));

        send(a, alice, "nobody home", at("203.0.113.7", 9));
        send(a, alice, "nobody there", at("203.0.113.99", 9));
        scheduler.runDueTasks();

        assertThat(network.packetsNoSocket()).isEqualTo(1);
        assertThat(network.packetsNoRoute()).isEqualTo(1);
        assertThat(network.packetsDelivered()).isZero();
    }

    @Test
    void ephemeralPortsStartAt49152AndSkipPortsInUse() {
        VirtualHost host = network.addHost("h", "198.51.100.1");
        bind(host, at("198.51.100.1", 49153), new Received(scheduler));

        assertThat(bind(host, at("198.51.100.1", 0), new Received(scheduler)).localAddress().getPort()).isEqualTo(49152);
        assertThat(bind(host, at("198.51.100.1", 0), new Received(scheduler)).localAddress().getPort()).isEqualTo(49154);
    }

    @Test
    void bindingAnAddressTheHostDoesNotHaveOrAPortInUseFailsWithBindException() {
        VirtualHost host = network.addHost("h", "198.51.100.1");
        network.addHost("other", "198.51.100.2");
        bind(host, at("198.51.100.1", 5000), new Received(scheduler));
        bind(host, new InetSocketAddress(VirtualHost.literal("0.0.0.0"), 6000), new Received(scheduler));

        assertBindFails(host.bindUdp(at("198.51.100.2", 5000), new Received(scheduler)), "Cannot assign");
        assertBindFails(host.bindUdp(at("198.51.100.1", 5000), new Received(scheduler)), "already in use");
        assertBindFails(host.bindUdp(at("198.51.100.1", 6000), new Received(scheduler)), "already in use");
        assertBindFails(host.bindUdp(new InetSocketAddress(VirtualHost.literal("::"), 5000), new Received(scheduler)),
                "already in use");
        // Another address or port is fine.
        assertThat(host.bindUdp(at("127.0.0.1", 5000), new Received(scheduler))).isCompleted();
    }

    @Test
    void aClosedSocketFreesItsPortAndDropsLaterDatagrams() {
        VirtualHost alice = network.addHost("alice", "198.51.100.1");
        VirtualHost bob = network.addHost("bob", "203.0.113.7");
        Received atBob = new Received(scheduler);
        UdpSocket a = bind(alice, at("198.51.100.1", 0), new Received(scheduler));
        UdpSocket b = bind(bob, at("203.0.113.7", 5000), atBob);

        send(a, alice, "in flight", b.localAddress());
        b.close();
        b.close();
        scheduler.runDueTasks();
        a.close();
        send(a, alice, "after close", b.localAddress());

        assertThat(b.isOpen()).isFalse();
        assertThat(atBob.datagrams).isEmpty();
        assertThat(network.packetsNoSocket()).isEqualTo(1);
        assertThat(network.packetsSent()).isEqualTo(1);
        assertThat(bob.bindUdp(at("203.0.113.7", 5000), atBob)).isCompleted();
    }

    @Test
    void closingAHostClosesItsSocketsAndRefusesBinds() {
        VirtualHost host = network.addHost("h", "198.51.100.1");
        UdpSocket socket = bind(host, at("198.51.100.1", 0), new Received(scheduler));

        host.close();

        assertThat(socket.isOpen()).isFalse();
        assertThat(host.isOpen()).isFalse();
        assertThatThrownBy(() -> host.bindUdp(at("198.51.100.1", 0), new Received(scheduler)).get())
                .isInstanceOf(ExecutionException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void aDatagramFilterDropsWhatItRejectsUntilRemoved() {
        VirtualHost alice = network.addHost("alice", "198.51.100.1");
        VirtualHost bob = network.addHost("bob", "203.0.113.7");
        Received atBob = new Received(scheduler);
        UdpSocket a = bind(alice, at("198.51.100.1", 0), new Received(scheduler));
        UdpSocket b = bind(bob, at("203.0.113.7", 5000), atBob);
        DatagramFilter.Registration dropStunLike = network.addDatagramFilter(
                (from, to, payload) -> !(to.equals(b.localAddress()) && payload.get(0) == 's'));

        send(a, alice, "stun", b.localAddress());
        send(a, alice, "data", b.localAddress());
        scheduler.runDueTasks();
        dropStunLike.close();
        send(a, alice, "stun again", b.localAddress());
        scheduler.runDueTasks();

        assertThat(atBob.texts()).containsExactly("data", "stun again");
        assertThat(network.packetsFiltered()).isEqualTo(1);
        assertThat(network.packetsDropped()).isEqualTo(1);
    }

    @Test
    void badAddressesAndNamesAreRejected() {
        network.addHost("h", "198.51.100.1");
        assertThatThrownBy(() -> network.addHost("h", "198.51.100.9")).hasMessageContaining("name already used");
        assertThatThrownBy(() -> network.addHost("x", "198.51.100.1")).hasMessageContaining("already used on internet");
        assertThatThrownBy(() -> network.addHost("y", "example.com")).hasMessageContaining("not an IPv4 or IPv6 literal");
        assertThatThrownBy(() -> network.addHost("z", "127.0.0.1")).hasMessageContaining("not a unicast");
        assertThatThrownBy(() -> network.addHost("w")).hasMessageContaining("at least one address");
    }

    private static void assertBindFails(CompletableFuture<UdpSocket> future, String message) {
        assertThat(future).isCompletedExceptionally();
        assertThatThrownBy(future::get)
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(BindException.class)
                .hasMessageContaining(message);
    }
}
