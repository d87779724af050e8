package org.ortc4j.peerconnection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ortc4j.peerconnection.RTCPeerConnectionDataChannelTest.await;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ortc4j.rtp.RTCRtpTransceiver;
import org.ortc4j.sdp.RTCSessionDescription;

/**
 * The seed's peer-connection examples (shared/seed/000_3543d80a5385a583.txt) in Java, checking the
 * lines they print (collected into a list; the SDP length is left out: it depends on the host).
 */
class SeedOfferAnswerExampleTest {

    // Seed example: "handle_session_descriptions"
    //   offer = await pc1.createOffer(); await pc1.setLocalDescription(offer)
    //   await pc2.setRemoteDescription(offer); answer = await pc2.createAnswer()
    //   await pc2.setLocalDescription(answer); await pc1.setRemoteDescription(answer)
    @Test
    void handleSessionDescriptions() throws Exception {
        List<String> printed = new ArrayList<>();
        try (RTCPeerConnection pc1 = new RTCPeerConnection(); RTCPeerConnection pc2 = new RTCPeerConnection()) {
            RTCSessionDescription offer = await(pc1.createOffer());
            printed.add("Offer type: " + offer.type());
            await(pc1.setLocalDescription(offer));
            printed.add("PC1 signaling state: " + pc1.signalingState());
            await(pc2.setRemoteDescription(offer));
            printed.add("PC2 signaling state: " + pc2.signalingState());
            RTCSessionDescription answer = await(pc2.createAnswer());
            printed.add("Answer type: " + answer.type());
            await(pc2.setLocalDescription(answer));
            printed.add("PC2 signaling state: " + pc2.signalingState());
            await(pc1.setRemoteDescription(answer));
            printed.add("PC1 signaling state: " + pc1.signalingState());
            printed.add("PC1 local: " + pc1.localDescription().type());
            printed.add("PC1 remote: " + pc1.remoteDescription().type());
            printed.add("PC2 local: " + pc2.localDescription().type());
            printed.add("PC2 remote: " + pc2.remoteDescription().type());
        }
        assertThat(printed).containsExactly(
                "Offer type: offer",
                "PC1 signaling state: have-local-offer",
                "PC2 signaling state: have-remote-offer",
                "Answer type: answer",
                "PC2 signaling state: stable",
                "PC1 signaling state: stable",
                "PC1 local: offer",
                "PC1 remote: answer",
                "PC2 local: answer",
                "PC2 remote: offer");
    }

    // Seed example: "custom_rtp_parameters": transceiver = pc.addTransceiver("video")
    @Test
    void addTransceiverGivesAVideoTransceiverWhoseMidComesWithTheOffer() throws Exception {
        try (RTCPeerConnection pc = new RTCPeerConnection()) {
            RTCRtpTransceiver transceiver = pc.addTransceiver("video", null);
            assertThat(transceiver.kind()).isEqualTo("video");
            assertThat(transceiver.mid()).isEmpty();
            await(pc.setLocalDescription(await(pc.createOffer())));
            assertThat(transceiver.mid()).contains("0");
            assertThat(pc.localDescription().sdp()).contains("m=video", "VP8/90000");
        }
    }
}
