package org.ortc4j.ice.stun;

/**
 * The priority a peer-reflexive candidate learned from this check would get (RFC 8445 §7.1.1,
 * §16.1).
 *
 * <p>RFC 8445 §16.1: "The PRIORITY attribute indicates the priority that is to be associated with
 * a peer-reflexive candidate, if one will be discovered by this check. It is a 32-bit unsigned
 * integer".
 *
 * @param priority 0 to 2^32-1
 */
public record PriorityAttribute(long priority) implements StunAttribute {

    /**
     * @throws IllegalArgumentException if {@code priority} is not a 32-bit unsigned value
     */
    public PriorityAttribute {
        if (priority < 0 || priority > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("PRIORITY " + priority + " is not a 32-bit unsigned value");
        }
    }

    @Override
    public StunAttributeType type() {
        return StunAttributeType.PRIORITY;
    }

    @Override
    public byte[] encodeValue(byte[] transactionId) {
        return AttributeValue.u32Bytes(priority);
    }

    static PriorityAttribute decode(AttributeValue value) {
        value.requireLength(4);
        return new PriorityAttribute(value.u32(0));
    }
}
