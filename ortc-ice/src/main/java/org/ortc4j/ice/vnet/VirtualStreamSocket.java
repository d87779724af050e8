package org.ortc4j.ice.vnet;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.ortc4j.ice.net.StreamHandler;
import org.ortc4j.ice.net.StreamSocket;

/**
 * One end of a virtual TCP connection. The stream is reliable and ordered: bytes reach the peer
 * after the path's one-way delay (no loss, jitter or reordering at the stream level) and never
 * overtake earlier bytes or the close. Closing ends both directions: the peer's handler sees
 * {@code onClosed(null)} after the bytes sent before it.
 */
final class VirtualStreamSocket implements StreamSocket {

    private final VirtualHost host;
    private final InetSocketAddress local;
    private final InetSocketAddress remote;
    private final LongSupplier oneWayNanos;
    private StreamHandler handler;
    private VirtualStreamSocket peer;
    private Runnable onEnd = () -> {};
    private boolean open = true;
    private boolean notified;
    /** When the last thing this end sent reaches the peer; later sends arrive no earlier. */
    private long lastArrival = Long.MIN_VALUE;

    VirtualStreamSocket(VirtualHost host, InetSocketAddress local, InetSocketAddress remote, LongSupplier oneWayNanos) {
        this.host = host;
        this.local = local;
        this.remote = remote;
        this.oneWayNanos = oneWayNanos;
    }

    void connect(VirtualStreamSocket peer, StreamHandler handler, Runnable onEnd) {
        this.peer = peer;
        this.handler = handler;
        this.onEnd = onEnd;
    }

    void handler(StreamHandler handler) {
        this.handler = handler;
    }

    LongSupplier oneWay() {
        return oneWayNanos;
    }

    VirtualHost host() {
        return host;
    }

    @Override
    public InetSocketAddress localAddress() {
        return local;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return remote;
    }

    @Override
    public void send(ByteBuf data) {
        Objects.requireNonNull(data, "data");
        byte[] bytes;
        try {
            if (!open || data.readableBytes() == 0) {
                return;
            }
            bytes = ByteBufUtil.getBytes(data);
        } finally {
            data.release();
        }
        VirtualStreamSocket to = peer;
        toPeer(() -> to.receive(bytes));
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        if (!open) {
            return;
        }
        open = false;
        onEnd.run();
        VirtualStreamSocket to = peer;
        toPeer(to::remoteClosed);
        host.scheduler().execute(() -> notifyClosed(null));
    }

    /** Schedules {@code arrival} at the peer after the one-way delay, in order with what went before. */
    void toPeer(Runnable arrival) {
        long now = host.scheduler().nanoTime();
        long at = Math.max(now + oneWayNanos.getAsLong(), lastArrival);
        lastArrival = at;
        host.scheduler().schedule(arrival, at - now, TimeUnit.NANOSECONDS);
    }

    /** Ends this side without a word to anyone: a connection that was refused or never completed. */
    void abandon() {
        if (open) {
            open = false;
            notified = true;
            onEnd.run();
        }
    }

    private void receive(byte[] bytes) {
        if (!open || handler == null) {
            return;
        }
        ByteBuf data = host.alloc().buffer(bytes.length).writeBytes(bytes);
        handler.onData(this, data);
    }

    private void remoteClosed() {
        if (open) {
            open = false;
            onEnd.run();
            notifyClosed(null);
        }
    }

    private void notifyClosed(Throwable cause) {
        if (!notified && handler != null) {
            notified = true;
            handler.onClosed(this, cause);
        }
    }

    @Override
    public String toString() {
        return "VirtualStreamSocket[" + host.name() + " " + local + " -> " + remote + (open ? "" : " closed") + "]";
    }
}
