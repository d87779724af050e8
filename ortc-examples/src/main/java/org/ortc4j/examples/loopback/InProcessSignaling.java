package org.ortc4j.examples.loopback;

import java.util.concurrent.CompletableFuture;
import org.ortc4j.peerconnection.RTCIceCandidateInit;
import org.ortc4j.peerconnection.RTCPeerConnection;
import org.ortc4j.peerconnection.RTCPeerConnectionIceEvent;

/**
 * Signaling between two peer connections in one JVM: the offer and answer are handed over
 * directly, and each side's candidates are trickled to the other as they are gathered (W3C
 * {@code icecandidate} events), held back until the other side has a remote description, since
 * W3C {@code addIceCandidate} rejects a candidate that comes before it.
 */
final class InProcessSignaling {

    private final RTCPeerConnection offerer;
    private final RTCPeerConnection answerer;
    private final CompletableFuture<Void> answererHasOffer = new CompletableFuture<>();
    private final CompletableFuture<Void> offererHasAnswer = new CompletableFuture<>();
    // One chain per direction keeps candidates in order, the end of candidates last.
    private CompletableFuture<Void> toAnswerer = answererHasOffer;
    private CompletableFuture<Void> toOfferer = offererHasAnswer;

    InProcessSignaling(RTCPeerConnection offerer, RTCPeerConnection answerer) {
        this.offerer = offerer;
        this.answerer = answerer;
        offerer.onIceCandidate(event -> {
            synchronized (this) {
                toAnswerer = toAnswerer.thenCompose(v -> answerer.addIceCandidate(init(event)));
            }
        });
        answerer.onIceCandidate(event -> {
            synchronized (this) {
                toOfferer = toOfferer.thenCompose(v -> offerer.addIceCandidate(init(event)));
            }
        });
    }

    /**
     * One offer/answer exchange; {@code beforeAnswer} runs once the answerer has the offer (where
     * it adds its own tracks). Completes when both sides have both descriptions.
     */
    CompletableFuture<Void> exchange(Runnable beforeAnswer) {
        return offerer.setLocalDescription()
                .thenCompose(v -> answerer.setRemoteDescription(offerer.localDescription()))
                .thenRun(() -> answererHasOffer.complete(null))
                .thenRun(beforeAnswer)
                .thenCompose(v -> answerer.setLocalDescription())
                .thenCompose(v -> offerer.setRemoteDescription(answerer.localDescription()))
                .thenRun(() -> offererHasAnswer.complete(null));
    }

    /** Completes when every candidate given so far was accepted; fails if one was not. */
    synchronized CompletableFuture<Void> candidatesDelivered() {
        return CompletableFuture.allOf(toAnswerer, toOfferer);
    }

    private static RTCIceCandidateInit init(RTCPeerConnectionIceEvent event) {
        return event.candidate() == null ? null : event.toCandidateInit();
    }
}
