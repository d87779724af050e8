package org.ortc4j.ice.stun;

import java.net.InetSocketAddress;

/**
 * The peer's transport address as the TURN server sees it (RFC 8656 §18.3).
 *
 * <p>RFC 8656 §18.3: "The XOR-PEER-ADDRESS specifies the address and port of the peer as seen from
 * the TURN server. (For example, the peer's server-reflexive transport address if the peer is
 * behind a NAT.) It is encoded in the same way as XOR-MAPPED-ADDRESS [RFC8489]."
 *
 * @param address a resolved IPv4 or IPv6 address and a port
 */
public record XorPeerAddressAttribute(InetSocketAddress address) implements StunAttribute {

    /**
     * @throws NullPointerException if {@code address} is null
     * @throws IllegalArgumentException if {@code address} is unresolved (a host name)
     */
    public XorPeerAddressAttribute {
        MappedAddressFormat.check(address, StunAttributeType.XOR_PEER_ADDRESS);
    }

    @Override
    public StunAttributeType type() {
        return StunAttributeType.XOR_PEER_ADDRESS;
    }

    @Override
    public byte[] encodeValue(byte[] transactionId) {
        return MappedAddressFormat.encode(address, transactionId);
    }

    static XorPeerAddressAttribute decode(AttributeValue value) {
        return new XorPeerAddressAttribute(MappedAddressFormat.decode(value, true));
    }
}
