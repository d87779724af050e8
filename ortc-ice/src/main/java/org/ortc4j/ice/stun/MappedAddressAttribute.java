package org.ortc4j.ice.stun;

import java.net.InetSocketAddress;

/**
 * The reflexive transport address, in clear (RFC 8489 §14.1).
 *
 * <p>RFC 8489 §14.1: "The MAPPED-ADDRESS attribute indicates a reflexive transport address of the
 * client." ... "This attribute is used only by servers for achieving backwards compatibility with
 * [RFC3489] clients."
 *
 * @param address a resolved IPv4 or IPv6 address and a port
 */
public record MappedAddressAttribute(InetSocketAddress address) implements StunAttribute {

    /**
     * @throws NullPointerException if {@code address} is null
     * @throws IllegalArgumentException if {@code address} is unresolved (a host name)
     */
    public MappedAddressAttribute {
        MappedAddressFormat.check(address, StunAttributeType.MAPPED_ADDRESS);
    }

    @Override
    public StunAttributeType type() {
        return StunAttributeType.MAPPED_ADDRESS;
    }

    @Override
    public byte[] encodeValue(byte[] transactionId) {
        return MappedAddressFormat.encode(address, null);
    }

    static MappedAddressAttribute decode(AttributeValue value) {
        return new MappedAddressAttribute(MappedAddressFormat.decode(value, false));
    }
}
