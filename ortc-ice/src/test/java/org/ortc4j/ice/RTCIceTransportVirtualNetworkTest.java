package org.ortc4j.ice;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ortc4j.ice.net.VirtualScheduler;
import org.ortc4j.ice.vnet.LinkConditions;
import org.ortc4j.ice.vnet.NatBehavior;
import org.ortc4j.ice.vnet.StunServer;
import org.ortc4j.ice.vnet.TurnServer;
import org.ortc4j.ice.vnet.VirtualHost;
import org.ortc4j.ice.vnet.VirtualNat;
import org.ortc4j.ice.vnet.VirtualNetwork;

/**
 * RTCIceGatherer and RTCIceTransport as a user drives them, on the virtual network: public hosts,
 * NATs of each kind with STUN and TURN servers, loss, consent loss, restart and mDNS names.
 */
class RTCIceTransportVirtualNetworkTest {

    private static final Duration CONNECT_LIMIT = Duration.ofSeconds(30);

    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final VirtualNetwork network = new VirtualNetwork(scheduler, 42);
    private VirtualIcePeers peers;

    @AfterEach
    void closePeers() {
        if (peers != null) {
            peers.close();
            scheduler.advance(Duration.ofSeconds(1));
        }
    }

    private static RTCIceGatherOptions hostOnly() {
        return RTCIceGatherOptions.defaults();
    }

    private <T> T started(CompletableFuture<T> future) {
        scheduler.runDueTasks();
        assertThat(future).isCompleted();
        return future.join();
    }

    @Test
    void twoPublicHostsConnectAndCarryDataBothWays() {
        VirtualHost hostA = network.addHost("a", "198.51.100.1");
        VirtualHost hostB = network.addHost("b", "198.51.100.2");
        peers = new VirtualIcePeers(scheduler, hostA, hostOnly(), hostB, hostOnly());

        peers.start();
        assertThat(peers.runUntil(peers::bothConnected, CONNECT_LIMIT)).isTrue();
        peers.a.send("hello b");
        peers.b.send("hello a");
        assertThat(peers.runUntil(() -> !peers.a.received.isEmpty() && !peers.b.received.isEmpty(),
                Duration.ofSeconds(1))).isTrue();

        assertThat(peers.b.received).containsExactly("hello b");
        assertThat(peers.a.received).containsExactly("hello a");
        RTCIceCandidatePair pair = peers.a.selected();
        assertThat(pair.local().address()).isEqualTo("198.51.100.1");
        assertThat(pair.remote().address()).isEqualTo("198.51.100.2");
        assertThat(peers.a.transport.role()).isEqualTo(RTCIceRole.CONTROLLING);
        assertThat(peers.b.transport.role()).isEqualTo(RTCIceRole.CONTROLLED);
        // W3C §5.6: new -> checking -> connected (-> completed); nothing else on a clean path.
        assertThat(peers.a.states).startsWith(RTCIceTransportState.CHECKING, RTCIceTransportState.CONNECTED)
                .doesNotContain(RTCIceTransportState.FAILED, RTCIceTransportState.DISCONNECTED);
    }

    @Test
    void connectsWellUnderFiftyMillisecondsOfVirtualTimeWithoutDelay() {
        VirtualHost hostA = network.addHost("a", "198.51.100.1");
        VirtualHost hostB = network.addHost("b", "198.51.100.2");
        peers = new VirtualIcePeers(scheduler, hostA, hostOnly(), hostB, hostOnly());
        long before = scheduler.nanoTime();

        peers.start();
        assertThat(peers.runUntil(peers::bothConnected, CONNECT_LIMIT)).isTrue();

        assertThat(Duration.ofNanos(scheduler.nanoTime() - before)).isLessThan(Duration.ofMillis(50));
    }

