package org.ortc4j.sctp;

/**
 * The state of an SCTP transport (W3C WebRTC enum {@code RTCSctpTransportState}, §6.1.2).
 */
public enum RTCSctpTransportState {
    /** The association is being set up (or waits for DTLS). */
    CONNECTING("connecting"),

    /** The association is established. */
    CONNECTED("connected"),

    /** The association is closed (shut down, aborted, stopped, or the DTLS transport ended). */
    CLOSED("closed");

    private final String value;

    RTCSctpTransportState(String value) {
        this.value = value;
    }

    /** The W3C string, such as {@code "connecting"}. */
    public String value() {
        return value;
    }

    /**
     * The {@code RTCSctpTransportState} named by a W3C string (case-sensitive, as WebIDL enums are).
     *
     * @throws IllegalArgumentException if {@code value} is not one of connecting, connected, closed
     */
    public static RTCSctpTransportState fromValue(String value) {
        if (value != null) {
            for (RTCSctpTransportState v : values()) {
                if (v.value.equals(value)) {
                    return v;
                }
            }
        }
        throw new IllegalArgumentException("not an RTCSctpTransportState: "
                + (value == null ? "null" : '"' + value + '"') + "; expected one of connecting, connected, closed");
    }

    /** The W3C string, as JavaScript would print it. */
    @Override
    public String toString() {
        return value;
    }
}
