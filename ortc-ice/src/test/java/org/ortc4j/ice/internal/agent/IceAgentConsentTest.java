package org.ortc4j.ice.internal.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ortc4j.ice.RTCIceRole;
import org.ortc4j.ice.RTCIceTransportState;
import org.ortc4j.ice.net.VirtualScheduler;
import org.ortc4j.ice.vnet.DatagramFilter;
import org.ortc4j.ice.vnet.TrackingAllocator;
import org.ortc4j.ice.vnet.VirtualNetwork;

/**
 * A peer that vanishes (its datagrams stop arriving, no goodbye) as RFC 7675 consent freshness
 * sees it, on the virtual network in virtual time: disconnected within 1.5 × the disconnected
 * timeout of when it was last heard, failed exactly when consent expires, silence afterwards;
 * and a peer that comes back before expiry is connected again.
 */
class IceAgentConsentTest {

    /** One media packet every 20 ms, as an Opus stream. */
    private static final Duration MEDIA_INTERVAL = Duration.ofMillis(20);
    private static final Duration STEP = Duration.ofMillis(5);
    /** The response is seen leaving b; consent counts from its arrival, one link delay later. */
    private static final Duration ONE_WAY_AND_STEP = Duration.ofMillis(50);

    private VirtualScheduler scheduler;
    private TrackingAllocator alloc;
    private VirtualNetwork network;
    private final List<AgentPeer> peers = new ArrayList<>();
    /** What crosses the network, seen by a filter that drops everything from a vanished host. */
    private final Wire wire = new Wire();

    @BeforeEach
    void setUp() {
        scheduler = new VirtualScheduler();
        alloc = new TrackingAllocator();
        network = new VirtualNetwork(scheduler, 7, alloc);
        network.addDatagramFilter(wire);
    }

    @AfterEach
    void everyBufferIsReleased() {
        peers.forEach(AgentPeer::stop);
        scheduler.advance(Duration.ofSeconds(5));
        assertThat(alloc.unreleased()).isEmpty();
    }

    /** The network's view: when each host last sent a STUN success response, and what each sent. */
    private final class Wire implements DatagramFilter {
        InetAddress silenced;
        InetAddress watched;
        long lastResponseToWatched = -1;
        long sentByWatched;

        @Override
        public boolean pass(InetSocketAddress source, InetSocketAddress destination, ByteBuffer payload) {
            if (source.getAddress().equals(watched)) {
                sentByWatched++;
            }
            if (source.getAddress().equals(silenced)) {
                return false;
            }
            // RFC 8489 §5: a Binding success response has the message type 0x0101.
            boolean successResponse = payload.remaining() >= 20 && payload.get(payload.position()) == 0x01
                    && payload.get(payload.position() + 1) == 0x01;
            if (successResponse && destination.getAddress().equals(watched)) {
                lastResponseToWatched = scheduler.nanoTime();
            }
            return true;
        }
    }

    private AgentPeer peer(String name, long seed, IceAgentConfig config, String address) {
        AgentPeer peer = new AgentPeer(name, network.addHost(name, address), config, seed);
        peers.add(peer);
        return peer.gatherHost().addLocalCandidates();
    }

    private void connect(AgentPeer a, AgentPeer b) {
        a.signalCandidatesTo(b);
        b.signalCandidatesTo(a);
        a.agent.start(b.parameters, RTCIceRole.CONTROLLING);
        b.agent.start(a.parameters, RTCIceRole.CONTROLLED);
        advanceUntil(() -> a.agent.state() == RTCIceTransportState.COMPLETED
                && b.agent.state() == RTCIceTransportState.COMPLETED, Duration.ofSeconds(3), null, null);
    }

    /**
     * Advances in small steps until {@code condition} holds, each of {@code senders} sending a
     * media packet every 20 ms while its agent lets it. Returns the virtual time that took.
     */
    private Duration advanceUntil(BooleanSupplier condition, Duration limit, AgentPeer sender1, AgentPeer sender2) {
        long start = scheduler.nanoTime();
        long nextMedia = start;
        while (!condition.getAsBoolean()) {
            if (scheduler.nanoTime() - start > limit.toNanos()) {
                throw new AssertionError("condition not met within " + limit);
            }
            if (scheduler.nanoTime() >= nextMedia) {
                for (AgentPeer sender : new AgentPeer[] {sender1, sender2}) {
                    if (sender != null && sender.agent.state() != RTCIceTransportState.FAILED) {
                        sender.send("media");
                    }
                }
                nextMedia += MEDIA_INTERVAL.toNanos();
            }
            scheduler.advance(STEP);
        }
        return Duration.ofNanos(scheduler.nanoTime() - start);
    }

