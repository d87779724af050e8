package org.ortc4j.ice.stun;

/**
 * The lifetime of a TURN allocation, in seconds (RFC 8656 §18.2).
 *
 * <p>RFC 8656 §18.2: "The LIFETIME attribute represents the duration for which the server will
 * maintain an allocation in the absence of a refresh. [...] The value portion of this attribute
 * is 4 bytes long and consists of a 32-bit unsigned integral value representing the number of
 * seconds remaining until expiration."
 *
 * @param seconds 0 to 2^32-1
 */
public record LifetimeAttribute(long seconds) implements StunAttribute {

    /**
     * @throws IllegalArgumentException if {@code seconds} is not a 32-bit unsigned value
     */
    public LifetimeAttribute {
        if (seconds < 0 || seconds > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("LIFETIME " + seconds + " is not a 32-bit unsigned value");
        }
    }

    @Override
    public StunAttributeType type() {
        return StunAttributeType.LIFETIME;
    }

    @Override
    public byte[] encodeValue(byte[] transactionId) {
        return AttributeValue.u32Bytes(seconds);
    }

    static LifetimeAttribute decode(AttributeValue value) {
        value.requireLength(4);
        return new LifetimeAttribute(value.u32(0));
    }
}
