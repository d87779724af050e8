package org.ortc4j.peerconnection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ortc4j.peerconnection.RTCPeerConnectionDataChannelTest.await;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.ortc4j.media.MediaKind;
import org.ortc4j.rtp.RTCRtpSender;
import org.ortc4j.rtp.RTCRtpTransceiver;
import org.ortc4j.sdp.RTCSdpType;
import org.ortc4j.sdp.RTCSessionDescription;

/**
 * Rollback and transceivers (W3C WebRTC §4.4.1.5/6 rollback, RFC 9429 §4.1.10.2): a mid that the
 * rolled-back description assigned becomes null again; transceivers a rolled-back remote offer
 * created go away unless addTrack attached a track to them.
 */
class RTCPeerConnectionRollbackTest {

    private static final RTCSessionDescription ROLLBACK = new RTCSessionDescription(RTCSdpType.ROLLBACK, "");

    @AutoClose
    private final LoopbackPeers peers = new LoopbackPeers();
    private final RTCPeerConnection offerer = peers.offerer;
    private final RTCPeerConnection answerer = peers.answerer;

    @Test
    void rollingBackOurOfferClearsTheMidItAssignedAndTheNextOfferAssignsOneAgain() throws Exception {
        RTCRtpTransceiver audio = offerer.addTransceiver("audio", new RTCRtpTransceiverInit());
        await(offerer.setLocalDescription());
        assertThat(audio.mid()).contains("0");

        await(offerer.setLocalDescription(ROLLBACK));

        assertThat(audio.mid()).isEmpty();
        assertThat(offerer.getTransceivers()).containsExactly(audio);
        // The next offer associates it again, and the negotiation completes.
        await(offerer.setLocalDescription());
        assertThat(audio.mid()).contains("0");
        await(answerer.setRemoteDescription(offerer.localDescription()));
        await(answerer.setLocalDescription());
        await(offerer.setRemoteDescription(answerer.localDescription()));
        assertThat(offerer.signalingState()).isEqualTo(RTCSignalingState.STABLE);
        assertThat(audio.mid()).contains("0");
    }

    @Test
    void rollingBackARenegotiationOfferKeepsTheMidsOfTheLastNegotiation() throws Exception {
        RTCRtpTransceiver audio = offerer.addTransceiver("audio", new RTCRtpTransceiverInit());
        await(offerer.setLocalDescription());
        await(answerer.setRemoteDescription(offerer.localDescription()));
        await(answerer.setLocalDescription());
        await(offerer.setRemoteDescription(answerer.localDescription()));
        RTCRtpTransceiver video = offerer.addTransceiver("video", new RTCRtpTransceiverInit());
        await(offerer.setLocalDescription());
        assertThat(video.mid()).contains("1");

        await(offerer.setLocalDescription(ROLLBACK));

        assertThat(audio.mid()).contains("0");
        assertThat(video.mid()).isEmpty();
        assertThat(offerer.localDescription().sdp()).doesNotContain("m=video");
    }

    @Test
    void rollingBackARemoteOfferClearsTheMidOfOurTransceiverItAssociated() throws Exception {
        answerer.addTransceiver("audio", new RTCRtpTransceiverInit());
        await(answerer.setLocalDescription());
        RTCSessionDescription offer = answerer.localDescription();
        // Ours, made before the offer arrives: the offer's audio section takes it (W3C §4.4.1.6).
        RTCRtpSender sender = offerer.addTrack(new FrameQueueTrack(MediaKind.AUDIO), "s");
        RTCRtpTransceiver ours = offerer.getTransceivers().get(0);
        await(offerer.setRemoteDescription(offer));
        assertThat(offerer.getTransceivers()).containsExactly(ours);
        assertThat(ours.mid()).contains("0");

        await(offerer.setRemoteDescription(ROLLBACK));

        assertThat(offerer.getTransceivers()).containsExactly(ours);
        assertThat(ours.mid()).isEmpty();
        assertThat(ours.stopped()).isFalse();
        assertThat(sender.track()).isPresent();
    }

    @Test
    void aTransceiverTheRolledBackOfferCreatedSurvivesWhenAddTrackAttachedATrack() throws Exception {
        answerer.addTransceiver("audio", new RTCRtpTransceiverInit());
        answerer.addTransceiver("video", new RTCRtpTransceiverInit());
        await(answerer.setLocalDescription());
        await(offerer.setRemoteDescription(answerer.localDescription()));
        assertThat(offerer.getTransceivers()).hasSize(2);
        RTCRtpTransceiver createdAudio = offerer.getTransceivers().get(0);
        RTCRtpTransceiver createdVideo = offerer.getTransceivers().get(1);
        // addTrack reuses the transceiver the remote offer created for its kind.
        RTCRtpSender sender = offerer.addTrack(new FrameQueueTrack(MediaKind.AUDIO), "s");
        assertThat(sender).isSameAs(createdAudio.sender());

        await(offerer.setRemoteDescription(ROLLBACK));

        // RFC 9429 §4.1.10.2: "an RtpTransceiver MUST NOT be removed if a track was attached to
        // the RtpTransceiver via the addTrack method".
        assertThat(offerer.getTransceivers()).containsExactly(createdAudio);
        assertThat(createdAudio.mid()).isEmpty();
        assertThat(createdAudio.stopped()).isFalse();
        assertThat(createdVideo.stopped()).isTrue();
        // An offer made now carries the added track's section.
        await(offerer.setLocalDescription());
        assertThat(offerer.localDescription().sdp()).contains("m=audio").doesNotContain("m=video");
        assertThat(createdAudio.mid()).isPresent();
    }
}
