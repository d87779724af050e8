package org.ortc4j.ice.stun;

import java.util.Objects;

/**
 * Why a TURN server did not allocate one of the requested address families (RFC 8656 §18.12).
 *
 * <p>RFC 8656 §18.12: "This attribute is used by servers to signal the reason for not allocating
 * the requested address family." Its value is an 8-bit Family, 13 reserved bits ("Reserved: At
 * this point, the 13 bits in the Reserved field MUST be set to zero by the server and MUST be
 * ignored by the client."), then Class, Number and Reason Phrase encoded as in ERROR-CODE
 * (RFC 8489 §14.8); the error codes "could be either 440 (Address Family not Supported) or 508
 * (Insufficient Capacity)".
 *
 * @param family the address family the error is about
 * @param code the error code, 300 to 699 (typically 440 or 508)
 * @param reasonPhrase the reason phrase, possibly empty
 */
public record AddressErrorCodeAttribute(StunAddressFamily family, int code, String reasonPhrase) implements StunAttribute {

    /**
     * @throws IllegalArgumentException if {@code code} is not 300 to 699, or the reason phrase is
     *     longer than 763 bytes of UTF-8
     */
    public AddressErrorCodeAttribute {
        Objects.requireNonNull(family, "family");
        ErrorCodeAttribute.checkCode(code, StunAttributeType.ADDRESS_ERROR_CODE);
        StunText.encode(reasonPhrase, StunText.MAX_BYTES, StunAttributeType.ADDRESS_ERROR_CODE);
    }

    @Override
    public StunAttributeType type() {
        return StunAttributeType.ADDRESS_ERROR_CODE;
    }

    @Override
    public byte[] encodeValue(byte[] transactionId) {
        return ErrorCodeAttribute.encode(family.code(), code, reasonPhrase, StunAttributeType.ADDRESS_ERROR_CODE);
    }

    static AddressErrorCodeAttribute decode(AttributeValue value) {
        int code = ErrorCodeAttribute.decodeCode(value);
        return new AddressErrorCodeAttribute(StunAddressFamily.valueOf(value.u8(0)), code, value.utf8(4, StunText.MAX_BYTES));
    }

    @Override
    public String toString() {
        return "ADDRESS-ERROR-CODE[" + family + " " + code + " " + reasonPhrase + "]";
    }
}
