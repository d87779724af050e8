package org.ortc4j.ice.stun;

import java.util.List;
import java.util.Objects;

/**
 * The password algorithm a client chose from the server's PASSWORD-ALGORITHMS (RFC 8489 §14.12).
 *
 * <p>RFC 8489 §14.12: "The PASSWORD-ALGORITHM attribute is present only in requests. It contains
 * the algorithm that the server must use to derive a key from the long-term password." ... "The
 * attribute contains an algorithm number and variable length parameters."
 *
 * @param algorithm the algorithm
 */
public record PasswordAlgorithmAttribute(PasswordAlgorithm algorithm) implements StunAttribute {

    /**
     * @throws NullPointerException if {@code algorithm} is null
     */
    public PasswordAlgorithmAttribute {
        Objects.requireNonNull(algorithm, "algorithm");
    }

    @Override
    public StunAttributeType type() {
        return StunAttributeType.PASSWORD_ALGORITHM;
    }

    @Override
    public byte[] encodeValue(byte[] transactionId) {
        return PasswordAlgorithm.encode(List.of(algorithm));
    }

    static PasswordAlgorithmAttribute decode(AttributeValue value) {
        PasswordAlgorithm algorithm = PasswordAlgorithm.decode(value, 0);
        if (PasswordAlgorithm.encodedLength(algorithm) != value.length()) {
            throw value.error("value is " + value.length() + " bytes, more than one algorithm");
        }
        return new PasswordAlgorithmAttribute(algorithm);
    }
}
