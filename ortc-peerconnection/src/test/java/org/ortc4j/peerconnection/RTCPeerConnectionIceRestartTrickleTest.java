package org.ortc4j.peerconnection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ortc4j.peerconnection.RTCPeerConnectionDataChannelTest.await;
import static org.ortc4j.peerconnection.RTCPeerConnectionDataChannelTest.gatheringComplete;
import static org.ortc4j.peerconnection.RTCPeerConnectionDataChannelTest.opened;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.ortc4j.ice.OperationException;
import org.ortc4j.ice.RTCStatsType;
import org.ortc4j.sctp.RTCDataChannel;
import org.ortc4j.sdp.RTCSessionDescription;

/**
 * Candidates trickled while the remote peer's ICE restart offer waits for our answer (W3C WebRTC
 * §4.4.1.6 addIceCandidate, RFC 8445 §9, RFC 8838): they belong to the new ICE generation and
 * reach the restarted transport; a candidate of the previous generation is dropped; one of no
 * generation is an OperationError.
 */
class RTCPeerConnectionIceRestartTrickleTest {

    @AutoClose
    private final LoopbackPeers peers = new LoopbackPeers();
    private final RTCPeerConnection offerer = peers.offerer;
    private final RTCPeerConnection answerer = peers.answerer;

    /** The description without its candidates: the peer learns them only by trickle. */
    private static RTCSessionDescription withoutCandidates(RTCSessionDescription description) {
        String sdp = description.sdp().lines()
                .filter(line -> !line.startsWith("a=candidate:") && !line.equals("a=end-of-candidates"))
                .collect(Collectors.joining("\r\n", "", "\r\n"));
        return new RTCSessionDescription(description.type(), sdp);
    }

    private static long candidateLines(RTCSessionDescription description) {
        return description.sdp().lines().filter(line -> line.startsWith("a=candidate:")).count();
    }

    private static String ufrag(RTCSessionDescription description) {
        return description.sdp().lines().filter(line -> line.startsWith("a=ice-ufrag:")).findFirst().orElseThrow()
                .substring("a=ice-ufrag:".length());
    }

    @Test
    void candidatesTrickledBeforeOurAnswerToARestartReachTheRestartedTransport() throws Exception {
        // A first negotiation without trickle: descriptions with every candidate.
        CompletableFuture<RTCDataChannel> theirChannel = new CompletableFuture<>();
        answerer.onDataChannel(theirChannel::complete);
        RTCDataChannel channel = offerer.createDataChannel("restart");
        CompletableFuture<Void> open = opened(channel);
        CompletableFuture<Void> offerGathered = gatheringComplete(offerer);
        CompletableFuture<Void> answerGathered = gatheringComplete(answerer);
        await(offerer.setLocalDescription());
        await(offerGathered);
        RTCSessionDescription firstOffer = offerer.localDescription();
        await(answerer.setRemoteDescription(firstOffer));
        await(answerer.setLocalDescription());
        await(answerGathered);
        await(offerer.setRemoteDescription(answerer.localDescription()));
        await(open);
        RTCDataChannel theirs = await(theirChannel);

        // The offerer restarts ICE; its candidates are announced again with the new ufrag.
        List<RTCPeerConnectionIceEvent> trickled = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> allTrickled = new CompletableFuture<>();
        long expected = candidateLines(firstOffer);
        offerer.onIceCandidate(event -> {
            if (event.candidate() != null) {
                trickled.add(event);
                if (trickled.size() == expected) {
                    allTrickled.complete(null);
                }
            }
        });
        offerer.restartIce();
        await(offerer.setLocalDescription());
        RTCSessionDescription restartOffer = offerer.localDescription();
        String newUfrag = ufrag(restartOffer);
        assertThat(newUfrag).isNotEqualTo(ufrag(firstOffer));
        await(allTrickled);
        assertThat(trickled).allSatisfy(event -> assertThat(event.candidate().usernameFragment()).isEqualTo(newUfrag));

        await(answerer.setRemoteDescription(withoutCandidates(restartOffer)));
        // Before our answer: the new generation's candidates, and one of the previous generation.
        for (RTCPeerConnectionIceEvent event : trickled) {
            await(answerer.addIceCandidate(event.toCandidateInit()));
        }
        String oldUfrag = ufrag(firstOffer);
        await(answerer.addIceCandidate(new RTCIceCandidateInit(
                "candidate:9 1 udp 2122260223 127.0.0.1 9 typ host", "0", 0, oldUfrag)));
        assertThat(answerer.staleCandidatesDropped()).isEqualTo(1);
        // A ufrag of no applied description: W3C OperationError.
        assertThatThrownBy(() -> await(answerer.addIceCandidate(new RTCIceCandidateInit(
                "candidate:9 1 udp 2122260223 127.0.0.1 9 typ host", "0", 0, "nosuchufrag"))))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(OperationException.class);

        await(answerer.setLocalDescription());
        // The offerer gets no candidate of the answerer: only the answerer's checks, sent to the
        // trickled candidates, can bring the new generation up.
        await(offerer.setRemoteDescription(withoutCandidates(answerer.localDescription())));

        List<Long> remotePorts = await(answerer.getStats()).ofType(RTCStatsType.REMOTE_CANDIDATE).stream()
                .map(st -> st.getLong("port")).toList();
        assertThat(remotePorts).containsAll(trickled.stream().map(e -> (long) e.candidate().port()).toList())
                .doesNotContain(9L);
        CompletableFuture<String> atAnswerer = new CompletableFuture<>();
        theirs.onMessage(m -> atAnswerer.complete(m.text()));
        channel.send("after the restart");
        assertThat(await(atAnswerer)).isEqualTo("after the restart");
    }
}
