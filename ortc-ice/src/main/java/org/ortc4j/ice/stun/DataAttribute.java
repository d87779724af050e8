package org.ortc4j.ice.stun;

import java.util.Arrays;
import java.util.Objects;

/**
 * Application data relayed through TURN in Send and Data indications (RFC 8656 §18.4).
 *
 * <p>RFC 8656 §18.4: "The DATA attribute is present in all Send indications. If the ICMP
 * attribute is not present in a Data indication, it contains a DATA attribute. The value portion
 * of this attribute is variable length and consists of the application data (that is, the data
 * that would immediately follow the UDP header if the data was sent directly between the client
 * and the peer)."
 *
 * @param data the application data, at most 65535 bytes (less the rest of the message); the
 *     accessor returns a copy
 */
public record DataAttribute(byte[] data) implements StunAttribute {

    /**
     * @throws IllegalArgumentException if {@code data} is longer than an attribute can be
     */
    public DataAttribute {
        Objects.requireNonNull(data, "data");
        if (data.length > 0xFFFF) {
            throw new IllegalArgumentException("DATA of " + data.length + " bytes does not fit in a STUN attribute");
        }
        data = data.clone();
    }

    /** A copy of the application data. */
    @Override
    public byte[] data() {
        return data.clone();
    }

    /** The length of the application data, without copying it. */
    public int length() {
        return data.length;
    }

    @Override
    public StunAttributeType type() {
        return StunAttributeType.DATA;
    }

    @Override
    public byte[] encodeValue(byte[] transactionId) {
        return data.clone();
    }

    static DataAttribute decode(AttributeValue value) {
        return new DataAttribute(value.all());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DataAttribute && Arrays.equals(((DataAttribute) o).data, data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "DATA[" + data.length + " bytes]";
    }
}
