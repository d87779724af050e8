package org.ortc4j.ice.net;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This host's interface addresses, as {@link java.net.NetworkInterface} reports them, in a stable
 * order: interfaces that are not loopback first, then by interface index; within an interface
 * IPv4 before IPv6, then by address bytes. IPv6 link-local addresses keep their scope (the
 * interface), without which they cannot be bound.
 */
final class NettyLocalAddresses {

    private static final Logger LOG = LoggerFactory.getLogger(NettyLocalAddresses.class);

    private static final Comparator<Entry> ORDER = Comparator
            .comparing((Entry e) -> e.address.loopback())
            .thenComparingInt(e -> e.index)
            .thenComparing(e -> e.address.interfaceName())
            .thenComparing(e -> !(e.address.address() instanceof Inet4Address))
            .thenComparing((a, b) -> Arrays.compareUnsigned(a.address.address().getAddress(), b.address.address().getAddress()));

    private NettyLocalAddresses() {}

    /** The addresses of the interfaces that are up; empty if the JDK cannot list them. */
    static List<LocalAddress> list() {
        List<Entry> entries = new ArrayList<>();
        try {
            Enumeration<NetworkInterface> interfaces = NetworkInterface.getNetworkInterfaces();
            if (interfaces == null) {
                return List.of();
            }
            for (NetworkInterface ni : Collections.list(interfaces)) {
                collect(ni, entries);
            }
        } catch (SocketException e) {
            LOG.warn("cannot list the network interfaces", e);
            return List.of();
        }
        entries.sort(ORDER);
        List<LocalAddress> addresses = new ArrayList<>(entries.size());
        for (Entry entry : entries) {
            addresses.add(entry.address);
        }
        return List.copyOf(addresses);
    }

    private static void collect(NetworkInterface ni, List<Entry> entries) {
        try {
            if (!ni.isUp()) {
                return;
            }
            boolean loopback = ni.isLoopback();
            for (InetAddress address : Collections.list(ni.getInetAddresses())) {
                // The JDK gives Inet6Address instances scoped to ni (scope id and interface), so a
                // link-local fe80:: address stays bindable.
                entries.add(new Entry(new LocalAddress(address, ni.getName(), loopback), ni.getIndex()));
            }
        } catch (SocketException e) {
            // The interface went away while we looked at it: it has no addresses to offer.
            LOG.debug("skipping interface {}", ni.getName(), e);
        }
    }

    private static final class Entry {
        final LocalAddress address;
        final int index;

        Entry(LocalAddress address, int index) {
            this.address = address;
            this.index = index;
        }
    }
}
