package org.ortc4j.ice.stun;

/**
 * A description of the software that sent the message (RFC 8489 §14.14).
 *
 * <p>RFC 8489 §14.14: "The SOFTWARE attribute contains a textual description of the software being
 * used by the agent sending the message. [...] It MUST be a UTF-8-encoded [RFC3629] sequence of
 * fewer than 128 characters (which can be as long as 509 when encoding them and as long as 763
 * bytes when decoding them)."
 *
 * <p>The decoder accepts strict UTF-8 of up to 763 bytes and so does this constructor, so that
 * whatever decodes also encodes; the 509-byte and 128-character limits for senders are the
 * caller's to keep.
 *
 * @param software the description, for example {@code "ortc4j 0.1"}
 */
public record SoftwareAttribute(String software) implements StunAttribute {

    /**
     * @throws NullPointerException if {@code software} is null
     * @throws IllegalArgumentException if it is longer than 763 bytes of UTF-8 or has an unpaired
     *     surrogate
     */
    public SoftwareAttribute {
        StunText.encode(software, StunText.MAX_BYTES, StunAttributeType.SOFTWARE);
    }

    @Override
    public StunAttributeType type() {
        return StunAttributeType.SOFTWARE;
    }

    @Override
    public byte[] encodeValue(byte[] transactionId) {
        return StunText.encode(software, StunText.MAX_BYTES, StunAttributeType.SOFTWARE);
    }

    static SoftwareAttribute decode(AttributeValue value) {
        return new SoftwareAttribute(value.utf8(0, StunText.MAX_BYTES));
    }
}
