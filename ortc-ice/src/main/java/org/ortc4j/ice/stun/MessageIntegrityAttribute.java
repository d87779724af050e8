package org.ortc4j.ice.stun;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The HMAC-SHA1 of the message up to this attribute (RFC 8489 §14.5).
 *
 * <p>RFC 8489 §14.5: "The MESSAGE-INTEGRITY attribute contains an HMAC-SHA1 [RFC2104] of the
 * STUN message. The MESSAGE-INTEGRITY attribute can be present in any STUN message type. Since it
 * uses the SHA-1 hash, the HMAC will be 20 bytes."
 *
 * <p>Compute and check it with {@link StunMessage.Builder#messageIntegrity(MessageIntegrityKey)}
 * and {@link StunMessage#verifyMessageIntegrity(MessageIntegrityKey)}; this class only carries
 * the 20 bytes.
 *
 * @param hmac the 20-byte HMAC; the accessor returns a copy
 */
public record MessageIntegrityAttribute(byte[] hmac) implements StunAttribute {

    /** The length of the value: 20 bytes. */
    public static final int LENGTH = 20;

    /**
     * @throws IllegalArgumentException if {@code hmac} is not 20 bytes
     */
    public MessageIntegrityAttribute {
        Objects.requireNonNull(hmac, "hmac");
        if (hmac.length != LENGTH) {
            throw new IllegalArgumentException("MESSAGE-INTEGRITY is 20 bytes, not " + hmac.length);
        }
        hmac = hmac.clone();
    }

    /** A copy of the 20-byte HMAC. */
    @Override
    public byte[] hmac() {
        return hmac.clone();
    }

    @Override
    public StunAttributeType type() {
        return StunAttributeType.MESSAGE_INTEGRITY;
    }

    @Override
    public byte[] encodeValue(byte[] transactionId) {
        return hmac.clone();
    }

    static MessageIntegrityAttribute decode(AttributeValue value) {
        value.requireLength(LENGTH);
        return new MessageIntegrityAttribute(value.all());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MessageIntegrityAttribute && Arrays.equals(((MessageIntegrityAttribute) o).hmac, hmac);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(hmac);
    }

    @Override
    public String toString() {
        return "MESSAGE-INTEGRITY[" + HexFormat.of().formatHex(hmac) + "]";
    }
}
