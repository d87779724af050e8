package org.ortc4j.ice;

/**
 * The type of an ICE candidate (W3C WebRTC enum {@code RTCIceCandidateType}; RFC 8445 §5.1.1,
 * RFC 8839 §5.1 {@code cand-type}), with the type preference RFC 8445 §5.1.2.2 recommends.
 */
public enum RTCIceCandidateType {
    /** A host candidate: an address on a local interface (RFC 8445 §5.1.1.1). */
    HOST("host", 126),

    /** A server-reflexive candidate: the address a STUN server saw (RFC 8445 §5.1.1.2). */
    SRFLX("srflx", 100),

    /** A peer-reflexive candidate: an address learned from a connectivity check (RFC 8445 §7.2.5.3.1). */
    PRFLX("prflx", 110),

    /** A relayed candidate: an address on a TURN server (RFC 8445 §5.1.1.2, RFC 8656). */
    RELAY("relay", 0);

    private final String value;
    private final int typePreference;

    RTCIceCandidateType(String value, int typePreference) {
        this.value = value;
        this.typePreference = typePreference;
    }

    /** The W3C string, such as {@code "host"}. */
    public String value() {
        return value;
    }

    /**
     * The type preference RFC 8445 §5.1.2.2 recommends: "The RECOMMENDED values for type
     * preferences are 126 for host candidates, 110 for peer-reflexive candidates, 100 for
     * server-reflexive candidates, and 0 for relayed candidates."
     */
    public int recommendedTypePreference() {
        return typePreference;
    }

    /**
     * The {@code RTCIceCandidateType} named by a W3C string (case-sensitive, as WebIDL enums are).
     *
     * @throws IllegalArgumentException if {@code value} is not one of host, srflx, prflx, relay (the W3C API
     *     throws a TypeError here)
     */
    public static RTCIceCandidateType fromValue(String value) {
        if (value != null) {
            for (RTCIceCandidateType v : values()) {
                if (v.value.equals(value)) {
                    return v;
                }
            }
        }
        throw new IllegalArgumentException("not an RTCIceCandidateType: "
                + (value == null ? "null" : '"' + value + '"') + "; expected one of host, srflx, prflx, relay");
    }

    /** The W3C string, as JavaScript would print it. */
    @Override
    public String toString() {
        return value;
    }
}
