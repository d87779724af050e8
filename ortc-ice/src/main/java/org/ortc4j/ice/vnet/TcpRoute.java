package org.ortc4j.ice.vnet;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a TCP connection from a host goes: the server host, the address the server sees it come
 * from (after the NATs on the way mapped it), whether it crosses the internet core, or why it
 * cannot be made. Holds the NAT mappings the connection uses until {@link #release()}.
 */
final class TcpRoute {

    final VirtualHost server;
    final InetSocketAddress seenAs;
    final boolean overCore;
    final IOException failure;
    private final List<VirtualNat> nats;
    private final List<InetSocketAddress> externals;
    private boolean released;

    private TcpRoute(VirtualHost server, InetSocketAddress seenAs, boolean overCore, IOException failure,
            List<VirtualNat> nats, List<InetSocketAddress> externals) {
        this.server = server;
        this.seenAs = seenAs;
        this.overCore = overCore;
        this.failure = failure;
        this.nats = nats;
        this.externals = externals;
    }

    /**
     * Finds the route from {@code client}'s {@code local} to {@code remote} hop by hop, taking a
     * mapping at each NAT on the way out.
     */
    static TcpRoute find(VirtualHost client, InetSocketAddress local, InetSocketAddress remote) {
        List<VirtualNat> nats = new ArrayList<>();
        List<InetSocketAddress> externals = new ArrayList<>();
        if (client.owns(remote.getAddress())) {
            return new TcpRoute(client, local, false, null, nats, externals);
        }
        Segment segment = client.segment();
        InetSocketAddress seenAs = local;
        boolean overCore = false;
        while (true) {
            overCore |= segment.isInternet();
            Object node = segment.nodeAt(remote.getAddress());
            if (node instanceof VirtualHost server) {
                return new TcpRoute(server, seenAs, overCore, null, nats, externals);
            }
            if (node instanceof VirtualNat) {
                return failed(new ConnectException("Connection refused: " + remote
                        + " is a NAT's public address, which takes no inbound TCP"), nats, externals);
            }
            VirtualNat nat = segment.gateway();
            if (nat == null) {
                return failed(new NoRouteToHostException("No route to host: " + remote), nats, externals);
            }
            if ((remote.getAddress() instanceof Inet6Address) != (nat.publicAddress() instanceof Inet6Address)) {
                return failed(new NoRouteToHostException("No route to host: " + remote + " through NAT " + nat.name()),
                        nats, externals);
            }
            InetSocketAddress external = nat.mapTcp(seenAs, remote);
            if (external == null) {
                return failed(new ConnectException("NAT " + nat.name() + " has no free port"), nats, externals);
            }
            nats.add(nat);
            externals.add(external);
            seenAs = external;
            segment = nat.outside();
        }
    }

    private static TcpRoute failed(IOException failure, List<VirtualNat> nats, List<InetSocketAddress> externals) {
        TcpRoute route = new TcpRoute(null, null, false, failure, nats, externals);
        route.release();
        return route;
    }

    /** Gives back the NAT mappings; they then age out like idle UDP ones. Idempotent. */
    void release() {
        if (!released) {
            released = true;
            for (int i = 0; i < nats.size(); i++) {
                nats.get(i).releaseTcp(externals.get(i));
            }
        }
    }
}
