package org.ortc4j.ice.internal.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ortc4j.ice.vnet.TrackingAllocator;
import org.ortc4j.ice.RTCIceCandidate;
import org.ortc4j.ice.RTCIceCandidatePair;
import org.ortc4j.ice.RTCIceCandidateType;
import org.ortc4j.ice.RTCIceParameters;
import org.ortc4j.ice.RTCIceRole;
import org.ortc4j.ice.RTCIceTransportState;
import org.ortc4j.ice.internal.LocalCandidate;
import org.ortc4j.ice.net.VirtualScheduler;
import org.ortc4j.ice.vnet.LinkConditions;
import org.ortc4j.ice.vnet.NatBehavior;
import org.ortc4j.ice.vnet.VirtualHost;
import org.ortc4j.ice.vnet.VirtualNat;
import org.ortc4j.ice.vnet.VirtualNetwork;

/** Two agents on the virtual network, in virtual time. */
class IceAgentTest {

    private static final IceAgentConfig CONFIG = IceAgentConfig.defaults();

    private VirtualScheduler scheduler;
    private TrackingAllocator alloc;
    private VirtualNetwork network;
    private final List<AgentPeer> peers = new ArrayList<>();

    @BeforeEach
    void setUp() {
        scheduler = new VirtualScheduler();
        alloc = new TrackingAllocator();
        network = new VirtualNetwork(scheduler, 42, alloc);
    }

    @AfterEach
    void everyBufferIsReleased() {
        peers.forEach(AgentPeer::stop);
        scheduler.advance(Duration.ofSeconds(5));
        assertThat(alloc.unreleased()).isEmpty();
    }

    private AgentPeer peer(String name, long seed, String... addresses) {
        return peer(name, seed, CONFIG, addresses);
    }

    private AgentPeer peer(String name, long seed, IceAgentConfig config, String... addresses) {
        AgentPeer peer = new AgentPeer(name, network.addHost(name, addresses), config, seed);
        peers.add(peer);
        return peer;
    }

    private void startPair(AgentPeer controlling, AgentPeer controlled) {
        controlling.agent.start(controlled.parameters, RTCIceRole.CONTROLLING);
        controlled.agent.start(controlling.parameters, RTCIceRole.CONTROLLED);
    }

    /** Advances in small steps until {@code condition} holds; returns the virtual time that took. */
    private Duration advanceUntil(BooleanSupplier condition, Duration limit) {
        long start = scheduler.nanoTime();
        while (!condition.getAsBoolean()) {
            if (scheduler.nanoTime() - start > limit.toNanos()) {
                throw new AssertionError("condition not met within " + limit);
            }
            scheduler.advance(Duration.ofMillis(10));
        }
        return Duration.ofNanos(scheduler.nanoTime() - start);
    }

    private static boolean connected(AgentPeer peer) {
        RTCIceTransportState s = peer.agent.state();
        return s == RTCIceTransportState.CONNECTED || s == RTCIceTransportState.COMPLETED;
    }

    private static InetSocketAddress addressOf(RTCIceCandidate candidate) {
        return new InetSocketAddress(candidate.address(), candidate.port());
    }

    // -------------------------------------------------------------------------------------------

    @Test
    void twoAgentsConnectOnTheHostPairAndCarryDataBothWays() {
        AgentPeer a = peer("a", 1, "192.0.2.1").gatherHost().addLocalCandidates();
        AgentPeer b = peer("b", 2, "192.0.2.2").gatherHost().addLocalCandidates();
        a.signalCandidatesTo(b);
        b.signalCandidatesTo(a);
        startPair(a, b);

        advanceUntil(() -> connected(a) && connected(b), Duration.ofSeconds(2));

        RTCIceCandidatePair pairA = a.agent.selectedPair().orElseThrow();
        RTCIceCandidatePair pairB = b.agent.selectedPair().orElseThrow();
        assertThat(pairA.local()).isEqualTo(a.candidates.get(0).candidate());
        assertThat(pairA.remote()).isEqualTo(b.candidates.get(0).candidate());
        assertThat(pairB.local()).isEqualTo(b.candidates.get(0).candidate());
        assertThat(pairB.remote()).isEqualTo(a.candidates.get(0).candidate());
        assertThat(a.agent.role()).isEqualTo(RTCIceRole.CONTROLLING);
        assertThat(b.agent.role()).isEqualTo(RTCIceRole.CONTROLLED);

        assertThat(a.send("hello b")).isTrue();
        assertThat(b.send("hello a")).isTrue();
        scheduler.advance(Duration.ofMillis(10));
        assertThat(b.received).containsExactly("hello b");
        assertThat(a.received).containsExactly("hello a");
        assertThat(a.agent.stats().checksSent()).isPositive();
        assertThat(b.agent.stats().checksReceived()).isPositive();
    }