    @Test
    void gatheringTricklesHostThenServerReflexiveThenRelayedThenCompletes() {
        VirtualHost server = network.addHost("servers", "203.0.113.10");
        started(StunServer.start(server, new InetSocketAddress("203.0.113.10", 3478)));
        started(TurnServer.start(server, TurnServer.Config.builder(new InetSocketAddress("203.0.113.10", 3479), "ortc4j")
                .user("alice", "secret").build()));
        VirtualNat nat = network.addNat("nat", NatBehavior.PORT_RESTRICTED_CONE, "203.0.113.1");
        VirtualHost host = nat.addHost("a", "10.0.0.2");
        RTCIceGatherer gatherer = new RTCIceGatherer(RTCIceGatherOptions.newBuilder().iceServers(
                new RTCIceServer("stun:203.0.113.10:3478"),
                new RTCIceServer("turn:203.0.113.10:3479", "alice", "secret")).build(), host);
        List<RTCIceCandidate> seen = new java.util.ArrayList<>();
        List<RTCIceGathererState> states = new java.util.ArrayList<>();
        gatherer.onLocalCandidate(seen::add);
        gatherer.onStateChange(states::add);

        CompletableFuture<Void> done = gatherer.gather();
        scheduler.advance(Duration.ofSeconds(2));

        assertThat(done).isCompleted();
        assertThat(states).containsExactly(RTCIceGathererState.GATHERING, RTCIceGathererState.COMPLETE);
        assertThat(seen).extracting(RTCIceCandidate::type).containsExactly(RTCIceCandidateType.HOST,
                RTCIceCandidateType.SRFLX, RTCIceCandidateType.RELAY);
        assertThat(seen.get(0).address()).isEqualTo("10.0.0.2");
        assertThat(seen.get(1).address()).isEqualTo("203.0.113.1");
        assertThat(seen.get(1).relatedAddress()).isEqualTo("10.0.0.2");
        assertThat(seen.get(2).address()).isEqualTo("203.0.113.10");
        assertThat(seen).allSatisfy(c -> assertThat(c.usernameFragment())
                .isEqualTo(gatherer.getLocalParameters().usernameFragment()));
        // RFC 8445 §5.1.2.1: host above server-reflexive above relayed.
        assertThat(seen.get(0).priority()).isGreaterThan(seen.get(1).priority());
        assertThat(seen.get(1).priority()).isGreaterThan(seen.get(2).priority());
        assertThat(gatherer.getLocalCandidates()).isEqualTo(seen);
        gatherer.close();
        assertThat(gatherer.state()).isEqualTo(RTCIceGathererState.CLOSED);
    }

