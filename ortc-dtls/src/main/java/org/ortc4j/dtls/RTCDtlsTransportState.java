package org.ortc4j.dtls;

/**
 * The state of a DTLS transport (W3C WebRTC enum {@code RTCDtlsTransportState}, §5.5).
 */
public enum RTCDtlsTransportState {
    /** Not started. */
    NEW("new"),

    /** The handshake is under way. */
    CONNECTING("connecting"),

    /** The handshake is done and the peer's fingerprint matched. */
    CONNECTED("connected"),

    /** Closed by either side with close_notify, or stopped. */
    CLOSED("closed"),

    /** A fatal alert, a failed handshake, a fingerprint mismatch or the ICE transport failed. */
    FAILED("failed");

    private final String value;

    RTCDtlsTransportState(String value) {
        this.value = value;
    }

    /** The W3C string, such as {@code "new"}. */
    public String value() {
        return value;
    }

    /**
     * The {@code RTCDtlsTransportState} named by a W3C string (case-sensitive, as WebIDL enums are).
     *
     * @throws IllegalArgumentException if {@code value} is not one of new, connecting, connected, closed, failed
     */
    public static RTCDtlsTransportState fromValue(String value) {
        if (value != null) {
            for (RTCDtlsTransportState v : values()) {
                if (v.value.equals(value)) {
                    return v;
                }
            }
        }
        throw new IllegalArgumentException("not an RTCDtlsTransportState: "
                + (value == null ? "null" : '"' + value + '"') + "; expected one of new, connecting, connected, closed, failed");
    }

    /** The W3C string, as JavaScript would print it. */
    @Override
    public String toString() {
        return value;
    }
}