    @Test
    void statesFollowTheW3cOrderAndCompleteWhenBothSidesAreDone() {
        AgentPeer a = peer("a", 1, "192.0.2.1").gatherHost().addLocalCandidates();
        AgentPeer b = peer("b", 2, "192.0.2.2").gatherHost().addLocalCandidates();
        startPair(a, b);
        // W3C "new": started, but "waiting to be given remote candidates".
        assertThat(a.agent.state()).isEqualTo(RTCIceTransportState.NEW);
        a.signalCandidatesTo(b);
        b.signalCandidatesTo(a);

        advanceUntil(() -> a.agent.state() == RTCIceTransportState.COMPLETED
                && b.agent.state() == RTCIceTransportState.COMPLETED, Duration.ofSeconds(2));

        assertThat(a.states).containsExactly(RTCIceTransportState.CHECKING, RTCIceTransportState.CONNECTED,
                RTCIceTransportState.COMPLETED);
        assertThat(b.states).containsExactly(RTCIceTransportState.CHECKING, RTCIceTransportState.CONNECTED,
                RTCIceTransportState.COMPLETED);
        assertThat(a.selections).hasSize(1);
        assertThat(b.selections).hasSize(1);
    }

    @Test
    void connectedBeforeTheRemoteCandidatesAreCompleteThenCompleted() {
        AgentPeer a = peer("a", 1, "192.0.2.1").gatherHost().addLocalCandidates();
        AgentPeer b = peer("b", 2, "192.0.2.2").gatherHost().addLocalCandidates();
        startPair(a, b);
        a.candidates.forEach(c -> b.agent.addRemoteCandidate(c.candidate()));
        b.candidates.forEach(c -> a.agent.addRemoteCandidate(c.candidate()));

        advanceUntil(() -> connected(a) && connected(b), Duration.ofSeconds(2));
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(a.agent.state()).isEqualTo(RTCIceTransportState.CONNECTED);
        assertThat(b.agent.state()).isEqualTo(RTCIceTransportState.CONNECTED);

        a.agent.remoteCandidatesComplete();
        b.agent.remoteCandidatesComplete();
        assertThat(a.states).containsExactly(RTCIceTransportState.CHECKING, RTCIceTransportState.CONNECTED,
                RTCIceTransportState.COMPLETED);
        assertThat(b.states).containsExactly(RTCIceTransportState.CHECKING, RTCIceTransportState.CONNECTED,
                RTCIceTransportState.COMPLETED);
    }

    @Test
    void controlledAgentConnectsWithTheSameResultWhenTheRolesAreSwapped() {
        AgentPeer a = peer("a", 1, "192.0.2.1").gatherHost().addLocalCandidates();
        AgentPeer b = peer("b", 2, "192.0.2.2").gatherHost().addLocalCandidates();
        a.signalCandidatesTo(b);
        b.signalCandidatesTo(a);
        startPair(b, a);

        advanceUntil(() -> connected(a) && connected(b), Duration.ofSeconds(2));

        assertThat(a.agent.role()).isEqualTo(RTCIceRole.CONTROLLED);
        assertThat(b.agent.role()).isEqualTo(RTCIceRole.CONTROLLING);
        assertThat(a.agent.selectedPair().orElseThrow().remote()).isEqualTo(b.candidates.get(0).candidate());
        assertThat(b.agent.selectedPair().orElseThrow().remote()).isEqualTo(a.candidates.get(0).candidate());
    }

    @Test
    void connectsWithinAFewTaOnAPerfectNetwork() {
        AgentPeer a = peer("a", 1, "192.0.2.1").gatherHost().addLocalCandidates();
        AgentPeer b = peer("b", 2, "192.0.2.2").gatherHost().addLocalCandidates();
        a.signalCandidatesTo(b);
        b.signalCandidatesTo(a);
        startPair(a, b);

        scheduler.runDueTasks();
        while (b.connectedAt < 0 || a.connectedAt < 0) {
            scheduler.advance(Duration.ofMillis(1));
            assertThat(scheduler.nanoTime()).isLessThan(Duration.ofSeconds(1).toNanos());
        }
        // RFC 8445 §6.1.4.2: the first check goes out at once; the controlling agent nominates
        // with one more check, paced by Ta.
        long ta = CONFIG.ta().toNanos();
        assertThat(a.connectedAt).isLessThanOrEqualTo(2 * ta);
        assertThat(b.connectedAt).isLessThanOrEqualTo(2 * ta);
    }

