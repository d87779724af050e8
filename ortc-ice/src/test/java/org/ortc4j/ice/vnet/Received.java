package org.ortc4j.ice.vnet;

import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ortc4j.ice.net.DatagramHandler;
import org.ortc4j.ice.net.Scheduler;
import org.ortc4j.ice.net.UdpSocket;

/** A handler that records what arrives (text, sender, virtual time) and releases each buffer. */
final class Received implements DatagramHandler {

    record Datagram(String text, InetSocketAddress from, long atMillis, UdpSocket socket) {}

    private final Scheduler scheduler;
    final List<Datagram> datagrams = new ArrayList<>();

    Received(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    public void onDatagram(UdpSocket socket, InetSocketAddress sender, ByteBuf data) {
        try {
            datagrams.add(new Datagram(
                    data.toString(StandardCharsets.UTF_8),
                    sender,
                    TimeUnit.NANOSECONDS.toMillis(scheduler.nanoTime()),
                    socket));
        } finally {
            data.release();
        }
    }

    List<String> texts() {
        return datagrams.stream().map(Datagram::text).toList();
    }

    Datagram last() {
        return datagrams.get(datagrams.size() - 1);
    }
}
