package org.ortc4j.examples.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.ortc4j.examples.signaling.Bye;
import org.ortc4j.examples.signaling.InvalidSignalingMessageException;
import org.ortc4j.examples.signaling.SignaledCandidate;
import org.ortc4j.examples.signaling.Signaling;
import org.ortc4j.peerconnection.RTCIceCandidateInit;
import org.ortc4j.peerconnection.RTCIceGatheringState;
import org.ortc4j.peerconnection.RTCPeerConnection;
import org.ortc4j.sdp.RTCSdpType;
import org.ortc4j.sdp.RTCSessionDescription;

/**
 * One peer connection's offer/answer over a {@link Signaling}, as aiortc's examples run it: the
 * offerer sends its offer ({@link #sendOffer()}), then both sides {@link #consume()} the channel:
 * a description is applied (and an offer answered), a candidate added, and a bye ends the session.
 *
 * <p>Descriptions are sent once ICE gathering is complete, with every candidate in them, as
 * aiortc sends them (its {@code setLocalDescription} waits for gathering): an aiortc peer at the
 * other end gets what it expects, and candidates that the other side trickles are still taken.
 */
public final class SignalingSession {

    /** How long gathering may take before a description is sent anyway (host candidates are quick). */
    private static final long GATHERING_TIMEOUT_SECONDS = 10;
    /** How long one offer/answer step may take. */
    private static final long STEP_TIMEOUT_SECONDS = 30;

    private final RTCPeerConnection pc;
    private final Signaling signaling;
    private final PrintStream out;
    private final boolean verbose;
    private volatile Consumer<RTCSessionDescription> remoteDescriptionListener = description -> { };

    /**
     * @param pc the peer connection to negotiate
     * @param signaling the channel to the other peer
     * @param out where "Exiting" and, when verbose, signaling traffic and state changes go
     * @param verbose whether to print signaling traffic and state changes
     */
    public SignalingSession(RTCPeerConnection pc, Signaling signaling, PrintStream out, boolean verbose) {
        this.pc = Objects.requireNonNull(pc, "pc");
        this.signaling = Objects.requireNonNull(signaling, "signaling");
        this.out = Objects.requireNonNull(out, "out");
        this.verbose = verbose;
        if (verbose) {
            pc.onSignalingStateChange(state -> out.println("-- signaling state: " + state.value()));
            pc.onIceGatheringStateChange(state -> out.println("-- ICE gathering state: " + state.value()));
            pc.onIceConnectionStateChange(state -> out.println("-- ICE connection state: " + state.value()));
            pc.onConnectionStateChange(state -> out.println("-- connection state: " + state.value()));
        }
    }

    /**
     * Calls {@code listener} on the consuming thread after each remote description is applied and
     * before an offer is answered: where aiortc's videostream-cli starts its recorder and adds its
     * tracks.
     */
    public void onRemoteDescription(Consumer<RTCSessionDescription> listener) {
        remoteDescriptionListener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Makes an offer, waits for ICE gathering and sends the offer with its candidates. With TCP
     * signaling this waits for the answerer to connect.
     *
     * @throws IOException if the signaling fails or the offer cannot be made
     */
    public void sendOffer() throws IOException {
        sendLocalDescription();
    }

    /**
     * Reads the signaling channel until a bye, the end of the channel or {@link #close()}:
     * descriptions are applied, an offer is answered, candidates are added. A malformed message is
     * reported and skipped.
     *
     * @return true if the other side said bye, false if the channel ended
     * @throws IOException if the signaling fails or a description cannot be applied
     */
    public boolean consume() throws IOException {
        while (true) {
            Object message;
            try {
                message = signaling.receive();
            } catch (InvalidSignalingMessageException e) {
                out.println("-- ignoring a malformed signaling message: " + e.getMessage());
                continue;
            }
            if (message == null) {
                return false;
            }
            if (message instanceof RTCSessionDescription description) {
                log("<", description.type().value());
                await(pc.setRemoteDescription(description), "setRemoteDescription");
                remoteDescriptionListener.accept(description);
                if (description.type() == RTCSdpType.OFFER) {
                    sendLocalDescription();
                }
            } else if (message instanceof SignaledCandidate candidate) {
                log("<", "candidate " + candidate.candidate().toCandidateString());
                await(pc.addIceCandidate(new RTCIceCandidateInit(candidate.candidate().toCandidateString(),
                        candidate.sdpMid(), candidate.sdpMLineIndex(), null)), "addIceCandidate");
            } else if (message == Bye.BYE) {
                log("<", "bye");
                out.println("Exiting");
                return true;
            }
        }
    }

    /** Closes the signaling channel (saying bye if it is open), which ends {@link #consume()}. */
    public void close() {
        try {
            signaling.close();
        } catch (IOException e) {
            // The other side is gone already: nothing left to tell it.
        }
    }

    /**
     * Sends bye now, as aiortc's filexfer receiver does when the file is complete; the channel
     * stays open until the other side closes it.
     *
     * @throws IOException if the signaling fails
     */
    public void sendBye() throws IOException {
        log(">", "bye");
        signaling.send(Bye.BYE);
    }

    /** setLocalDescription (an offer or an answer), gathering, then the description to the peer. */
    private void sendLocalDescription() throws IOException {
        CompletableFuture<Void> gathered = new CompletableFuture<>();
        pc.onIceGatheringStateChange(state -> {
            if (state == RTCIceGatheringState.COMPLETE) {
                gathered.complete(null);
            }
        });
        await(pc.setLocalDescription(), "setLocalDescription");
        if (pc.iceGatheringState() == RTCIceGatheringState.COMPLETE) {
            gathered.complete(null);
        }
        try {
            gathered.get(GATHERING_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            out.println("-- ICE gathering is not complete after " + GATHERING_TIMEOUT_SECONDS
                    + " s; sending the candidates gathered so far");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while gathering", e);
        } catch (ExecutionException e) {
            throw new IOException(e.getCause());
        }
        RTCSessionDescription description = pc.localDescription();
        log(">", description.type().value());
        signaling.send(description);
    }

    private void log(String direction, String what) {
        if (verbose) {
            out.println("-- signaling " + direction + " " + what);
        }
    }

    private static <T> T await(CompletableFuture<T> future, String operation) throws IOException {
        try {
            return future.get(STEP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IOException(operation + " failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException(operation + " did not finish within " + STEP_TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted during " + operation, e);
        }
    }
}
