package org.ortc4j.ice.stun;

import java.net.InetSocketAddress;

/**
 * The reflexive transport address of the client, XOR'ed with the magic cookie (and, for IPv6, the
 * transaction id) on the wire (RFC 8489 §14.2).
 *
 * <p>RFC 8489 §14.2: "The XOR-MAPPED-ADDRESS attribute is identical to the MAPPED-ADDRESS
 * attribute, except that the reflexive transport address is obfuscated through the XOR function."
 *
 * @param address a resolved IPv4 or IPv6 address and a port
 */
public record XorMappedAddressAttribute(InetSocketAddress address) implements StunAttribute {

    /**
     * @throws NullPointerException if {@code address} is null
     * @throws IllegalArgumentException if {@code address} is unresolved (a host name)
     */
    public XorMappedAddressAttribute {
        MappedAddressFormat.check(address, StunAttributeType.XOR_MAPPED_ADDRESS);
    }

    @Override
    public StunAttributeType type() {
        return StunAttributeType.XOR_MAPPED_ADDRESS;
    }

    @Override
    public byte[] encodeValue(byte[] transactionId) {
        return MappedAddressFormat.encode(address, transactionId);
    }

    static XorMappedAddressAttribute decode(AttributeValue value) {
        return new XorMappedAddressAttribute(MappedAddressFormat.decode(value, true));
    }
}
