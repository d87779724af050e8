package org.ortc4j.ice.stun;

/**
 * The client's request that the TURN server set the DF bit when relaying (RFC 8656 §18.9).
 *
 * <p>RFC 8656 §18.9: "This attribute is used by the client to request that the server set the DF
 * (Don't Fragment) bit in the IP header when relaying the application data onward to the peer and
 * for determining the server capability in Allocate requests. This attribute has no value part,
 * and thus, the attribute length field is 0."
 */
public record DontFragmentAttribute() implements StunAttribute {

    @Override
    public StunAttributeType type() {
        return StunAttributeType.DONT_FRAGMENT;
    }

    @Override
    public byte[] encodeValue(byte[] transactionId) {
        return new byte[0];
    }

    static DontFragmentAttribute decode(AttributeValue value) {
        value.requireLength(0);
        return new DontFragmentAttribute();
    }
}
