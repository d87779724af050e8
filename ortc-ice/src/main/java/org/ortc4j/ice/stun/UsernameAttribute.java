package org.ortc4j.ice.stun;

/**
 * The username of the message-integrity credentials (RFC 8489 §14.3).
 *
 * <p>RFC 8489 §14.3: "The value of USERNAME is a variable-length value containing the
 * authentication username. It MUST contain a UTF-8-encoded [RFC3629] sequence of fewer than 509
 * bytes and MUST have been processed using the OpaqueString profile [RFC8265]. A compliant
 * implementation MUST be able to parse a UTF-8-encoded sequence of 763 or fewer octets to be
 * compatible with [RFC5389]."
 *
 * <p>The decoder accepts strict UTF-8 of up to 763 bytes and so does this constructor, so that
 * whatever decodes also encodes; the 509-byte and 128-character limits for senders are the
 * caller's to keep.
 *
 * @param username the username, already prepared (no OpaqueString processing is done here)
 */
public record UsernameAttribute(String username) implements StunAttribute {

    /**
     * @throws NullPointerException if {@code username} is null
     * @throws IllegalArgumentException if it is longer than 763 bytes of UTF-8 or has an unpaired
     *     surrogate
     */
    public UsernameAttribute {
        StunText.encode(username, StunText.MAX_BYTES, StunAttributeType.USERNAME);
    }

    @Override
    public StunAttributeType type() {
        return StunAttributeType.USERNAME;
    }

    @Override
    public byte[] encodeValue(byte[] transactionId) {
        return StunText.encode(username, StunText.MAX_BYTES, StunAttributeType.USERNAME);
    }

    static UsernameAttribute decode(AttributeValue value) {
        return new UsernameAttribute(value.utf8(0, StunText.MAX_BYTES));
    }
}