    @Test
    void trickledCandidatesBeforeAndAfterStartOneByOne() {
        AgentPeer a = peer("a", 1, "192.0.2.1", "198.51.100.1").gatherHost();
        AgentPeer b = peer("b", 2, "192.0.2.2", "198.51.100.2").gatherHost();
        // One remote candidate before start, the rest trickled after, interleaved with time.
        b.agent.addRemoteCandidate(a.candidates.get(1).candidate());
        a.agent.addLocalCandidate(a.candidates.get(1));
        startPair(a, b);
        assertThat(b.agent.state()).isEqualTo(RTCIceTransportState.NEW);
        scheduler.advance(Duration.ofMillis(100));
        b.agent.addLocalCandidate(b.candidates.get(0));
        a.agent.addRemoteCandidate(b.candidates.get(0).candidate());
        scheduler.advance(Duration.ofMillis(100));
        a.agent.addLocalCandidate(a.candidates.get(0));
        b.agent.addRemoteCandidate(a.candidates.get(0).candidate());
        scheduler.advance(Duration.ofMillis(100));
        b.agent.addLocalCandidate(b.candidates.get(1));
        a.agent.addRemoteCandidate(b.candidates.get(1).candidate());
        a.agent.addRemoteCandidate(b.candidates.get(1).candidate()); // a duplicate is ignored
        a.agent.localCandidatesComplete();
        b.agent.localCandidatesComplete();
        a.agent.remoteCandidatesComplete();
        b.agent.remoteCandidatesComplete();

        advanceUntil(() -> a.agent.state() == RTCIceTransportState.COMPLETED
                && b.agent.state() == RTCIceTransportState.COMPLETED, Duration.ofSeconds(3));
        assertThat(a.agent.remoteCandidates()).hasSize(2);
        // The first pair that could be checked was nominated, and RFC 8445 §8.1.1 keeps it: "Once
        // the controlling agent has successfully nominated a candidate pair, the agent MUST NOT
        // nominate another pair for same component of the data stream within the ICE session."
        RTCIceCandidatePair pair = a.agent.selectedPair().orElseThrow();
        assertThat(pair.local()).isEqualTo(a.candidates.get(1).candidate());
        assertThat(pair.remote()).isEqualTo(b.candidates.get(0).candidate());
        assertThat(a.selections).containsExactly(pair);
        assertThat(b.agent.selectedPair().orElseThrow().remote()).isEqualTo(a.candidates.get(1).candidate());
        assertThat(a.send("x")).isTrue();
        scheduler.advance(Duration.ofMillis(10));
        assertThat(b.received).containsExactly("x");
    }

    @Test
    void thirtyPercentLossOnBothAccessLinksStillConnects() {
        AgentPeer a = peer("a", 1, "192.0.2.1").gatherHost().addLocalCandidates();
        AgentPeer b = peer("b", 2, "192.0.2.2").gatherHost().addLocalCandidates();
        // Each access link loses 30% in each direction: about half of each path's datagrams.
        LinkConditions lossy = LinkConditions.builder().loss(0.3).delay(Duration.ofMillis(20)).build();
        a.host.setLinkConditions(lossy);
        b.host.setLinkConditions(lossy);
        a.signalCandidatesTo(b);
        b.signalCandidatesTo(a);
        startPair(a, b);

        advanceUntil(() -> a.agent.state() == RTCIceTransportState.COMPLETED
                && b.agent.state() == RTCIceTransportState.COMPLETED, Duration.ofSeconds(10));
        assertThat(network.packetsLost()).isPositive();
        assertThat(a.agent.selectedPair()).isPresent();
    }

    @Test
    void bothControllingResolvesByTieBreaker() {
        AgentPeer a = peer("a", 1, "192.0.2.1").gatherHost().addLocalCandidates();
        AgentPeer b = peer("b", 2, "192.0.2.2").gatherHost().addLocalCandidates();
        a.signalCandidatesTo(b);
        b.signalCandidatesTo(a);
        a.agent.start(b.parameters, RTCIceRole.CONTROLLING);
        b.agent.start(a.parameters, RTCIceRole.CONTROLLING);

        advanceUntil(() -> connected(a) && connected(b), Duration.ofSeconds(3));

        // RFC 8445 §7.3.1.1: the agent with the larger tie-breaker keeps the controlling role.
        AgentPeer winner = Long.compareUnsigned(a.agent.tieBreaker(), b.agent.tieBreaker()) > 0 ? a : b;
        AgentPeer loser = winner == a ? b : a;
        assertThat(winner.agent.role()).isEqualTo(RTCIceRole.CONTROLLING);
        assertThat(loser.agent.role()).isEqualTo(RTCIceRole.CONTROLLED);
        assertThat(loser.roleChanges).containsExactly(RTCIceRole.CONTROLLED);
        assertThat(winner.roleChanges).isEmpty();
        assertThat(a.agent.stats().roleConflicts() + b.agent.stats().roleConflicts()).isPositive();
    }

