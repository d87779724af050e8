package org.ortc4j.ice.stun;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A token for a relayed address the TURN server holds in reserve (RFC 8656 §18.10).
 *
 * <p>RFC 8656 §18.10: "The RESERVATION-TOKEN attribute contains a token that uniquely identifies
 * a relayed transport address being held in reserve by the server. [...] The attribute value is
 * 8 bytes and contains the token value."
 *
 * @param token the 8-byte token; the accessor returns a copy
 */
public record ReservationTokenAttribute(byte[] token) implements StunAttribute {

    /** The length of the value: 8 bytes. */
    public static final int LENGTH = 8;

    /**
     * @throws IllegalArgumentException if {@code token} is not 8 bytes
     */
    public ReservationTokenAttribute {
        Objects.requireNonNull(token, "token");
        if (token.length != LENGTH) {
            throw new IllegalArgumentException("RESERVATION-TOKEN is 8 bytes, not " + token.length);
        }
        token = token.clone();
    }

    /** A copy of the 8-byte token. */
    @Override
    public byte[] token() {
        return token.clone();
    }

    @Override
    public StunAttributeType type() {
        return StunAttributeType.RESERVATION_TOKEN;
    }

    @Override
    public byte[] encodeValue(byte[] transactionId) {
        return token.clone();
    }

    static ReservationTokenAttribute decode(AttributeValue value) {
        value.requireLength(LENGTH);
        return new ReservationTokenAttribute(value.all());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReservationTokenAttribute && Arrays.equals(((ReservationTokenAttribute) o).token, token);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(token);
    }

    @Override
    public String toString() {
        return "RESERVATION-TOKEN[" + HexFormat.of().formatHex(token) + "]";
    }
}
