package org.ortc4j.peerconnection;

/** The aggregate ICE and DTLS state of a peer connection (W3C WebRTC §4.3.3 {@code RTCPeerConnectionState}). */
public enum RTCPeerConnectionState {
    /** No ICE or DTLS transport has started. */
    NEW("new"),
    /** A transport is establishing a connection. */
    CONNECTING("connecting"),
    /** Every transport is connected. */
    CONNECTED("connected"),
    /** A transport lost its connection. */
    DISCONNECTED("disconnected"),
    /** A transport failed. */
    FAILED("failed"),
    /** The peer connection is closed. */
    CLOSED("closed");

    private final String value;

    RTCPeerConnectionState(String value) {
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
