package org.ortc4j.peerconnection;

/** Where a peer connection is in the offer/answer exchange (W3C WebRTC §4.3.1 {@code RTCSignalingState}). */
public enum RTCSignalingState {
    /** No offer/answer exchange in progress. */
    STABLE("stable"),
    /** A local offer has been applied. */
    HAVE_LOCAL_OFFER("have-local-offer"),
    /** A remote offer has been applied. */
    HAVE_REMOTE_OFFER("have-remote-offer"),
    /** A remote offer and a local provisional answer have been applied. */
    HAVE_LOCAL_PRANSWER("have-local-pranswer"),
    /** A local offer and a remote provisional answer have been applied. */
    HAVE_REMOTE_PRANSWER("have-remote-pranswer"),
    /** The peer connection is closed. */
    CLOSED("closed");

    private final String value;

    RTCSignalingState(String value) {
        this.value = value;
    }

    /** The W3C string. */
    public String value() {
        return value;
    }

    /** The W3C string, as JavaScript would print it. */
    @Override
    public String toString() {
        return value;
    }
}
