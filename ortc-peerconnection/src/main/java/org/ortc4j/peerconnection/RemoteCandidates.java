package org.ortc4j.peerconnection;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.ortc4j.ice.CandidateParseException;
import org.ortc4j.ice.OperationException;
import org.ortc4j.ice.RTCIceCandidate;
import org.ortc4j.ice.RTCIceTransport;
import org.ortc4j.peerconnection.internal.jsep.RemoteDescription;
import org.ortc4j.peerconnection.internal.jsep.RemoteSection;
import org.ortc4j.sdp.CandidateAttribute;

/**
 * The remote candidates of a peer connection on their way to its ICE transport: those of a
 * remote description, and those addIceCandidate trickles, checked against the remote ICE
 * generations (W3C WebRTC §4.4.1.6 addIceCandidate) and held, while a remote offer that restarts
 * ICE waits for our answer, for the generation that answer starts (RFC 8445 §9).
 *
 * <p>Not thread-safe: used on the peer connection's thread only.
 */
final class RemoteCandidates {

    private static final System.Logger LOG = System.getLogger(RemoteCandidates.class.getName());

    /** The most remote candidates held for a pending ICE restart; later ones are dropped. */
    static final int MAX_HELD = 256;

    private final RTCIceTransport ice;
    /** Candidates (their end as a flag) trickled for the ICE generation a pending remote offer starts. */
    private final List<RTCIceCandidate> held = new ArrayList<>();
    private boolean endHeld;
    private final AtomicLong staleDropped = new AtomicLong();

    RemoteCandidates(RTCIceTransport ice) {
        this.ice = Objects.requireNonNull(ice, "ice");
    }

    /**
     * W3C §4.4.1.6 addIceCandidate for a candidate (not its end): finds its m-section and checks
     * its ufrag against the remote descriptions.
     *
     * @param remote the pending remote description, else the current one
     * @param current the current remote description, or null
     * @return the parsed candidate, or empty when it belongs to the ICE generation a pending
     *     remote offer ends (dropped and counted)
     * @throws IllegalArgumentException without sdpMid and sdpMLineIndex (W3C TypeError)
     * @throws OperationException when no m-section matches, the ufrag is of no applied
     *     description, or the candidate does not parse
     */
    Optional<RTCIceCandidate> check(RTCIceCandidateInit candidate, RemoteDescription remote, RemoteDescription current) {
        if (candidate.sdpMid() == null && candidate.sdpMLineIndex() == null) {
            // W3C §4.4.1.6: a candidate names its m-section by mid or index (TypeError).
            throw new IllegalArgumentException("a candidate needs sdpMid or sdpMLineIndex");
        }
        Optional<RemoteSection> section = candidate.sdpMid() != null ? remote.section(candidate.sdpMid())
                : remote.sections().stream().filter(s -> s.index() == candidate.sdpMLineIndex()).findFirst();
        if (section.isEmpty()) {
            throw new OperationException("no m-section for candidate mid " + candidate.sdpMid() + " index "
                    + candidate.sdpMLineIndex());
        }
        RemoteSection transport = remote.transportSection(section.get());
        String ufrag = candidate.usernameFragment();
        if (ufrag != null && transport.ice() != null && !ufrag.equals(transport.ice().usernameFragment())) {
            if (remote != current && ufragOf(current, section.get().mid()).filter(ufrag::equals).isPresent()) {
                // The remote restarted ICE (its pending offer has a new ufrag): a candidate of the
                // previous generation is still the current description's, so not an error (W3C
                // §4.4.1.6 addIceCandidate), but the restart ends that generation (RFC 8445 §9):
                // dropped.
                staleDropped.incrementAndGet();
                return Optional.empty();
            }
            // W3C §4.4.1.6 addIceCandidate: "If candidate.usernameFragment is not null, and is not
            // equal to any username fragment present in the corresponding media description of an
            // applied remote description, return a promise rejected with a newly created
            // OperationError."
            throw new OperationException("the candidate's ufrag " + ufrag + " is not the remote description's");
        }
        try {
            return Optional.of(RTCIceCandidate.parse(candidate.candidate()));
        } catch (CandidateParseException e) {
            throw new OperationException("cannot read candidate: " + e.getMessage(), e);
        }
    }

    /**
     * Gives a remote candidate (null: their end) to the ICE transport, or, while a remote offer
     * that restarts ICE waits for our answer, holds it for the new generation: the transport runs
     * the previous one until the answer starts the restart, and forgets that one's candidates then
     * (W3C §4.4.1.6 addIceCandidate; RFC 8838 §4.4 candidates of the new generation).
     *
     * @param restartPending whether a pending remote offer restarts ICE
     */
    void deliver(RTCIceCandidate candidate, boolean restartPending) {
        if (!restartPending) {
            ice.addRemoteCandidate(candidate);
        } else if (candidate == null) {
            endHeld = true;
        } else if (held.size() < MAX_HELD) {
            held.add(candidate);
        } else {
            LOG.log(System.Logger.Level.DEBUG, "dropping a remote candidate beyond {0} held for the ICE restart",
                    MAX_HELD);
        }
    }

    /** The candidates of a remote description's transport section, then their end if it says so. */
    void addFromDescription(RemoteSection transport) {
        for (CandidateAttribute attribute : transport.candidates()) {
            try {
                ice.addRemoteCandidate(RTCIceCandidate.parse(RTCIceCandidate.PREFIX + attribute.value()));
            } catch (CandidateParseException e) {
                // RFC 8839 §5.1: a candidate we cannot read is ignored; the others may work.
                LOG.log(System.Logger.Level.DEBUG, "skipping remote candidate: {0}", e.getMessage());
            }
        }
        if (transport.endOfCandidates()) {
            ice.addRemoteCandidate(null);
        }
    }

    /** After the ICE restart started: the candidates trickled for it, then their end if it came. */
    void restartStarted() {
        held.forEach(ice::addRemoteCandidate);
        held.clear();
        if (endHeld) {
            endHeld = false;
            ice.addRemoteCandidate(null);
        }
    }

    /** The restart a rolled-back remote offer asked for does not happen: its candidates go too. */
    void restartAbandoned() {
        held.clear();
        endHeld = false;
    }

    /** Candidates of an older remote ICE generation that were dropped. */
    long staleDropped() {
        return staleDropped.get();
    }

    private static Optional<String> ufragOf(RemoteDescription description, String mid) {
        if (description == null) {
            return Optional.empty();
        }
        return description.section(mid).map(description::transportSection).filter(t -> t.ice() != null)
                .map(t -> t.ice().usernameFragment());
    }
}
