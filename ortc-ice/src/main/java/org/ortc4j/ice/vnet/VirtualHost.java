package org.ortc4j.ice.vnet;

import io.netty.buffer.ByteBufAllocator;
import io.netty.util.NetUtil;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.ortc4j.ice.net.DatagramHandler;
import org.ortc4j.ice.net.LocalAddress;
import org.ortc4j.ice.net.NetworkStack;
import org.ortc4j.ice.net.Scheduler;
import org.ortc4j.ice.net.StreamHandler;
import org.ortc4j.ice.net.StreamSocket;
import org.ortc4j.ice.net.TlsClientOptions;
import org.ortc4j.ice.net.UdpSocket;

/**
 * A host on a {@link VirtualNetwork}: a {@link NetworkStack} whose sockets send into the virtual
 * network and whose callbacks run on the network's scheduler. It has the addresses it was given
 * (interface {@code eth0}) and the loopback addresses {@code 127.0.0.1} and {@code ::1}
 * (interface {@code lo}); traffic to any of its own addresses stays on the host.
 *
 * <p>A delivered datagram is a new buffer from {@link #alloc()} that the handler owns; a sent one
 * is copied and released by {@link UdpSocket#send}, so nothing in flight holds a buffer.
 */
public final class VirtualHost implements NetworkStack {

    static final int FIRST_EPHEMERAL_PORT = 49152;
    static final int LAST_PORT = 65535;
    private static final InetAddress LOOPBACK4 = literal("127.0.0.1");
    private static final InetAddress LOOPBACK6 = literal("::1");
    private static final InetAddress ANY6 = literal("::");

    private final VirtualNetwork network;
    private final String name;
    private final Segment segment;
    private final List<InetAddress> addresses;
    private final List<LocalAddress> localAddresses;
    private final Link uplink;
    private final Link downlink;
    private final Map<InetSocketAddress, VirtualUdpSocket> udpSockets = new LinkedHashMap<>();
    private final List<VirtualUdpSocket> multicastSockets = new ArrayList<>();
    private final Map<Integer, VirtualTcpListener> tcpListeners = new LinkedHashMap<>();
    private final Set<Integer> tcpPorts = new HashSet<>();
    private final List<VirtualStreamSocket> streams = new ArrayList<>();
    private LinkConditions conditions = LinkConditions.IDEAL;
    private int nextUdpPort = FIRST_EPHEMERAL_PORT;
    private int nextTcpPort = FIRST_EPHEMERAL_PORT;
    private boolean open = true;

    VirtualHost(VirtualNetwork network, String name, Segment segment, List<InetAddress> addresses) {
        this.network = network;
        this.name = name;
        this.segment = segment;
        this.addresses = List.copyOf(addresses);
        List<LocalAddress> locals = new ArrayList<>();
        for (InetAddress address : addresses) {
            locals.add(new LocalAddress(address, "eth0", false));
        }
        locals.add(new LocalAddress(LOOPBACK4, "lo", true));
        locals.add(new LocalAddress(LOOPBACK6, "lo", true));
        this.localAddresses = List.copyOf(locals);
        this.uplink = new Link(network, () -> conditions);
        this.downlink = new Link(network, () -> conditions);
    }

    /** The name it was added with. */
    public String name() {
        return name;
    }

    /** The network it is on. */
    public VirtualNetwork network() {
        return network;
    }

    /** Its interface addresses, without loopback, in the order given. */
    public List<InetAddress> addresses() {
        return addresses;
    }

    /** The conditions of its access link. */
    public LinkConditions linkConditions() {
        return conditions;
    }

    /**
     * Sets the conditions of its access link; each direction applies them (and queues for a
     * bandwidth limit) on its own.
     */
    public void setLinkConditions(LinkConditions conditions) {
        this.conditions = Objects.requireNonNull(conditions, "conditions");
    }

    @Override
    public Scheduler scheduler() {
        return network.scheduler();
    }

