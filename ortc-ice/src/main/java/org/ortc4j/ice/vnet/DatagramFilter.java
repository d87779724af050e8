package org.ortc4j.ice.vnet;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * A test's say over which datagrams the network carries, in the manner of Pion's chunk filters:
 * block a path to test a fallback, or drop only STUN to test consent. Added with
 * {@link VirtualNetwork#addDatagramFilter}; every filter must pass a datagram for it to go on.
 */
@FunctionalInterface
public interface DatagramFilter {

    /**
     * Whether the datagram may go on. Called when a host sends it off-host (unicast or multicast),
     * with the addresses its sender used (a private source behind a NAT), before any link.
     *
     * @param payload the payload, read-only, for this call only
     */
    boolean pass(InetSocketAddress source, InetSocketAddress destination, ByteBuffer payload);

    /** Removes a filter from its network. */
    @FunctionalInterface
    interface Registration extends AutoCloseable {
        /** Removes the filter; idempotent. */
        @Override
        void close();
    }
}
