package org.ortc4j.ice.stun;

/**
 * The error code and reason phrase of an error response (RFC 8489 §14.8).
 *
 * <p>RFC 8489 §14.8: "It contains a numeric error code value in the range of 300 to 699 plus a
 * textual reason phrase encoded in UTF-8 [RFC3629] [...] The reason phrase MUST be a UTF-8-encoded
 * [RFC3629] sequence of fewer than 128 characters (which can be as long as 509 bytes when encoding
 * them or 763 bytes when decoding them)." The wire format is 21 reserved bits, a 3-bit Class and
 * an 8-bit Number, then the reason phrase.
 *
 * @param code the error code, 300 to 699
 * @param reasonPhrase the reason phrase, possibly empty
 */
public record ErrorCodeAttribute(int code, String reasonPhrase) implements StunAttribute {

    /** 300 Try Alternate (RFC 8489 §14.8). */
    public static final int TRY_ALTERNATE = 300;
    /** 400 Bad Request (RFC 8489 §14.8). */
    public static final int BAD_REQUEST = 400;
    /** 401 Unauthenticated (RFC 8489 §14.8). */
    public static final int UNAUTHENTICATED = 401;
    /** 403 Forbidden (RFC 8656 §19). */
    public static final int FORBIDDEN = 403;
    /** 420 Unknown Attribute (RFC 8489 §14.8). */
    public static final int UNKNOWN_ATTRIBUTE = 420;
    /** 437 Allocation Mismatch (RFC 8656 §19). */
    public static final int ALLOCATION_MISMATCH = 437;
    /** 438 Stale Nonce (RFC 8489 §14.8). */
    public static final int STALE_NONCE = 438;
    /** 440 Address Family not Supported (RFC 8656 §19). */
    public static final int ADDRESS_FAMILY_NOT_SUPPORTED = 440;
    /** 441 Wrong Credentials (RFC 8656 §19). */
    public static final int WRONG_CREDENTIALS = 441;
    /** 442 Unsupported Transport Protocol (RFC 8656 §19). */
    public static final int UNSUPPORTED_TRANSPORT_PROTOCOL = 442;
    /** 443 Peer Address Family Mismatch (RFC 8656 §19). */
    public static final int PEER_ADDRESS_FAMILY_MISMATCH = 443;
    /** 486 Allocation Quota Reached (RFC 8656 §19). */
    public static final int ALLOCATION_QUOTA_REACHED = 486;
    /** 487 Role Conflict (RFC 8445 §16.2). */
    public static final int ROLE_CONFLICT = 487;
    /** 500 Server Error (RFC 8489 §14.8). */
    public static final int SERVER_ERROR = 500;
    /** 508 Insufficient Capacity (RFC 8656 §19). */
    public static final int INSUFFICIENT_CAPACITY = 508;

    /**
     * @throws IllegalArgumentException if {@code code} is not 300 to 699, or the reason phrase is
     *     longer than 763 bytes of UTF-8
     */
    public ErrorCodeAttribute {
        checkCode(code, StunAttributeType.ERROR_CODE);
        StunText.encode(reasonPhrase, StunText.MAX_BYTES, StunAttributeType.ERROR_CODE);
    }

    static void checkCode(int code, StunAttributeType type) {
        if (code < 300 || code > 699) {
            throw new IllegalArgumentException(type + ": error code " + code + " is not 300 to 699");
        }
    }

    @Override
    public StunAttributeType type() {
        return StunAttributeType.ERROR_CODE;
    }

    /** The hundreds digit of the code, 3 to 6. */
    public int errorClass() {
        return code / 100;
    }

    /** The code modulo 100. */
    public int number() {
        return code % 100;
    }

    @Override
    public byte[] encodeValue(byte[] transactionId) {
        return encode(0, code, reasonPhrase, StunAttributeType.ERROR_CODE);
    }

    static byte[] encode(int firstByte, int code, String reasonPhrase, StunAttributeType type) {
        byte[] reason = StunText.encode(reasonPhrase, StunText.MAX_BYTES, type);
        byte[] out = new byte[4 + reason.length];
        out[0] = (byte) firstByte;
        out[2] = (byte) (code / 100);
        out[3] = (byte) (code % 100);
        System.arraycopy(reason, 0, out, 4, reason.length);
        return out;
    }

    static ErrorCodeAttribute decode(AttributeValue value) {
        return new ErrorCodeAttribute(decodeCode(value), value.utf8(4, StunText.MAX_BYTES));
    }

    static int decodeCode(AttributeValue value) {
        if (value.length() < 4) {
            throw value.error("value is " + value.length() + " bytes, too short for an error code");
        }
        // RFC 8489 §14.8: "The Reserved bits SHOULD be 0 and are for alignment on 32-bit
        // boundaries. Receivers MUST ignore these bits. The Class represents the hundreds digit of
        // the error code. The value MUST be between 3 and 6. The Number represents the binary
        // encoding of the error code modulo 100, and its value MUST be between 0 and 99."
        int errorClass = value.u8(2) & 0x07;
        int number = value.u8(3);
        if (errorClass < 3 || errorClass > 6) {
            throw value.error("error class " + errorClass + " is not 3 to 6");
        }
        if (number > 99) {
            throw value.error("error number " + number + " is not 0 to 99");
        }
        return errorClass * 100 + number;
    }

    @Override
    public String toString() {
        return "ERROR-CODE[" + code + " " + reasonPhrase + "]";
    }
}