    @Override
    public ByteBufAllocator alloc() {
        return network.alloc();
    }

    @Override
    public List<LocalAddress> localAddresses() {
        return localAddresses;
    }

    /**
     * Binds a UDP socket to one of this host's addresses, a loopback address or the wildcard
     * ({@code 0.0.0.0} for IPv4, {@code ::} for both families). Port 0 picks the next free port
     * from 49152 up. Fails with {@link BindException} for an address the host does not have or a
     * port in use, and with {@link IOException} once the host is closed.
     */
    @Override
    public CompletableFuture<UdpSocket> bindUdp(InetSocketAddress local, DatagramHandler handler) {
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(handler, "handler");
        if (!open) {
            return CompletableFuture.failedFuture(new IOException("host " + name + " is closed"));
        }
        InetAddress address = local.getAddress();
        if (address == null) {
            return CompletableFuture.failedFuture(new BindException("unresolved address: " + local));
        }
        if (!address.isAnyLocalAddress() && !owns(address)) {
            return CompletableFuture.failedFuture(new BindException(
                    "Cannot assign requested address: " + address.getHostAddress() + " is not an address of " + name));
        }
        int port = local.getPort();
        if (port == 0) {
            port = freeUdpPort(address);
            if (port == 0) {
                return CompletableFuture.failedFuture(new BindException("no free UDP port on " + name));
            }
        } else if (udpPortInUse(address, port)) {
            return CompletableFuture.failedFuture(new BindException(
                    "Address already in use: " + address.getHostAddress() + " port " + port + " on " + name));
        }
        VirtualUdpSocket socket = new VirtualUdpSocket(this, new InetSocketAddress(address, port), handler, null);
        udpSockets.put(socket.localAddress(), socket);
        return CompletableFuture.completedFuture(socket);
    }

    /**
     * Joins {@code group} on {@code via}'s interface with a socket bound to the group's port.
     * Several sockets of one host may join the same group and port (as {@code SO_REUSEADDR}
     * allows). Each receives every datagram sent to the group by a host on the same segment, this
     * host included; multicast does not cross NATs.
     */
    @Override
    public CompletableFuture<UdpSocket> joinMulticast(InetSocketAddress group, LocalAddress via, DatagramHandler handler) {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(via, "via");
        Objects.requireNonNull(handler, "handler");
        InetAddress groupAddress = group.getAddress();
        if (groupAddress == null || !groupAddress.isMulticastAddress()) {
            throw new IllegalArgumentException("not a multicast group: " + group);
        }
        if ((groupAddress instanceof Inet6Address) != via.isIpv6()) {
            throw new IllegalArgumentException("group " + group + " and interface address " + via.address()
                    + " are of different address families");
        }
        if (!open) {
            return CompletableFuture.failedFuture(new IOException("host " + name + " is closed"));
        }
        if (!addresses.contains(via.address())) {
            return CompletableFuture.failedFuture(new BindException(
                    "Cannot assign requested address: " + via.address().getHostAddress() + " is not an interface of " + name));
        }
        VirtualUdpSocket socket = new VirtualUdpSocket(
                this, new InetSocketAddress(via.address(), group.getPort()), handler, groupAddress);
        multicastSockets.add(socket);
        return CompletableFuture.completedFuture(socket);
    }

