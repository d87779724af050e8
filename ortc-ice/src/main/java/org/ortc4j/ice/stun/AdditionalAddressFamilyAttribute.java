package org.ortc4j.ice.stun;

import java.util.Objects;

/**
 * The second address family of a dual-stack TURN allocation (RFC 8656 §18.11).
 *
 * <p>RFC 8656 §18.11: "This attribute is used by clients to request the allocation of an IPv4 and
 * IPv6 address type from a server. It is encoded in the same way as the REQUESTED-ADDRESS-FAMILY
 * attribute" ... "The attribute value of 0x02 (IPv6 address) is the only valid value in Allocate
 * request." The server checks that value (and answers 400); the codec keeps any.
 *
 * <p>An unknown family is kept, so that a server can answer 440 (Address Family not Supported).
 *
 * @param family the family
 */
public record AdditionalAddressFamilyAttribute(StunAddressFamily family) implements StunAttribute {

    /**
     * @throws NullPointerException if {@code family} is null
     */
    public AdditionalAddressFamilyAttribute {
        Objects.requireNonNull(family, "family");
    }

    @Override
    public StunAttributeType type() {
        return StunAttributeType.ADDITIONAL_ADDRESS_FAMILY;
    }

    @Override
    public byte[] encodeValue(byte[] transactionId) {
        return new byte[] {(byte) family.code(), 0, 0, 0};
    }

    static AdditionalAddressFamilyAttribute decode(AttributeValue value) {
        value.requireLength(4);
        return new AdditionalAddressFamilyAttribute(StunAddressFamily.valueOf(value.u8(0)));
    }
}
