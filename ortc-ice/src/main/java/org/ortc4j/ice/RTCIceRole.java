package org.ortc4j.ice;

/**
 * The ICE role of a transport (W3C WebRTC enum {@code RTCIceRole}, §5.6; RFC 8445 §6.1.1).
 *
 * <p>{@code unknown} until the role is chosen (by {@code start}, or by the peer's role in a role
 * conflict, RFC 8445 §7.3.1.1).
 */
public enum RTCIceRole {
    /** Not yet decided. */
    UNKNOWN("unknown"),

    /** The agent that nominates the pair. */
    CONTROLLING("controlling"),

    /** The agent that follows the peer's nomination. */
    CONTROLLED("controlled");

    private final String value;

    RTCIceRole(String value) {
        this.value = value;
    }

    /** The W3C string, such as {@code "unknown"}. */
    public String value() {
        return value;
    }

    /**
     * The {@code RTCIceRole} named by a W3C string (case-sensitive, as WebIDL enums are).
     *
     * @throws IllegalArgumentException if {@code value} is not one of unknown, controlling, controlled (the W3C API
     *     throws a TypeError here)
     */
    public static RTCIceRole fromValue(String value) {
        if (value != null) {
            for (RTCIceRole v : values()) {
                if (v.value.equals(value)) {
                    return v;
                }
            }
        }
        throw new IllegalArgumentException("not an RTCIceRole: "
                + (value == null ? "null" : '"' + value + '"') + "; expected one of unknown, controlling, controlled");
    }

    /** The W3C string, as JavaScript would print it. */
    @Override
    public String toString() {
        return value;
    }
}
