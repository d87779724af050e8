package org.ortc4j.dtls;

/**
 * The DTLS role of a transport (ORTC enum {@code RTCDtlsRole}, §5.5).
 *
 * <p>{@code auto} decides by the ICE role (RFC 8842 §5.3 with ORTC's rule): the ICE controlling
 * side is the DTLS client, as aiortc and ORTC do.
 */
public enum RTCDtlsRole {
    /** The role follows the ICE role: controlling is client. */
    AUTO("auto"),

    /** This side sends the ClientHello (SDP setup:active). */
    CLIENT("client"),

    /** This side waits for the ClientHello (SDP setup:passive). */
    SERVER("server");

    private final String value;

    RTCDtlsRole(String value) {
        this.value = value;
    }

    /** The W3C string, such as {@code "auto"}. */
    public String value() {
        return value;
    }

    /**
     * The {@code RTCDtlsRole} named by a W3C string (case-sensitive, as WebIDL enums are).
     *
     * @throws IllegalArgumentException if {@code value} is not one of auto, client, server
     */
    public static RTCDtlsRole fromValue(String value) {
        if (value != null) {
            for (RTCDtlsRole v : values()) {
                if (v.value.equals(value)) {
                    return v;
                }
            }
        }
        throw new IllegalArgumentException("not an RTCDtlsRole: "
                + (value == null ? "null" : '"' + value + '"') + "; expected one of auto, client, server");
    }

    /** The W3C string, as JavaScript would print it. */
    @Override
    public String toString() {
        return value;
    }
}