    @Test
    void aVanishedPeerIsDisconnectedThenFailedWhenConsentExpiresAndNothingIsSentAfter() {
        AgentPeer a = peer("a", 1, IceAgentConfig.defaults(), "192.0.2.1");
        AgentPeer b = peer("b", 2, IceAgentConfig.defaults(), "192.0.2.2");
        connect(a, b);
        wire.watched = a.host.addresses().get(0);
        // A call in progress: media both ways for a while, consent checks passing.
        advanceUntil(() -> a.received.size() >= 500, Duration.ofSeconds(15), a, b);
        assertThat(a.agent.stats().consentResponsesReceived()).isPositive();

        // b vanishes: nothing it sends arrives any more.
        wire.silenced = b.host.addresses().get(0);
        long cut = scheduler.nanoTime();

        Duration toDisconnected = advanceUntil(() -> a.agent.state() == RTCIceTransportState.DISCONNECTED,
                Duration.ofSeconds(10), a, null);
        // Heard until the cut; a consent request goes out after 1.5 s of silence (or one was
        // already out), and disconnected follows when it stays unanswered for 3 s.
        assertThat(toDisconnected).isBetween(Duration.ofMillis(2_900), Duration.ofMillis(4_500).plus(STEP));
        // Disconnected is not failed: media still goes out (the W3C's "may resolve itself").
        assertThat(a.send("while disconnected")).isTrue();

        long lastConsent = wire.lastResponseToWatched;
        assertThat(lastConsent).isBetween(cut - Duration.ofSeconds(7).toNanos(), cut);
        advanceUntil(() -> a.agent.state() == RTCIceTransportState.FAILED, Duration.ofSeconds(40), a, null);
        // RFC 7675 §5.1: "Consent expires after 30 seconds. That is, if a valid STUN binding
        // response corresponding to one of the STUN requests sent in the last 30 seconds has not
        // been received from the remote peer, the endpoint MUST cease transmission".
        long failedAt = scheduler.nanoTime();
        assertThat(Duration.ofNanos(failedAt - lastConsent))
                .isBetween(Duration.ofSeconds(30), Duration.ofSeconds(30).plus(ONE_WAY_AND_STEP));
        assertThat(a.states).containsSubsequence(RTCIceTransportState.COMPLETED, RTCIceTransportState.DISCONNECTED,
                RTCIceTransportState.FAILED);

        // "cease transmission": no media, no consent requests, nothing at all for a minute.
        long sentBefore = wire.sentByWatched;
        long requestsBefore = a.agent.stats().consentRequestsSent();
        assertThat(a.send("after consent expired")).isFalse();
        scheduler.advance(Duration.ofSeconds(60));
        assertThat(wire.sentByWatched).isEqualTo(sentBefore);
        assertThat(a.agent.stats().consentRequestsSent()).isEqualTo(requestsBefore);
        assertThat(a.agent.state()).isEqualTo(RTCIceTransportState.FAILED);
    }

    @Test
    void anIdlePeerThatVanishesIsDisconnectedJustAsSoon() {
        AgentPeer a = peer("a", 3, IceAgentConfig.defaults(), "192.0.2.1");
        AgentPeer b = peer("b", 4, IceAgentConfig.defaults(), "192.0.2.2");
        connect(a, b);
        // No media: only consent keeps the pair alive, and it stays completed.
        scheduler.advance(Duration.ofSeconds(20));
        assertThat(a.agent.state()).isEqualTo(RTCIceTransportState.COMPLETED);
        assertThat(b.agent.state()).isEqualTo(RTCIceTransportState.COMPLETED);

        wire.silenced = b.host.addresses().get(0);
        Duration toDisconnected = advanceUntil(() -> a.agent.state() == RTCIceTransportState.DISCONNECTED,
                Duration.ofSeconds(10), null, null);
        // Last heard at most 1.5 s before the cut (a silent pair is probed after 1.5 s), so at
        // most 4.5 s from then.
        assertThat(toDisconnected).isLessThanOrEqualTo(Duration.ofMillis(4_500).plus(STEP));
    }

