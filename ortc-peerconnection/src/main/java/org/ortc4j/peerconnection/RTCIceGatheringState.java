package org.ortc4j.peerconnection;

/** The ICE gathering state of a peer connection (W3C WebRTC §4.3.2 {@code RTCIceGatheringState}). */
public enum RTCIceGatheringState {
    /** No transport has started gathering. */
    NEW("new"),
    /** A transport is gathering candidates. */
    GATHERING("gathering"),
    /** Every transport has finished gathering. */
    COMPLETE("complete");

    private final String value;

    RTCIceGatheringState(String value) {
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
