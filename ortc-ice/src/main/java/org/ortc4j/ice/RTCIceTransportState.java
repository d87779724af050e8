package org.ortc4j.ice;

/**
 * The state of an ICE transport (W3C WebRTC enum {@code RTCIceTransportState}, §5.6).
 *
 * <p>{@code checking} while no pair has succeeded; {@code connected} once a usable pair is found
 * (checks may go on); {@code completed} when checks are done and a pair is selected;
 * {@code disconnected} when the selected pair stops answering (liveness) but may come back;
 * {@code failed} when every pair failed or consent expired (RFC 7675), which only an ICE restart
 * leaves; {@code closed} after {@code stop()}.
 */
public enum RTCIceTransportState {
    /** Not started, or started with no remote candidates yet. */
    NEW("new"),

    /** Checks are running; no pair has succeeded. */
    CHECKING("checking"),

    /** A usable pair was found. */
    CONNECTED("connected"),

    /** Checks are finished and a pair is selected. */
    COMPLETED("completed"),

    /** The selected pair lost liveness; it may recover. */
    DISCONNECTED("disconnected"),

    /** No pair works, or consent expired; only a restart helps. */
    FAILED("failed"),

    /** Stopped; it sends and receives nothing more. */
    CLOSED("closed");

    private final String value;

    RTCIceTransportState(String value) {
        this.value = value;
    }

    /** The W3C string, such as {@code "new"}. */
    public String value() {
        return value;
    }

    /**
     * The {@code RTCIceTransportState} named by a W3C string (case-sensitive, as WebIDL enums are).
     *
     * @throws IllegalArgumentException if {@code value} is not one of new, checking, connected, completed, disconnected, failed, closed (the W3C API
     *     throws a TypeError here)
     */
    public static RTCIceTransportState fromValue(String value) {
        if (value != null) {
            for (RTCIceTransportState v : values()) {
                if (v.value.equals(value)) {
                    return v;
                }
            }
        }
        throw new IllegalArgumentException("not an RTCIceTransportState: "
                + (value == null ? "null" : '"' + value + '"') + "; expected one of new, checking, connected, completed, disconnected, failed, closed");
    }

    /** The W3C string, as JavaScript would print it. */
    @Override
    public String toString() {
        return value;
    }
}
