package org.ortc4j.ice;

/**
 * The transport protocol of an ICE candidate (W3C WebRTC enum {@code RTCIceProtocol};
 * RFC 8839 §5.1 {@code transport}, RFC 6544 for TCP).
 */
public enum RTCIceProtocol {
    /** UDP (RFC 8445). */
    UDP("udp"),

    /** TCP (RFC 6544). */
    TCP("tcp");

    private final String value;

    RTCIceProtocol(String value) {
        this.value = value;
    }

    /** The W3C string, such as {@code "udp"}. */
    public String value() {
        return value;
    }

    /**
     * The {@code RTCIceProtocol} named by a W3C string (case-sensitive, as WebIDL enums are).
     *
     * @throws IllegalArgumentException if {@code value} is not one of udp, tcp (the W3C API
     *     throws a TypeError here)
     */
    public static RTCIceProtocol fromValue(String value) {
        if (value != null) {
            for (RTCIceProtocol v : values()) {
                if (v.value.equals(value)) {
                    return v;
                }
            }
        }
        throw new IllegalArgumentException("not an RTCIceProtocol: "
                + (value == null ? "null" : '"' + value + '"') + "; expected one of udp, tcp");
    }

    /** The W3C string, as JavaScript would print it. */
    @Override
    public String toString() {
        return value;
    }
}
