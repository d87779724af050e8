package org.ortc4j.ice.stun;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The HMAC-SHA256 of the message up to this attribute, possibly truncated (RFC 8489 §14.6).
 *
 * <p>RFC 8489 §14.6: "The MESSAGE-INTEGRITY-SHA256 attribute contains an initial portion of the
 * HMAC-SHA-256 [RFC2104] of the STUN message. The value will be at most 32 bytes, but it MUST be
 * at least 16 bytes and MUST be a multiple of 4 bytes."
 *
 * <p>Compute and check it with
 * {@link StunMessage.Builder#messageIntegritySha256(MessageIntegrityKey)} and
 * {@link StunMessage#verifyMessageIntegritySha256(MessageIntegrityKey)}.
 *
 * @param hmac 16, 20, 24, 28 or 32 bytes of the HMAC; the accessor returns a copy
 */
public record MessageIntegritySha256Attribute(byte[] hmac) implements StunAttribute {

    /** The length of an untruncated value: 32 bytes. */
    public static final int LENGTH = 32;

    /**
     * @throws IllegalArgumentException if {@code hmac} is not 16 to 32 bytes in steps of 4
     */
    public MessageIntegritySha256Attribute {
        Objects.requireNonNull(hmac, "hmac");
        if (!validLength(hmac.length)) {
            throw new IllegalArgumentException("MESSAGE-INTEGRITY-SHA256 is 16 to 32 bytes in steps of 4, not " + hmac.length);
        }
        hmac = hmac.clone();
    }

    private static boolean validLength(int length) {
        return length >= 16 && length <= LENGTH && length % 4 == 0;
    }

    /** A copy of the HMAC bytes. */
    @Override
    public byte[] hmac() {
        return hmac.clone();
    }

    @Override
    public StunAttributeType type() {
        return StunAttributeType.MESSAGE_INTEGRITY_SHA256;
    }

    @Override
    public byte[] encodeValue(byte[] transactionId) {
        return hmac.clone();
    }

    static MessageIntegritySha256Attribute decode(AttributeValue value) {
        if (!validLength(value.length())) {
            throw value.error("value is " + value.length() + " bytes, expected 16 to 32 in steps of 4");
        }
        return new MessageIntegritySha256Attribute(value.all());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MessageIntegritySha256Attribute && Arrays.equals(((MessageIntegritySha256Attribute) o).hmac, hmac);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(hmac);
    }

    @Override
    public String toString() {
        return "MESSAGE-INTEGRITY-SHA256[" + HexFormat.of().formatHex(hmac) + "]";
    }
}
