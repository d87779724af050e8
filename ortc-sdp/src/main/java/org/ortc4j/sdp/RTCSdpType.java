package org.ortc4j.sdp;

/**
 * The type of a session description (W3C WebRTC §4.7.1 {@code RTCSdpType}; JSEP RFC 9429 §4.1.8).
 */
public enum RTCSdpType {
    /** A description that proposes a session; the first step of offer/answer. */
    OFFER("offer"),
    /** A provisional answer: final codecs may still change (JSEP §4.1.10.1). */
    PRANSWER("pranswer"),
    /** The final answer, which completes an offer/answer exchange. */
    ANSWER("answer"),
    /** Cancels the current offer or pranswer and returns to the last stable state. Carries no SDP. */
    ROLLBACK("rollback");

    private final String value;

    RTCSdpType(String value) {
        this.value = value;
    }

    /** The W3C string: {@code "offer"}, {@code "pranswer"}, {@code "answer"} or {@code "rollback"}. */
    public String value() {
        return value;
    }

    /**
     * The type named by a W3C string.
     *
     * @throws IllegalArgumentException if {@code value} is not one of the four W3C strings
     *     (the W3C API throws a TypeError here)
     */
    public static RTCSdpType fromValue(String value) {
        if (value != null) {
            for (RTCSdpType type : values()) {
                if (type.value.equals(value)) {
                    return type;
                }
            }
        }
        throw new IllegalArgumentException("not an RTCSdpType: " + (value == null ? "null"
                : '"' + value + '"') + "; expected offer, pranswer, answer or rollback");
    }

    /** The W3C string, as JavaScript would print it. */
    @Override
    public String toString() {
        return value;
    }
}
