package org.ortc4j.ice.stun;

/**
 * The transport protocol a TURN client asks to relay (RFC 8656 §18.8).
 *
 * <p>RFC 8656 §18.8: "The Protocol field specifies the desired protocol. The code points used in
 * this field are taken from those allowed in the Protocol field in the IPv4 header and the
 * NextHeader field in the IPv6 header". Only UDP (17) is allowed by RFC 8656 (TCP, 6, by
 * RFC 6062). The value is the 8-bit Protocol and 24 reserved (RFFU) bits, sent as zero and
 * ignored on receipt. Other protocol numbers are kept, for the server to answer 442.
 *
 * @param protocol the IP protocol number, 0 to 255
 */
public record RequestedTransportAttribute(int protocol) implements StunAttribute {

    /** IP protocol number 17, UDP. */
    public static final int UDP = 17;
    /** IP protocol number 6, TCP (RFC 6062). */
    public static final int TCP = 6;

    /**
     * @throws IllegalArgumentException if {@code protocol} does not fit in 8 bits
     */
    public RequestedTransportAttribute {
        if (protocol < 0 || protocol > 0xFF) {
            throw new IllegalArgumentException("REQUESTED-TRANSPORT protocol " + protocol + " does not fit in 8 bits");
        }
    }

    @Override
    public StunAttributeType type() {
        return StunAttributeType.REQUESTED_TRANSPORT;
    }

    @Override
    public byte[] encodeValue(byte[] transactionId) {
        return new byte[] {(byte) protocol, 0, 0, 0};
    }

    static RequestedTransportAttribute decode(AttributeValue value) {
        value.requireLength(4);
        return new RequestedTransportAttribute(value.u8(0));
    }
}
