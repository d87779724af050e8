package org.ortc4j.sctp;

/**
 * The state of a data channel (W3C WebRTC enum {@code RTCDataChannelState}, §6.2).
 */
public enum RTCDataChannelState {
    /** The user agent is trying to establish the underlying data transport (or waits for the DCEP ACK). */
    CONNECTING("connecting"),

    /** The data transport is established; messages can be sent. */
    OPEN("open"),

    /** The closing procedure (an outgoing stream reset) has started. */
    CLOSING("closing"),

    /** The channel is closed or could not be established. */
    CLOSED("closed");

    private final String value;

    RTCDataChannelState(String value) {
        this.value = value;
    }

    /** The W3C string, such as {@code "connecting"}. */
    public String value() {
        return value;
    }

    /**
     * The {@code RTCDataChannelState} named by a W3C string (case-sensitive, as WebIDL enums are).
     *
     * @throws IllegalArgumentException if {@code value} is not one of connecting, open, closing, closed (the W3C API throws a
     *     TypeError here)
     */
    public static RTCDataChannelState fromValue(String value) {
        if (value != null) {
            for (RTCDataChannelState v : values()) {
                if (v.value.equals(value)) {
                    return v;
                }
            }
        }
        throw new IllegalArgumentException("not an RTCDataChannelState: "
                + (value == null ? "null" : '"' + value + '"') + "; expected one of connecting, open, closing, closed");
    }

    /** The W3C string, as JavaScript would print it. */
    @Override
    public String toString() {
        return value;
    }
}
