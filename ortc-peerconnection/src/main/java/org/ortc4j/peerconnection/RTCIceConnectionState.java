package org.ortc4j.peerconnection;

/** The aggregate ICE state of a peer connection's transports (W3C WebRTC §4.3.4 {@code RTCIceConnectionState}). */
public enum RTCIceConnectionState {
    /** No transport has started checking. */
    NEW("new"),
    /** A transport is checking and none is disconnected or failed. */
    CHECKING("checking"),
    /** Every transport has a usable connection. */
    CONNECTED("connected"),
    /** Every transport has finished checking and has a connection. */
    COMPLETED("completed"),
    /** A transport failed. */
    FAILED("failed"),
    /** A transport lost its connection. */
    DISCONNECTED("disconnected"),
    /** The peer connection is closed. */
    CLOSED("closed");

    private final String value;

    RTCIceConnectionState(String value) {
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
