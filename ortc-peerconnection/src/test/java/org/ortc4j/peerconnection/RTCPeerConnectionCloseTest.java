package org.ortc4j.peerconnection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ortc4j.peerconnection.RTCPeerConnectionDataChannelTest.await;
import static org.ortc4j.peerconnection.RTCPeerConnectionDataChannelTest.gatheringComplete;
import static org.ortc4j.peerconnection.RTCPeerConnectionDataChannelTest.opened;

import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.ortc4j.ice.InvalidStateException;
import org.ortc4j.ice.RTCIceCandidate;
import org.ortc4j.ice.RTCIceCandidateType;
import org.ortc4j.ice.RTCIceProtocol;
import org.ortc4j.media.MediaKind;
import org.ortc4j.rtp.RTCRtpTransceiver;
import org.ortc4j.sctp.RTCDataChannel;
import org.ortc4j.sctp.RTCDataChannelState;

/**
 * W3C WebRTC §4.4.1.5 {@code close} ("close the connection") between two of our peer
 * connections on loopback: when close() returns every data channel is closed, every transceiver
 * stopped, the sockets and the peer connection's thread released, and no event fires after.
 */
class RTCPeerConnectionCloseTest {

    @AutoClose
    private final LoopbackPeers peers = new LoopbackPeers();
    private final RTCPeerConnection offerer = peers.offerer;
    private final RTCPeerConnection answerer = peers.answerer;

    @Test
    void closeLeavesEveryChannelClosedAndEveryTransceiverStoppedWhenItReturns() throws Exception {
        TrickleSignaling signaling = new TrickleSignaling(offerer, answerer);
        CompletableFuture<RTCDataChannel> remoteChannel = new CompletableFuture<>();
        answerer.onDataChannel(remoteChannel::complete);
        RTCDataChannel negotiatedOpen = offerer.createDataChannel("open");
        CompletableFuture<Void> open = opened(negotiatedOpen);
        RTCRtpTransceiver audio = offerer.addTransceiver(new FrameQueueTrack(MediaKind.AUDIO), null);
        await(signaling.exchange());
        await(open);
        RTCDataChannel theirs = await(remoteChannel);
        CompletableFuture<Void> theirsClosed = new CompletableFuture<>();
        theirs.onClose(() -> theirsClosed.complete(null));
        // A channel made after the last negotiation: still connecting when the connection closes.
        RTCDataChannel connecting = offerer.createDataChannel("never negotiated");
        List<String> closeEvents = new CopyOnWriteArrayList<>();
        negotiatedOpen.onClose(() -> closeEvents.add("open"));
        connecting.onClose(() -> closeEvents.add("never negotiated"));
        List<Object> eventsAfterClose = new CopyOnWriteArrayList<>();

        offerer.close();

        // "Set the [[ReadyState]] slot of each of connection's RTCDataChannels to "closed"."
        assertThat(negotiatedOpen.readyState()).isEqualTo(RTCDataChannelState.CLOSED);
        assertThat(connecting.readyState()).isEqualTo(RTCDataChannelState.CLOSED);
        // "The RTCDataChannels will be closed abruptly and the closing procedure will not be
        // invoked": no close events.
        assertThat(closeEvents).isEmpty();
        assertThat(audio.stopped()).isTrue();
        assertThat(offerer.signalingState()).isEqualTo(RTCSignalingState.CLOSED);
        assertThat(offerer.iceConnectionState()).isEqualTo(RTCIceConnectionState.CLOSED);
        assertThat(offerer.connectionState()).isEqualTo(RTCPeerConnectionState.CLOSED);
        offerer.onConnectionStateChange(eventsAfterClose::add);
        offerer.onIceConnectionStateChange(eventsAfterClose::add);
        offerer.onSignalingStateChange(eventsAfterClose::add);
        offerer.onNegotiationNeeded(() -> eventsAfterClose.add("negotiationneeded"));

        // The association was aborted: the peer's channel closes too.
        await(theirsClosed);
        assertThat(theirs.readyState()).isEqualTo(RTCDataChannelState.CLOSED);
        assertThatThrownBy(() -> offerer.createDataChannel("late")).isInstanceOf(InvalidStateException.class);
        assertThatThrownBy(() -> offerer.createOffer().get()).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(InvalidStateException.class);
        // Idempotent.
        assertThatCode(offerer::close).doesNotThrowAnyException();
        assertThat(eventsAfterClose).isEmpty();
    }

    @Test
    void closeReleasesTheSocketsAndThePeerConnectionsThread() throws Exception {
        CompletableFuture<Void> gathered = gatheringComplete(offerer);
        List<RTCIceCandidate> candidates = new CopyOnWriteArrayList<>();
        offerer.onIceCandidate(event -> {
            if (event.candidate() != null) {
                candidates.add(event.candidate());
            }
        });
        offerer.createDataChannel("chat");
        await(offerer.setLocalDescription());
        await(gathered);
        List<InetSocketAddress> loopbackPorts = candidates.stream()
                .filter(c -> c.type() == RTCIceCandidateType.HOST && c.protocol() == RTCIceProtocol.UDP)
                .filter(c -> c.address().equals("127.0.0.1"))
                .map(c -> new InetSocketAddress("127.0.0.1", c.port())).distinct().toList();
        assertThat(loopbackPorts).isNotEmpty();
        for (InetSocketAddress address : loopbackPorts) {
            // While open, the gatherer holds the port.
            assertThatThrownBy(() -> new DatagramSocket(address).close()).isInstanceOf(BindException.class);
        }
        assertThat(offerer.threadEnded()).isFalse();

        offerer.close();

        for (InetSocketAddress address : loopbackPorts) {
            assertThatCode(() -> new DatagramSocket(address).close()).doesNotThrowAnyException();
        }
        assertThat(offerer.threadEnded()).isTrue();
    }

    @Test
    void closeCalledFromADataChannelListenerClosesWithoutWaitingForItself() throws Exception {
        OpenChannel open = peers.openChannel("bye");
        RTCDataChannel channel = open.offerers();
        CompletableFuture<RTCDataChannelState> stateAfterClose = new CompletableFuture<>();
        // A listener on the transports' loop closes the peer connection, as applications do on "bye".
        channel.onMessage(message -> {
            offerer.close();
            stateAfterClose.complete(channel.readyState());
        });
        open.answerers().send("bye");

        assertThat(await(stateAfterClose)).isEqualTo(RTCDataChannelState.CLOSED);
        assertThat(offerer.signalingState()).isEqualTo(RTCSignalingState.CLOSED);
    }

    @Test
    void closeCalledFromAPeerConnectionListenerReturnsWithEverythingClosed() throws Exception {
        TrickleSignaling signaling = new TrickleSignaling(offerer, answerer);
        RTCDataChannel channel = offerer.createDataChannel("from a listener");
        CompletableFuture<Void> open = opened(channel);
        await(signaling.exchange());
        await(open);
        CompletableFuture<RTCDataChannelState> stateAfterClose = new CompletableFuture<>();
        // The listener runs on the peer connection's own thread.
        offerer.onNegotiationNeeded(() -> {
            offerer.close();
            stateAfterClose.complete(channel.readyState());
        });
        offerer.addTransceiver("audio", new RTCRtpTransceiverInit());

        assertThat(await(stateAfterClose)).isEqualTo(RTCDataChannelState.CLOSED);
        assertThat(offerer.signalingState()).isEqualTo(RTCSignalingState.CLOSED);
    }
}
