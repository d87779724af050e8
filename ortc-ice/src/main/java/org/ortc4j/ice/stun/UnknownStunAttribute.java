package org.ortc4j.ice.stun;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * An attribute of a type this module does not decode, kept with its value bytes so that it
 * survives a decode → encode round trip (the open value set of STYLE.md).
 *
 * <p>RFC 8489 §14: "Attributes with type values between 0x8000 and 0xFFFF are
 * comprehension-optional attributes, which means that those attributes can be ignored by the
 * STUN agent if it does not understand them." An unknown attribute in the comprehension-required
 * range makes a request fail with 420; {@link StunMessage#unknownComprehensionRequiredTypes()}
 * lists them for the UNKNOWN-ATTRIBUTES of that response.
 *
 * @param type a type that is not {@linkplain StunAttributeType#isKnown() known}
 * @param value the value bytes, without padding; the accessor returns a copy
 */
public record UnknownStunAttribute(StunAttributeType type, byte[] value) implements StunAttribute {

    /**
     * @throws IllegalArgumentException if {@code type} is one this module decodes (use its class)
     *     or the value is longer than 65535 bytes
     */
    public UnknownStunAttribute {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
        if (type.isKnown()) {
            throw new IllegalArgumentException(type + " has its own attribute class");
        }
        if (value.length > 0xFFFF) {
            throw new IllegalArgumentException("a value of " + value.length + " bytes does not fit in a STUN attribute");
        }
        value = value.clone();
    }

    /** A copy of the value bytes. */
    @Override
    public byte[] value() {
        return value.clone();
    }

    @Override
    public byte[] encodeValue(byte[] transactionId) {
        return value.clone();
    }

    static UnknownStunAttribute decode(StunAttributeType type, AttributeValue value) {
        return new UnknownStunAttribute(type, value.all());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UnknownStunAttribute && ((UnknownStunAttribute) o).type.equals(type)
                && Arrays.equals(((UnknownStunAttribute) o).value, value);
    }

    @Override
    public int hashCode() {
        return type.hashCode() * 31 + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return type + "[" + HexFormat.of().formatHex(value) + "]";
    }
}
