package org.ortc4j.ice;

/**
 * The TCP type of a TCP ICE candidate (W3C WebRTC enum {@code RTCIceTcpCandidateType};
 * RFC 6544 §4.5 {@code tcptype}).
 */
public enum RTCIceTcpCandidateType {
    /** An active candidate: opens outbound connections, accepts none (RFC 6544 §4.5). */
    ACTIVE("active"),

    /** A passive candidate: accepts inbound connections, opens none (RFC 6544 §4.5). */
    PASSIVE("passive"),

    /** A simultaneous-open candidate: tries to open a connection at the same time as its peer (RFC 6544 §4.5). */
    SO("so");

    private final String value;

    RTCIceTcpCandidateType(String value) {
        this.value = value;
    }

    /** The W3C string, such as {@code "active"}. */
    public String value() {
        return value;
    }

    /**
     * The {@code RTCIceTcpCandidateType} named by a W3C string (case-sensitive, as WebIDL enums are).
     *
     * @throws IllegalArgumentException if {@code value} is not one of active, passive, so (the W3C API
     *     throws a TypeError here)
     */
    public static RTCIceTcpCandidateType fromValue(String value) {
        if (value != null) {
            for (RTCIceTcpCandidateType v : values()) {
                if (v.value.equals(value)) {
                    return v;
                }
            }
        }
        throw new IllegalArgumentException("not an RTCIceTcpCandidateType: "
                + (value == null ? "null" : '"' + value + '"') + "; expected one of active, passive, so");
    }

    /** The W3C string, as JavaScript would print it. */
    @Override
    public String toString() {
        return value;
    }
}
