package org.ortc4j.ice.vnet;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.ortc4j.ice.RTCIceProtocol;

/**
 * A NAT between a private segment (its hosts, added with {@link #addHost}) and the segment its
 * public address is on (the internet, or another NAT's inside when nested). It maps and filters
 * as its {@link NatBehavior} says, in RFC 4787 terms; mappings expire on virtual time.
 *
 * <p>UDP: an outbound datagram creates or refreshes a mapping; an inbound one passes only through
 * a live mapping whose filter admits its source. TCP: an outbound connection takes a mapping for
 * its lifetime; inbound connections to the public address are refused. Multicast stays inside.
 */
public final class VirtualNat {

    private final VirtualNetwork network;
    private final String name;
    private final NatBehavior behavior;
    private final InetAddress publicAddress;
    private final Segment outside;
    private final Segment inside;
    private final Map<MappingKey, Mapping> byKey = new LinkedHashMap<>();
    private final Map<ExternalPort, Mapping> byExternalPort = new HashMap<>();

    VirtualNat(VirtualNetwork network, String name, NatBehavior behavior, InetAddress publicAddress, Segment outside) {
        this.network = network;
        this.name = name;
        this.behavior = behavior;
        this.publicAddress = publicAddress;
        this.outside = outside;
        this.inside = new Segment(name + " (inside)", this);
    }

    /** Adds a host on this NAT's private segment, with private IPv4 or IPv6 address literals. */
    public VirtualHost addHost(String name, String... privateAddresses) {
        return network.addHost(inside, name, privateAddresses);
    }

    /** Adds a NAT behind this one: its public address is on this NAT's private segment. */
    public VirtualNat addNat(String name, NatBehavior behavior, String publicAddress) {
        return network.addNat(inside, name, behavior, publicAddress);
    }

    public String name() {
        return name;
    }

    public NatBehavior behavior() {
        return behavior;
    }

    /** Its address on the outside, the source of every packet it forwards out. */
    public InetAddress publicAddress() {
        return publicAddress;
    }

    /** The mappings alive now, oldest first. */
    public List<NatMapping> mappings() {
        expire();
        List<NatMapping> list = new ArrayList<>();
        for (Mapping mapping : byKey.values()) {
            list.add(new NatMapping(mapping.protocol, mapping.internal, mapping.external));
        }
        return list;
    }

    @Override
    public String toString() {
        return "VirtualNat[" + name + " " + publicAddress.getHostAddress() + " " + behavior + "]";
    }

    // ---------------------------------------------------------------- forwarding

    Segment outside() {
        return outside;
    }

    Segment inside() {
        return inside;
    }

    /**
     * Translates a datagram leaving the private segment, creating or refreshing its mapping.
     * Returns null (and counts) when it is dropped.
     */
    Datagram outbound(Datagram datagram) {
        InetSocketAddress destination = datagram.destination();
        if ((destination.getAddress() instanceof Inet6Address) != (publicAddress instanceof Inet6Address)) {
            network.countNoRoute();
            return null;
        }
        // RFC 4787 §6: hairpinning lets "two endpoints on the internal side of the NAT"
        // communicate "using each other's external IP addresses and ports"; off unless enabled.
        if (destination.getAddress().equals(publicAddress) && !behavior.hairpinning()) {
            network.countNatFiltered();
            return null;
        }
        Mapping mapping = mappingFor(RTCIceProtocol.UDP, datagram.source(), destination);
        if (mapping == null) {
            network.countNatFiltered();
            return null;
        }
        // RFC 4787 §4.3 REQ-6: "The NAT mapping Refresh Direction MUST have a 'NAT Outbound refresh
        // behavior' of 'True'." Only outbound packets refresh here.
        mapping.refresh(network.scheduler().nanoTime(), filterKey(destination));
        return datagram.readdressed(mapping.external, destination);
    }

    /** A datagram for the public address from the outside: filtered, translated, forwarded in. */
    void inbound(Datagram datagram) {
        expire();
        Mapping mapping = byExternalPort.get(new ExternalPort(RTCIceProtocol.UDP, datagram.destination().getPort()));
        if (mapping == null || !mapping.admits(filterKey(datagram.source()), network.scheduler().nanoTime(), lifetimeNanos())) {
            network.countNatFiltered();
            return;
        }
        network.arrive(inside, datagram.readdressed(datagram.source(), mapping.internal));
    }

    /**
     * The public endpoint an outbound TCP connection from {@code internal} to {@code remote} shows,
     * held until {@link #releaseTcp}. Null when no port is free.
     */
    InetSocketAddress mapTcp(InetSocketAddress internal, InetSocketAddress remote) {
        Mapping mapping = mappingFor(RTCIceProtocol.TCP, internal, remote);
        if (mapping == null) {
            return null;
        }
        mapping.connections++;
        mapping.refresh(network.scheduler().nanoTime(), filterKey(remote));
        return mapping.external;
    }

