package org.ortc4j.peerconnection;

/**
 * A remote ICE candidate as signaling delivers it, for {@link RTCPeerConnection#addIceCandidate}
 * (W3C WebRTC §4.8.1 {@code RTCIceCandidateInit}).
 *
 * @param candidate the candidate attribute with its {@code candidate:} prefix; {@code null} or
 *     empty means the end of the remote candidates
 * @param sdpMid the mid of the m-section the candidate belongs to, or {@code null}
 * @param sdpMLineIndex the m-line index, or {@code null}; used when {@code sdpMid} is null
 * @param usernameFragment the ufrag the candidate was gathered for, or {@code null}
 */
public record RTCIceCandidateInit(String candidate, String sdpMid, Integer sdpMLineIndex, String usernameFragment) {

    /** A candidate for a mid, without m-line index or ufrag. */
    public RTCIceCandidateInit(String candidate, String sdpMid) {
        this(candidate, sdpMid, null, null);
    }

    /** Whether this says "no more candidates" (an empty candidate string, W3C §4.4.1.6). */
    public boolean endOfCandidates() {
        return candidate == null || candidate.isEmpty();
    }
}
