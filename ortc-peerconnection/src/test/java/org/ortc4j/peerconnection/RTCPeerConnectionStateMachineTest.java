package org.ortc4j.peerconnection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ortc4j.peerconnection.LoopbackPeers.LOOPBACK;
import static org.ortc4j.peerconnection.RTCPeerConnectionDataChannelTest.await;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.ortc4j.dtls.RTCDtlsTransportState;
import org.ortc4j.ice.InvalidAccessException;
import org.ortc4j.ice.InvalidModificationException;
import org.ortc4j.ice.InvalidStateException;
import org.ortc4j.ice.OperationException;
import org.ortc4j.ice.RTCIceGatherOptions;
import org.ortc4j.ice.RTCIceGathererIceErrorEvent;
import org.ortc4j.ice.RTCIceServer;
import org.ortc4j.ice.RTCIceTransportState;
import org.ortc4j.ice.SyntaxException;
import org.ortc4j.sdp.RTCSdpType;
import org.ortc4j.sdp.RTCSessionDescription;

/** The W3C signaling state machine (§4.3.1) and the errors of calls made in the wrong state. */
class RTCPeerConnectionStateMachineTest {

    @AutoClose
    private final LoopbackPeers peers = new LoopbackPeers();
    private final RTCPeerConnection pc = peers.offerer;
    private final RTCPeerConnection other = peers.answerer;