    /** A TCP connection through {@code external} ended; its mapping then ages as UDP's do. */
    void releaseTcp(InetSocketAddress external) {
        Mapping mapping = byExternalPort.get(new ExternalPort(RTCIceProtocol.TCP, external.getPort()));
        if (mapping != null && mapping.connections > 0) {
            mapping.connections--;
            mapping.lastOutbound = network.scheduler().nanoTime();
        }
    }

    private Mapping mappingFor(RTCIceProtocol protocol, InetSocketAddress internal, InetSocketAddress remote) {
        expire();
        MappingKey key = new MappingKey(protocol, internal, mappingKey(remote));
        Mapping mapping = byKey.get(key);
        if (mapping == null) {
            int port = allocatePort(protocol, internal.getPort());
            if (port == 0) {
                return null;
            }
            mapping = new Mapping(key, protocol, internal, new InetSocketAddress(publicAddress, port));
            byKey.put(key, mapping);
            byExternalPort.put(new ExternalPort(protocol, port), mapping);
        }
        return mapping;
    }

    /** What of the remote endpoint selects a mapping (RFC 4787 §4.1). */
    private Object mappingKey(InetSocketAddress remote) {
        return switch (behavior.mapping()) {
            case ENDPOINT_INDEPENDENT -> Boolean.TRUE;
            case ADDRESS_DEPENDENT -> remote.getAddress();
            case ADDRESS_AND_PORT_DEPENDENT -> remote;
        };
    }

    /** What of the remote endpoint a mapping's filter remembers and checks (RFC 4787 §5). */
    private Object filterKey(InetSocketAddress remote) {
        return switch (behavior.filtering()) {
            case ENDPOINT_INDEPENDENT -> Boolean.TRUE;
            case ADDRESS_DEPENDENT -> remote.getAddress();
            case ADDRESS_AND_PORT_DEPENDENT -> remote;
        };
    }

    /**
     * A free external port: the internal one when port preservation asks for it and it is free
     * (RFC 4787 §4.2.1), else a random one from 1024 up.
     */
    private int allocatePort(RTCIceProtocol protocol, int preferred) {
        if (behavior.portPreservation() && !byExternalPort.containsKey(new ExternalPort(protocol, preferred))) {
            return preferred;
        }
        for (int attempt = 0; attempt < 100_000; attempt++) {
            int port = 1024 + network.random().nextInt(65536 - 1024);
            if (!byExternalPort.containsKey(new ExternalPort(protocol, port))) {
                return port;
            }
        }
        return 0;
    }

    private long lifetimeNanos() {
        return behavior.mappingLifetime().toNanos();
    }

    /** Drops the mappings whose lifetime ran out since their last outbound packet. */
    private void expire() {
        long now = network.scheduler().nanoTime();
        long lifetime = lifetimeNanos();
        for (Iterator<Mapping> it = byKey.values().iterator(); it.hasNext(); ) {
            Mapping mapping = it.next();
            if (mapping.connections == 0 && now - mapping.lastOutbound >= lifetime) {
                it.remove();
                byExternalPort.remove(new ExternalPort(mapping.protocol, mapping.external.getPort()));
            }
        }
    }

    private record MappingKey(RTCIceProtocol protocol, InetSocketAddress internal, Object remote) {}

    private record ExternalPort(RTCIceProtocol protocol, int port) {}

    private static final class Mapping {
        final MappingKey key;
        final RTCIceProtocol protocol;
        final InetSocketAddress internal;
        final InetSocketAddress external;
        /** Filter key (remote address, endpoint, or any) to the time of the last packet sent there. */
        final Map<Object, Long> permissions = new HashMap<>();
        long lastOutbound;
        /** Open TCP connections through this mapping; while any, it does not expire. */
        int connections;

        Mapping(MappingKey key, RTCIceProtocol protocol, InetSocketAddress internal, InetSocketAddress external) {
            this.key = Objects.requireNonNull(key);
            this.protocol = protocol;
            this.internal = internal;
            this.external = external;
        }

        void refresh(long now, Object filterKey) {
            lastOutbound = now;
            permissions.put(filterKey, now);
        }

        /** Whether a packet from a remote with {@code filterKey} may pass now. */
        boolean admits(Object filterKey, long now, long lifetime) {
            Long sentAt = permissions.get(filterKey);
            return sentAt != null && now - sentAt < lifetime;
        }
    }
}