    @Test
    void bothControlledResolvesByTieBreaker() {
        AgentPeer a = peer("a", 3, "192.0.2.1").gatherHost().addLocalCandidates();
        AgentPeer b = peer("b", 4, "192.0.2.2").gatherHost().addLocalCandidates();
        a.signalCandidatesTo(b);
        b.signalCandidatesTo(a);
        a.agent.start(b.parameters, RTCIceRole.CONTROLLED);
        b.agent.start(a.parameters, RTCIceRole.CONTROLLED);

        advanceUntil(() -> connected(a) && connected(b), Duration.ofSeconds(3));

        // RFC 8445 §7.3.1.1: the controlled agent with the larger tie-breaker switches to controlling.
        AgentPeer winner = Long.compareUnsigned(a.agent.tieBreaker(), b.agent.tieBreaker()) > 0 ? a : b;
        AgentPeer loser = winner == a ? b : a;
        assertThat(winner.agent.role()).isEqualTo(RTCIceRole.CONTROLLING);
        assertThat(loser.agent.role()).isEqualTo(RTCIceRole.CONTROLLED);
        assertThat(winner.roleChanges).containsExactly(RTCIceRole.CONTROLLING);
        assertThat(loser.roleChanges).isEmpty();
    }

    @Test
    void iceRestartSelectsANewPairWithNewCredentialsWhileDataKeepsFlowing() {
        AgentPeer a = peer("a", 1, "192.0.2.1", "198.51.100.1").gatherHost();
        AgentPeer b = peer("b", 2, "192.0.2.2", "198.51.100.2").gatherHost();
        // First session: only the second addresses.
        a.agent.addLocalCandidate(a.candidates.get(1));
        b.agent.addLocalCandidate(b.candidates.get(1));
        a.agent.addRemoteCandidate(b.candidates.get(1).candidate());
        b.agent.addRemoteCandidate(a.candidates.get(1).candidate());
        startPair(a, b);
        advanceUntil(() -> connected(a) && connected(b), Duration.ofSeconds(2));
        RTCIceCandidatePair first = a.agent.selectedPair().orElseThrow();

        RTCIceParameters newA = RTCIceParameters.generate();
        RTCIceParameters newB = RTCIceParameters.generate();
        a.agent.restart(newA, newB);
        b.agent.restart(newB, newA);
        assertThat(a.agent.state()).isEqualTo(RTCIceTransportState.CHECKING);
        assertThat(b.agent.state()).isEqualTo(RTCIceTransportState.CHECKING);
        assertThat(a.agent.remoteCandidates()).isEmpty();

        // The old pair carries data until the new session selects one.
        assertThat(a.send("during restart")).isTrue();
        scheduler.advance(Duration.ofMillis(10));
        assertThat(b.received).containsExactly("during restart");

        a.agent.addLocalCandidate(a.candidates.get(0));
        b.agent.addLocalCandidate(b.candidates.get(0));
        a.agent.addRemoteCandidate(b.candidates.get(0).candidate());
        b.agent.addRemoteCandidate(a.candidates.get(0).candidate());
        advanceUntil(() -> a.selections.size() == 2 && b.selections.size() == 2, Duration.ofSeconds(3));

        RTCIceCandidatePair second = a.agent.selectedPair().orElseThrow();
        assertThat(second).isNotEqualTo(first);
        assertThat(second.remote()).isEqualTo(b.candidates.get(0).candidate());
        assertThat(a.agent.state()).isEqualTo(RTCIceTransportState.CONNECTED);
        assertThat(a.states).containsSubsequence(RTCIceTransportState.CONNECTED, RTCIceTransportState.CHECKING,
                RTCIceTransportState.CONNECTED);
        assertThat(b.send("after restart")).isTrue();
        scheduler.advance(Duration.ofMillis(10));
        assertThat(a.received).containsExactly("after restart");

        // Consent keeps working with the new credentials.
        scheduler.advance(Duration.ofSeconds(40));
        assertThat(a.agent.state()).isEqualTo(RTCIceTransportState.CONNECTED);
        assertThat(a.agent.stats().consentResponsesReceived()).isPositive();
    }

    @Test
    void consentKeepsAnIdleConnectionAliveAndItsLossFailsIt() {
        AgentPeer a = peer("a", 1, "192.0.2.1").gatherHost().addLocalCandidates();
        AgentPeer b = peer("b", 2, "192.0.2.2").gatherHost().addLocalCandidates();
        a.signalCandidatesTo(b);
        b.signalCandidatesTo(a);
        startPair(a, b);
        advanceUntil(() -> connected(a) && connected(b), Duration.ofSeconds(2));

        // RFC 7675: an idle connection with a live peer stays up on consent alone.
        scheduler.advance(Duration.ofSeconds(60));
        assertThat(a.agent.state()).isEqualTo(RTCIceTransportState.COMPLETED);
        assertThat(b.agent.state()).isEqualTo(RTCIceTransportState.COMPLETED);
        long consents = a.agent.stats().consentRequestsSent();
        // RFC 7675 §5.1: every 5 s, randomised 0.8..1.2: at least 10 in 60 s; a pair idle for
        // 1.5 s (half the disconnected timeout) is also probed at once, so at most 40 more.
        assertThat(consents).isBetween(9L, 56L);

        b.host.setLinkConditions(LinkConditions.builder().loss(1.0).build());
        long cut = scheduler.nanoTime();
        Duration toDisconnected = advanceUntil(() -> a.agent.state() == RTCIceTransportState.DISCONNECTED,
                Duration.ofSeconds(10));
        assertThat(toDisconnected).isLessThanOrEqualTo(Duration.ofSeconds(10));
        assertThat(a.send("still trying")).isTrue();

        advanceUntil(() -> a.agent.state() == RTCIceTransportState.FAILED, Duration.ofSeconds(40));
        long failedAfter = scheduler.nanoTime() - cut;
        // RFC 7675 §5.1: consent expires 30 s after the last response, which came before the cut.
        assertThat(Duration.ofNanos(failedAfter)).isBetween(Duration.ofSeconds(24), Duration.ofSeconds(31));
        assertThat(a.states).containsSubsequence(RTCIceTransportState.COMPLETED, RTCIceTransportState.DISCONNECTED,
                RTCIceTransportState.FAILED);
        // "the endpoint MUST cease transmission on that 5-tuple"
        assertThat(a.send("after consent expired")).isFalse();
        assertThat(a.agent.stats().dataDroppedNoPair()).isEqualTo(1);
    }

