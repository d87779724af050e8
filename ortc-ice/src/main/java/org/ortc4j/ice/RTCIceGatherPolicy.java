package org.ortc4j.ice;

/**
 * Which candidates a gatherer gathers (ORTC enum {@code RTCIceGatherPolicy}, §3.3; the W3C
 * WebRTC {@code RTCIceTransportPolicy} has the same two values).
 */
public enum RTCIceGatherPolicy {
    /** Every candidate type. */
    ALL("all"),

    /** Only relayed (TURN) candidates, which hide the host's addresses. */
    RELAY("relay");

    private final String value;

    RTCIceGatherPolicy(String value) {
        this.value = value;
    }

    /** The W3C string, such as {@code "all"}. */
    public String value() {
        return value;
    }

    /**
     * The {@code RTCIceGatherPolicy} named by a W3C string (case-sensitive, as WebIDL enums are).
     *
     * @throws IllegalArgumentException if {@code value} is not one of all, relay (the W3C API
     *     throws a TypeError here)
     */
    public static RTCIceGatherPolicy fromValue(String value) {
        if (value != null) {
            for (RTCIceGatherPolicy v : values()) {
                if (v.value.equals(value)) {
                    return v;
                }
            }
        }
        throw new IllegalArgumentException("not an RTCIceGatherPolicy: "
                + (value == null ? "null" : '"' + value + '"') + "; expected one of all, relay");
    }

    /** The W3C string, as JavaScript would print it. */
    @Override
    public String toString() {
        return value;
    }
}