    /**
     * Opens a virtual TCP connection from an ephemeral port of this host. The server's acceptor
     * runs a one-way delay later and the future completes a round trip after the call; the stream
     * then carries bytes reliably and in order with the path's one-way delay (loss, jitter,
     * reordering, duplication and bandwidth of the links do not apply to streams). Each NAT on the
     * way maps the connection like UDP and keeps the mapping while it is open.
     *
     * <p>Fails with {@link ConnectException} when nobody listens on the port (after a round trip)
     * or the address is a NAT's public one (NATs refuse inbound TCP), with
     * {@link NoRouteToHostException} when nobody has the address, and with an
     * {@link IOException} for any TLS request: TLS is not simulated.
     */
    @Override
    public CompletableFuture<StreamSocket> connectTcp(InetSocketAddress remote, TlsClientOptions tls, StreamHandler handler) {
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(handler, "handler");
        if (tls != null) {
            return CompletableFuture.failedFuture(
                    new IOException("TLS is not simulated by the virtual network (connect to " + remote + ")"));
        }
        if (!open) {
            return CompletableFuture.failedFuture(new IOException("host " + name + " is closed"));
        }
        InetAddress destination = remote.getAddress();
        if (destination == null) {
            return CompletableFuture.failedFuture(new IOException("unresolved address: " + remote));
        }
        InetAddress source = sourceFor(ANY6, destination);
        if (source == null) {
            return CompletableFuture.failedFuture(new NoRouteToHostException("No route to host: " + remote));
        }
        int port = freeTcpPort();
        if (port == 0) {
            return CompletableFuture.failedFuture(new BindException("no free TCP port on " + name));
        }
        tcpPorts.add(port);
        InetSocketAddress local = new InetSocketAddress(source, port);
        CompletableFuture<StreamSocket> future = new CompletableFuture<>();
        TcpRoute route = TcpRoute.find(this, local, remote);
        if (route.failure != null) {
            tcpPorts.remove(port);
            scheduler().execute(() -> future.completeExceptionally(route.failure));
            return future;
        }
        VirtualHost server = route.server;
        LongSupplier oneWay = server == this
                ? () -> 0
                : () -> uplink.streamDelayNanos()
                        + (route.overCore ? network.coreStreamDelayNanos() : 0)
                        + server.downlink.streamDelayNanos();
        VirtualStreamSocket client = new VirtualStreamSocket(this, local, remote, oneWay);
        Runnable end = new Runnable() {
            private boolean ran;

            @Override
            public void run() {
                if (!ran) {
                    ran = true;
                    tcpPorts.remove(port);
                    route.release();
                }
            }
        };
        scheduler().schedule(
                () -> server.acceptTcp(client, route.seenAs, handler, end, future),
                oneWay.getAsLong(),
                TimeUnit.NANOSECONDS);
        return future;
    }

    /**
     * A virtual host only: accepts TCP connections to {@code port} on all its addresses. For each,
     * {@code acceptor} gets the server end of the new connection and returns its handler, or null
     * to refuse it. Port 0 picks a free one (see {@link VirtualTcpListener#port()}).
     *
     * @throws UncheckedIOException wrapping a {@link BindException} when the port is in use
     * @throws IllegalStateException when the host is closed
     */
    public VirtualTcpListener listenTcp(int port, Function<StreamSocket, StreamHandler> acceptor) {
        Objects.requireNonNull(acceptor, "acceptor");
        if (port < 0 || port > LAST_PORT) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (!open) {
            throw new IllegalStateException("host " + name + " is closed");
        }
        if (port == 0) {
            port = freeTcpPort();
            if (port == 0) {
                throw new UncheckedIOException(new BindException("no free TCP port on " + name));
            }
        } else if (tcpPorts.contains(port)) {
            throw new UncheckedIOException(new BindException("Address already in use: TCP port " + port + " on " + name));
        }
        tcpPorts.add(port);
        VirtualTcpListener listener = new VirtualTcpListener(this, port, acceptor);
        tcpListeners.put(port, listener);
        return listener;
    }

    /** Whether the host is still up. */
    public boolean isOpen() {
        return open;
    }

    /** Takes the host down: closes all its sockets; later binds fail and datagrams to it drop. */
    public void close() {
        if (!open) {
            return;
        }
        open = false;
        for (VirtualUdpSocket socket : new ArrayList<>(udpSockets.values())) {
            socket.close();
        }
        for (VirtualUdpSocket socket : new ArrayList<>(multicastSockets)) {
            socket.close();
        }
        for (VirtualTcpListener listener : new ArrayList<>(tcpListeners.values())) {
            listener.close();
        }
        for (VirtualStreamSocket stream : new ArrayList<>(streams)) {
            stream.close();
        }
    }