    @Test
    void disconnectedRecoversWhenTheLinkComesBack() {
        AgentPeer a = peer("a", 1, "192.0.2.1").gatherHost().addLocalCandidates();
        AgentPeer b = peer("b", 2, "192.0.2.2").gatherHost().addLocalCandidates();
        a.signalCandidatesTo(b);
        b.signalCandidatesTo(a);
        startPair(a, b);
        advanceUntil(() -> a.agent.state() == RTCIceTransportState.COMPLETED
                && b.agent.state() == RTCIceTransportState.COMPLETED, Duration.ofSeconds(2));

        b.host.setLinkConditions(LinkConditions.builder().loss(1.0).build());
        advanceUntil(() -> a.agent.state() == RTCIceTransportState.DISCONNECTED, Duration.ofSeconds(10));
        b.host.setLinkConditions(LinkConditions.IDEAL);
        advanceUntil(() -> a.agent.state() == RTCIceTransportState.COMPLETED, Duration.ofSeconds(10));
        assertThat(a.states).containsSubsequence(RTCIceTransportState.COMPLETED, RTCIceTransportState.DISCONNECTED,
                RTCIceTransportState.COMPLETED);
    }

    @Test
    void dataFromAPeerThatAuthenticatedItsChecksArrivesBeforeThisAgentStarts() {
        AgentPeer a = peer("a", 1, "192.0.2.1").gatherHost().addLocalCandidates();
        AgentPeer b = peer("b", 2, "192.0.2.2").gatherHost().addLocalCandidates();
        // The JSEP answerer's view: b has the offer (a's candidates) and starts; a waits for the
        // answer, so it has no pair yet, but answers b's checks with its own password.
        a.signalCandidatesTo(b);
        b.agent.start(a.parameters, RTCIceRole.CONTROLLED);
        advanceUntil(() -> connected(b), Duration.ofSeconds(2));
        assertThat(a.agent.state()).isNotIn(RTCIceTransportState.CONNECTED, RTCIceTransportState.COMPLETED);

        // b's DTLS client would send its ClientHello now; a must not drop it (a retransmission
        // timeout later otherwise), since b proved with MESSAGE-INTEGRITY that it knows a's password.
        assertThat(b.send("client hello")).isTrue();
        scheduler.advance(Duration.ofMillis(10));
        assertThat(a.received).containsExactly("client hello");
        assertThat(a.agent.stats().unknownSourceDataDropped()).isZero();

        b.signalCandidatesTo(a);
        a.agent.start(b.parameters, RTCIceRole.CONTROLLING);
        advanceUntil(() -> connected(a), Duration.ofSeconds(2));
        assertThat(a.send("server hello")).isTrue();
        scheduler.advance(Duration.ofMillis(10));
        assertThat(b.received).containsExactly("server hello");
    }

    @Test
    void peerReflexiveRemoteCandidateIsLearnedWhenThePeersCandidatesAreNeverSignalled() {
        AgentPeer a = peer("a", 1, "192.0.2.1").gatherHost().addLocalCandidates();
        AgentPeer b = peer("b", 2, "192.0.2.2").gatherHost().addLocalCandidates();
        // Only a's candidates reach b; a learns b from b's checks (RFC 8445 §7.3.1.3).
        a.signalCandidatesTo(b);
        startPair(a, b);

        advanceUntil(() -> connected(a) && connected(b), Duration.ofSeconds(2));

        assertThat(a.agent.remoteCandidates()).hasSize(1);
        RTCIceCandidate learned = a.agent.remoteCandidates().get(0);
        assertThat(learned.type()).isEqualTo(RTCIceCandidateType.PRFLX);
        assertThat(addressOf(learned)).isEqualTo(b.bases.get(0).address());
        // Its priority is the PRIORITY attribute of b's checks: prflx type preference 110.
        assertThat(learned.priority() >> 24).isEqualTo(110);
        assertThat(a.agent.selectedPair().orElseThrow().remote()).isEqualTo(learned);

        // Signalling the real candidate later replaces the peer-reflexive one (RFC 8838).
        a.agent.addRemoteCandidate(b.candidates.get(0).candidate());
        assertThat(a.agent.remoteCandidates()).containsExactly(b.candidates.get(0).candidate());
    }

