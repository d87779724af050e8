package org.ortc4j.ice.stun;

/**
 * The nonce a server hands out for long-term credentials (RFC 8489 §14.10).
 *
 * <p>RFC 8489 §14.10: "The NONCE attribute MUST be fewer than 128 characters (which can be as long
 * as 509 bytes when encoding them and a long as 763 bytes when decoding them)."
 *
 * <p>The decoder accepts strict UTF-8 of up to 763 bytes and so does this constructor, so that
 * whatever decodes also encodes; the 509-byte and 128-character limits for senders are the
 * caller's to keep.
 *
 * @param nonce the nonce, as the server sent it (a nonce cookie, RFC 8489 §9.2, is part of the
 * text)
 */
public record NonceAttribute(String nonce) implements StunAttribute {

    /**
     * @throws NullPointerException if {@code nonce} is null
     * @throws IllegalArgumentException if it is longer than 763 bytes of UTF-8 or has an unpaired
     *     surrogate
     */
    public NonceAttribute {
        StunText.encode(nonce, StunText.MAX_BYTES, StunAttributeType.NONCE);
    }

    @Override
    public StunAttributeType type() {
        return StunAttributeType.NONCE;
    }

    @Override
    public byte[] encodeValue(byte[] transactionId) {
        return StunText.encode(nonce, StunText.MAX_BYTES, StunAttributeType.NONCE);
    }

    static NonceAttribute decode(AttributeValue value) {
        return new NonceAttribute(value.utf8(0, StunText.MAX_BYTES));
    }
}
