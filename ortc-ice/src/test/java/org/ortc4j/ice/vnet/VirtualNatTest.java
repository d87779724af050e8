package org.ortc4j.ice.vnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ortc4j.ice.vnet.VirtualHostUdpTest.at;
import static org.ortc4j.ice.vnet.VirtualHostUdpTest.bind;
import static org.ortc4j.ice.vnet.VirtualHostUdpTest.send;

import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ortc4j.ice.RTCIceProtocol;
import org.ortc4j.ice.net.UdpSocket;
import org.ortc4j.ice.net.VirtualScheduler;

/** RFC 4787 mapping and filtering of {@link VirtualNat}, observed from the outside as STUN would. */
class VirtualNatTest {

    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final TrackingAllocator alloc = new TrackingAllocator();
    private final VirtualNetwork network = new VirtualNetwork(scheduler, 17, alloc);
    private final VirtualHost server1 = network.addHost("server1", "203.0.113.10");
    private final VirtualHost server2 = network.addHost("server2", "203.0.113.20");
    /** Two ports of one address and a second address: what RFC 5780 uses to tell NATs apart. */
    private final Reflector r1 = new Reflector(server1, at("203.0.113.10", 3478));
    private final Reflector r1OtherPort = new Reflector(server1, at("203.0.113.10", 3479));
    private final Reflector r2 = new Reflector(server2, at("203.0.113.20", 3478));
    private final Received inside = new Received(scheduler);
    private VirtualHost client;
    private UdpSocket socket;

    @AfterEach
    void everyBufferIsReleased() {
        scheduler.advance(Duration.ofMinutes(5));
        assertThat(alloc.unreleased()).isEmpty();
    }

    private VirtualNat nat(NatBehavior behavior) {
        VirtualNat nat = network.addNat("nat", behavior, "192.0.2.1");
        client = nat.addHost("client", "10.0.0.2");
        socket = bind(client, at("10.0.0.2", 5000), inside);
        return nat;
    }

    /** The mapped address the reflector reports, or null when no answer came back. */
    private String mappedBy(Reflector reflector) {
        int before = inside.datagrams.size();
        send(socket, client, "binding request", reflector.address());
        scheduler.advance(Duration.ofMillis(10));
        return inside.datagrams.size() == before ? null : inside.last().text();
    }

    /** Whether {@code reflector}'s unsolicited datagram to {@code mapped} gets through to the client. */
    private boolean reaches(Reflector reflector, String mapped) {
        int before = inside.datagrams.size();
        String[] parts = mapped.split(":");
        reflector.sendTo(at(parts[0], Integer.parseInt(parts[1])), "unsolicited");
        scheduler.advance(Duration.ofMillis(10));
        return inside.datagrams.size() > before;
    }

    @Test
    void fullConeMapsOncePerInternalEndpointAndLetsAnyoneIn() {
        nat(NatBehavior.FULL_CONE);

        String mapped = mappedBy(r1);

        assertThat(mapped).startsWith("192.0.2.1:");
        assertThat(mappedBy(r1OtherPort)).isEqualTo(mapped);
        assertThat(mappedBy(r2)).isEqualTo(mapped);
        VirtualHost stranger = network.addHost("stranger", "198.51.100.99");
        assertThat(reaches(new Reflector(stranger, at("198.51.100.99", 9)), mapped)).isTrue();
        assertThat(inside.last().from()).isEqualTo(at("198.51.100.99", 9));
    }

    @Test
    void restrictedConeLetsInAnyPortOfAnAddressTheClientSentTo() {
        nat(NatBehavior.RESTRICTED_CONE);

        String mapped = mappedBy(r1);

        // RFC 4787 §5: address-dependent filtering admits Y:y only if X:x "has previously sent packets to Y".
        assertThat(reaches(r1OtherPort, mapped)).isTrue();
        assertThat(reaches(r2, mapped)).isFalse();
        assertThat(network.packetsNatFiltered()).isEqualTo(1);
        assertThat(mappedBy(r2)).isEqualTo(mapped);
        assertThat(reaches(r2, mapped)).isTrue();
    }

    @Test
    void portRestrictedConeFiltersUnknownPortsOfAKnownAddress() {
        VirtualNat nat = nat(NatBehavior.PORT_RESTRICTED_CONE);

        String mapped = mappedBy(r1);

        assertThat(reaches(r1, mapped)).isTrue();
        assertThat(reaches(r1OtherPort, mapped)).isFalse();
        assertThat(reaches(r2, mapped)).isFalse();
        assertThat(network.packetsNatFiltered()).isEqualTo(2);
        // Endpoint-independent mapping: one entry whatever the destination.
        assertThat(mappedBy(r1OtherPort)).isEqualTo(mapped);
        assertThat(nat.mappings()).hasSize(1);
        assertThat(reaches(r1OtherPort, mapped)).isTrue();
    }

