package org.ortc4j.rtp;

/** The direction of a transceiver (W3C WebRTC §5.4.1 {@code RTCRtpTransceiverDirection}). */
public enum RTCRtpTransceiverDirection {
    /** Sends and receives. */
    SENDRECV("sendrecv"),
    /** Sends only. */
    SENDONLY("sendonly"),
    /** Receives only. */
    RECVONLY("recvonly"),
    /** Neither sends nor receives. */
    INACTIVE("inactive"),
    /** Stopped for good; never negotiated again. */
    STOPPED("stopped");

    private final String value;

    RTCRtpTransceiverDirection(String value) {
        this.value = value;
    }

    /** The W3C string, such as {@code "sendrecv"}. */
    public String value() {
        return value;
    }

    /** Whether this direction sends. */
    public boolean sends() {
        return this == SENDRECV || this == SENDONLY;
    }

    /** Whether this direction receives. */
    public boolean receives() {
        return this == SENDRECV || this == RECVONLY;
    }

    /** The direction that sends when {@code send} and receives when {@code receive}. */
    public static RTCRtpTransceiverDirection of(boolean send, boolean receive) {
        if (send) {
            return receive ? SENDRECV : SENDONLY;
        }
        return receive ? RECVONLY : INACTIVE;
    }

    /**
     * The direction named by a W3C string (case-sensitive).
     *
     * @throws IllegalArgumentException if {@code value} names no direction (W3C: TypeError)
     */
    public static RTCRtpTransceiverDirection fromValue(String value) {
        if (value != null) {
            for (RTCRtpTransceiverDirection direction : values()) {
                if (direction.value.equals(value)) {
                    return direction;
                }
            }
        }
        throw new IllegalArgumentException("not an RTCRtpTransceiverDirection: " + value);
    }

    @Override
    public String toString() {
        return value;
    }
}