    @Override
    public String toString() {
        return "VirtualHost[" + name + " " + addresses + "]";
    }

    // ---------------------------------------------------------------- package-private plumbing

    Segment segment() {
        return segment;
    }

    Link uplink() {
        return uplink;
    }

    Link downlink() {
        return downlink;
    }

    /** Whether {@code address} is one of this host's, loopback included. */
    boolean owns(InetAddress address) {
        return address.isLoopbackAddress() || addresses.contains(address);
    }

    void forget(VirtualUdpSocket socket) {
        if (socket.group() != null) {
            multicastSockets.remove(socket);
        } else {
            udpSockets.remove(socket.localAddress(), socket);
        }
    }

    void forget(VirtualTcpListener listener) {
        tcpListeners.remove(listener.port(), listener);
        tcpPorts.remove(listener.port());
    }

    /**
     * The SYN of {@code client}'s connection has reached this host: refused (the client learns it
     * a one-way delay later) or accepted, with the SYN-ACK sent back in order before anything the
     * acceptor sends.
     */
    private void acceptTcp(VirtualStreamSocket client, InetSocketAddress seenAs, StreamHandler clientHandler,
            Runnable end, CompletableFuture<StreamSocket> future) {
        VirtualHost clientHost = client.host();
        VirtualTcpListener listener = open ? tcpListeners.get(client.remoteAddress().getPort()) : null;
        VirtualStreamSocket server = new VirtualStreamSocket(this, client.remoteAddress(), seenAs, client.oneWay());
        VirtualStreamSocket accepted = server;
        Runnable bothEnds = () -> {
            end.run();
            streams.remove(accepted);
            clientHost.streams.remove(client);
        };
        client.connect(server, clientHandler, bothEnds);
        server.connect(client, null, bothEnds);
        boolean[] refused = {listener == null};
        server.toPeer(() -> {
            if (refused[0]) {
                client.abandon();
                future.completeExceptionally(new ConnectException("Connection refused: " + client.remoteAddress()));
            } else if (!clientHost.isOpen()) {
                client.abandon();
                accepted.close();
                future.completeExceptionally(new IOException("host " + clientHost.name() + " is closed"));
            } else {
                clientHost.streams.add(client);
                future.complete(client);
            }
        });
        if (refused[0]) {
            server.abandon();
            return;
        }
        streams.add(server);
        StreamHandler handler = listener.accept(server);
        if (handler == null) {
            refused[0] = true;
            streams.remove(server);
            server.abandon();
        } else {
            server.handler(handler);
        }
    }

    private int freeTcpPort() {
        int span = LAST_PORT - FIRST_EPHEMERAL_PORT + 1;
        for (int i = 0; i < span; i++) {
            int port = nextTcpPort;
            nextTcpPort = port == LAST_PORT ? FIRST_EPHEMERAL_PORT : port + 1;
            if (!tcpPorts.contains(port)) {
                return port;
            }
        }
        return 0;
    }

    /** Sends a datagram a socket was given: within the host, to the segment's group, or off-host. */
    void sendDatagram(VirtualUdpSocket socket, InetSocketAddress to, byte[] payload) {
        network.countSent();
        InetAddress destination = to.getAddress();
        InetAddress source = destination == null ? null : sourceFor(socket.localAddress().getAddress(), destination);
        if (source == null) {
            network.countNoRoute();
            return;
        }
        Datagram datagram = new Datagram(new InetSocketAddress(source, socket.localAddress().getPort()), to, payload);
        if (destination.isMulticastAddress()) {
            network.multicast(this, datagram);
        } else if (owns(destination)) {
            scheduler().execute(() -> deliver(datagram));
        } else if (source.isLoopbackAddress()) {
            network.countNoRoute();
        } else {
            network.send(this, datagram);
        }
    }

