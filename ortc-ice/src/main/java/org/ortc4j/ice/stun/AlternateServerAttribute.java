package org.ortc4j.ice.stun;

import java.net.InetSocketAddress;

/**
 * The server to try instead (with a 300 Try Alternate error) (RFC 8489 §14.15).
 *
 * <p>RFC 8489 §14.15: "The alternate server represents an alternate transport address identifying a
 * different STUN server that the STUN client should try. It is encoded in the same way as
 * MAPPED-ADDRESS and thus refers to a single server by IP address."
 *
 * @param address a resolved IPv4 or IPv6 address and a port
 */
public record AlternateServerAttribute(InetSocketAddress address) implements StunAttribute {

    /**
     * @throws NullPointerException if {@code address} is null
     * @throws IllegalArgumentException if {@code address} is unresolved (a host name)
     */
    public AlternateServerAttribute {
        MappedAddressFormat.check(address, StunAttributeType.ALTERNATE_SERVER);
    }

    @Override
    public StunAttributeType type() {
        return StunAttributeType.ALTERNATE_SERVER;
    }

    @Override
    public byte[] encodeValue(byte[] transactionId) {
        return MappedAddressFormat.encode(address, null);
    }

    static AlternateServerAttribute decode(AttributeValue value) {
        return new AlternateServerAttribute(MappedAddressFormat.decode(value, false));
    }
}
