package org.ortc4j.sctp.internal.association;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.ortc4j.ice.net.UdpSocket;
import org.ortc4j.ice.net.VirtualScheduler;
import org.ortc4j.ice.vnet.LinkConditions;
import org.ortc4j.ice.vnet.VirtualHost;
import org.ortc4j.ice.vnet.VirtualNetwork;

/**
 * Two associations on two hosts of the virtual network ({@code org.ortc4j.ice.vnet}), one SCTP
 * packet per UDP datagram (as DTLS would carry it), across a core link with seeded loss, delay,
 * jitter, reordering and duplication.
 */
final class VnetLink {

    final VirtualScheduler scheduler = new VirtualScheduler();
    final VirtualNetwork network;
    final Association a;
    final Association b;
    final RecordingListener listenerA = new RecordingListener();
    final RecordingListener listenerB = new RecordingListener();
    private final UdpSocket socketA;
    private final UdpSocket socketB;
    private final InetSocketAddress addressA = new InetSocketAddress("10.0.0.1", 5000);
    private final InetSocketAddress addressB = new InetSocketAddress("10.0.0.2", 5000);

    VnetLink(AssociationConfig config, LinkConditions conditions, long seed) {
        network = new VirtualNetwork(scheduler, seed);
        network.setLinkConditions(conditions);
        VirtualHost hostA = network.addHost("a", "10.0.0.1");
        VirtualHost hostB = network.addHost("b", "10.0.0.2");
        Association[] assoc = new Association[2];
        socketA = hostA.bindUdp(addressA, (s, from, data) -> deliver(assoc[0], data)).join();
        socketB = hostB.bindUdp(addressB, (s, from, data) -> deliver(assoc[1], data)).join();
        a = new Association(scheduler, config, p -> send(socketA, p, addressB), listenerA);
        b = new Association(scheduler, config, p -> send(socketB, p, addressA), listenerB);
        assoc[0] = a;
        assoc[1] = b;
    }

    private static void send(UdpSocket socket, ByteBuffer packet, InetSocketAddress to) {
        socket.send(Unpooled.copiedBuffer(packet.duplicate()), to);
    }

    private static void deliver(Association to, ByteBuf data) {
        try {
            to.receive(data.nioBuffer());
        } finally {
            data.release();
        }
    }

    boolean runUntil(java.util.function.BooleanSupplier done, Duration limit) {
        long end = scheduler.nanoTime() + limit.toNanos();
        while (!done.getAsBoolean()) {
            long now = scheduler.nanoTime();
            if (now >= end) {
                return false;
            }
            // Jump to the next event: nothing changes in between.
            long next = scheduler.nextDueNanos();
            long step = Math.min(next < 0 ? end - now : Math.max(0, next - now), end - now);
            if (step == 0) {
                scheduler.runDueTasks();
            } else {
                scheduler.advance(step, java.util.concurrent.TimeUnit.NANOSECONDS);
            }
        }
        return true;
    }
}
