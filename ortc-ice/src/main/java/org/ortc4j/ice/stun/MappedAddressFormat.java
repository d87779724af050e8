package org.ortc4j.ice.stun;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * The transport-address layout of MAPPED-ADDRESS (RFC 8489 §14.1), which ALTERNATE-SERVER
 * (§14.15) uses as is and XOR-MAPPED-ADDRESS (§14.2), XOR-PEER-ADDRESS and XOR-RELAYED-ADDRESS
 * (RFC 8656 §18.3, §18.5) use with the XOR obfuscation.
 */
final class MappedAddressFormat {

    private MappedAddressFormat() {
    }

    /** The address of a new attribute: present and resolved (a literal IP address). */
    static InetSocketAddress check(InetSocketAddress address, StunAttributeType type) {
        Objects.requireNonNull(address, type.toString());
        if (address.isUnresolved()) {
            throw new IllegalArgumentException(type + ": " + address + " is not resolved to an IP address");
        }
        return address;
    }

    /**
     * The value bytes.
     *
     * @param transactionId the message's transaction id to XOR with, or {@code null} for the
     *     plain MAPPED-ADDRESS encoding
     */
    static byte[] encode(InetSocketAddress address, byte[] transactionId) {
        byte[] ip = address.getAddress().getAddress();
        byte[] out = new byte[4 + ip.length];
        // RFC 8489 §14.1: "The first 8 bits of the MAPPED-ADDRESS MUST be set to 0".
        out[0] = 0;
        out[1] = (byte) (ip.length == 4 ? StunAddressFamily.IPV4.code() : StunAddressFamily.IPV6.code());
        int port = address.getPort();
        if (transactionId != null) {
            // RFC 8489 §14.2: "X-Port is computed by XOR'ing the mapped port with the most
            // significant 16 bits of the magic cookie."
            port ^= StunMessage.MAGIC_COOKIE >>> 16;
            xor(ip, transactionId);
        }
        out[2] = (byte) (port >> 8);
        out[3] = (byte) port;
        System.arraycopy(ip, 0, out, 4, ip.length);
        return out;
    }

    /** Reads the value; {@code xor} says whether it is one of the XOR addresses. */
    static InetSocketAddress decode(AttributeValue value, boolean xor) {
        if (value.length() < 4) {
            throw value.error("value is " + value.length() + " bytes, too short for an address");
        }
        // RFC 8489 §14.1: the first 8 bits "MUST be ignored by receivers".
        int family = value.u8(1);
        int port = value.u16(2);
        byte[] ip;
        if (family == StunAddressFamily.IPV4.code()) {
            // RFC 8489 §14.1: "If the address family is IPv4, the address MUST be 32 bits."
            value.requireLength(8);
            ip = value.bytes(4, 4);
        } else if (family == StunAddressFamily.IPV6.code()) {
            // RFC 8489 §14.1: "If the address family is IPv6, the address MUST be 128 bits."
            value.requireLength(20);
            ip = value.bytes(4, 16);
        } else {
            throw value.error(String.format("address family 0x%02X is neither IPv4 (0x01) nor IPv6 (0x02)", family));
        }
        if (xor) {
            port ^= StunMessage.MAGIC_COOKIE >>> 16;
            xor(ip, value.transactionId());
        }
        return new InetSocketAddress(toInetAddress(ip), port);
    }

    // RFC 8489 §14.2: "If the IP address family is IPv4, X-Address is computed by XOR'ing the
    // mapped IP address with the magic cookie. If the IP address family is IPv6, X-Address is
    // computed by XOR'ing the mapped IP address with the concatenation of the magic cookie and
    // the 96-bit transaction ID."
    private static void xor(byte[] ip, byte[] transactionId) {
        for (int i = 0; i < ip.length; i++) {
            int mask = i < 4 ? (StunMessage.MAGIC_COOKIE >>> (24 - 8 * i)) & 0xFF : transactionId[i - 4] & 0xFF;
            ip[i] ^= (byte) mask;
        }
    }

    private static InetAddress toInetAddress(byte[] ip) {
        try {
            // Inet6Address.getByAddress keeps an IPv4-mapped IPv6 address as IPv6, so the family
            // survives a round trip; InetAddress.getByAddress would turn it into IPv4.
            return ip.length == 4 ? Inet4Address.getByAddress(ip) : Inet6Address.getByAddress(null, ip, -1);
        } catch (UnknownHostException e) {
            throw new AssertionError("4 and 16 bytes are valid address lengths", e);
        }
    }
}