    @Test
    void symmetricNatGivesANewExternalPortPerDestination() {
        VirtualNat nat = nat(NatBehavior.SYMMETRIC);

        String toR1 = mappedBy(r1);
        String toR1OtherPort = mappedBy(r1OtherPort);
        String toR2 = mappedBy(r2);

        assertThat(toR1).startsWith("192.0.2.1:");
        assertThat(toR1OtherPort).startsWith("192.0.2.1:").isNotEqualTo(toR1);
        assertThat(toR2).startsWith("192.0.2.1:").isNotIn(toR1, toR1OtherPort);
        assertThat(mappedBy(r1)).isEqualTo(toR1);
        assertThat(nat.mappings()).extracting(NatMapping::internal).containsOnly(at("10.0.0.2", 5000));
        assertThat(nat.mappings()).extracting(NatMapping::protocol).containsOnly(RTCIceProtocol.UDP);
        assertThat(nat.mappings()).extracting(m -> m.external().getAddress().getHostAddress() + ":" + m.external().getPort())
                .containsExactly(toR1, toR1OtherPort, toR2);
        // The mapping made for r1 admits r1 only.
        assertThat(reaches(r1OtherPort, toR1)).isFalse();
        assertThat(reaches(r1, toR1)).isTrue();
    }

    @Test
    void addressDependentMappingIsSharedAcrossPortsOfOneAddress() {
        nat(NatBehavior.of(EndpointDependence.ADDRESS_DEPENDENT, EndpointDependence.ADDRESS_DEPENDENT));

        String toR1 = mappedBy(r1);

        assertThat(mappedBy(r1OtherPort)).isEqualTo(toR1);
        assertThat(mappedBy(r2)).isNotEqualTo(toR1);
    }

    @Test
    void aMappingExpiresAfterItsLifetimeWithoutOutboundTraffic() {
        VirtualNat nat = nat(NatBehavior.PORT_RESTRICTED_CONE);
        String mapped = mappedBy(r1);

        // The request left at 0 and the answer arrived by 10 ms; reaches() takes 10 ms more.
        scheduler.advance(Duration.ofSeconds(29).plusMillis(970));
        assertThat(reaches(r1, mapped)).as("at 29.98 s").isTrue();
        assertThat(scheduler.nanoTime()).isEqualTo(Duration.ofSeconds(29).plusMillis(990).toNanos());
        scheduler.advance(Duration.ofMillis(10));
        assertThat(reaches(r1, mapped)).as("30 s after the last outbound packet").isFalse();
        assertThat(nat.mappings()).isEmpty();
    }

    @Test
    void outboundTrafficRefreshesAMappingAndInboundDoesNot() {
        VirtualNat nat = nat(NatBehavior.PORT_RESTRICTED_CONE.withMappingLifetime(Duration.ofSeconds(10)));
        String mapped = mappedBy(r1);

        for (int i = 0; i < 5; i++) {
            scheduler.advance(Duration.ofSeconds(8));
            assertThat(mappedBy(r1)).isEqualTo(mapped);
        }
        for (int i = 0; i < 4; i++) {
            scheduler.advance(Duration.ofSeconds(2));
            reaches(r1, mapped);
        }
        scheduler.advance(Duration.ofSeconds(2));
        assertThat(nat.mappings()).isEmpty();
    }

    @Test
    void portPreservationKeepsTheInternalPortWhenItIsFree() {
        VirtualNat nat = network.addNat("nat", NatBehavior.SYMMETRIC.withPortPreservation(true), "192.0.2.1");
        VirtualHost a = nat.addHost("a", "10.0.0.2");
        VirtualHost b = nat.addHost("b", "10.0.0.3");
        UdpSocket fromA = bind(a, at("10.0.0.2", 5000), new Received(scheduler));
        UdpSocket fromB = bind(b, at("10.0.0.3", 5000), new Received(scheduler));

        send(fromA, a, "a", r1.address());
        send(fromB, b, "b", r1.address());
        send(fromA, a, "a again", r2.address());
        scheduler.advance(Duration.ofMillis(10));

        assertThat(r1.seen.get(0)).isEqualTo(at("192.0.2.1", 5000));
        assertThat(r1.seen.get(1).getPort()).isNotEqualTo(5000);
        assertThat(r2.seen.get(0).getPort()).isNotEqualTo(5000);
    }

    @Test
    void unsolicitedTrafficWithoutAMappingIsDroppedAndPrivateAddressesAreUnreachable() {
        nat(NatBehavior.FULL_CONE);

        assertThat(reaches(r1, "192.0.2.1:5000")).isFalse();
        assertThat(network.packetsNatFiltered()).isEqualTo(1);
        r1.sendTo(at("10.0.0.2", 5000), "to a private address");
        scheduler.advance(Duration.ofMillis(10));
        assertThat(network.packetsNoRoute()).isEqualTo(1);
        assertThat(inside.datagrams).isEmpty();
    }

