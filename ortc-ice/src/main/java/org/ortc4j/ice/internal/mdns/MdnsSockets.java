package org.ortc4j.ice.internal.mdns;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.ortc4j.ice.net.LocalAddress;
import org.ortc4j.ice.net.NetworkStack;
import org.ortc4j.ice.net.UdpSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sockets of one mDNS participant: one per interface and address family, each bound to port
 * 5353 and joined to the family's mDNS group. It decodes what arrives, drops and counts what does
 * not decode, and sends messages to the groups or to one address.
 *
 * <p>RFC 6762 §3: "... sent to the mDNS IPv4 link-local multicast address 224.0.0.251 (or its IPv6
 * equivalent FF02::FB)" on UDP port 5353. It joins on every non-loopback interface the stack
 * reports, or on the loopback ones when there are no others; IPv6 only on interfaces that have an
 * IPv6 address. A join that fails is counted and the others carry on.
 *
 * <p>Confined to the stack's loop; sending is synchronous and a stack may deliver this host's own
 * multicast back at once, inside the send ({@code IP_MULTICAST_LOOP}), so receivers must tolerate
 * being called from inside their own sends.
 */
final class MdnsSockets {

    private static final Logger LOG = LoggerFactory.getLogger(MdnsSockets.class);

    /** RFC 6762 §3: UDP port 5353. */
    static final int PORT = 5353;
    /** RFC 6762 §3: the IPv4 group. */
    static final InetSocketAddress IPV4_GROUP = group("224.0.0.251");
    /** RFC 6762 §3: the IPv6 group. */
    static final InetSocketAddress IPV6_GROUP = group("ff02::fb");

    /** Gets each message that decodes, with the socket it came in on. */
    @FunctionalInterface
    interface Receiver {
        void onMessage(UdpSocket socket, InetSocketAddress sender, DnsMessage message);
    }

    private final NetworkStack stack;
    private final Receiver receiver;
    private final Map<UdpSocket, InetSocketAddress> groups = new LinkedHashMap<>();
    private final List<Runnable> whenReady = new ArrayList<>();
    private int joinsPending;
    private boolean ready;
    private boolean closed;
    private long malformedPackets;
    private long joinFailures;

    MdnsSockets(NetworkStack stack, Receiver receiver) {
        this.stack = Objects.requireNonNull(stack, "stack");
        this.receiver = Objects.requireNonNull(receiver, "receiver");
    }

    /** Starts joining; call once, on the loop. */
    void open() {
        List<LocalAddress> vias = joinAddresses(stack.localAddresses());
        joinsPending = vias.size();
        for (LocalAddress via : vias) {
            InetSocketAddress group = via.isIpv6() ? IPV6_GROUP : IPV4_GROUP;
            try {
                stack.joinMulticast(group, via, this::onDatagram).whenComplete((socket, failure) -> {
                    if (failure != null) {
                        joinFailures++;
                        LOG.debug("mDNS: cannot join {} on {}: {}", group, via, failure.toString());
                    } else if (closed) {
                        socket.close();
                    } else {
                        groups.put(socket, group);
                    }
                    joinDone();
                });
            } catch (RuntimeException e) {
                joinFailures++;
                LOG.debug("mDNS: cannot join {} on {}: {}", group, via, e.toString());
                joinDone();
            }
        }
        if (vias.isEmpty()) {
            joinDone();
        }
    }

    /**
     * Where to join: for each interface, its first IPv4 and its first IPv6 address; non-loopback
     * interfaces only, unless the stack has nothing else.
     */
    static List<LocalAddress> joinAddresses(List<LocalAddress> addresses) {
        boolean onlyLoopback = addresses.stream().allMatch(LocalAddress::loopback);
        Map<String, LocalAddress> chosen = new LinkedHashMap<>();
        for (LocalAddress address : addresses) {
            if (address.loopback() != onlyLoopback) {
                continue;
            }
            chosen.putIfAbsent(address.interfaceName() + (address.isIpv6() ? "/6" : "/4"), address);
        }
        return List.copyOf(chosen.values());
    }

    private void joinDone() {
        if (--joinsPending <= 0 && !ready) {
            ready = true;
            List<Runnable> tasks = List.copyOf(whenReady);
            whenReady.clear();
            if (!closed) {
                tasks.forEach(Runnable::run);
            }
        }
    }

    /** Runs {@code task} once every join has succeeded or failed: now, if that is already so. */
    void whenReady(Runnable task) {
        if (ready) {
            task.run();
        } else {
            whenReady.add(task);
        }
    }

    /** The sockets joined so far. */
    List<UdpSocket> sockets() {
        return List.copyOf(groups.keySet());
    }

    /** Sends {@code message} to the group of each socket. */
    void multicast(DnsMessage message) {
        for (UdpSocket socket : sockets()) {
            multicast(socket, message);
        }
    }

    /** Sends {@code message} to {@code socket}'s group. */
    void multicast(UdpSocket socket, DnsMessage message) {
        InetSocketAddress group = groups.get(socket);
        if (group != null) {
            send(socket, message, group);
        }
    }

    /** Sends {@code message} from {@code socket} to one address. */
    void send(UdpSocket socket, DnsMessage message, InetSocketAddress to) {
        if (closed || !socket.isOpen()) {
            return;
        }
        byte[] bytes = message.encode();
        socket.send(stack.alloc().buffer(bytes.length).writeBytes(bytes), to);
    }

    private void onDatagram(UdpSocket socket, InetSocketAddress sender, ByteBuf data) {
        DnsMessage message;
        try {
            if (closed) {
                return;
            }
            if (data.readableBytes() > DnsMessage.MAX_MESSAGE_LENGTH) {
                malformedPackets++;
                return;
            }
            message = DnsMessage.decode(ByteBufUtil.getBytes(data));
        } catch (DnsParseException e) {
            malformedPackets++;
            LOG.trace("mDNS: dropped a malformed packet from {}: {}", sender, e.reason());
            return;
        } finally {
            data.release();
        }
        receiver.onMessage(socket, sender, message);
    }

    /** Datagrams dropped because they were not well-formed DNS messages. */
    long malformedPackets() {
        return malformedPackets;
    }

    /** Group joins that failed (an interface without multicast, an address family missing). */
    long joinFailures() {
        return joinFailures;
    }

    /** Closes every socket; later sends do nothing. Idempotent. */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (UdpSocket socket : sockets()) {
            socket.close();
        }
        groups.clear();
        whenReady.clear();
    }

    private static InetSocketAddress group(String literal) {
        InetAddress address;
        try {
            address = InetAddress.getByAddress(NetUtil.createByteArrayFromIpAddressString(literal));
        } catch (java.net.UnknownHostException e) {
            throw new ExceptionInInitializerError(e);
        }
        return new InetSocketAddress(address, PORT);
    }
}
