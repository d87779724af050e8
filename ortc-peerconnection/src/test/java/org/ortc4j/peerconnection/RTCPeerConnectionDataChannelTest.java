package org.ortc4j.peerconnection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.ortc4j.dtls.RTCCertificate;
import org.ortc4j.ice.RTCStats;
import org.ortc4j.ice.RTCStatsReport;
import org.ortc4j.ice.RTCStatsType;
import org.ortc4j.sctp.RTCDataChannel;
import org.ortc4j.sctp.RTCDataChannelState;
import org.ortc4j.sdp.RTCSessionDescription;

/**
 * Two of our peer connections on loopback negotiate a data channel through SDP text, with and
 * without trickle ICE, and exchange messages both ways.
 */
class RTCPeerConnectionDataChannelTest {

    static final long TIMEOUT_SECONDS = 20;

    @AutoClose
    private final LoopbackPeers peers = new LoopbackPeers();
    private final RTCPeerConnection offerer = peers.offerer;
    private final RTCPeerConnection answerer = peers.answerer;

    static <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    static CompletableFuture<Void> gatheringComplete(RTCPeerConnection pc) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        pc.onIceGatheringStateChange(state -> {
            if (state == RTCIceGatheringState.COMPLETE) {
                done.complete(null);
            }
        });
        return done;
    }

    static CompletableFuture<RTCPeerConnectionState> connected(RTCPeerConnection pc) {
        CompletableFuture<RTCPeerConnectionState> done = new CompletableFuture<>();
        pc.onConnectionStateChange(state -> {
            if (state == RTCPeerConnectionState.CONNECTED) {
                done.complete(state);
            } else if (state == RTCPeerConnectionState.FAILED) {
                done.completeExceptionally(new AssertionError("connection failed"));
            }
        });
        return done;
    }

    /** Opens, then the first message received, for a channel. */
    static CompletableFuture<String> firstMessage(RTCDataChannel channel) {
        CompletableFuture<String> message = new CompletableFuture<>();
        channel.onMessage(m -> message.complete(m.text()));
        return message;
    }

    static CompletableFuture<Void> opened(RTCDataChannel channel) {
        CompletableFuture<Void> open = new CompletableFuture<>();
        channel.onOpen(() -> open.complete(null));
        if (channel.readyState() == RTCDataChannelState.OPEN) {
            open.complete(null);
        }
        return open;
    }

    @Test
    void nonTrickleOfferAnswerOpensADataChannelBothWays() throws Exception {
        List<String> states = new CopyOnWriteArrayList<>();
        CompletableFuture<RTCDataChannel> remoteChannel = new CompletableFuture<>();
        CompletableFuture<String> atAnswerer = new CompletableFuture<>();
        answerer.onDataChannel(channel -> {
            // Listeners set in the event see every message.
            channel.onMessage(m -> atAnswerer.complete(m.text()));
            remoteChannel.complete(channel);
        });
        CompletableFuture<RTCPeerConnectionState> offererUp = connected(offerer);
        CompletableFuture<RTCPeerConnectionState> answererUp = connected(answerer);

        RTCDataChannel channel = offerer.createDataChannel("chat");
        CompletableFuture<Void> open = opened(channel);
        CompletableFuture<String> atOfferer = firstMessage(channel);

        // Non-trickle: each side sends its description once gathering is complete.
        CompletableFuture<Void> offerGathered = gatheringComplete(offerer);
        await(offerer.setLocalDescription(await(offerer.createOffer())));
        states.add(offerer.signalingState().value());
        await(offerGathered);
        RTCSessionDescription offer = offerer.localDescription();
        assertThat(offer.sdp()).contains("m=application", "a=candidate:", "a=end-of-candidates", "a=sctp-port:5000");

        await(answerer.setRemoteDescription(new RTCSessionDescription(offer.type(), offer.sdp())));
        states.add(answerer.signalingState().value());
        CompletableFuture<Void> answerGathered = gatheringComplete(answerer);
        await(answerer.setLocalDescription(await(answerer.createAnswer())));
        states.add(answerer.signalingState().value());
        await(answerGathered);
        RTCSessionDescription answer = answerer.localDescription();
        assertThat(answer.sdp()).contains("m=application", "a=candidate:", "a=setup:active");

        await(offerer.setRemoteDescription(answer));
        states.add(offerer.signalingState().value());

        // The seed's offer/answer example prints these states in this order.
        assertThat(states).containsExactly("have-local-offer", "have-remote-offer", "stable", "stable");
        assertThat(await(offererUp)).isEqualTo(RTCPeerConnectionState.CONNECTED);
        assertThat(await(answererUp)).isEqualTo(RTCPeerConnectionState.CONNECTED);
        await(open);
        RTCDataChannel theirs = await(remoteChannel);
        assertThat(theirs.label()).isEqualTo("chat");

        channel.send("hello from the offerer");
        assertThat(await(atAnswerer)).isEqualTo("hello from the offerer");
        theirs.send("hello from the answerer");
        assertThat(await(atOfferer)).isEqualTo("hello from the answerer");

        assertThat(offerer.currentLocalDescription()).isNotNull();
        assertThat(offerer.pendingLocalDescription()).isNull();
        assertThat(offerer.currentRemoteDescription().sdp()).isEqualTo(answer.sdp());
        assertThat(answerer.remoteDescription().sdp()).isEqualTo(offer.sdp());
        assertThat(offerer.iceConnectionState()).isIn(RTCIceConnectionState.CONNECTED, RTCIceConnectionState.COMPLETED);
        assertThat(offerer.sctp()).isNotNull();

        RTCStatsReport stats = await(offerer.getStats());
        assertThat(stats.ofType(RTCStatsType.DATA_CHANNEL)).singleElement()
                .satisfies(st -> assertThat(st.getString("label")).isEqualTo("chat"))
                .satisfies(st -> assertThat(st.getString("state")).isEqualTo("open"));
        assertThat(stats.ofType(RTCStatsType.PEER_CONNECTION)).singleElement()
                .satisfies(st -> assertThat(st.getLong("dataChannelsOpened")).isEqualTo(1));
        assertThat(await(answerer.getStats()).ofType(RTCStatsType.PEER_CONNECTION)).singleElement()
                .satisfies(st -> assertThat(st.getLong("dataChannelsOpened")).isEqualTo(1));

        // webrtc-stats §7.2/§7.x: the transport names its certificate entries: ours, and the
        // one the answerer authenticated with (each side generated its own).
        RTCStats transport = stats.ofType(RTCStatsType.TRANSPORT).get(0);
        RTCCertificate offererCertificate = offerer.getConfiguration().certificates().get(0);
        RTCCertificate answererCertificate = answerer.getConfiguration().certificates().get(0);
        assertThat(stats.ofType(RTCStatsType.CERTIFICATE)).hasSize(2);
        assertCertificateEntry(stats, transport.getString("localCertificateId"), offererCertificate);
        assertCertificateEntry(stats, transport.getString("remoteCertificateId"), answererCertificate);
    }

    private static void assertCertificateEntry(RTCStatsReport stats, String id, RTCCertificate certificate) {
        assertThat(stats.get(id)).hasValueSatisfying(entry -> {
            assertThat(entry.type()).isEqualTo(RTCStatsType.CERTIFICATE);
            assertThat(entry.getString("fingerprintAlgorithm")).isEqualTo("sha-256");
            assertThat(entry.getString("fingerprint")).isEqualTo(certificate.fingerprint("sha-256").value());
            assertThat(Base64.getDecoder().decode(entry.getString("base64Certificate"))).isEqualTo(certificate.encoded());
            // Self-signed, as WebRTC certificates are: no issuer entry.
            assertThat(entry.get("issuerCertificateId")).isNull();
        });
    }

    @Test
    void trickleIceWithImplicitDescriptionsConnectsAndEndsWithANullCandidate() throws Exception {
        List<RTCPeerConnectionIceEvent> offererEvents = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> offererDone = new CompletableFuture<>();
        offerer.onIceCandidate(event -> {
            offererEvents.add(event);
            if (event.candidate() == null) {
                offererDone.complete(null);
            }
        });
        TrickleSignaling signaling = new TrickleSignaling(offerer, answerer);
        CompletableFuture<RTCDataChannel> remoteChannel = new CompletableFuture<>();
        answerer.onDataChannel(remoteChannel::complete);
        RTCDataChannel channel = offerer.createDataChannel("trickle");
        CompletableFuture<Void> open = opened(channel);

        // The offer goes out at once, before any candidate; candidates follow.
        await(signaling.exchange());

        await(open);
        RTCDataChannel theirs = await(remoteChannel);
        CompletableFuture<String> atOfferer = firstMessage(channel);
        theirs.send("pong");
        assertThat(await(atOfferer)).isEqualTo("pong");

        await(offererDone);
        assertThat(offererEvents).isNotEmpty();
        assertThat(offererEvents.get(offererEvents.size() - 1).candidate()).isNull();
        RTCPeerConnectionIceEvent first = offererEvents.get(0);
        assertThat(first.candidate()).isNotNull();
        assertThat(first.sdpMid()).isEqualTo("0");
        assertThat(first.sdpMLineIndex()).isZero();
        await(signaling.delivered());
        assertThat(answerer.canTrickleIceCandidates()).isTrue();
    }

    @Test
    void closingOnePeerConnectionClosesItsChannelsAndTheRemoteSeesThemClose() throws Exception {
        OpenChannel open = peers.openChannel("bye");
        RTCDataChannel channel = open.offerers();
        RTCDataChannel theirs = open.answerers();
        CompletableFuture<Void> theirsClosed = new CompletableFuture<>();
        theirs.onClose(() -> theirsClosed.complete(null));
        List<String> ourEvents = new CopyOnWriteArrayList<>();
        channel.onClosing(() -> ourEvents.add("closing"));
        channel.onClose(() -> ourEvents.add("close"));

        offerer.close();
        assertThat(offerer.connectionState()).isEqualTo(RTCPeerConnectionState.CLOSED);
        assertThat(offerer.iceConnectionState()).isEqualTo(RTCIceConnectionState.CLOSED);
        // W3C §4.4.1.5 close the connection: our channels are closed when close() returns,
        // abruptly: "the closing procedure will not be invoked" (no closing or close event).
        assertThat(channel.readyState()).isEqualTo(RTCDataChannelState.CLOSED);
        // The SCTP association ends (RFC 9260 §9): the remote's channel closes too.
        await(theirsClosed);
        assertThat(theirs.readyState()).isEqualTo(RTCDataChannelState.CLOSED);
        assertThat(ourEvents).isEmpty();
    }
}
