package org.ortc4j.ice.vnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ortc4j.ice.vnet.VirtualHostUdpTest.at;
import static org.ortc4j.ice.vnet.VirtualHostUdpTest.bind;
import static org.ortc4j.ice.vnet.VirtualHostUdpTest.send;

import java.net.BindException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ortc4j.ice.net.LocalAddress;
import org.ortc4j.ice.net.UdpSocket;
import org.ortc4j.ice.net.VirtualScheduler;

/** mDNS-style multicast (RFC 6762 uses 224.0.0.251:5353 and [ff02::fb]:5353) on the virtual network. */
class MulticastTest {

    private static final InetSocketAddress MDNS4 = at("224.0.0.251", 5353);
    private static final InetSocketAddress MDNS6 = at("ff02::fb", 5353);

    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final TrackingAllocator alloc = new TrackingAllocator();
    private final VirtualNetwork network = new VirtualNetwork(scheduler, 3, alloc);

    @AfterEach
    void everyBufferIsReleased() {
        scheduler.advance(Duration.ofMinutes(1));
        assertThat(alloc.unreleased()).isEmpty();
    }

    private UdpSocket join(VirtualHost host, InetSocketAddress group, int addressIndex, Received received) {
        return host.joinMulticast(group, host.localAddresses().get(addressIndex), received).join();
    }

    @Test
    void aGroupDatagramReachesEveryMemberOnTheSegmentAndNoOneBehindANat() {
        network.setLinkConditions(LinkConditions.builder().delay(Duration.ofMillis(50)).build());
        VirtualHost a = network.addHost("a", "198.51.100.1");
        VirtualHost b = network.addHost("b", "198.51.100.2");
        VirtualHost c = network.addHost("c", "198.51.100.3");
        c.setLinkConditions(LinkConditions.builder().delay(Duration.ofMillis(2)).build());
        VirtualNat nat = network.addNat("nat", NatBehavior.FULL_CONE, "198.51.100.254");
        VirtualHost hidden = nat.addHost("hidden", "10.0.0.2");
        Received atA = new Received(scheduler);
        Received atB = new Received(scheduler);
        Received atC = new Received(scheduler);
        Received atHidden = new Received(scheduler);
        Received unicastOnly = new Received(scheduler);
        UdpSocket fromA = join(a, MDNS4, 0, atA);
        join(b, MDNS4, 0, atB);
        join(c, MDNS4, 0, atC);
        join(hidden, MDNS4, 0, atHidden);
        bind(b, at("198.51.100.2", 5353), unicastOnly);

        send(fromA, a, "who has x.local?", MDNS4);
        scheduler.advance(Duration.ofMillis(10));

        // Its own member hears it at once (IP_MULTICAST_LOOP); multicast skips the core's delay.
        assertThat(atA.texts()).containsExactly("who has x.local?");
        assertThat(atA.last().atMillis()).isZero();
        assertThat(atB.texts()).containsExactly("who has x.local?");
        assertThat(atB.last().from()).isEqualTo(at("198.51.100.1", 5353));
        assertThat(atC.last().atMillis()).isEqualTo(2);
        assertThat(atHidden.datagrams).isEmpty();
        assertThat(unicastOnly.datagrams).isEmpty();
    }

    @Test
    void multicastBehindANatStaysOnItsPrivateSegment() {
        VirtualNat nat = network.addNat("nat", NatBehavior.FULL_CONE, "198.51.100.254");
        VirtualHost x = nat.addHost("x", "10.0.0.2");
        VirtualHost y = nat.addHost("y", "10.0.0.3");
        VirtualHost outside = network.addHost("outside", "198.51.100.1");
        Received atY = new Received(scheduler);
        Received atOutside = new Received(scheduler);
        UdpSocket fromX = join(x, MDNS4, 0, new Received(scheduler));
        join(y, MDNS4, 0, atY);
        join(outside, MDNS4, 0, atOutside);

        send(fromX, x, "announce", MDNS4);
        scheduler.runDueTasks();

        assertThat(atY.texts()).containsExactly("announce");
        assertThat(atY.last().from()).isEqualTo(at("10.0.0.2", 5353));
        assertThat(atOutside.datagrams).isEmpty();
        assertThat(nat.mappings()).isEmpty();
    }

    @Test
    void ipv6GroupsAreSeparateFromIpv4OnesAndSeveralSocketsOfAHostMayJoin() {
        VirtualHost a = network.addHost("a", "198.51.100.1", "2001:db8::1");
        VirtualHost b = network.addHost("b", "198.51.100.2", "2001:db8::2");
        Received first = new Received(scheduler);
        Received second = new Received(scheduler);
        Received v4 = new Received(scheduler);
        UdpSocket fromA = join(a, MDNS6, 1, new Received(scheduler));
        join(b, MDNS6, 1, first);
        join(b, MDNS6, 1, second);
        join(b, MDNS4, 0, v4);

        send(fromA, a, "six", MDNS6);
        scheduler.runDueTasks();

        assertThat(first.texts()).containsExactly("six");
        assertThat(second.texts()).containsExactly("six");
        assertThat(first.last().from()).isEqualTo(at("2001:db8::1", 5353));
        assertThat(v4.datagrams).isEmpty();
    }

    @Test
    void aMemberAnswersByUnicastAndTheAnswerReachesTheQueriersMulticastSocket() {
        VirtualHost a = network.addHost("a", "198.51.100.1");
        VirtualHost b = network.addHost("b", "198.51.100.2");
        Received atA = new Received(scheduler);
        UdpSocket querier = join(a, MDNS4, 0, atA);
        UdpSocket responder = join(b, MDNS4, 0, new Received(scheduler));

        send(responder, b, "x.local is 198.51.100.2", querier.localAddress());
        scheduler.runDueTasks();

        assertThat(atA.texts()).containsExactly("x.local is 198.51.100.2");
    }

    @Test
    void joiningNeedsAMulticastGroupAndAnInterfaceOfTheHost() {
        VirtualHost a = network.addHost("a", "198.51.100.1");
        Received received = new Received(scheduler);

        assertThatThrownBy(() -> a.joinMulticast(at("198.51.100.2", 5353), a.localAddresses().get(0), received))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a multicast group");
        assertThatThrownBy(() -> a.joinMulticast(MDNS6, a.localAddresses().get(0), received))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("address families");
        CompletableFuture<UdpSocket> foreign = a.joinMulticast(
                MDNS4, new LocalAddress(VirtualHost.literal("198.51.100.9"), "eth0", false), received);
        assertThatThrownBy(foreign::get)
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(BindException.class);
    }

    @Test
    void aClosedMemberHearsNothing() {
        VirtualHost a = network.addHost("a", "198.51.100.1");
        VirtualHost b = network.addHost("b", "198.51.100.2");
        Received atB = new Received(scheduler);
        UdpSocket fromA = join(a, MDNS4, 0, new Received(scheduler));
        UdpSocket member = join(b, MDNS4, 0, atB);

        member.close();
        send(fromA, a, "anyone?", MDNS4);
        scheduler.runDueTasks();

        assertThat(atB.datagrams).isEmpty();
    }
}
