package org.ortc4j.ice.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link UdpSocket} over a Netty datagram channel, with counters of what went wrong. UDP is best
 * effort: sends that fail or come after {@link #close()} are counted and their buffers released,
 * never thrown. The counters are written on the loop and may be read from any thread.
 */
public final class NettyUdpSocket implements UdpSocket {

    private static final Logger LOG = LoggerFactory.getLogger(NettyUdpSocket.class);

    private final DatagramChannel channel;
    private final DatagramHandler handler;
    private volatile InetSocketAddress localAddress;

    // Written only on the loop (single writer), so ++ on a volatile is safe here.
    private volatile long received;
    private volatile long sent;
    private volatile long droppedSends;
    private volatile long sendErrors;
    private volatile long handlerFailures;

    // Sends are written at once and flushed together once per turn of the loop, so a burst of
    // datagrams leaves in one sendmmsg(2) call with the epoll transport instead of one sendto(2)
    // each (twice the datagrams per second on loopback). Loop-confined.
    private boolean flushPending;
    private final Runnable flush = this::flushNow;

    NettyUdpSocket(DatagramChannel channel, DatagramHandler handler) {
        this.channel = channel;
        this.handler = handler;
    }

    /** The pipeline's end: hands each datagram to the user's handler. */
    ChannelInboundHandlerAdapter inbound() {
        return new Inbound();
    }

    /** Called once the channel is bound, before the bind future completes. */
    void bound() {
        localAddress = (InetSocketAddress) channel.localAddress();
    }

    @Override
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    @Override
    public void send(ByteBuf data, InetSocketAddress to) {
        Objects.requireNonNull(data, "data");
        if (to == null || to.isUnresolved()) {
            data.release();
            throw new IllegalArgumentException("a resolved destination address is needed, not " + to);
        }
        if (!channel.eventLoop().inEventLoop()) {
            channel.eventLoop().execute(() -> send(data, to));
            return;
        }
        if (!channel.isActive()) {
            data.release();
            droppedSends++;
            return;
        }
        sent++;
        // The void promise sends a failure to exceptionCaught below, where it is counted, instead of
        // allocating a promise per datagram.
        channel.write(new DatagramPacket(data, to), channel.voidPromise());
        if (!flushPending) {
            flushPending = true;
            channel.eventLoop().execute(flush);
        }
    }

    private void flushNow() {
        flushPending = false;
        channel.flush();
    }

    @Override
    public boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public void close() {
        if (!channel.eventLoop().inEventLoop()) {
            channel.eventLoop().execute(this::close);
            return;
        }
        // Datagrams written in this turn of the loop (a TURN Refresh with LIFETIME 0, a last
        // close_notify) leave before the socket closes; closing would discard them.
        flushNow();
        channel.close();
    }

    /** Datagrams handed to the handler. */
    public long received() {
        return received;
    }

    /** Datagrams given to the channel to send. */
    public long sent() {
        return sent;
    }

    /** Datagrams dropped (and released) because the socket was closed. */
    public long droppedSends() {
        return droppedSends;
    }

    /** Errors the channel reported, nearly all of them sends that failed (no route, too big). */
    public long sendErrors() {
        return sendErrors;
    }

    /** Times the handler threw; the datagram was its own to release. */
    public long handlerFailures() {
        return handlerFailures;
    }

    /** The Netty channel under this socket (its options, its transport). */
    public DatagramChannel channel() {
        return channel;
    }

    @Override
    public String toString() {
        return "NettyUdpSocket[" + localAddress + (isOpen() ? "" : ", closed") + "]";
    }

    private final class Inbound extends ChannelInboundHandlerAdapter {

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof DatagramPacket)) {
                ReferenceCountUtil.release(msg);
                return;
            }
            DatagramPacket packet = (DatagramPacket) msg;
            received++;
            try {
                handler.onDatagram(NettyUdpSocket.this, packet.sender(), packet.content());
            } catch (RuntimeException e) {
                // The handler owned the buffer; whether it released it before throwing is unknown,
                // so it is not touched again. One bad datagram must not stop the socket.
                handlerFailures++;
                LOG.debug("datagram handler failed on {}", localAddress, e);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            sendErrors++;
            LOG.debug("UDP socket {}: {}", localAddress, cause.toString());
        }
    }
}
