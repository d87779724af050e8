package org.ortc4j.peerconnection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ortc4j.peerconnection.RTCPeerConnectionDataChannelTest.TIMEOUT_SECONDS;
import static org.ortc4j.peerconnection.RTCPeerConnectionDataChannelTest.await;
import static org.ortc4j.peerconnection.RTCPeerConnectionDataChannelTest.connected;
import static org.ortc4j.peerconnection.RTCPeerConnectionDataChannelTest.opened;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.ortc4j.media.AudioFrame;
import org.ortc4j.media.MediaKind;
import org.ortc4j.media.TimeBase;
import org.ortc4j.rtp.RTCRtpSender;
import org.ortc4j.rtp.RTCRtpTransceiver;
import org.ortc4j.rtp.RTCRtpTransceiverDirection;
import org.ortc4j.sctp.RTCDataChannel;
import org.ortc4j.sdp.RTCSdpType;
import org.ortc4j.sdp.RTCSessionDescription;

/** negotiationneeded, renegotiation adding a track mid-call, and rollback. */
class RTCPeerConnectionRenegotiationTest {

    @AutoClose
    private final LoopbackPeers peers = new LoopbackPeers();
    private final RTCPeerConnection offerer = peers.offerer;
    private final RTCPeerConnection answerer = peers.answerer;

    /** Answers each negotiationneeded of {@code from} with a full exchange to {@code to}, as "perfect negotiation" apps do. */
    private static Semaphore negotiateOnDemand(RTCPeerConnection from, RTCPeerConnection to) {
        Semaphore done = new Semaphore(0);
        TrickleSignaling signaling = new TrickleSignaling(from, to);
        from.onNegotiationNeeded(() -> signaling.exchange().thenRun(done::release));
        return done;
    }

