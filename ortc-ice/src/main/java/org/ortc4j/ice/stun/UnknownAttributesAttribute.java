package org.ortc4j.ice.stun;

import java.util.ArrayList;
import java.util.List;

/**
 * The attribute types a server did not understand, in a 420 error response (RFC 8489 §14.13).
 *
 * <p>RFC 8489 §14.13: "The attribute contains a list of 16-bit values, each of which represents an
 * attribute type that was not understood by the server." ... "In [RFC3489], this field was padded
 * to 32 by duplicating the last attribute. In this version of the specification, the normal
 * padding rules for attributes are used instead."
 *
 * @param types the types, in order; an unmodifiable copy
 */
public record UnknownAttributesAttribute(List<StunAttributeType> types) implements StunAttribute {

    /**
     * @throws NullPointerException if {@code types} or one of its elements is null
     * @throws IllegalArgumentException if the list is too long for an attribute
     */
    public UnknownAttributesAttribute {
        types = List.copyOf(types);
        if (types.size() > 0xFFFF / 2) {
            throw new IllegalArgumentException("UNKNOWN-ATTRIBUTES: " + types.size() + " types do not fit in an attribute");
        }
    }

    @Override
    public StunAttributeType type() {
        return StunAttributeType.UNKNOWN_ATTRIBUTES;
    }

    @Override
    public byte[] encodeValue(byte[] transactionId) {
        byte[] out = new byte[2 * types.size()];
        for (int i = 0; i < types.size(); i++) {
            out[2 * i] = (byte) (types.get(i).code() >> 8);
            out[2 * i + 1] = (byte) types.get(i).code();
        }
        return out;
    }

    static UnknownAttributesAttribute decode(AttributeValue value) {
        if (value.length() % 2 != 0) {
            throw value.error("value is " + value.length() + " bytes, not a list of 16-bit types");
        }
        List<StunAttributeType> types = new ArrayList<>(value.length() / 2);
        for (int i = 0; i < value.length(); i += 2) {
            types.add(StunAttributeType.valueOf(value.u16(i)));
        }
        return new UnknownAttributesAttribute(types);
    }
}
