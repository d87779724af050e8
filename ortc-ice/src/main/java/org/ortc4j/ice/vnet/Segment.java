package org.ortc4j.ice.vnet;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One network segment: the public internet, or the private side of a NAT. Addresses are unique
 * within a segment; each belongs to a host or to a NAT's outside. Multicast stays within a segment.
 */
final class Segment {

    private final String name;
    private final VirtualNat gateway;
    private final Map<InetAddress, Object> nodes = new HashMap<>();
    private final List<VirtualHost> hosts = new ArrayList<>();

    /** A segment whose traffic to unknown addresses leaves through {@code gateway} (null: none). */
    Segment(String name, VirtualNat gateway) {
        this.name = name;
        this.gateway = gateway;
    }

    String name() {
        return name;
    }

    /** The NAT this segment is the inside of, or null for the internet. */
    VirtualNat gateway() {
        return gateway;
    }

    boolean isInternet() {
        return gateway == null;
    }

    /** The host or NAT that owns {@code address} on this segment, or null. */
    Object nodeAt(InetAddress address) {
        return nodes.get(address);
    }

    /** The hosts attached to this segment, in the order they were added. */
    List<VirtualHost> hosts() {
        return hosts;
    }

    void checkFree(InetAddress address) {
        if (nodes.containsKey(address)) {
            throw new IllegalArgumentException(address.getHostAddress() + " is already used on " + name);
        }
    }

    void attach(InetAddress address, Object node) {
        checkFree(address);
        nodes.put(address, node);
    }

    void attachHost(VirtualHost host) {
        for (InetAddress address : host.addresses()) {
            checkFree(address);
        }
        for (InetAddress address : host.addresses()) {
            nodes.put(address, host);
        }
        hosts.add(host);
    }
}
