package org.ortc4j.ice.stun;

/**
 * The realm of long-term credentials (RFC 8489 §14.9).
 *
 * <p>RFC 8489 §14.9: "It MUST be a UTF-8-encoded [RFC3629] sequence of fewer than 128 characters
 * (which can be as long as 509 bytes when encoding them and as long as 763 bytes when decoding
 * them) and MUST have been processed using the OpaqueString profile [RFC8265]." Its presence in a
 * request "indicates that long-term credentials are being used for authentication".
 *
 * <p>The decoder accepts strict UTF-8 of up to 763 bytes and so does this constructor, so that
 * whatever decodes also encodes; the 509-byte and 128-character limits for senders are the
 * caller's to keep.
 *
 * @param realm the realm, without the quotes of the SIP realm-value grammar
 */
public record RealmAttribute(String realm) implements StunAttribute {

    /**
     * @throws NullPointerException if {@code realm} is null
     * @throws IllegalArgumentException if it is longer than 763 bytes of UTF-8 or has an unpaired
     *     surrogate
     */
    public RealmAttribute {
        StunText.encode(realm, StunText.MAX_BYTES, StunAttributeType.REALM);
    }

    @Override
    public StunAttributeType type() {
        return StunAttributeType.REALM;
    }

    @Override
    public byte[] encodeValue(byte[] transactionId) {
        return StunText.encode(realm, StunText.MAX_BYTES, StunAttributeType.REALM);
    }

    static RealmAttribute decode(AttributeValue value) {
        return new RealmAttribute(value.utf8(0, StunText.MAX_BYTES));
    }
}