    @Test
    void throughNatsOnlyServerReflexivePairsWork() {
        VirtualNat natA = network.addNat("nat-a", NatBehavior.PORT_RESTRICTED_CONE, "203.0.113.1");
        VirtualNat natB = network.addNat("nat-b", NatBehavior.PORT_RESTRICTED_CONE, "203.0.113.2");
        network.addHost("stun", "203.0.113.100");
        InetSocketAddress stun = new InetSocketAddress("203.0.113.100", 3478);
        AgentPeer a = new AgentPeer("a", natA.addHost("a", "10.0.0.1"), CONFIG, 1).gatherHost();
        AgentPeer b = new AgentPeer("b", natB.addHost("b", "10.0.1.1"), CONFIG, 2).gatherHost();
        peers.add(a);
        peers.add(b);
        a.srflx(0, natA, stun);
        b.srflx(0, natB, stun);
        a.addLocalCandidates();
        b.addLocalCandidates();
        a.signalCandidatesTo(b);
        b.signalCandidatesTo(a);
        startPair(a, b);

        advanceUntil(() -> a.agent.state() == RTCIceTransportState.COMPLETED
                && b.agent.state() == RTCIceTransportState.COMPLETED, Duration.ofSeconds(10));

        RTCIceCandidatePair pair = a.agent.selectedPair().orElseThrow();
        assertThat(pair.local().type()).isEqualTo(RTCIceCandidateType.SRFLX);
        assertThat(pair.remote().type()).isEqualTo(RTCIceCandidateType.SRFLX);
        assertThat(pair.remote()).isEqualTo(b.candidates.get(1).candidate());
        assertThat(b.agent.selectedPair().orElseThrow().local().type()).isEqualTo(RTCIceCandidateType.SRFLX);
        assertThat(a.states).containsExactly(RTCIceTransportState.CHECKING, RTCIceTransportState.CONNECTED,
                RTCIceTransportState.COMPLETED);
        assertThat(a.send("through the NATs")).isTrue();
        scheduler.advance(Duration.ofMillis(10));
        assertThat(b.received).containsExactly("through the NATs");
        assertThat(network.packetsNatFiltered() + network.packetsNoRoute()).isPositive();
    }

