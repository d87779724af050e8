package org.ortc4j.ice.vnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ortc4j.ice.vnet.VirtualHostUdpTest.at;
import static org.ortc4j.ice.vnet.VirtualHostUdpTest.bind;
import static org.ortc4j.ice.vnet.VirtualHostUdpTest.send;

import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ortc4j.ice.net.UdpSocket;
import org.ortc4j.ice.net.VirtualScheduler;

/**
 * What ICE relies on and meets in the field: two peers behind NATs that learned their mapped
 * addresses from a STUN-like reflector, then send to each other (RFC 8445 §2.2's "hole punching").
 */
class HolePunchingTest {

    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final TrackingAllocator alloc = new TrackingAllocator();
    private final VirtualNetwork network = new VirtualNetwork(scheduler, 23, alloc);
    private final Reflector stun = new Reflector(network.addHost("stun", "203.0.113.10"), at("203.0.113.10", 3478));

    @AfterEach
    void everyBufferIsReleased() {
        scheduler.advance(Duration.ofMinutes(5));
        assertThat(alloc.unreleased()).isEmpty();
    }

    private final class Peer {
        final VirtualHost host;
        final UdpSocket socket;
        final Received received = new Received(scheduler);
        InetSocketAddress mapped;

        Peer(String name, NatBehavior behavior, String publicAddress, String privateAddress) {
            VirtualNat nat = network.addNat(name + "-nat", behavior, publicAddress);
            host = nat.addHost(name, privateAddress);
            socket = bind(host, at(privateAddress, 0), received);
        }

        void learnMappedAddress() {
            send(socket, host, "binding request", stun.address());
            scheduler.advance(Duration.ofMillis(100));
            String text = received.last().text();
            int colon = text.lastIndexOf(':');
            mapped = at(text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
        }

        void sendTo(Peer other, String text) {
            send(socket, host, text, other.mapped);
        }

        boolean heard(String text) {
            return received.texts().contains(text);
        }
    }

    @Test
    void twoPortRestrictedConesConnectOnceBothHaveSent() {
        network.setLinkConditions(LinkConditions.builder().delay(Duration.ofMillis(15)).build());
        Peer alice = new Peer("alice", NatBehavior.PORT_RESTRICTED_CONE, "192.0.2.1", "10.0.0.2");
        Peer bob = new Peer("bob", NatBehavior.PORT_RESTRICTED_CONE, "198.51.100.1", "10.0.0.2");
        alice.learnMappedAddress();
        bob.learnMappedAddress();

        alice.sendTo(bob, "check 1 from alice");
        scheduler.advance(Duration.ofMillis(100));
        assertThat(bob.heard("check 1 from alice")).as("bob's NAT has not seen bob send to alice").isFalse();

        bob.sendTo(alice, "check 1 from bob");
        scheduler.advance(Duration.ofMillis(100));
        assertThat(alice.heard("check 1 from bob")).as("alice's first check opened her NAT").isTrue();
        assertThat(alice.received.last().from()).isEqualTo(bob.mapped);

        alice.sendTo(bob, "check 2 from alice");
        scheduler.advance(Duration.ofMillis(100));
        assertThat(bob.heard("check 2 from alice")).isTrue();
    }

    @Test
    void checksCrossingInFlightBothGetThrough() {
        network.setLinkConditions(LinkConditions.builder().delay(Duration.ofMillis(15)).build());
        Peer alice = new Peer("alice", NatBehavior.PORT_RESTRICTED_CONE, "192.0.2.1", "10.0.0.2");
        Peer bob = new Peer("bob", NatBehavior.PORT_RESTRICTED_CONE, "198.51.100.1", "10.0.0.2");
        alice.learnMappedAddress();
        bob.learnMappedAddress();

        // Each NAT sees its own host's packet leave before the other's arrives 15 ms later.
        alice.sendTo(bob, "from alice");
        bob.sendTo(alice, "from bob");
        scheduler.advance(Duration.ofMillis(100));

        assertThat(alice.heard("from bob")).isTrue();
        assertThat(bob.heard("from alice")).isTrue();
    }

    @Test
    void aSymmetricNatDefeatsAPortRestrictedPeer() {
        Peer alice = new Peer("alice", NatBehavior.SYMMETRIC, "192.0.2.1", "10.0.0.2");
        Peer bob = new Peer("bob", NatBehavior.PORT_RESTRICTED_CONE, "198.51.100.1", "10.0.0.2");
        alice.learnMappedAddress();
        bob.learnMappedAddress();

        for (int round = 0; round < 3; round++) {
            alice.sendTo(bob, "from alice " + round);
            bob.sendTo(alice, "from bob " + round);
            scheduler.advance(Duration.ofMillis(100));
        }

        // Alice's packets to bob leave from a new port bob never sent to; bob's go to the port
        // alice's NAT opened for the STUN server only.
        assertThat(alice.received.texts()).noneMatch(t -> t.startsWith("from bob"));
        assertThat(bob.received.texts()).noneMatch(t -> t.startsWith("from alice"));
        assertThat(network.packetsNatFiltered()).isEqualTo(6);
    }

    @Test
    void aSymmetricNatStillReachesAFullCone() {
        Peer alice = new Peer("alice", NatBehavior.SYMMETRIC, "192.0.2.1", "10.0.0.2");
        Peer bob = new Peer("bob", NatBehavior.FULL_CONE, "198.51.100.1", "10.0.0.2");
        alice.learnMappedAddress();
        bob.learnMappedAddress();

        alice.sendTo(bob, "from alice");
        scheduler.advance(Duration.ofMillis(100));

        assertThat(bob.heard("from alice")).isTrue();
        // The answer goes to the address bob saw, a peer-reflexive one in ICE terms.
        InetSocketAddress seen = bob.received.last().from();
        assertThat(seen).isNotEqualTo(alice.mapped);
        send(bob.socket, bob.host, "answer", seen);
        scheduler.advance(Duration.ofMillis(100));
        assertThat(alice.heard("answer")).isTrue();
    }
}
