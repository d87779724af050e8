package org.ortc4j.ice;

/**
 * How an {@link RTCIceServer}'s credential is used when a TURN server asks for authorization
 * (W3C WebRTC 1.0 Recommendation of 2021, §4.2.2 {@code RTCIceCredentialType}).
 *
 * <p>The W3C editor's draft dropped this enum in 2022 because {@code "password"} was its only
 * value; aiortc, whose API ortc4j mirrors, still has {@code credentialType}, so ortc4j keeps it.
 */
public enum RTCIceCredentialType {
    /**
     * The credential is the password of a long-term username and password (RFC 8489 §9.2, the
     * long-term credential mechanism; RFC 5389 §10.2 in the W3C text).
     */
    PASSWORD("password");

    private final String value;

    RTCIceCredentialType(String value) {
        this.value = value;
    }

    /** The W3C string: {@code "password"}. */
    public String value() {
        return value;
    }

    /**
     * The credential type named by a W3C string.
     *
     * @throws IllegalArgumentException if {@code value} is not {@code "password"} (the W3C API
     *     throws a TypeError here)
     */
    public static RTCIceCredentialType fromValue(String value) {
        if (value != null) {
            for (RTCIceCredentialType type : values()) {
                if (type.value.equals(value)) {
                    return type;
                }
            }
        }
        throw new IllegalArgumentException("not an RTCIceCredentialType: "
                + (value == null ? "null" : '"' + value + '"') + "; expected password");
    }

    /** The W3C string, as JavaScript would print it. */
    @Override
    public String toString() {
        return value;
    }
}
