package org.ortc4j.peerconnection;

/**
 * Options of {@link RTCPeerConnection#createOffer(RTCOfferOptions)} (W3C WebRTC §4.2.7
 * {@code RTCOfferOptions}).
 *
 * @param iceRestart whether the offer restarts ICE with new credentials (RFC 8445 §9; JSEP
 *     RFC 9429 §5.2.1)
 */
public record RTCOfferOptions(boolean iceRestart) {

    /** The W3C defaults: no ICE restart. */
    public RTCOfferOptions() {
        this(false);
    }
}