    @Test
    void hostsBehindOneNatTalkDirectlyOnTheirSegment() {
        VirtualNat nat = nat(NatBehavior.SYMMETRIC);
        VirtualHost neighbour = nat.addHost("neighbour", "10.0.0.3");
        Received atNeighbour = new Received(scheduler);
        bind(neighbour, at("10.0.0.3", 6000), atNeighbour);

        send(socket, client, "hi", at("10.0.0.3", 6000));
        scheduler.runDueTasks();

        assertThat(atNeighbour.texts()).containsExactly("hi");
        assertThat(atNeighbour.last().from()).isEqualTo(at("10.0.0.2", 5000));
        assertThat(nat.mappings()).isEmpty();
    }

    @Test
    void hairpinningIsOffByDefault() {
        VirtualNat nat = nat(NatBehavior.FULL_CONE);
        VirtualHost neighbour = nat.addHost("neighbour", "10.0.0.3");
        Received atNeighbour = new Received(scheduler);
        UdpSocket neighbourSocket = bind(neighbour, at("10.0.0.3", 6000), atNeighbour);
        send(neighbourSocket, neighbour, "map me", r1.address());
        scheduler.advance(Duration.ofMillis(10));
        String neighbourMapped = atNeighbour.last().text();

        send(socket, client, "via the public address", parse(neighbourMapped));
        scheduler.advance(Duration.ofMillis(10));

        assertThat(atNeighbour.texts()).containsExactly(neighbourMapped);
        assertThat(network.packetsNatFiltered()).isEqualTo(1);
        assertThat(nat.behavior().hairpinning()).isFalse();
    }

    @Test
    void hairpinningWhenEnabledLoopsBackWithTheSendersExternalAddress() {
        VirtualNat nat = nat(NatBehavior.FULL_CONE.withHairpinning(true));
        VirtualHost neighbour = nat.addHost("neighbour", "10.0.0.3");
        Received atNeighbour = new Received(scheduler);
        UdpSocket neighbourSocket = bind(neighbour, at("10.0.0.3", 6000), atNeighbour);
        send(neighbourSocket, neighbour, "map me", r1.address());
        scheduler.advance(Duration.ofMillis(10));
        String neighbourMapped = atNeighbour.last().text();
        String clientMapped = mappedBy(r1);

        send(socket, client, "via the public address", parse(neighbourMapped));
        scheduler.advance(Duration.ofMillis(10));

        // RFC 4787 REQ-9 b: hairpinned packets carry the sender's external source address.
        assertThat(atNeighbour.last().text()).isEqualTo("via the public address");
        assertThat(atNeighbour.last().from()).isEqualTo(parse(clientMapped));
        assertThat(nat.mappings()).hasSize(2);
    }

    @Test
    void nestedNatsTranslateTwice() {
        VirtualNat outer = network.addNat("carrier", NatBehavior.FULL_CONE, "192.0.2.100");
        VirtualNat home = outer.addNat("home", NatBehavior.PORT_RESTRICTED_CONE, "100.64.0.5");
        VirtualHost deep = home.addHost("deep", "10.0.0.2");
        Received atDeep = new Received(scheduler);
        UdpSocket deepSocket = bind(deep, at("10.0.0.2", 5000), atDeep);

        send(deepSocket, deep, "out", r1.address());
        scheduler.advance(Duration.ofMillis(10));

        assertThat(r1.seen.get(0).getAddress().getHostAddress()).isEqualTo("192.0.2.100");
        assertThat(atDeep.texts()).containsExactly("192.0.2.100:" + r1.seen.get(0).getPort());
        assertThat(home.mappings()).singleElement()
                .satisfies(m -> assertThat(m.external().getAddress().getHostAddress()).isEqualTo("100.64.0.5"));
        assertThat(outer.mappings()).singleElement()
                .satisfies(m -> assertThat(m.internal()).isEqualTo(home.mappings().get(0).external()));
    }

    @Test
    void ipv6DestinationsDoNotCrossAnIpv4Nat() {
        nat(NatBehavior.FULL_CONE);
        VirtualHost v6 = network.addHost("v6", "2001:db8::1");
        bind(v6, at("2001:db8::1", 7000), new Received(scheduler));
        VirtualNat nat6 = network.addNat("nat6", NatBehavior.FULL_CONE, "2001:db8::99");
        VirtualHost client6 = nat6.addHost("client6", "fd00::2");
        UdpSocket s6 = bind(client6, at("fd00::2", 0), new Received(scheduler));
        UdpSocket v4 = bind(client, at("10.0.0.2", 0), new Received(scheduler));

        send(v4, client, "no", at("2001:db8::1", 7000));
        send(s6, client6, "yes", at("2001:db8::1", 7000));
        scheduler.advance(Duration.ofMillis(10));

        assertThat(network.packetsNoRoute()).isEqualTo(1);
        assertThat(network.packetsDelivered()).isEqualTo(1);
        assertThat(nat6.mappings()).hasSize(1);
    }

    private static InetSocketAddress parse(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        return at(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }
}
