package org.ortc4j.ice.stun;

import java.util.Objects;

/**
 * The address family of the relayed address a TURN client asks for (RFC 8656 §18.6).
 *
 * <p>RFC 8656 §18.6: "This attribute is used in Allocate and Refresh requests to specify the
 * address type requested by the client. The value of this attribute is 4 bytes" (Family, then 24
 * Reserved bits). "Reserved: at this point, the 24 bits in the Reserved field MUST be set to zero
 * by the client and MUST be ignored by the server."
 *
 * <p>An unknown family is kept, so that a server can answer 440 (Address Family not Supported).
 *
 * @param family the family
 */
public record RequestedAddressFamilyAttribute(StunAddressFamily family) implements StunAttribute {

    /**
     * @throws NullPointerException if {@code family} is null
     */
    public RequestedAddressFamilyAttribute {
        Objects.requireNonNull(family, "family");
    }

    @Override
    public StunAttributeType type() {
        return StunAttributeType.REQUESTED_ADDRESS_FAMILY;
    }

    @Override
    public byte[] encodeValue(byte[] transactionId) {
        return new byte[] {(byte) family.code(), 0, 0, 0};
    }

    static RequestedAddressFamilyAttribute decode(AttributeValue value) {
        value.requireLength(4);
        return new RequestedAddressFamilyAttribute(StunAddressFamily.valueOf(value.u8(0)));
    }
}
