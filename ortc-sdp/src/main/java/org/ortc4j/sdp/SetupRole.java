package org.ortc4j.sdp;

/**
 * The value of {@code a=setup} (RFC 4145 §4, for DTLS RFC 8842 §5): which end starts the
 * DTLS handshake.
 */
public enum SetupRole {
    /** This endpoint initiates the connection (the DTLS client). */
    ACTIVE("active"),
    /** This endpoint accepts the connection (the DTLS server). */
    PASSIVE("passive"),
    /** Either; an offer says this and the answer chooses (RFC 8842 §5.2). */
    ACTPASS("actpass"),
    /** No connection for now. */
    HOLDCONN("holdconn");

    private final String value;

    SetupRole(String value) {
        this.value = value;
    }

    /** The value as written in SDP. */
    public String value() {
        return value;
    }

    /** The role written {@code value}, or {@code null} if {@code value} is not one. */
    public static SetupRole fromValue(String value) {
        for (SetupRole role : values()) {
            if (role.value.equals(value)) {
                return role;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return value;
    }
}
