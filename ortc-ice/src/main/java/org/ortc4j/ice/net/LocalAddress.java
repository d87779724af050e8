package org.ortc4j.ice.net;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Objects;

/**
 * One address of one of this host's network interfaces.
 *
 * @param address the address (for IPv6 link-local addresses, with its scope)
 * @param interfaceName the interface's name, such as {@code eth0} or {@code lo}
 * @param loopback whether the interface is a loopback interface
 */
public record LocalAddress(InetAddress address, String interfaceName, boolean loopback) {

    public LocalAddress {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(interfaceName, "interfaceName");
    }

    /** Whether this is an IPv6 address. */
    public boolean isIpv6() {
        return address instanceof Inet6Address;
    }

    /** Whether this is an IPv6 link-local address (fe80::/10), which ICE does not gather by default. */
    public boolean isLinkLocal() {
        return address.isLinkLocalAddress();
    }
}
