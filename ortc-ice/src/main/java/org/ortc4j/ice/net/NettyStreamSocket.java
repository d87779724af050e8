package org.ortc4j.ice.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link StreamSocket} over a Netty TCP channel, with TLS below it when asked for. The handler
 * hears {@link StreamHandler#onClosed} once, and only for a connection whose future succeeded: a
 * connection or handshake that fails fails the future instead.
 */
public final class NettyStreamSocket implements StreamSocket {

    private static final Logger LOG = LoggerFactory.getLogger(NettyStreamSocket.class);

    private final SocketChannel channel;
    private final StreamHandler handler;
    private volatile InetSocketAddress localAddress;
    private volatile InetSocketAddress remoteAddress;

    // Loop-confined state; the counters are volatile so that they can be read from anywhere.
    private boolean established;
    private boolean closeNotified;
    private Throwable failure;
    private volatile long droppedSends;
    private volatile long handlerFailures;

    NettyStreamSocket(SocketChannel channel, StreamHandler handler) {
        this.channel = channel;
        this.handler = handler;
    }

    ChannelInboundHandlerAdapter inbound() {
        return new Inbound();
    }

    /**
     * Called on the loop when the connection (and the TLS handshake) succeeded, just before the
     * future completes; from now on the handler hears of the end.
     */
    void established() {
        established = true;
        localAddress = (InetSocketAddress) channel.localAddress();
        remoteAddress = (InetSocketAddress) channel.remoteAddress();
        if (!channel.isActive()) {
            // Closed in the same breath as it opened: the handler still hears of it, after the
            // future's own callbacks.
            channel.eventLoop().execute(this::notifyClosed);
        }
    }

    @Override
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return remoteAddress;
    }

    @Override
    public void send(ByteBuf data) {
        Objects.requireNonNull(data, "data");
        if (!channel.eventLoop().inEventLoop()) {
            channel.eventLoop().execute(() -> send(data));
            return;
        }
        if (!channel.isActive()) {
            data.release();
            droppedSends++;
            return;
        }
        // A write that fails breaks the stream: exceptionCaught closes it with the cause.
        channel.writeAndFlush(data, channel.voidPromise());
    }

    @Override
    public boolean isOpen() {
        return channel.isActive();
    }

    @Override
    public void close() {
        channel.close();
    }

    /** Writes dropped (and released) because the connection was closed. */
    public long droppedSends() {
        return droppedSends;
    }

    /** Times the handler threw. */
    public long handlerFailures() {
        return handlerFailures;
    }

    /** The Netty channel under this socket. */
    public SocketChannel channel() {
        return channel;
    }

    private void notifyClosed() {
        if (!established || closeNotified) {
            return;
        }
        closeNotified = true;
        try {
            handler.onClosed(this, failure);
        } catch (RuntimeException e) {
            handlerFailures++;
            LOG.debug("stream handler failed on close of {}", remoteAddress, e);
        }
    }

    @Override
    public String toString() {
        return "NettyStreamSocket[" + localAddress + " -> " + remoteAddress + (isOpen() ? "" : ", closed") + "]";
    }

    private final class Inbound extends ChannelInboundHandlerAdapter {

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof ByteBuf)) {
                ReferenceCountUtil.release(msg);
                return;
            }
            try {
                handler.onData(NettyStreamSocket.this, (ByteBuf) msg);
            } catch (RuntimeException e) {
                handlerFailures++;
                LOG.debug("stream handler failed on data from {}", remoteAddress, e);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            notifyClosed();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (failure == null) {
                failure = cause;
            }
            LOG.debug("stream {} broke: {}", remoteAddress, cause.toString());
            ctx.close();
        }
    }
}
