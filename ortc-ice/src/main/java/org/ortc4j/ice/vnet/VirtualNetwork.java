package org.ortc4j.ice.vnet;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import org.ortc4j.ice.net.VirtualScheduler;

/**
 * A simulated network for tests, in the manner of Pion's {@code transport/vnet}: hosts on a public
 * "internet" segment, NATs with private segments behind them, and links that lose, delay, reorder,
 * duplicate and rate-limit datagrams. Each {@link VirtualHost} is a
 * {@link org.ortc4j.ice.net.NetworkStack}, so ICE, DTLS and SCTP run on it unchanged.
 *
 * <p>Everything runs on one {@link VirtualScheduler}: a datagram is delivered by a task scheduled
 * after its delay, so time moves only when the test advances it, and with the same seed the same
 * packets are lost, reordered and duplicated. No threads, no sleeps. Call it from the scheduler's
 * thread only.
 *
 * <p>A datagram from a host crosses the host's access link (its {@link LinkConditions}), then,
 * when it travels over the internet segment, the network's core link (the network-wide
 * conditions), then the receiving host's access link. Traffic within a private segment skips the
 * core. Loopback traffic never leaves its host and sees no conditions.
 */
public final class VirtualNetwork {

    private final VirtualScheduler scheduler;
    private final Random random;
    private final ByteBufAllocator alloc;
    private final Segment internet = new Segment("internet", null);
    private final Set<String> names = new HashSet<>();
    private final List<VirtualHost> hosts = new ArrayList<>();
    private final Link core;
    private final List<DatagramFilter> filters = new ArrayList<>();
    private LinkConditions conditions = LinkConditions.IDEAL;

    private long sent;
    private long delivered;
    private long lost;
    private long queueDropped;
    private long natFiltered;
    private long noRoute;
    private long noSocket;
    private long duplicated;
    private long filtered;

    /** A network on {@code scheduler} whose random choices come from {@code seed}. */
    public VirtualNetwork(VirtualScheduler scheduler, long seed) {
        this(scheduler, seed, UnpooledByteBufAllocator.DEFAULT);
    }

