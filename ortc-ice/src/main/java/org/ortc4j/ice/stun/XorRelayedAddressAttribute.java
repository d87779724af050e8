package org.ortc4j.ice.stun;

import java.net.InetSocketAddress;

/**
 * The relayed transport address the TURN server allocated (RFC 8656 §18.5).
 *
 * <p>RFC 8656 §18.5: "The XOR-RELAYED-ADDRESS attribute is present in Allocate responses. It
 * specifies the address and port that the server allocated to the client. It is encoded in the same
 * way as XOR-MAPPED-ADDRESS [RFC8489]."
 *
 * @param address a resolved IPv4 or IPv6 address and a port
 */
public record XorRelayedAddressAttribute(InetSocketAddress address) implements StunAttribute {

    /**
     * @throws NullPointerException if {@code address} is null
     * @throws IllegalArgumentException if {@code address} is unresolved (a host name)
     */
    public XorRelayedAddressAttribute {
        MappedAddressFormat.check(address, StunAttributeType.XOR_RELAYED_ADDRESS);
    }

    @Override
    public StunAttributeType type() {
        return StunAttributeType.XOR_RELAYED_ADDRESS;
    }

    @Override
    public byte[] encodeValue(byte[] transactionId) {
        return MappedAddressFormat.encode(address, transactionId);
    }

    static XorRelayedAddressAttribute decode(AttributeValue value) {
        return new XorRelayedAddressAttribute(MappedAddressFormat.decode(value, true));
    }
}
