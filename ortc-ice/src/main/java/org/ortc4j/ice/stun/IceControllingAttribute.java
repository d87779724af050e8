package org.ortc4j.ice.stun;

/**
 * The sender's claim to the controlling role, with its tiebreaker (RFC 8445 §7.1.3, §16.1).
 *
 * <p>RFC 8445 §16.1: "The ICE-CONTROLLING attribute is present in a Binding request. The attribute
 * indicates that the ICE agent believes it is in the controlling role. The content of the attribute
 * is a 64-bit unsigned integer in network byte order, which contains a random number. The number
 * is used for solving role conflicts, when it is referred to as the 'tiebreaker value'."
 *
 * @param tieBreaker the 64 bits of the tiebreaker; compare with {@link Long#compareUnsigned}
 */
public record IceControllingAttribute(long tieBreaker) implements StunAttribute {

    @Override
    public StunAttributeType type() {
        return StunAttributeType.ICE_CONTROLLING;
    }

    @Override
    public byte[] encodeValue(byte[] transactionId) {
        return AttributeValue.u64Bytes(tieBreaker);
    }

    static IceControllingAttribute decode(AttributeValue value) {
        value.requireLength(8);
        return new IceControllingAttribute(value.u64(0));
    }

    @Override
    public String toString() {
        return "ICE-CONTROLLING[" + Long.toUnsignedString(tieBreaker) + "]";
    }
}