    @Test
    void aPeerThatComesBackBeforeConsentExpiresIsConnectedAgain() {
        AgentPeer a = peer("a", 5, IceAgentConfig.defaults(), "192.0.2.1");
        AgentPeer b = peer("b", 6, IceAgentConfig.defaults(), "192.0.2.2");
        connect(a, b);
        advanceUntil(() -> a.received.size() >= 100, Duration.ofSeconds(5), a, b);

        wire.silenced = b.host.addresses().get(0);
        long cut = scheduler.nanoTime();
        advanceUntil(() -> a.agent.state() == RTCIceTransportState.DISCONNECTED, Duration.ofSeconds(10), a, b);
        // Twenty seconds away, less than consent's thirty.
        advanceUntil(() -> scheduler.nanoTime() - cut >= Duration.ofSeconds(20).toNanos(), Duration.ofSeconds(30),
                a, b);
        assertThat(a.agent.state()).isEqualTo(RTCIceTransportState.DISCONNECTED);

        wire.silenced = null;
        int heardBefore = a.received.size();
        Duration back = advanceUntil(() -> a.agent.state() == RTCIceTransportState.COMPLETED, Duration.ofSeconds(8),
                a, b);
        // The next consent request (every 5 s ± 20 %) or one still being retransmitted is answered.
        assertThat(back).isLessThanOrEqualTo(Duration.ofSeconds(6));
        assertThat(a.states).containsSubsequence(RTCIceTransportState.COMPLETED, RTCIceTransportState.DISCONNECTED,
                RTCIceTransportState.COMPLETED);
        assertThat(a.states).doesNotContain(RTCIceTransportState.FAILED);
        advanceUntil(() -> a.received.size() > heardBefore + 10, Duration.ofSeconds(1), a, b);
        // Consent holds again well past the original 30 s.
        advanceUntil(() -> scheduler.nanoTime() - cut >= Duration.ofSeconds(45).toNanos(), Duration.ofSeconds(30),
                a, b);
        assertThat(a.agent.state()).isEqualTo(RTCIceTransportState.COMPLETED);
    }

    @Test
    void aShorterConsentTimeoutFailsSoonerWithItsPeriodAndDisconnectedTimeoutScaled() {
        IceAgentConfig quick = IceAgentConfig.defaults().withConsentTimeout(Duration.ofSeconds(3));
        assertThat(quick.consentInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(quick.disconnectedTimeout()).isEqualTo(Duration.ofMillis(1_500));
        assertThat(IceAgentConfig.defaults().withConsentTimeout(Duration.ofSeconds(60)).consentInterval())
                .isEqualTo(Duration.ofSeconds(5));
        AgentPeer a = peer("a", 7, quick, "192.0.2.1");
        AgentPeer b = peer("b", 8, quick, "192.0.2.2");
        connect(a, b);
        wire.watched = a.host.addresses().get(0);
        // Consent holds with a live peer over many periods.
        advanceUntil(() -> a.received.size() >= 1_000, Duration.ofSeconds(25), a, b);
        assertThat(a.states).doesNotContain(RTCIceTransportState.DISCONNECTED, RTCIceTransportState.FAILED);

        wire.silenced = b.host.addresses().get(0);
        long cut = scheduler.nanoTime();
        advanceUntil(() -> a.agent.state() == RTCIceTransportState.DISCONNECTED, Duration.ofSeconds(3), a, null);
        assertThat(Duration.ofNanos(scheduler.nanoTime() - cut)).isLessThanOrEqualTo(Duration.ofMillis(2_250));
        long lastConsent = wire.lastResponseToWatched;
        advanceUntil(() -> a.agent.state() == RTCIceTransportState.FAILED, Duration.ofSeconds(4), a, null);
        assertThat(Duration.ofNanos(scheduler.nanoTime() - lastConsent))
                .isBetween(Duration.ofSeconds(3), Duration.ofSeconds(3).plus(ONE_WAY_AND_STEP));
    }
}
