package org.ortc4j.peerconnection;

import org.ortc4j.ice.RTCIceCandidate;

/**
 * The {@code icecandidate} event (W3C WebRTC §4.8.2 {@code RTCPeerConnectionIceEvent}): a local
 * candidate to send to the remote peer, or {@code null} once gathering is complete.
 *
 * @param candidate the candidate, {@code null} at the end of gathering
 * @param sdpMid the mid of the m-section whose transport gathered it, {@code null} at the end
 * @param sdpMLineIndex that m-section's index, {@code null} at the end
 */
public record RTCPeerConnectionIceEvent(RTCIceCandidate candidate, String sdpMid, Integer sdpMLineIndex) {

    /** What the remote peer passes to {@code addIceCandidate}: the W3C {@code candidate.toJSON()}. */
    public RTCIceCandidateInit toCandidateInit() {
        if (candidate == null) {
            return new RTCIceCandidateInit("", sdpMid, sdpMLineIndex, null);
        }
        return new RTCIceCandidateInit(candidate.toCandidateString(), sdpMid, sdpMLineIndex, candidate.usernameFragment());
    }
}