    @Test
    void anUnreachableStunServerIsReportedAndGatheringStillCompletes() {
        VirtualHost host = network.addHost("a", "198.51.100.1");
        RTCIceGatherer gatherer = new RTCIceGatherer(RTCIceGatherOptions.newBuilder()
                .iceServers(new RTCIceServer("stun:203.0.113.99:3478")).build(), host);
        List<RTCIceGathererIceErrorEvent> errors = new java.util.ArrayList<>();
        gatherer.onError(errors::add);

        CompletableFuture<Void> done = gatherer.gather();
        scheduler.advance(RTCIceGatherOptions.DEFAULT_SERVER_TIMEOUT.minusMillis(10));
        assertThat(done).isNotDone();
        scheduler.advance(Duration.ofMillis(20));

        assertThat(done).isCompleted();
        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.errorCode()).isEqualTo(RTCIceGathererIceErrorEvent.UNREACHABLE);
            assertThat(error.url()).isEqualTo("stun:203.0.113.99:3478");
            assertThat(error.address()).isEqualTo("198.51.100.1");
        });
        assertThat(gatherer.getLocalCandidates()).extracting(RTCIceCandidate::type)
                .containsExactly(RTCIceCandidateType.HOST);
        gatherer.close();
    }

    @Test
    void behindTwoSymmetricNatsOnlyTheTurnRelayConnects() {
        VirtualHost server = network.addHost("servers", "203.0.113.10");
        started(StunServer.start(server, new InetSocketAddress("203.0.113.10", 3478)));
        started(TurnServer.start(server, TurnServer.Config.builder(new InetSocketAddress("203.0.113.10", 3479), "ortc4j")
                .user("alice", "secret").build()));
        VirtualHost hostA = network.addNat("nat-a", NatBehavior.SYMMETRIC, "203.0.113.1").addHost("a", "10.0.0.2");
        VirtualHost hostB = network.addNat("nat-b", NatBehavior.SYMMETRIC, "203.0.113.2").addHost("b", "10.0.1.2");
        RTCIceGatherOptions options = RTCIceGatherOptions.newBuilder().iceServers(
                new RTCIceServer("stun:203.0.113.10:3478"),
                new RTCIceServer("turn:203.0.113.10:3479", "alice", "secret")).build();
        peers = new VirtualIcePeers(scheduler, hostA, options, hostB, options);

        peers.start();
        assertThat(peers.runUntil(peers::bothConnected, CONNECT_LIMIT)).isTrue();
        peers.a.send("through the relay");
        assertThat(peers.runUntil(() -> !peers.b.received.isEmpty(), Duration.ofSeconds(1))).isTrue();

        assertThat(peers.b.received).containsExactly("through the relay");
        RTCIceCandidatePair pair = peers.a.selected();
        assertThat(List.of(pair.local().type(), pair.remote().type())).contains(RTCIceCandidateType.RELAY);
    }

    @Test
    void connectsWithThirtyPercentLossBothWays() {
        VirtualHost hostA = network.addHost("a", "198.51.100.1");
        VirtualHost hostB = network.addHost("b", "198.51.100.2");
        LinkConditions lossy = LinkConditions.builder().loss(0.3).delay(Duration.ofMillis(20)).build();
        hostA.setLinkConditions(lossy);
        hostB.setLinkConditions(lossy);
        peers = new VirtualIcePeers(scheduler, hostA, hostOnly(), hostB, hostOnly());

        peers.start();

        assertThat(peers.runUntil(peers::bothConnected, CONNECT_LIMIT)).isTrue();
        assertThat(network.packetsLost()).isPositive();
    }

    @Test
    void losingTheLinkDisconnectsThenFailsWhenConsentExpires() {
        VirtualHost hostA = network.addHost("a", "198.51.100.1");
        VirtualHost hostB = network.addHost("b", "198.51.100.2");
        peers = new VirtualIcePeers(scheduler, hostA, hostOnly(), hostB, hostOnly());
        peers.start();
        assertThat(peers.runUntil(peers::bothConnected, CONNECT_LIMIT)).isTrue();
        scheduler.advance(Duration.ofSeconds(10));
        assertThat(peers.a.connected()).isTrue();

        hostB.setLinkConditions(LinkConditions.builder().loss(1.0).build());
        long cut = scheduler.nanoTime();
        assertThat(peers.runUntil(() -> peers.a.transport.state() == RTCIceTransportState.DISCONNECTED,
                Duration.ofSeconds(15))).isTrue();
        assertThat(peers.runUntil(() -> peers.a.transport.state() == RTCIceTransportState.FAILED,
                Duration.ofSeconds(40))).isTrue();

        // RFC 7675 §5.1: consent expires 30 s after the last response; the last consent check
        // before the cut may have been up to ~6 s earlier.
        Duration failedAfter = Duration.ofNanos(scheduler.nanoTime() - cut);
        assertThat(failedAfter).isBetween(Duration.ofSeconds(23), Duration.ofSeconds(31));
        peers.a.send("not sent");
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(peers.b.received).isEmpty();
    }

    @Test
    void anIceRestartSelectsAPairWithTheNewCredentials() {
        VirtualHost hostA = network.addHost("a", "198.51.100.1");
        VirtualHost hostB = network.addHost("b", "198.51.100.2");
        peers = new VirtualIcePeers(scheduler, hostA, hostOnly(), hostB, hostOnly());
        peers.start();
        assertThat(peers.runUntil(peers::bothConnected, CONNECT_LIMIT)).isTrue();
        RTCIceParameters oldA = peers.a.gatherer.getLocalParameters();

        RTCIceParameters newA = peers.a.gatherer.restart();
        RTCIceParameters newB = peers.b.gatherer.restart();
        peers.a.transport.start(newB, RTCIceRole.CONTROLLING);
        peers.b.transport.start(newA, RTCIceRole.CONTROLLED);
        peers.a.send("during the restart");
        // Consent checks with the old credentials would now fail (the peer knows only the new
        // ones), so still being connected 40 s later shows the new credentials are in use.
        scheduler.advance(Duration.ofSeconds(40));
        assertThat(peers.bothConnected()).isTrue();
        peers.a.send("after the restart");
        assertThat(peers.runUntil(() -> peers.b.received.size() == 2, Duration.ofSeconds(1))).isTrue();

        assertThat(newA).isNotEqualTo(oldA);
        assertThat(peers.b.received).containsExactly("during the restart", "after the restart");
        assertThat(peers.a.candidates).filteredOn(c -> c.usernameFragment().equals(newA.usernameFragment()))
                .isNotEmpty();
    }

    @Test
    void hostCandidatesHiddenBehindMdnsNamesAreResolvedByThePeer() {
        VirtualHost hostA = network.addHost("a", "198.51.100.1");
        VirtualHost hostB = network.addHost("b", "198.51.100.2");
        RTCIceGatherOptions hidden = RTCIceGatherOptions.newBuilder().mdnsHostnames(true).build();
        peers = new VirtualIcePeers(scheduler, hostA, hidden, hostB, hostOnly());

        peers.start();
        assertThat(peers.runUntil(peers::bothConnected, CONNECT_LIMIT)).isTrue();

        assertThat(peers.a.candidates).isNotEmpty().allSatisfy(c -> {
            assertThat(c.isMdnsAddress()).isTrue();
            assertThat(c.address()).endsWith(".local").doesNotContain("198.51.100.1");
        });
        assertThat(peers.b.selected().remote().address()).isEqualTo("198.51.100.1");
    }

    @Test
    void stopClosesTheTransportAndAnotherStartIsRefused() {
        VirtualHost hostA = network.addHost("a", "198.51.100.1");
        VirtualHost hostB = network.addHost("b", "198.51.100.2");
        peers = new VirtualIcePeers(scheduler, hostA, hostOnly(), hostB, hostOnly());
        peers.start();
        assertThat(peers.runUntil(peers::bothConnected, CONNECT_LIMIT)).isTrue();

        peers.a.transport.stop();

        assertThat(peers.a.transport.state()).isEqualTo(RTCIceTransportState.CLOSED);
        assertThat(peers.a.states).endsWith(RTCIceTransportState.CLOSED);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> peers.a.transport.start(
                peers.b.gatherer.getLocalParameters(), RTCIceRole.CONTROLLING))
                .isInstanceOf(InvalidStateException.class);
        // The peer notices: consent fails within ~30 s.
        assertThat(peers.runUntil(() -> peers.b.transport.state() == RTCIceTransportState.FAILED,
                Duration.ofSeconds(40))).isTrue();
    }

    @Test
    void startRejectsTheUnknownRole() {
        VirtualHost hostA = network.addHost("a", "198.51.100.1");
        RTCIceGatherer gatherer = new RTCIceGatherer(hostOnly(), hostA);
        RTCIceTransport transport = new RTCIceTransport(gatherer);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> transport.start(RTCIceParameters.generate(),
                RTCIceRole.UNKNOWN)).isInstanceOf(IllegalArgumentException.class);
        gatherer.close();
        scheduler.advance(1, TimeUnit.SECONDS);
    }
}
