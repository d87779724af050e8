package org.ortc4j.ice.stun;

/**
 * The class of a STUN message, the two C bits of the message type (RFC 8489 §5).
 *
 * <p>RFC 8489 §5: "A class of 0b00 is a request, a class of 0b01 is an indication, a class of
 * 0b10 is a success response, and a class of 0b11 is an error response." Two bits hold exactly
 * these four, so this is a closed enum.
 */
public enum StunMessageClass {
    /** {@code 0b00}. */
    REQUEST(0b00),
    /** {@code 0b01}. */
    INDICATION(0b01),
    /** {@code 0b10}. */
    SUCCESS_RESPONSE(0b10),
    /** {@code 0b11}. */
    ERROR_RESPONSE(0b11);

    private static final StunMessageClass[] BY_CODE = {REQUEST, INDICATION, SUCCESS_RESPONSE, ERROR_RESPONSE};

    private final int code;

    StunMessageClass(int code) {
        this.code = code;
    }

    /** The two-bit code, C1 C0. */
    public int code() {
        return code;
    }

    /** Whether this is a success or an error response. */
    public boolean isResponse() {
        return this == SUCCESS_RESPONSE || this == ERROR_RESPONSE;
    }

    /**
     * The class with the given two-bit code.
     *
     * @throws IllegalArgumentException if {@code code} is not 0 to 3
     */
    public static StunMessageClass valueOf(int code) {
        if (code < 0 || code > 3) {
            throw new IllegalArgumentException("STUN message class " + code + " is not 0 to 3");
        }
        return BY_CODE[code];
    }
}
