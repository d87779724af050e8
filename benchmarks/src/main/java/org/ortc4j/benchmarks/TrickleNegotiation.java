package org.ortc4j.benchmarks;

import static org.ortc4j.benchmarks.PeerConnectionSetupBenchmark.await;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.ortc4j.peerconnection.RTCIceCandidateInit;
import org.ortc4j.peerconnection.RTCPeerConnection;
import org.ortc4j.peerconnection.RTCPeerConnectionIceEvent;

/**
 * One offer/answer between two peer connections in this JVM with candidates trickled as they
 * come, as an application's signaling does it: a candidate waits until the other side has the
 * description it belongs to (W3C addIceCandidate rejects it before), and one chain per direction
 * keeps candidates in order, the end-of-candidates last.
 */
final class TrickleNegotiation {

    private TrickleNegotiation() {
    }

    /** Returns once both sides have applied both descriptions; candidates may still be on their way. */
    static void negotiate(RTCPeerConnection offerer, RTCPeerConnection answerer) throws Exception {
        CompletableFuture<Void> answererHasOffer = new CompletableFuture<>();
        CompletableFuture<Void> offererHasAnswer = new CompletableFuture<>();
        Chain toAnswerer = new Chain(answererHasOffer);
        Chain toOfferer = new Chain(offererHasAnswer);
        offerer.onIceCandidate(e -> toAnswerer.then(() -> answerer.addIceCandidate(init(e))));
        answerer.onIceCandidate(e -> toOfferer.then(() -> offerer.addIceCandidate(init(e))));
        await(offerer.setLocalDescription(await(offerer.createOffer())));
        await(answerer.setRemoteDescription(offerer.localDescription()));
        answererHasOffer.complete(null);
        await(answerer.setLocalDescription(await(answerer.createAnswer())));
        await(offerer.setRemoteDescription(answerer.localDescription()));
        offererHasAnswer.complete(null);
    }

    private static RTCIceCandidateInit init(RTCPeerConnectionIceEvent event) {
        return event.candidate() == null ? null : event.toCandidateInit();
    }

    /** Signaling in one direction: steps run one after the other, in the order given. */
    private static final class Chain {
        private CompletableFuture<Void> tail;

        Chain(CompletableFuture<Void> start) {
            tail = start;
        }

        synchronized void then(Supplier<CompletableFuture<Void>> step) {
            tail = tail.thenCompose(v -> step.get());
        }
    }
}
