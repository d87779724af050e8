package org.ortc4j.ice.internal.mdns;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ortc4j.ice.net.LocalAddress;
import org.ortc4j.ice.net.UdpSocket;
import org.ortc4j.ice.vnet.VirtualHost;

/**
 * A bystander on the link for tests: a socket on port 5353 joined to an mDNS group on a host of
 * its own, that records every DNS message it sees (with the virtual time and the sender) and can
 * send any bytes from there or from an ordinary port.
 */
final class MdnsSniffer {

    record Seen(long atMillis, InetSocketAddress from, DnsMessage message) {}

    private final VirtualHost host;
    private final UdpSocket socket;
    private final InetSocketAddress group;
    final List<Seen> seen = new ArrayList<>();
    int malformed;

    MdnsSniffer(VirtualHost host, boolean ipv6) {
        this.host = host;
        this.group = ipv6 ? MdnsSockets.IPV6_GROUP : MdnsSockets.IPV4_GROUP;
        LocalAddress via = host.localAddresses().stream()
                .filter(a -> !a.loopback() && a.isIpv6() == ipv6).findFirst().orElseThrow();
        this.socket = host.joinMulticast(group, via, this::onDatagram).join();
    }

    MdnsSniffer(VirtualHost host) {
        this(host, false);
    }

    private void onDatagram(UdpSocket from, InetSocketAddress sender, ByteBuf data) {
        try {
            seen.add(new Seen(TimeUnit.NANOSECONDS.toMillis(host.scheduler().nanoTime()), sender,
                    DnsMessage.decode(ByteBufUtil.getBytes(data))));
        } catch (DnsParseException e) {
            malformed++;
        } finally {
            data.release();
        }
    }

    /** The address of this sniffer's socket (port 5353). */
    InetSocketAddress address() {
        return socket.localAddress();
    }

    List<Seen> queries() {
        return seen.stream().filter(s -> !s.message().isResponse()).toList();
    }

    List<Seen> responses() {
        return seen.stream().filter(s -> s.message().isResponse()).toList();
    }

    List<Long> queryTimes() {
        return queries().stream().map(Seen::atMillis).toList();
    }

    List<Long> responseTimes() {
        return responses().stream().map(Seen::atMillis).toList();
    }

    /** Sends {@code message} from port 5353 to the group. */
    void multicast(DnsMessage message) {
        send(message.encode(), group);
    }

    /** Sends bytes from port 5353. */
    void send(byte[] bytes, InetSocketAddress to) {
        socket.send(host.alloc().buffer(bytes.length).writeBytes(bytes), to);
    }

    /** Sends bytes to the group from an ordinary socket on {@code port}, closed afterwards unless replies are wanted. */
    UdpSocket sendFromPort(int port, byte[] bytes, java.util.function.Consumer<DnsMessage> replies) {
        UdpSocket other = host.bindUdp(new InetSocketAddress(socket.localAddress().getAddress(), port),
                (s, sender, data) -> {
                    try {
                        replies.accept(DnsMessage.decode(ByteBufUtil.getBytes(data)));
                    } finally {
                        data.release();
                    }
                }).join();
        other.send(host.alloc().buffer(bytes.length).writeBytes(bytes), group);
        return other;
    }

    InetSocketAddress group() {
        return group;
    }
}