    @Test
    void failsWhenNoPairWorksAndBothSidesAreComplete() {
        AgentPeer a = peer("a", 1, "192.0.2.1").gatherHost().addLocalCandidates();
        AgentPeer b = peer("b", 2, "192.0.2.2").gatherHost().addLocalCandidates();
        a.signalCandidatesTo(b);
        b.signalCandidatesTo(a);
        b.host.setLinkConditions(LinkConditions.builder().loss(1.0).build());
        startPair(a, b);

        Duration took = advanceUntil(() -> a.agent.state() == RTCIceTransportState.FAILED, Duration.ofSeconds(10));
        // Checks give up after about 5 s (4 transmissions), not RFC 8489's 39.5 s.
        assertThat(took).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(7));
        assertThat(a.states).containsExactly(RTCIceTransportState.CHECKING, RTCIceTransportState.FAILED);
        assertThat(a.agent.stats().checkTimeouts()).isPositive();
        assertThat(a.send("nowhere")).isFalse();
    }

    @Test
    void aggressiveNominationByThePeerIsAccepted() {
        AgentPeer a = peer("a", 1, CONFIG.withNomination(NominationMode.AGGRESSIVE), "192.0.2.1", "198.51.100.1")
                .gatherHost().addLocalCandidates();
        AgentPeer b = peer("b", 2, "192.0.2.2", "198.51.100.2").gatherHost().addLocalCandidates();
        a.signalCandidatesTo(b);
        b.signalCandidatesTo(a);
        startPair(a, b);

        advanceUntil(() -> a.agent.state() == RTCIceTransportState.COMPLETED
                && b.agent.state() == RTCIceTransportState.COMPLETED, Duration.ofSeconds(3));
        scheduler.advance(Duration.ofSeconds(1));
        // Both end on the best pair, whatever was nominated first.
        assertThat(a.agent.selectedPair().orElseThrow().local()).isEqualTo(a.candidates.get(0).candidate());
        assertThat(b.agent.selectedPair().orElseThrow().local()).isEqualTo(b.candidates.get(0).candidate());
        assertThat(b.agent.selectedPair().orElseThrow().remote()).isEqualTo(a.candidates.get(0).candidate());
    }

    @Test
    void checkListIsBoundedAndTcpCandidatesAreIgnored() {
        AgentPeer a = peer("a", 1, CONFIG.withMaxCheckListSize(3), "192.0.2.1").gatherHost().addLocalCandidates();
        a.agent.start(RTCIceParameters.generate(), RTCIceRole.CONTROLLING);
        for (int i = 0; i < 6; i++) {
            a.agent.addRemoteCandidate(RTCIceCandidate.parse(
                    "candidate:" + i + " 1 udp " + (1000 + i) + " 192.0.2." + (10 + i) + " 5000 typ host"));
        }
        a.agent.addRemoteCandidate(RTCIceCandidate.parse("candidate:9 1 tcp 5000 192.0.2.50 9 typ host tcptype active"));
        a.agent.addRemoteCandidate(RTCIceCandidate.parse("candidate:8 1 udp 5000 abc.local 5000 typ host"));
        // A candidate of another ICE generation (its ufrag is not the peer's current one).
        a.agent.addRemoteCandidate(RTCIceCandidate.parse("candidate:6 1 udp 5000 192.0.2.60 5000 typ host ufrag Old1"));
        IceAgentStats stats = a.agent.stats();
        assertThat(stats.pairsDroppedByLimit()).isPositive();
        assertThat(stats.tcpCandidatesIgnored()).isEqualTo(1);
        assertThat(stats.unusableCandidatesIgnored()).isEqualTo(2);
        assertThat(a.agent.remoteCandidates()).hasSize(6);
    }

    @Test
    void relayOnlyCandidateBehindASymmetricNatConnects() {
        VirtualNat nat = network.addNat("nat-a", NatBehavior.SYMMETRIC, "203.0.113.1");
        VirtualHost relayHost = network.addHost("relay", "203.0.113.50");
        FramingRelay relay = new FramingRelay(relayHost, relayHost.addresses().get(0));
        AgentPeer a = new AgentPeer("a", nat.addHost("a", "10.0.0.1"), CONFIG, 1);
        peers.add(a);
        FramingRelay.ClientBase relayBase = FramingRelay.ClientBase.open(a.host, a.host.addresses().get(0), relay,
                a.agent::receive);
        RTCIceCandidate relayCandidate = RTCIceCandidate.newBuilder()
                .foundation("r1")
                .priority(RTCIceCandidate.computePriority(0, 65535, 1))
                .address(relay.relayedAddress().getAddress().getHostAddress())
                .port(relay.relayedAddress().getPort())
                .type(RTCIceCandidateType.RELAY)
                .relatedAddress("203.0.113.1")
                .relatedPort(40000)
                .build();
        a.candidates.add(new LocalCandidate(relayCandidate, relayBase));
        a.addLocalCandidates();
        AgentPeer b = peer("b", 2, "192.0.2.2").gatherHost().addLocalCandidates();
        a.signalCandidatesTo(b);
        b.signalCandidatesTo(a);
        startPair(a, b);

        advanceUntil(() -> a.agent.state() == RTCIceTransportState.COMPLETED
                && b.agent.state() == RTCIceTransportState.COMPLETED, Duration.ofSeconds(5));
        assertThat(a.agent.selectedPair().orElseThrow().local()).isEqualTo(relayCandidate);
        assertThat(b.agent.selectedPair().orElseThrow().remote()).isEqualTo(relayCandidate);
        assertThat(a.send("via the relay")).isTrue();
        assertThat(b.send("back via the relay")).isTrue();
        scheduler.advance(Duration.ofMillis(10));
        assertThat(b.received).containsExactly("via the relay");
        assertThat(a.received).containsExactly("back via the relay");
        a.stop();
        relayBase.close();
        relay.close();
    }

    @Test
    void checksArePacedOneEveryTaAndTheFirstGoesOutAtOnce() {
        AgentPeer a = peer("a", 1, "192.0.2.1").gatherHost().addLocalCandidates();
        a.agent.start(RTCIceParameters.generate(), RTCIceRole.CONTROLLING);
        for (int i = 0; i < 10; i++) {
            // Nobody lives at these addresses: every check stays unanswered.
            a.agent.addRemoteCandidate(RTCIceCandidate.parse(
                    "candidate:f" + i + " 1 udp " + (2000 + i) + " 192.0.2." + (100 + i) + " 5000 typ host"));
        }
        scheduler.runDueTasks();
        // RFC 8445 §6.1.4.2: one check per Ta; nothing makes the first one wait.
        assertThat(a.agent.stats().checksSent()).isEqualTo(1);
        scheduler.advance(Duration.ofMillis(49));
        assertThat(a.agent.stats().checksSent()).isEqualTo(1);
        scheduler.advance(Duration.ofMillis(1));
        assertThat(a.agent.stats().checksSent()).isEqualTo(2);
        scheduler.advance(Duration.ofMillis(400));
        assertThat(a.agent.stats().checksSent()).isEqualTo(10);
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(a.agent.stats().checksSent()).isEqualTo(10);
        assertThat(a.agent.state()).isEqualTo(RTCIceTransportState.CHECKING);
    }

    @Test
    void stopClosesAndSendsNothingMore() {
        AgentPeer a = peer("a", 1, "192.0.2.1").gatherHost().addLocalCandidates();
        AgentPeer b = peer("b", 2, "192.0.2.2").gatherHost().addLocalCandidates();
        a.signalCandidatesTo(b);
        b.signalCandidatesTo(a);
        startPair(a, b);
        advanceUntil(() -> connected(a) && connected(b), Duration.ofSeconds(2));

        a.agent.stop();
        assertThat(a.agent.state()).isEqualTo(RTCIceTransportState.CLOSED);
        assertThat(a.states).endsWith(RTCIceTransportState.CLOSED);
        assertThat(a.send("too late")).isFalse();
        long answeredBefore = a.agent.stats().responsesSent();
        // a's sockets stay open, but a stopped agent answers no consent request: b loses consent.
        advanceUntil(() -> b.agent.state() == RTCIceTransportState.FAILED, Duration.ofSeconds(40));
        assertThat(a.agent.stats().responsesSent()).isEqualTo(answeredBefore);
        assertThat(a.agent.stats().consentRequestsSent()).isZero();
    }

    @Test
    void underThirtyPercentLossEverySeedConnectsAndBothSidesAgreeOnThePair() {
        for (long seed = 1; seed <= 20; seed++) {
            VirtualScheduler clock = new VirtualScheduler();
            TrackingAllocator buffers = new TrackingAllocator();
            VirtualNetwork net = new VirtualNetwork(clock, seed, buffers);
            AgentPeer a = new AgentPeer("a", net.addHost("a", "192.0.2.1", "198.51.100.1"), CONFIG, seed * 7)
                    .gatherHost().addLocalCandidates();
            AgentPeer b = new AgentPeer("b", net.addHost("b", "192.0.2.2", "198.51.100.2"), CONFIG, seed * 13)
                    .gatherHost().addLocalCandidates();
            // a's access link loses 30% in each direction, so every path does.
            a.host.setLinkConditions(LinkConditions.builder().loss(0.3).delay(Duration.ofMillis(20)).build());
            a.signalCandidatesTo(b);
            b.signalCandidatesTo(a);
            a.agent.start(b.parameters, RTCIceRole.CONTROLLING);
            b.agent.start(a.parameters, RTCIceRole.CONTROLLED);
            for (int i = 0; i < 1000 && !(a.agent.state() == RTCIceTransportState.COMPLETED
                    && b.agent.state() == RTCIceTransportState.COMPLETED); i++) {
                clock.advance(Duration.ofMillis(10));
            }
            assertThat(a.agent.state()).as("seed %d", seed).isEqualTo(RTCIceTransportState.COMPLETED);
            assertThat(b.agent.state()).as("seed %d", seed).isEqualTo(RTCIceTransportState.COMPLETED);
            RTCIceCandidatePair pairA = a.agent.selectedPair().orElseThrow();
            RTCIceCandidatePair pairB = b.agent.selectedPair().orElseThrow();
            assertThat(pairB).as("seed %d", seed).isEqualTo(new RTCIceCandidatePair(pairA.remote(), pairA.local()));
            a.stop();
            b.stop();
            clock.advance(Duration.ofSeconds(5));
            assertThat(buffers.unreleased()).isEmpty();
        }
    }

    @Test
    void aFullAgentFacingALitePeerControls() {
        AgentPeer a = peer("a", 1, "192.0.2.1").gatherHost().addLocalCandidates();
        // RFC 8445 §6.1.1: "the full agent MUST take the controlling role".
        a.agent.start(RTCIceParameters.generate().withIceLite(true), RTCIceRole.CONTROLLED);
        assertThat(a.agent.role()).isEqualTo(RTCIceRole.CONTROLLING);
        assertThat(a.agent.remoteParameters().iceLite()).isTrue();
    }

    @Test
    void pairsOnlyCandidatesOfTheSameAddressFamily() {
        AgentPeer a = peer("a", 1, "192.0.2.1", "2001:db8::1").gatherHost().addLocalCandidates();
        AgentPeer b = peer("b", 2, "2001:db8::2").gatherHost().addLocalCandidates();
        a.signalCandidatesTo(b);
        b.signalCandidatesTo(a);
        startPair(a, b);

        advanceUntil(() -> a.agent.state() == RTCIceTransportState.COMPLETED
                && b.agent.state() == RTCIceTransportState.COMPLETED, Duration.ofSeconds(2));
        // RFC 8445 §6.1.2.2: "the same IP address family": only a's IPv6 candidate pairs with b's.
        assertThat(a.agent.selectedPair().orElseThrow().local()).isEqualTo(a.candidates.get(1).candidate());
        assertThat(a.agent.stats().checksSent()).isEqualTo(2); // one check and one nomination
        assertThat(a.send("v6")).isTrue();
        scheduler.advance(Duration.ofMillis(10));
        assertThat(b.received).containsExactly("v6");
    }
}