    /**
     * The source address of a datagram from a socket bound to {@code bound}: the bound address, or
     * for the wildcard the first of this host's addresses of the destination's family (a loopback
     * one for a loopback destination). Null when there is none.
     */
    private InetAddress sourceFor(InetAddress bound, InetAddress destination) {
        boolean v6 = destination instanceof Inet6Address;
        if (!bound.isAnyLocalAddress()) {
            return (bound instanceof Inet6Address) == v6 ? bound : null;
        }
        if (v6 && bound instanceof Inet4Address) {
            return null;
        }
        if (destination.isLoopbackAddress()) {
            return v6 ? LOOPBACK6 : LOOPBACK4;
        }
        if (addresses.contains(destination)) {
            return destination;
        }
        for (InetAddress address : addresses) {
            if ((address instanceof Inet6Address) == v6) {
                return address;
            }
        }
        return null;
    }

    /** A unicast datagram has reached this host: to the socket bound to its destination, if any. */
    void deliver(Datagram datagram) {
        VirtualUdpSocket socket = open ? udpSocketFor(datagram.destination()) : null;
        if (socket == null) {
            network.countNoSocket();
            return;
        }
        socket.deliver(datagram.source(), datagram.payload());
    }

    /** A multicast datagram has reached this host: to every socket joined to its group and port. */
    void deliverMulticast(Datagram datagram) {
        InetSocketAddress destination = datagram.destination();
        for (VirtualUdpSocket socket : new ArrayList<>(multicastSockets)) {
            if (socket.group().equals(destination.getAddress())
                    && socket.localAddress().getPort() == destination.getPort()) {
                socket.deliver(datagram.source(), datagram.payload());
            }
        }
    }

    private VirtualUdpSocket udpSocketFor(InetSocketAddress destination) {
        VirtualUdpSocket exact = udpSockets.get(destination);
        if (exact != null) {
            return exact;
        }
        for (VirtualUdpSocket socket : udpSockets.values()) {
            if (socket.localAddress().getPort() == destination.getPort()
                    && covers(socket.localAddress().getAddress(), destination.getAddress())) {
                return socket;
            }
        }
        // A unicast reply to a multicast socket's interface address and port (mDNS "QU" answers).
        for (VirtualUdpSocket socket : multicastSockets) {
            if (socket.localAddress().equals(destination)) {
                return socket;
            }
        }
        return null;
    }

    /** Whether a socket bound to {@code bound} receives datagrams for {@code address}. */
    private static boolean covers(InetAddress bound, InetAddress address) {
        if (bound.equals(address)) {
            return true;
        }
        // 0.0.0.0 takes IPv4 only; :: is dual-stack, as on Linux with bindv6only=0.
        return bound.isAnyLocalAddress() && (bound instanceof Inet6Address || address instanceof Inet4Address);
    }

    private boolean udpPortInUse(InetAddress address, int port) {
        for (InetSocketAddress bound : udpSockets.keySet()) {
            if (bound.getPort() == port
                    && (covers(bound.getAddress(), address) || covers(address, bound.getAddress()))) {
                return true;
            }
        }
        return false;
    }

    private int freeUdpPort(InetAddress address) {
        int span = LAST_PORT - FIRST_EPHEMERAL_PORT + 1;
        for (int i = 0; i < span; i++) {
            int port = nextUdpPort;
            nextUdpPort = port == LAST_PORT ? FIRST_EPHEMERAL_PORT : port + 1;
            if (!udpPortInUse(address, port)) {
                return port;
            }
        }
        return 0;
    }

    static InetAddress literal(String literal) {
        return Objects.requireNonNull(NetUtil.createInetAddressFromIpAddressString(literal), literal);
    }
}
