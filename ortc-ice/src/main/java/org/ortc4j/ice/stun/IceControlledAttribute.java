package org.ortc4j.ice.stun;

/**
 * The sender's claim to the controlled role, with its tiebreaker (RFC 8445 §7.1.3, §16.1).
 *
 * <p>RFC 8445 §16.1: "The ICE-CONTROLLED attribute is present in a Binding request. The attribute
 * indicates that the ICE agent believes it is in the controlled role. The content of the attribute
 * is a 64-bit unsigned integer in network byte order, which contains a random number. The number
 * is used for solving role conflicts, when it is referred to as the 'tiebreaker value'."
 *
 * @param tieBreaker the 64 bits of the tiebreaker; compare with {@link Long#compareUnsigned}
 */
public record IceControlledAttribute(long tieBreaker) implements StunAttribute {

    @Override
    public StunAttributeType type() {
        return StunAttributeType.ICE_CONTROLLED;
    }

    @Override
    public byte[] encodeValue(byte[] transactionId) {
        return AttributeValue.u64Bytes(tieBreaker);
    }

    static IceControlledAttribute decode(AttributeValue value) {
        value.requireLength(8);
        return new IceControlledAttribute(value.u64(0));
    }

    @Override
    public String toString() {
        return "ICE-CONTROLLED[" + Long.toUnsignedString(tieBreaker) + "]";
    }
}