    private static Throwable failure(CompletableFuture<?> future) {
        try {
            await(future);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("expected the future to fail");
    }

    @Test
    void aNewPeerConnectionIsStableAndNew() {
        assertThat(pc.signalingState()).isEqualTo(RTCSignalingState.STABLE);
        assertThat(pc.iceGatheringState()).isEqualTo(RTCIceGatheringState.NEW);
        assertThat(pc.iceConnectionState()).isEqualTo(RTCIceConnectionState.NEW);
        assertThat(pc.connectionState()).isEqualTo(RTCPeerConnectionState.NEW);
        assertThat(pc.localDescription()).isNull();
        assertThat(pc.remoteDescription()).isNull();
        assertThat(pc.canTrickleIceCandidates()).isNull();
        assertThat(pc.sctp()).isNull();
    }

    @Test
    void createAnswerAndApplyingAnAnswerNeedAnOffer() throws Exception {
        // W3C §4.4.1.5: createAnswer outside have-remote-offer is InvalidStateError.
        assertThat(failure(pc.createAnswer())).isInstanceOf(InvalidStateException.class);
        other.createDataChannel("x");
        await(other.setLocalDescription());
        RTCSessionDescription offer = other.localDescription();
        RTCSessionDescription asAnswer = new RTCSessionDescription(RTCSdpType.ANSWER, offer.sdp());
        assertThat(failure(pc.setRemoteDescription(asAnswer))).isInstanceOf(InvalidStateException.class);
        assertThat(failure(pc.setLocalDescription(new RTCSessionDescription(RTCSdpType.ANSWER, ""))))
                .isInstanceOf(InvalidStateException.class);
        // A remote offer in have-local-offer needs a rollback first (glare).
        assertThat(failure(other.setRemoteDescription(offer))).isInstanceOf(InvalidStateException.class);
        assertThat(pc.signalingState()).isEqualTo(RTCSignalingState.STABLE);
        assertThat(other.signalingState()).isEqualTo(RTCSignalingState.HAVE_LOCAL_OFFER);
    }

    @Test
    void aModifiedOfferIsRejectedAndTheLastOneIsAccepted() throws Exception {
        pc.createDataChannel("x");
        RTCSessionDescription offer = await(pc.createOffer());
        RTCSessionDescription modified = new RTCSessionDescription(RTCSdpType.OFFER, offer.sdp().replace("a=mid:0",
                "a=mid:zero"));
        assertThat(failure(pc.setLocalDescription(modified))).isInstanceOf(InvalidModificationException.class);
        await(pc.setLocalDescription(offer));
        assertThat(pc.signalingState()).isEqualTo(RTCSignalingState.HAVE_LOCAL_OFFER);
        assertThat(pc.pendingLocalDescription().sdp()).contains("a=mid:0");
        assertThat(pc.currentLocalDescription()).isNull();
    }

    @Test
    void badRemoteDescriptionsFailWithTheW3cErrorAndChangeNothing() throws Exception {
        assertThat(failure(pc.setRemoteDescription(new RTCSessionDescription(RTCSdpType.OFFER, "not sdp"))))
                .isInstanceOf(SyntaxException.class);
        other.createDataChannel("x");
        RTCSessionDescription offer = await(other.createOffer());
        // RFC 8843: a BUNDLE group must name mids of the description.
        String badGroup = offer.sdp().replace("a=group:BUNDLE 0", "a=group:BUNDLE 0 7");
        assertThat(failure(pc.setRemoteDescription(new RTCSessionDescription(RTCSdpType.OFFER, badGroup))))
                .isInstanceOf(InvalidAccessException.class);
        assertThat(pc.signalingState()).isEqualTo(RTCSignalingState.STABLE);
        assertThat(pc.remoteDescription()).isNull();
    }

    @Test
    void candidatesNeedARemoteDescriptionAndAKnownSection() throws Exception {
        RTCIceCandidateInit candidate = new RTCIceCandidateInit(
                "candidate:1 1 udp 2130706431 127.0.0.1 40000 typ host", "0");
        assertThat(failure(pc.addIceCandidate(candidate))).isInstanceOf(InvalidStateException.class);
        other.createDataChannel("x");
        await(pc.setRemoteDescription(await(other.createOffer())));
        assertThat(failure(pc.addIceCandidate(new RTCIceCandidateInit(candidate.candidate(), "9"))))
                .isInstanceOf(OperationException.class);
        assertThat(failure(pc.addIceCandidate(new RTCIceCandidateInit("candidate:garbage", "0"))))
                .isInstanceOf(OperationException.class);
        assertThat(failure(pc.addIceCandidate(new RTCIceCandidateInit(candidate.candidate(), "0", null, "otherufrag"))))
                .isInstanceOf(OperationException.class);
        await(pc.addIceCandidate(candidate));
        await(pc.addIceCandidate(new RTCIceCandidateInit(candidate.candidate(), null, 0, null)));
        await(pc.addIceCandidate(null));
    }

    @Test
    void signalingStateChangesAreEventsInOrder() throws Exception {
        List<RTCSignalingState> seen = new CopyOnWriteArrayList<>();
        pc.onSignalingStateChange(seen::add);
        other.createDataChannel("x");
        await(pc.setRemoteDescription(await(other.createOffer())));
        await(pc.setLocalDescription());
        assertThat(seen).containsExactly(RTCSignalingState.HAVE_REMOTE_OFFER, RTCSignalingState.STABLE);
        assertThat(pc.currentRemoteDescription()).isNotNull();
        assertThat(pc.currentLocalDescription().type()).isEqualTo(RTCSdpType.ANSWER);
    }

    @Test
    void closeEndsEveryStateAndLaterCallsFail() {
        List<Object> events = new CopyOnWriteArrayList<>();
        pc.onSignalingStateChange(events::add);
        pc.onConnectionStateChange(events::add);
        pc.close();
        pc.close();
        assertThat(pc.signalingState()).isEqualTo(RTCSignalingState.CLOSED);
        assertThat(failure(pc.createOffer())).isInstanceOf(InvalidStateException.class);
        assertThatThrownBy(() -> pc.createDataChannel("late")).isInstanceOf(InvalidStateException.class);
        // W3C §4.4.1.4: close fires no state events.
        assertThat(events).isEmpty();
    }

    @Test
    void connectionStateAggregatesIceAndDtlsAsW3cSays() {
        assertThat(RTCPeerConnection.aggregate(RTCIceTransportState.NEW, RTCDtlsTransportState.NEW))
                .isEqualTo(RTCPeerConnectionState.NEW);
        assertThat(RTCPeerConnection.aggregate(RTCIceTransportState.CHECKING, RTCDtlsTransportState.NEW))
                .isEqualTo(RTCPeerConnectionState.CONNECTING);
        assertThat(RTCPeerConnection.aggregate(RTCIceTransportState.CONNECTED, RTCDtlsTransportState.CONNECTING))
                .isEqualTo(RTCPeerConnectionState.CONNECTING);
        assertThat(RTCPeerConnection.aggregate(RTCIceTransportState.COMPLETED, RTCDtlsTransportState.CONNECTED))
                .isEqualTo(RTCPeerConnectionState.CONNECTED);
        assertThat(RTCPeerConnection.aggregate(RTCIceTransportState.DISCONNECTED, RTCDtlsTransportState.CONNECTED))
                .isEqualTo(RTCPeerConnectionState.DISCONNECTED);
        assertThat(RTCPeerConnection.aggregate(RTCIceTransportState.CONNECTED, RTCDtlsTransportState.FAILED))
                .isEqualTo(RTCPeerConnectionState.FAILED);
        assertThat(RTCPeerConnection.aggregate(RTCIceTransportState.FAILED, RTCDtlsTransportState.CONNECTED))
                .isEqualTo(RTCPeerConnectionState.FAILED);
    }

    @Test
    void aDescriptionThatDoesNotBundleItsSectionsIsAnsweredWithATransportPerSection() throws Exception {
        other.createDataChannel("x");
        other.addTransceiver("audio", null);
        String offer = await(other.createOffer()).sdp();
        // Without the BUNDLE group each section needs its own transport (RFC 8843 §7.3: an
        // answerer does not bundle what the offer did not).
        String unbundled = offer.replaceAll("a=group:BUNDLE[^\r\n]*\r\n", "");
        await(pc.setRemoteDescription(new RTCSessionDescription(RTCSdpType.OFFER, unbundled)));
        String answer = await(pc.createAnswer()).sdp();
        assertThat(answer).doesNotContain("a=group:BUNDLE");
        assertThat(answer.lines().filter(l -> l.startsWith("a=ice-ufrag:")).distinct()).hasSize(2);
        assertThat(answer.lines().filter(l -> l.startsWith("a=fingerprint:")).distinct()).hasSize(1);
    }

    @Test
    void aStunServerThatDoesNotAnswerIsAnIceCandidateErrorAndGatheringStillCompletes() throws Exception {
        // A STUN server on a loopback port where nothing listens: no answer within the timeout.
        RTCIceGatherOptions options = LOOPBACK.toBuilder()
                .iceServers(new RTCIceServer("stun:127.0.0.1:9"))
                .serverTimeout(java.time.Duration.ofMillis(300)).build();
        try (RTCPeerConnection withServer = new RTCPeerConnection(new RTCConfiguration(), options)) {
            CompletableFuture<RTCIceGathererIceErrorEvent> error = new CompletableFuture<>();
            withServer.onIceCandidateError(error::complete);
            CompletableFuture<Void> complete = RTCPeerConnectionDataChannelTest.gatheringComplete(withServer);
            withServer.createDataChannel("x");
            await(withServer.setLocalDescription());
            assertThat(await(error).url()).isEqualTo("stun:127.0.0.1:9");
            await(complete);
            assertThat(withServer.localDescription().sdp()).contains("a=candidate:", "a=end-of-candidates");
        }
    }
}