    @Test
    void negotiationNeededDrivesADataChannelCallThatThenAddsAnAudioTrack() throws Exception {
        Semaphore exchanges = negotiateOnDemand(offerer, answerer);
        CompletableFuture<RTCDataChannel> theirChannel = new CompletableFuture<>();
        answerer.onDataChannel(theirChannel::complete);
        CompletableFuture<RTCTrackEvent> track = new CompletableFuture<>();
        answerer.onTrack(track::complete);
        CompletableFuture<RTCPeerConnectionState> up = connected(answerer);

        RTCDataChannel channel = offerer.createDataChannel("first");
        CompletableFuture<Void> open = opened(channel);
        assertThat(exchanges.tryAcquire(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
        await(open);
        await(theirChannel);
        await(up);
        assertThat(offerer.localDescription().sdp()).doesNotContain("m=audio");
        assertThat(track).isNotDone();

        // Mid-call: a new track needs negotiation again; the new section comes after the data one.
        FrameQueueTrack audio = new FrameQueueTrack(MediaKind.AUDIO);
        RTCRtpSender sender = offerer.addTrack(audio, "call");
        assertThat(exchanges.tryAcquire(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
        RTCTrackEvent event = await(track);
        assertThat(event.transceiver().mid()).contains("1");
        assertThat(offerer.localDescription().sdp()).containsSubsequence("m=application", "m=audio");
        assertThat(offerer.getSenders()).containsExactly(sender);

        // 20 ms of audio, in whatever codec was negotiated first (the decoder gives its own rate).
        audio.push(new AudioFrame(new short[960], 48_000, 1, 0, TimeBase.ofRate(48_000)));
        AudioFrame heard = (AudioFrame) event.track().recv().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertThat((double) heard.samplesPerChannel() / heard.sampleRate()).isEqualTo(0.02);
        // The data channel still works after renegotiation.
        CompletableFuture<String> message = new CompletableFuture<>();
        channel.onMessage(m -> message.complete(m.text()));
        await(theirChannel).send("still here");
        assertThat(await(message)).isEqualTo("still here");
        assertThat(exchanges.availablePermits()).isZero();
    }

    @Test
    void negotiationNeededIsNotFiredWhenNothingChangedOrWhileNotStable() throws Exception {
        Semaphore fired = new Semaphore(0);
        offerer.onNegotiationNeeded(fired::release);
        await(offerer.setLocalDescription());
        offerer.addTransceiver("audio", new RTCRtpTransceiverInit());
        // Not stable: the flag waits for stable.
        assertThat(fired.tryAcquire(300, TimeUnit.MILLISECONDS)).isFalse();
        await(offerer.setLocalDescription(new RTCSessionDescription(RTCSdpType.ROLLBACK, "")));
        assertThat(offerer.signalingState()).isEqualTo(RTCSignalingState.STABLE);
        assertThat(fired.tryAcquire(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(fired.tryAcquire(300, TimeUnit.MILLISECONDS)).isFalse();
    }

    @Test
    void rollingBackARemoteOfferRemovesTheTransceiversItCreated() throws Exception {
        answerer.addTransceiver("video", new RTCRtpTransceiverInit());
        await(answerer.setLocalDescription());
        RTCSessionDescription offer = answerer.localDescription();
        await(offerer.setRemoteDescription(offer));
        assertThat(offerer.getTransceivers()).hasSize(1);
        RTCRtpTransceiver created = offerer.getTransceivers().get(0);
        assertThat(created.mid()).contains("0");

        await(offerer.setRemoteDescription(new RTCSessionDescription(RTCSdpType.ROLLBACK, "")));
        assertThat(offerer.signalingState()).isEqualTo(RTCSignalingState.STABLE);
        assertThat(offerer.remoteDescription()).isNull();
        assertThat(offerer.getTransceivers()).isEmpty();
        assertThat(created.stopped()).isTrue();

        // The offer can be applied again and answered.
        await(offerer.setRemoteDescription(offer));
        await(offerer.setLocalDescription());
        assertThat(offerer.signalingState()).isEqualTo(RTCSignalingState.STABLE);
    }

    @Test
    void removeTrackAsksForNegotiationAndTheNextOfferNoLongerSends() throws Exception {
        Semaphore exchanges = negotiateOnDemand(offerer, answerer);
        RTCRtpSender sender = offerer.addTrack(new FrameQueueTrack(MediaKind.VIDEO), "s");
        assertThat(exchanges.tryAcquire(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
        RTCRtpTransceiver transceiver = offerer.getTransceivers().get(0);
        assertThat(transceiver.currentDirection()).contains(RTCRtpTransceiverDirection.SENDONLY);

        offerer.removeTrack(sender);
        assertThat(exchanges.tryAcquire(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(sender.track()).isEmpty();
        // W3C §5.1 removeTrack: sendrecv becomes recvonly, sendonly becomes inactive.
        assertThat(transceiver.direction()).isEqualTo(RTCRtpTransceiverDirection.RECVONLY);
        // The answerer has nothing to send either: the section is inactive both ways.
        assertThat(transceiver.currentDirection()).contains(RTCRtpTransceiverDirection.INACTIVE);
        assertThat(offerer.localDescription().sdp()).contains("a=recvonly");
        assertThat(answerer.localDescription().sdp()).contains("a=inactive");
        assertThat(offerer.getSenders()).containsExactly(sender);
    }

    private static String ufrag(RTCSessionDescription description) {
        String sdp = description.sdp();
        int at = sdp.indexOf("a=ice-ufrag:") + "a=ice-ufrag:".length();
        return sdp.substring(at, sdp.indexOf('\r', at));
    }

    @Test
    void restartIceRenegotiatesNewCredentialsAndTheDataChannelKeepsWorking() throws Exception {
        Semaphore exchanges = negotiateOnDemand(offerer, answerer);
        CompletableFuture<RTCDataChannel> theirChannel = new CompletableFuture<>();
        answerer.onDataChannel(theirChannel::complete);
        RTCDataChannel channel = offerer.createDataChannel("restart");
        CompletableFuture<Void> open = opened(channel);
        assertThat(exchanges.tryAcquire(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
        await(open);
        String offererUfrag = ufrag(offerer.localDescription());
        String answererUfrag = ufrag(answerer.localDescription());

        offerer.restartIce();
        assertThat(exchanges.tryAcquire(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
        // RFC 8445 §9: both sides use new credentials.
        assertThat(ufrag(offerer.localDescription())).isNotEqualTo(offererUfrag);
        assertThat(ufrag(answerer.localDescription())).isNotEqualTo(answererUfrag);
        assertThat(offerer.localDescription().sdp()).contains("a=candidate:");

        CompletableFuture<String> atAnswerer = new CompletableFuture<>();
        RTCDataChannel theirs = await(theirChannel);
        theirs.onMessage(m -> atAnswerer.complete(m.text()));
        CompletableFuture<String> atOfferer = new CompletableFuture<>();
        channel.onMessage(m -> atOfferer.complete(m.text()));
        channel.send("after restart");
        theirs.send("heard");
        assertThat(await(atAnswerer)).isEqualTo("after restart");
        assertThat(await(atOfferer)).isEqualTo("heard");
        CompletableFuture<Void> iceUp = new CompletableFuture<>();
        offerer.onIceConnectionStateChange(state -> {
            if (state == RTCIceConnectionState.CONNECTED || state == RTCIceConnectionState.COMPLETED) {
                iceUp.complete(null);
            }
        });
        if (offerer.iceConnectionState() == RTCIceConnectionState.CONNECTED
                || offerer.iceConnectionState() == RTCIceConnectionState.COMPLETED) {
            iceUp.complete(null);
        }
        await(iceUp);
    }

    @Test
    void aProvisionalAnswerStartsTheConnectionAndTheFinalAnswerMakesItStable() throws Exception {
        TrickleSignaling signaling = new TrickleSignaling(offerer, answerer);
        RTCDataChannel channel = offerer.createDataChannel("early");
        CompletableFuture<Void> open = opened(channel);
        CompletableFuture<RTCDataChannel> theirChannel = new CompletableFuture<>();
        answerer.onDataChannel(theirChannel::complete);

        await(offerer.setLocalDescription());
        await(answerer.setRemoteDescription(offerer.localDescription()));
        RTCSessionDescription answer = await(answerer.createAnswer());
        await(answerer.setLocalDescription(new RTCSessionDescription(RTCSdpType.PRANSWER, answer.sdp())));
        assertThat(answerer.signalingState()).isEqualTo(RTCSignalingState.HAVE_LOCAL_PRANSWER);
        RTCSessionDescription provisional = answerer.localDescription();
        assertThat(provisional.type()).isEqualTo(RTCSdpType.PRANSWER);
        await(offerer.setRemoteDescription(provisional));
        assertThat(offerer.signalingState()).isEqualTo(RTCSignalingState.HAVE_REMOTE_PRANSWER);
        assertThat(offerer.currentRemoteDescription()).isNull();
        signaling.exchangeDone();
        // RFC 9429 §4.1.10.1: media and data may flow on a provisional answer.
        await(open);
        CompletableFuture<String> atOfferer = new CompletableFuture<>();
        channel.onMessage(m -> atOfferer.complete(m.text()));
        await(theirChannel).send("early data");
        assertThat(await(atOfferer)).isEqualTo("early data");

        await(answerer.setLocalDescription(answer));
        await(offerer.setRemoteDescription(answerer.localDescription()));
        assertThat(answerer.signalingState()).isEqualTo(RTCSignalingState.STABLE);
        assertThat(offerer.signalingState()).isEqualTo(RTCSignalingState.STABLE);
        assertThat(offerer.currentRemoteDescription().type()).isEqualTo(RTCSdpType.ANSWER);
        assertThat(offerer.pendingRemoteDescription()).isNull();
    }

    @Test
    void aStoppedTransceiverIsRejectedInTheNextOfferAndLeavesBothSides() throws Exception {
        TrickleSignaling signaling = new TrickleSignaling(offerer, answerer);
        offerer.addTrack(new FrameQueueTrack(MediaKind.AUDIO), "s");
        offerer.addTrack(new FrameQueueTrack(MediaKind.VIDEO), "s");
        // Both tracks in one exchange; negotiationneeded drives the next one.
        await(signaling.exchange());
        Semaphore exchanges = new Semaphore(0);
        offerer.onNegotiationNeeded(() -> signaling.exchange().thenRun(exchanges::release));
        assertThat(answerer.getTransceivers()).hasSize(2);
        RTCRtpTransceiver video = offerer.getTransceivers().get(1);

        video.stop();
        assertThat(exchanges.tryAcquire(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
        // RFC 3264 §8.2: a removed stream stays as an m-line with port 0.
        assertThat(offerer.localDescription().sdp()).contains("m=video 0 ");
        assertThat(offerer.getTransceivers()).extracting(RTCRtpTransceiver::kind).containsExactly("audio");
        assertThat(answerer.getTransceivers()).extracting(RTCRtpTransceiver::kind).containsExactly("audio");
        assertThat(answerer.getReceivers()).hasSize(1);
        assertThat(exchanges.tryAcquire(300, TimeUnit.MILLISECONDS)).isFalse();
    }
}
