package org.ortc4j.ice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ortc4j.ice.net.VirtualScheduler;
import org.ortc4j.ice.vnet.LinkConditions;
import org.ortc4j.ice.vnet.VirtualHost;
import org.ortc4j.ice.vnet.VirtualNetwork;

/**
 * {@link RTCIceGatherOptions#consentTimeout()} as a user sets it: the transport on that gatherer
 * fails that long after its peer was last heard, instead of RFC 7675's 30 s, and keeps a live
 * peer connected all the same.
 */
class RTCIceTransportConsentTimeoutTest {

    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final VirtualNetwork network = new VirtualNetwork(scheduler, 11);
    private VirtualIcePeers peers;

    @AfterEach
    void closePeers() {
        if (peers != null) {
            peers.close();
            scheduler.advance(Duration.ofSeconds(1));
        }
    }

    @Test
    void theDefaultIsRfc7675sThirtySecondsAndOnlyPositiveTimeoutsAreAccepted() {
        assertThat(RTCIceGatherOptions.defaults().consentTimeout()).isEqualTo(Duration.ofSeconds(30));
        RTCIceGatherOptions quick = RTCIceGatherOptions.newBuilder().consentTimeout(Duration.ofSeconds(2)).build();
        assertThat(quick.toBuilder().build().consentTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThatThrownBy(() -> RTCIceGatherOptions.newBuilder().consentTimeout(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RTCIceGatherOptions.newBuilder().consentTimeout(null).build())
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void aTransportWithAFourSecondConsentTimeoutFailsFourSecondsAfterItsPeerWasLastHeard() {
        RTCIceGatherOptions quick = RTCIceGatherOptions.newBuilder().consentTimeout(Duration.ofSeconds(4)).build();
        VirtualHost hostA = network.addHost("a", "198.51.100.1");
        VirtualHost hostB = network.addHost("b", "198.51.100.2");
        peers = new VirtualIcePeers(scheduler, hostA, quick, hostB, quick);
        peers.start();
        assertThat(peers.runUntil(peers::bothConnected, Duration.ofSeconds(30))).isTrue();
        // A live peer keeps consent through many of the shorter periods.
        scheduler.advance(Duration.ofSeconds(30));
        assertThat(peers.bothConnected()).isTrue();
        assertThat(peers.a.states).doesNotContain(RTCIceTransportState.DISCONNECTED, RTCIceTransportState.FAILED);

        hostB.setLinkConditions(LinkConditions.builder().loss(1.0).build());
        long cut = scheduler.nanoTime();
        assertThat(peers.runUntil(() -> peers.a.transport.state() == RTCIceTransportState.FAILED,
                Duration.ofSeconds(10))).isTrue();
        // The last consent response came at most one period (4 s / 6, +20 %) before the cut.
        assertThat(Duration.ofNanos(scheduler.nanoTime() - cut)).isBetween(Duration.ofMillis(3_100),
                Duration.ofMillis(4_100));
        assertThat(peers.a.states).containsSubsequence(RTCIceTransportState.DISCONNECTED,
                RTCIceTransportState.FAILED);
    }
}
