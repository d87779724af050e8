package org.ortc4j.ice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.ortc4j.ice.net.VirtualScheduler;
import org.ortc4j.ice.vnet.NatBehavior;
import org.ortc4j.ice.vnet.StunServer;
import org.ortc4j.ice.vnet.VirtualHost;
import org.ortc4j.ice.vnet.VirtualNat;
import org.ortc4j.ice.vnet.VirtualNetwork;

/**
 * {@link RTCIceGatherer#restart(List)}: an ICE restart that gathers from another list of servers
 * (W3C §4.4.1.6 set a configuration: new ICE servers are used from the next gathering). On a
 * virtual network behind a NAT, a STUN server gives a server-reflexive candidate only once the
 * restart names it.
 */
class RTCIceGathererServersRestartTest {

    private static final RTCIceServer STUN = new RTCIceServer("stun:203.0.113.10:3478");

    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final VirtualNetwork network = new VirtualNetwork(scheduler, 7);
    private final VirtualHost host;

    RTCIceGathererServersRestartTest() {
        VirtualHost server = network.addHost("servers", "203.0.113.10");
        CompletableFuture<?> stun = StunServer.start(server, new InetSocketAddress("203.0.113.10", 3478));
        scheduler.runDueTasks();
        assertThat(stun).isCompleted();
        VirtualNat nat = network.addNat("nat", NatBehavior.PORT_RESTRICTED_CONE, "203.0.113.1");
        host = nat.addHost("a", "10.0.0.2");
    }

    @Test
    void aRestartWithAStunServerGathersTheServerReflexiveCandidateTheFirstGatheringHadNot() {
        RTCIceGatherer gatherer = new RTCIceGatherer(RTCIceGatherOptions.defaults(), host);
        List<RTCIceCandidate> seen = new ArrayList<>();
        List<RTCIceGathererState> states = new ArrayList<>();
        gatherer.onLocalCandidate(seen::add);
        gatherer.onStateChange(states::add);
        gatherer.gather();
        scheduler.advance(Duration.ofSeconds(2));
        assertThat(seen).extracting(RTCIceCandidate::type).containsExactly(RTCIceCandidateType.HOST);
        RTCIceParameters before = gatherer.getLocalParameters();

        RTCIceParameters after = gatherer.restart(List.of(STUN));
        scheduler.advance(Duration.ofSeconds(2));

        assertThat(after).isEqualTo(gatherer.getLocalParameters()).isNotEqualTo(before);
        // The host candidate again with the new ufrag, then the NAT's address from the new server.
        assertThat(gatherer.getLocalCandidates()).extracting(RTCIceCandidate::type)
                .containsExactly(RTCIceCandidateType.HOST, RTCIceCandidateType.SRFLX);
        assertThat(gatherer.getLocalCandidates()).allSatisfy(c -> assertThat(c.usernameFragment())
                .isEqualTo(after.usernameFragment()));
        assertThat(gatherer.getLocalCandidates().get(1).address()).isEqualTo("203.0.113.1");
        assertThat(states).containsExactly(RTCIceGathererState.GATHERING, RTCIceGathererState.COMPLETE,
                RTCIceGathererState.GATHERING, RTCIceGathererState.COMPLETE);
        gatherer.close();
    }

    @Test
    void aRestartWithoutServersDropsTheOldServersCandidates() {
        RTCIceGatherer gatherer = new RTCIceGatherer(RTCIceGatherOptions.newBuilder().iceServers(STUN).build(), host);
        gatherer.gather();
        scheduler.advance(Duration.ofSeconds(2));
        assertThat(gatherer.getLocalCandidates()).extracting(RTCIceCandidate::type)
                .containsExactly(RTCIceCandidateType.HOST, RTCIceCandidateType.SRFLX);

        gatherer.restart(List.of());
        scheduler.advance(Duration.ofSeconds(2));

        assertThat(gatherer.getLocalCandidates()).extracting(RTCIceCandidate::type).containsExactly(RTCIceCandidateType.HOST);
        assertThat(gatherer.state()).isEqualTo(RTCIceGathererState.COMPLETE);
        gatherer.close();
        assertThatThrownBy(() -> gatherer.restart(List.of(STUN))).isInstanceOf(InvalidStateException.class);
    }

    @Test
    void serversGivenBeforeGatheringAreTheOnesGatheredFrom() {
        RTCIceGatherer gatherer = new RTCIceGatherer(RTCIceGatherOptions.defaults(), host);
        gatherer.restart(List.of(STUN));
        gatherer.gather();
        scheduler.advance(Duration.ofSeconds(2));
        assertThat(gatherer.getLocalCandidates()).extracting(RTCIceCandidate::type)
                .containsExactly(RTCIceCandidateType.HOST, RTCIceCandidateType.SRFLX);
        gatherer.close();
    }
}
