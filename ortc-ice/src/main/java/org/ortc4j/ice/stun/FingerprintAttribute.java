package org.ortc4j.ice.stun;

/**
 * The CRC-32 of the message up to this attribute, XOR'ed with 0x5354554e (RFC 8489 §14.7).
 *
 * <p>RFC 8489 §14.7: "The value of the attribute is computed as the CRC-32 of the STUN message up
 * to (but excluding) the FINGERPRINT attribute itself, XOR'ed with the 32-bit value 0x5354554e."
 * ... "When present, the FINGERPRINT attribute MUST be the last attribute in the message".
 *
 * <p>Compute and check it with {@link StunMessage.Builder#fingerprint()} and
 * {@link StunMessage#verifyFingerprint()}; this class only carries the 32 bits.
 *
 * @param value the 32-bit value as it is on the wire
 */
public record FingerprintAttribute(int value) implements StunAttribute {

    /** The constant the CRC-32 is XOR'ed with: {@code 0x5354554e} ("STUN" in ASCII). */
    public static final int XOR_VALUE = 0x5354554e;

    @Override
    public StunAttributeType type() {
        return StunAttributeType.FINGERPRINT;
    }

    @Override
    public byte[] encodeValue(byte[] transactionId) {
        return AttributeValue.u32Bytes(value);
    }

    static FingerprintAttribute decode(AttributeValue value) {
        value.requireLength(4);
        return new FingerprintAttribute((int) value.u32(0));
    }

    @Override
    public String toString() {
        return String.format("FINGERPRINT[0x%08x]", value);
    }
}
