package org.ortc4j.ice.stun;

import java.util.ArrayList;
import java.util.List;

/**
 * The password algorithms a server supports (RFC 8489 §14.11).
 *
 * <p>RFC 8489 §14.11: "The PASSWORD-ALGORITHMS attribute may be present in requests and
 * responses. It contains the list of algorithms that the server can use to derive the long-term
 * password." ... "The attribute contains a list of algorithm numbers and variable length
 * parameters."
 *
 * @param algorithms the algorithms in the server's order of preference; an unmodifiable copy
 */
public record PasswordAlgorithmsAttribute(List<PasswordAlgorithm> algorithms) implements StunAttribute {

    /**
     * @throws NullPointerException if {@code algorithms} or one of its elements is null
     */
    public PasswordAlgorithmsAttribute {
        algorithms = List.copyOf(algorithms);
    }

    @Override
    public StunAttributeType type() {
        return StunAttributeType.PASSWORD_ALGORITHMS;
    }

    @Override
    public byte[] encodeValue(byte[] transactionId) {
        return PasswordAlgorithm.encode(algorithms);
    }

    static PasswordAlgorithmsAttribute decode(AttributeValue value) {
        List<PasswordAlgorithm> algorithms = new ArrayList<>();
        int offset = 0;
        while (offset < value.length()) {
            PasswordAlgorithm algorithm = PasswordAlgorithm.decode(value, offset);
            algorithms.add(algorithm);
            offset += PasswordAlgorithm.encodedLength(algorithm);
        }
        return new PasswordAlgorithmsAttribute(algorithms);
    }
}
