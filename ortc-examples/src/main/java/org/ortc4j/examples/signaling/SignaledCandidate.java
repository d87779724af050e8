package org.ortc4j.examples.signaling;

import java.util.Objects;
import org.ortc4j.ice.RTCIceCandidate;

/**
 * A trickled ICE candidate with the media section it belongs to, as the signaling channel carries
 * it: {@code {"candidate": "candidate:...", "id": sdpMid, "label": sdpMLineIndex, "type":
 * "candidate"}}. This is the W3C {@code RTCIceCandidateInit} of the candidate; ortc-ice's
 * {@link RTCIceCandidate} has no media section, so it is paired with one here.
 *
 * <p>aiortc has no end-of-candidates message on this channel (it never sends a {@code null}
 * candidate, and fails on an empty one), so neither has this record: the candidate is never
 * {@code null}.
 *
 * @param candidate the candidate
 * @param sdpMid the {@code a=mid} of its media section, or {@code null} if the sender gave none
 * @param sdpMLineIndex the index of its media section, 0 to 65535, or {@code null} if the sender
 *     gave none
 */
public record SignaledCandidate(RTCIceCandidate candidate, String sdpMid, Integer sdpMLineIndex) {

    /** W3C WebRTC §4.8.1: {@code sdpMLineIndex} is an {@code unsigned short}. */
    static final int MAX_M_LINE_INDEX = 0xFFFF;

    /**
     * @throws NullPointerException if {@code candidate} is null
     * @throws IllegalArgumentException if {@code sdpMLineIndex} is outside 0..65535
     */
    public SignaledCandidate {
        Objects.requireNonNull(candidate, "candidate");
        if (sdpMLineIndex != null && (sdpMLineIndex < 0 || sdpMLineIndex > MAX_M_LINE_INDEX)) {
            throw new IllegalArgumentException("sdpMLineIndex " + sdpMLineIndex + " is outside 0..65535");
        }
    }
}
