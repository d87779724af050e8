package org.ortc4j.ice.stun;

/**
 * The TURN client's request for an even relayed port, and perhaps the next one reserved
 * (RFC 8656 §18.7).
 *
 * <p>RFC 8656 §18.7: "The value portion of this attribute is 1 byte long." ... "R: If 1, the
 * server is requested to reserve the next-higher port number (on the same IP address) for a
 * subsequent allocation. If 0, no such reservation is requested." The other seven bits are
 * reserved (RFFU): sent as zero, ignored on receipt.
 *
 * @param reserveNextPort the R bit
 */
public record EvenPortAttribute(boolean reserveNextPort) implements StunAttribute {

    @Override
    public StunAttributeType type() {
        return StunAttributeType.EVEN_PORT;
    }

    @Override
    public byte[] encodeValue(byte[] transactionId) {
        return new byte[] {(byte) (reserveNextPort ? 0x80 : 0)};
    }

    static EvenPortAttribute decode(AttributeValue value) {
        value.requireLength(1);
        return new EvenPortAttribute((value.u8(0) & 0x80) != 0);
    }
}
