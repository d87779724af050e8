package org.ortc4j.ice.stun;

/**
 * The ICMP error a TURN server received for data it relayed (RFC 8656 §18.13).
 *
 * <p>RFC 8656 §18.13: "This attribute is used by servers to signal the reason a UDP packet was
 * dropped." Its value is 16 reserved bits ("This field MUST be set to 0 when sent and MUST be
 * ignored when received"), the ICMP Type, the ICMP Code and 32 bits of Error Data (the next-hop
 * MTU for "packet too big" and "fragmentation needed", otherwise zero).
 *
 * <p>The RFC's figure draws the type and code fields across a 7/9-bit boundary, but ICMPv4 and
 * ICMPv6 types and codes are one byte each, and implementations differ; this class reads one
 * byte each (bytes 2 and 3), as the ICMP headers are laid out.
 *
 * @param icmpType the ICMP (or ICMPv6) type, 0 to 255
 * @param icmpCode the ICMP (or ICMPv6) code, 0 to 255
 * @param errorData the 32 bits of Error Data, 0 to 2^32-1
 */
public record IcmpAttribute(int icmpType, int icmpCode, long errorData) implements StunAttribute {

    /**
     * @throws IllegalArgumentException if a field is out of range
     */
    public IcmpAttribute {
        if (icmpType < 0 || icmpType > 0xFF || icmpCode < 0 || icmpCode > 0xFF) {
            throw new IllegalArgumentException("ICMP type " + icmpType + " and code " + icmpCode + " must fit in 8 bits");
        }
        if (errorData < 0 || errorData > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("ICMP error data " + errorData + " is not a 32-bit unsigned value");
        }
    }

    @Override
    public StunAttributeType type() {
        return StunAttributeType.ICMP;
    }

    @Override
    public byte[] encodeValue(byte[] transactionId) {
        byte[] out = new byte[8];
        out[2] = (byte) icmpType;
        out[3] = (byte) icmpCode;
        System.arraycopy(AttributeValue.u32Bytes(errorData), 0, out, 4, 4);
        return out;
    }

    static IcmpAttribute decode(AttributeValue value) {
        value.requireLength(8);
        return new IcmpAttribute(value.u8(2), value.u8(3), value.u32(4));
    }
}
