package org.ortc4j.peerconnection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ortc4j.peerconnection.LoopbackPeers.LOOPBACK;
import static org.ortc4j.peerconnection.RTCPeerConnectionDataChannelTest.await;
import static org.ortc4j.peerconnection.RTCPeerConnectionDataChannelTest.connected;
import static org.ortc4j.peerconnection.RTCPeerConnectionDataChannelTest.opened;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.ortc4j.ice.RTCIceGatherOptions;
import org.ortc4j.ice.RTCIceGathererIceErrorEvent;
import org.ortc4j.ice.RTCIceServer;
import org.ortc4j.sctp.RTCDataChannel;

/**
 * W3C §4.4.1.6 set a configuration: new ICE servers are used from the next gathering, which an
 * ICE restart starts. A STUN server on a loopback port where nothing listens shows which servers
 * a gathering asks: its icecandidateerror comes only after the restart.
 */
class RTCPeerConnectionIceServersTest {

    private static final RTCIceServer SILENT_STUN = new RTCIceServer("stun:127.0.0.1:9");
    private static final RTCIceGatherOptions QUICK = LOOPBACK.toBuilder().serverTimeout(Duration.ofMillis(300)).build();

    @AutoClose
    private final LoopbackPeers peers = new LoopbackPeers(new RTCConfiguration(), QUICK);
    private final RTCPeerConnection offerer = peers.offerer;
    private final RTCPeerConnection answerer = peers.answerer;

    @Test
    void newIceServersAreAskedAtTheNextIceRestartOnly() throws Exception {
        List<RTCIceGathererIceErrorEvent> errors = new CopyOnWriteArrayList<>();
        CompletableFuture<RTCIceGathererIceErrorEvent> error = new CompletableFuture<>();
        offerer.onIceCandidateError(event -> {
            errors.add(event);
            error.complete(event);
        });
        RTCDataChannel channel = offerer.createDataChannel("x");
        CompletableFuture<RTCPeerConnectionState> up = connected(offerer);
        peers.negotiate();
        await(up);
        await(opened(channel));

        offerer.setConfiguration(new RTCConfiguration(List.of(SILENT_STUN)));
        assertThat(offerer.getConfiguration().iceServers()).containsExactly(SILENT_STUN);
        // Nothing gathers until the restart: no server was asked, no error.
        assertThat(errors).isEmpty();

        offerer.restartIce();
        peers.negotiate();
        assertThat(await(error).url()).isEqualTo("stun:127.0.0.1:9");
        // The restart's offer carries the host candidates again, with the new ufrag.
        assertThat(offerer.localDescription().sdp()).contains("a=candidate:");
        assertThat(offerer.connectionState()).isNotEqualTo(RTCPeerConnectionState.FAILED);
    }
}