    /**
     * As {@link #VirtualNetwork(VirtualScheduler, long)}, with the allocator the hosts give out and
     * deliver datagrams in (a test may count what it allocates).
     */
    public VirtualNetwork(VirtualScheduler scheduler, long seed, ByteBufAllocator alloc) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.alloc = Objects.requireNonNull(alloc, "alloc");
        this.random = new Random(seed);
        this.core = new Link(this, () -> conditions);
    }

    /** The scheduler every host of this network runs on. */
    public VirtualScheduler scheduler() {
        return scheduler;
    }

    /**
     * Adds a host to the internet segment with the given public IPv4 and IPv6 address literals
     * (at least one).
     *
     * @throws IllegalArgumentException for a duplicate name, an address that is not a unicast
     *     literal, or one already in use on the internet
     */
    public VirtualHost addHost(String name, String... addresses) {
        return addHost(internet, name, addresses);
    }

    /**
     * Adds a NAT whose outside is {@code publicAddress} on the internet; hosts behind it are added
     * with {@link VirtualNat#addHost}.
     */
    public VirtualNat addNat(String name, NatBehavior behavior, String publicAddress) {
        return addNat(internet, name, behavior, publicAddress);
    }

    /** The network-wide conditions, those of the internet core. */
    public LinkConditions linkConditions() {
        return conditions;
    }

    /** Sets the conditions of the internet core, which every datagram over the internet crosses. */
    public void setLinkConditions(LinkConditions conditions) {
        this.conditions = Objects.requireNonNull(conditions, "conditions");
    }

    /**
     * Adds a filter that every datagram a host sends off-host must pass; one it rejects is dropped
     * and counted ({@link #packetsFiltered()}). Streams (TCP) are not filtered.
     */
    public DatagramFilter.Registration addDatagramFilter(DatagramFilter filter) {
        Objects.requireNonNull(filter, "filter");
        filters.add(filter);
        return () -> filters.remove(filter);
    }

    /** Every host added so far, in the order added. */
    public List<VirtualHost> hosts() {
        return List.copyOf(hosts);
    }

    /** Datagrams handed to the network by sockets (loopback and multicast included). */
    public long packetsSent() {
        return sent;
    }

    /** Datagrams delivered to a socket's handler (a duplicate counts again). */
    public long packetsDelivered() {
        return delivered;
    }

    /** Datagrams a link lost on purpose ({@link LinkConditions#loss()}). */
    public long packetsLost() {
        return lost;
    }

    /** Datagrams dropped at the tail of a full bandwidth queue. */
    public long packetsQueueDropped() {
        return queueDropped;
    }

    /** Datagrams a NAT dropped: no mapping, filtered, or hairpinning not allowed. */
    public long packetsNatFiltered() {
        return natFiltered;
    }

    /** Datagrams to an address nobody owns (or of the wrong address family for the sender). */
    public long packetsNoRoute() {
        return noRoute;
    }

    /** Datagrams that reached a host with no open socket for them. */
    public long packetsNoSocket() {
        return noSocket;
    }

    /** Extra copies links made ({@link LinkConditions#duplication()}). */
    public long packetsDuplicated() {
        return duplicated;
    }

    /** Datagrams a {@link DatagramFilter} rejected. */
    public long packetsFiltered() {
        return filtered;
    }

    /** Every drop of every kind. */
    public long packetsDropped() {
        return lost + queueDropped + natFiltered + noRoute + noSocket + filtered;
    }

    @Override
    public String toString() {
        return "VirtualNetwork[sent=" + sent + " delivered=" + delivered + " lost=" + lost
                + " queueDropped=" + queueDropped + " natFiltered=" + natFiltered + " noRoute=" + noRoute
                + " noSocket=" + noSocket + " filtered=" + filtered + " duplicated=" + duplicated + "]";
    }

    // ---------------------------------------------------------------- construction

    VirtualHost addHost(Segment segment, String name, String[] addresses) {
        Objects.requireNonNull(addresses, "addresses");
        if (addresses.length == 0) {
            throw new IllegalArgumentException("host " + name + " needs at least one address");
        }
        List<InetAddress> parsed = new ArrayList<>();
        for (String address : addresses) {
            InetAddress a = parseUnicast(address);
            if (parsed.contains(a)) {
                throw new IllegalArgumentException("address " + address + " given twice");
            }
            parsed.add(a);
        }
        claimName(name);
        VirtualHost host = new VirtualHost(this, name, segment, parsed);
        segment.attachHost(host);
        hosts.add(host);
        return host;
    }

    VirtualNat addNat(Segment outside, String name, NatBehavior behavior, String publicAddress) {
        Objects.requireNonNull(behavior, "behavior");
        InetAddress address = parseUnicast(publicAddress);
        outside.checkFree(address);
        claimName(name);
        VirtualNat nat = new VirtualNat(this, name, behavior, address, outside);
        outside.attach(address, nat);
        return nat;
    }

    private void claimName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a name must not be blank");
        }
        if (!names.add(name)) {
            throw new IllegalArgumentException("name already used on this network: " + name);
        }
    }

    /** Parses an IP literal (never a DNS name) that a host may own. */
    static InetAddress parseUnicast(String literal) {
        Objects.requireNonNull(literal, "address");
        InetAddress address = NetUtil.createInetAddressFromIpAddressString(literal);
        if (address == null) {
            throw new IllegalArgumentException("not an IPv4 or IPv6 literal: " + literal);
        }
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isMulticastAddress()) {
            throw new IllegalArgumentException("not a unicast interface address: " + literal);
        }
        return address;
    }

    // ---------------------------------------------------------------- forwarding

    Random random() {
        return random;
    }

    ByteBufAllocator alloc() {
        return alloc;
    }

    /** A datagram a host sends off-host: across its access link, then forwarded from its segment. */
    void send(VirtualHost from, Datagram datagram) {
        if (!passesFilters(datagram)) {
            return;
        }
        from.uplink().transmit(datagram, d -> forward(from.segment(), d));
    }

    /**
     * Forwards a datagram that is on {@code segment} now: over the core when that is the
     * internet, to a node of a private segment directly, or out through the segment's NAT.
     */
    void forward(Segment segment, Datagram datagram) {
        if (segment.isInternet()) {
            core.transmit(datagram, d -> arrive(segment, d));
            return;
        }
        Object node = segment.nodeAt(datagram.destination().getAddress());
        if (node != null) {
            arriveAt(node, datagram);
            return;
        }
        VirtualNat nat = segment.gateway();
        Datagram translated = nat.outbound(datagram);
        if (translated != null) {
            forward(nat.outside(), translated);
        }
    }

    /** A datagram has reached {@code segment}'s routing point: hand it to the owner of its address. */
    void arrive(Segment segment, Datagram datagram) {
        Object node = segment.nodeAt(datagram.destination().getAddress());
        if (node == null) {
            countNoRoute();
            return;
        }
        arriveAt(node, datagram);
    }

    private void arriveAt(Object node, Datagram datagram) {
        if (node instanceof VirtualHost host) {
            host.downlink().transmit(datagram, host::deliver);
        } else {
            ((VirtualNat) node).inbound(datagram);
        }
    }

    /**
     * Multicast: to every host on the sender's segment (the sender's own host at once, as
     * {@code IP_MULTICAST_LOOP} does, the others across both access links). It never crosses a NAT
     * or the core.
     */
    void multicast(VirtualHost from, Datagram datagram) {
        from.deliverMulticast(datagram);
        if (!passesFilters(datagram)) {
            return;
        }
        from.uplink().transmit(datagram, d -> {
            for (VirtualHost host : from.segment().hosts()) {
                if (host != from) {
                    host.downlink().transmit(d, host::deliverMulticast);
                }
            }
        });
    }

    private boolean passesFilters(Datagram datagram) {
        for (DatagramFilter filter : List.copyOf(filters)) {
            ByteBuffer payload = ByteBuffer.wrap(datagram.payload()).asReadOnlyBuffer();
            if (!filter.pass(datagram.source(), datagram.destination(), payload)) {
                filtered++;
                return false;
            }
        }
        return true;
    }

    void countSent() {
        sent++;
    }

    void countDelivered() {
        delivered++;
    }

    void countLost() {
        lost++;
    }

    void countQueueDropped() {
        queueDropped++;
    }

    void countNatFiltered() {
        natFiltered++;
    }

    void countNoRoute() {
        noRoute++;
    }

    void countNoSocket() {
        noSocket++;
    }

    void countDuplicated() {
        duplicated++;
    }

    /** The one-way stream delay over the internet core. */
    long coreStreamDelayNanos() {
        return core.streamDelayNanos();
    }
}
