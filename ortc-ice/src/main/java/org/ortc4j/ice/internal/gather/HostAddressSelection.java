package org.ortc4j.ice.internal.gather;

import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.ortc4j.ice.RTCIceGatherOptions;
import org.ortc4j.ice.net.LocalAddress;

/**
 * Which of the host's addresses give host candidates, and in which order of preference.
 *
 * <p>RFC 8445 §5.1.1.1: "Addresses from a loopback interface MUST NOT be included in the
 * candidate addresses", and IPv6 link-local addresses "SHOULD NOT be included" — loopback is
 * included only when the application asks ({@link RTCIceGatherOptions#includeLoopback()}), for two
 * peers on one machine. RFC 8421 §4 prefers IPv6 to IPv4 on dual-stack hosts; loopback comes last.
 */
final class HostAddressSelection {

    private HostAddressSelection() {
    }

    /** The usable addresses, most preferred first. */
    static List<LocalAddress> select(List<LocalAddress> all, RTCIceGatherOptions options) {
        List<LocalAddress> chosen = new ArrayList<>();
        for (LocalAddress address : all) {
            if (address.loopback() ? !options.includeLoopback() : !usable(address, options)) {
                continue;
            }
            if (address.loopback() && address.isIpv6() && !options.includeIpv6()) {
                continue;
            }
            chosen.add(address);
        }
        chosen.sort(Comparator.comparingInt(HostAddressSelection::rank));
        return chosen;
    }

    /**
     * RFC 8445 §5.1.2.1: the local preference, 65535 for the first address and one less for each
     * next, so every host candidate of a component has its own priority.
     */
    static int localPreference(int index) {
        return Math.max(0, 65535 - index);
    }

    private static boolean usable(LocalAddress address, RTCIceGatherOptions options) {
        if (address.address().isAnyLocalAddress() || address.address().isMulticastAddress()) {
            return false;
        }
        if (address.isIpv6()) {
            return options.includeIpv6() && !address.isLinkLocal();
        }
        // IPv4 link-local (169.254/16) addresses come from failed DHCP; no peer reaches them.
        return !address.address().isLinkLocalAddress();
    }

    private static int rank(LocalAddress address) {
        if (address.loopback()) {
            return address.address() instanceof Inet4Address ? 2 : 3;
        }
        return address.address() instanceof Inet4Address ? 1 : 0;
    }
}
