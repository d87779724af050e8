package org.ortc4j.ice.internal.turn;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.*;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.ortc4j.ice.net.*;

/** TEMPORARY dev-only stack until h/netty lands; not committed. */
final class DevNettyStack implements NetworkStack {
    final NioEventLoopGroup group = new NioEventLoopGroup(1);
    final EventLoop loop = group.next();
    final ExecutorScheduler scheduler = new ExecutorScheduler(loop);

    public Scheduler scheduler() { return scheduler; }
    public ByteBufAllocator alloc() { return ByteBufAllocator.DEFAULT; }
    public List<LocalAddress> localAddresses() { return List.of(); }
    public CompletableFuture<UdpSocket> joinMulticast(InetSocketAddress g, LocalAddress v, DatagramHandler h) { throw new UnsupportedOperationException(); }

    public CompletableFuture<UdpSocket> bindUdp(InetSocketAddress local, DatagramHandler handler) {
        CompletableFuture<UdpSocket> result = new CompletableFuture<>();
        UdpSocket[] self = new UdpSocket[1];
        new Bootstrap().group(loop).channel(NioDatagramChannel.class).handler(new SimpleChannelInboundHandler<DatagramPacket>(false) {
            protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket p) { handler.onDatagram(self[0], p.sender(), p.content()); }
        }).bind(local).addListener((ChannelFuture f) -> {
            if (!f.isSuccess()) { result.completeExceptionally(f.cause()); return; }
            Channel ch = f.channel();
            self[0] = new UdpSocket() {
                public InetSocketAddress localAddress() { return (InetSocketAddress) ch.localAddress(); }
                public void send(ByteBuf d, InetSocketAddress to) { ch.writeAndFlush(new DatagramPacket(d, to)); }
                public boolean isOpen() { return ch.isOpen(); }
                public void close() { ch.close(); }
            };
            result.complete(self[0]);
        });
        return result;
    }

    public CompletableFuture<StreamSocket> connectTcp(InetSocketAddress remote, TlsClientOptions tls, StreamHandler handler) {
        CompletableFuture<StreamSocket> result = new CompletableFuture<>();
        StreamSocket[] self = new StreamSocket[1];
        new Bootstrap().group(loop).channel(NioSocketChannel.class).handler(new ChannelInitializer<Channel>() {
            protected void initChannel(Channel ch) throws Exception {
                if (tls != null) {
                    SslContext ctx = SslContextBuilder.forClient().trustManager(tls.trustManager()).build();
                    SslHandler ssl = ctx.newHandler(ch.alloc(), tls.serverName(), remote.getPort());
                    ch.pipeline().addLast(ssl);
                    ssl.handshakeFuture().addListener(f -> { if (f.isSuccess()) result.complete(self[0]); else result.completeExceptionally(f.cause()); });
                }
                ch.pipeline().addLast(new SimpleChannelInboundHandler<ByteBuf>(false) {
                    protected void channelRead0(ChannelHandlerContext c, ByteBuf b) { handler.onData(self[0], b); }
                    public void channelInactive(ChannelHandlerContext c) { handler.onClosed(self[0], null); }
                });
            }
        }).connect(remote).addListener((ChannelFuture f) -> {
            if (!f.isSuccess()) { result.completeExceptionally(f.cause()); return; }
            Channel ch = f.channel();
            self[0] = new StreamSocket() {
                public InetSocketAddress localAddress() { return (InetSocketAddress) ch.localAddress(); }
                public InetSocketAddress remoteAddress() { return remote; }
                public void send(ByteBuf d) { ch.writeAndFlush(d); }
                public boolean isOpen() { return ch.isOpen(); }
                public void close() { ch.close(); }
            };
            if (tls == null) result.complete(self[0]);
        });
        return result;
    }
}
