package org.ortc4j.peerconnection;

import java.util.concurrent.CompletableFuture;

/**
 * The signaling channel of a test: forwards each peer's icecandidate events to the other, held
 * back until the other has a remote description (as applications queue them: W3C
 * addIceCandidate rejects a candidate that comes before it).
 */
final class TrickleSignaling {

    private final CompletableFuture<Void> answererHasOffer = new CompletableFuture<>();
    private final CompletableFuture<Void> offererHasAnswer = new CompletableFuture<>();
    private final RTCPeerConnection offerer;
    private final RTCPeerConnection answerer;

    private CompletableFuture<Void> toAnswerer = answererHasOffer;
    private CompletableFuture<Void> toOfferer = offererHasAnswer;

    TrickleSignaling(RTCPeerConnection offerer, RTCPeerConnection answerer) {
        this.offerer = offerer;
        this.answerer = answerer;
        // One chain per direction keeps the candidates in order, the end-of-candidates last.
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

    private static RTCIceCandidateInit init(RTCPeerConnectionIceEvent event) {
        return event.candidate() == null ? null : event.toCandidateInit();
    }

    /** Completes when every candidate given so far was accepted; fails if one was not. */
    synchronized CompletableFuture<Void> delivered() {
        return CompletableFuture.allOf(toAnswerer, toOfferer);
    }

    /** One offer/answer exchange with implicit descriptions, the offer sent before any candidate. */
    CompletableFuture<Void> exchange() {
        return offerer.setLocalDescription()
                .thenCompose(v -> answerer.setRemoteDescription(offerer.localDescription()))
                .thenRun(() -> answererHasOffer.complete(null))
                .thenCompose(v -> answerer.setLocalDescription())
                .thenCompose(v -> offerer.setRemoteDescription(answerer.localDescription()))
                .thenRun(() -> offererHasAnswer.complete(null));
    }

    /** For exchanges the test runs by hand: both sides now have a remote description. */
    void exchangeDone() {
        answererHasOffer.complete(null);
        offererHasAnswer.complete(null);
    }
}
