package org.ortc4j.ice.vnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ortc4j.ice.vnet.TurnServerTestWorld.REALM;
import static org.ortc4j.ice.vnet.TurnServerTestWorld.SERVER;
import static org.ortc4j.ice.vnet.TurnServerTestWorld.at;
import static org.ortc4j.ice.vnet.TurnServerTestWorld.errorCode;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ortc4j.ice.net.StreamHandler;
import org.ortc4j.ice.net.StreamSocket;
import org.ortc4j.ice.stun.ChannelData;
import org.ortc4j.ice.stun.ChannelNumberAttribute;
import org.ortc4j.ice.stun.MessageIntegrityKey;
import org.ortc4j.ice.stun.NonceAttribute;
import org.ortc4j.ice.stun.RealmAttribute;
import org.ortc4j.ice.stun.RequestedTransportAttribute;
import org.ortc4j.ice.stun.StunAttribute;
import org.ortc4j.ice.stun.StunMessage;
import org.ortc4j.ice.stun.StunMessageClass;
import org.ortc4j.ice.stun.StunMessageType;
import org.ortc4j.ice.stun.StunMethod;
import org.ortc4j.ice.stun.StunStreamFramer;
import org.ortc4j.ice.stun.UsernameAttribute;
import org.ortc4j.ice.stun.XorMappedAddressAttribute;
import org.ortc4j.ice.stun.XorPeerAddressAttribute;
import org.ortc4j.ice.stun.XorRelayedAddressAttribute;

/** TURN over TCP on the virtual network: the stream framing of RFC 8489 §6.2.2 and RFC 8656 §12.5. */
class TurnServerTcpTest {

    private final TurnServerTestWorld world = new TurnServerTestWorld(b -> b.tcpAddress(SERVER));
    private final VirtualHost clientHost = world.network.addHost("alice", "198.51.100.1");
    private final FramedStream received = new FramedStream();
    private StreamSocket connection;
    private String nonce;

    /** The client end: frames what the server sends with the same framer the server uses. */
    static final class FramedStream implements StreamHandler {
        final StunStreamFramer framer = new StunStreamFramer();
        final List<byte[]> frames = new ArrayList<>();
        boolean closed;

        @Override
        public void onData(StreamSocket socket, ByteBuf data) {
            framer.feed(data, frame -> {
                frames.add(ByteBufUtil.getBytes(frame));
                frame.release();
            });
        }

        @Override
        public void onClosed(StreamSocket socket, Throwable cause) {
            closed = true;
            framer.close();
        }

        byte[] take() {
            assertThat(frames).hasSize(1);
            return frames.remove(0);
        }
    }

    @BeforeEach
    void connect() {
        var connecting = clientHost.connectTcp(SERVER, null, received);
        world.settle();
        connection = connecting.join();
    }

    @AfterEach
    void everyBufferIsReleased() {
        connection.close();
        world.closeAndCheckBuffers();
    }

    /** Writes bytes in pieces of {@code piece} bytes, as a stream may deliver them. */
    private void write(byte[] bytes, int piece) {
        for (int i = 0; i < bytes.length; i += piece) {
            int n = Math.min(piece, bytes.length - i);
            connection.send(clientHost.alloc().buffer(n).writeBytes(bytes, i, n));
        }
        world.settle();
    }

    private MessageIntegrityKey key() {
        return MessageIntegrityKey.longTerm("alice", REALM, "alice-secret");
    }

    private StunMessage request(StunMethod method, StunAttribute... attributes) {
        StunMessage request = StunMessage.newBuilder(StunMessageType.of(method, StunMessageClass.REQUEST))
                .attributes(List.of(attributes))
                .attribute(new UsernameAttribute("alice")).attribute(new RealmAttribute(REALM))
                .attribute(new NonceAttribute(nonce))
                .messageIntegrity(key()).build();
        write(request.encode(), 7);
        StunMessage response = StunMessage.decode(received.take());
        assertThat(response.transactionId()).isEqualTo(request.transactionId());
        return response;
    }

    private InetSocketAddress allocate() {
        write(StunMessage.newBuilder(StunMessageType.of(StunMethod.ALLOCATE, StunMessageClass.REQUEST))
                .attribute(new RequestedTransportAttribute(RequestedTransportAttribute.UDP)).build().encode(), 3);
        StunMessage challenge = StunMessage.decode(received.take());
        assertThat(errorCode(challenge)).isEqualTo(401);
        nonce = challenge.attribute(NonceAttribute.class).orElseThrow().nonce();
        StunMessage response = request(StunMethod.ALLOCATE, new RequestedTransportAttribute(RequestedTransportAttribute.UDP));
        assertThat(response.verifyMessageIntegrity(key())).isTrue();
        assertThat(response.attribute(XorMappedAddressAttribute.class).orElseThrow().address())
                .isEqualTo(connection.localAddress());
        return response.attribute(XorRelayedAddressAttribute.class).orElseThrow().address();
    }

    @Test
    void allocateOverTcpAndRelayWithPaddedChannelData() {
        InetSocketAddress relayed = allocate();
        InetSocketAddress peerAddress = at("198.51.100.200", 7000);
        TurnServerTestPeer peer = world.peer("peer", "198.51.100.200", 7000);
        StunMessage bound = request(StunMethod.CHANNEL_BIND, new ChannelNumberAttribute(0x4001), new XorPeerAddressAttribute(peerAddress));
        assertThat(bound.type().messageClass()).isEqualTo(StunMessageClass.SUCCESS_RESPONSE);

        // Client → peer: ChannelData padded to 4 bytes, as TCP requires (RFC 8656 §12.5), in pieces.
        ByteBuf out = Unpooled.buffer();
        ChannelData.encode(0x4001, Unpooled.wrappedBuffer("hello".getBytes(StandardCharsets.UTF_8)), true, out);
        byte[] channelData = ByteBufUtil.getBytes(out);
        out.release();
        assertThat(channelData).hasSize(12);
        write(channelData, 5);
        assertThat(peer.takeLast().bytes()).isEqualTo("hello".getBytes(StandardCharsets.UTF_8));

        // Peer → client: the server pads its ChannelData on the stream.
        peer.send("abcde".getBytes(StandardCharsets.UTF_8), relayed);
        world.settle();
        byte[] frame = received.take();
        assertThat(frame).hasSize(12);
        assertThat(frame[9]).isZero();
        ByteBuf wrapped = Unpooled.wrappedBuffer(frame);
        ChannelData message = ChannelData.decode(wrapped);
        assertThat(message.channelNumber()).isEqualTo(0x4001);
        assertThat(message.content().toString(StandardCharsets.UTF_8)).isEqualTo("abcde");
        message.release();
        wrapped.release();
    }

    @Test
    void garbageOnTheStreamClosesItAndFreesTheAllocation() {
        allocate();
        assertThat(world.server.allocationCount()).isEqualTo(1);
        write(new byte[] {(byte) 0x80, 0, 0, 0}, 4);
        world.settle();
        assertThat(received.closed).isTrue();
        assertThat(world.server.allocationCount()).isZero();
        assertThat(world.server.droppedClientPackets()).isEqualTo(1);
    }

    @Test
    void closingTheConnectionFreesTheAllocation() {
        allocate();
        connection.close();
        world.settle();
        assertThat(world.server.allocationCount()).isZero();
    }

    @Test
    void tcpNeedsAVirtualHost() {
        assertThat(world.server.config().tcpAddress()).isEqualTo(SERVER);
        TurnServer.Config config = TurnServer.Config.builder(SERVER, REALM).tcpAddress(SERVER).build();
        org.ortc4j.ice.net.NetworkStack notVirtual = new DelegatingStack(world.serverHost);
        assertThatThrownBy(() -> TurnServer.start(notVirtual, config)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("VirtualHost");
    }

    /** A NetworkStack that is not a VirtualHost (it only forwards), to show what TCP needs. */
    private record DelegatingStack(VirtualHost host) implements org.ortc4j.ice.net.NetworkStack {
        @Override
        public org.ortc4j.ice.net.Scheduler scheduler() {
            return host.scheduler();
        }

        @Override
        public io.netty.buffer.ByteBufAllocator alloc() {
            return host.alloc();
        }

        @Override
        public List<org.ortc4j.ice.net.LocalAddress> localAddresses() {
            return host.localAddresses();
        }

        @Override
        public java.util.concurrent.CompletableFuture<org.ortc4j.ice.net.UdpSocket> bindUdp(InetSocketAddress local,
                org.ortc4j.ice.net.DatagramHandler handler) {
            return host.bindUdp(local, handler);
        }

        @Override
        public java.util.concurrent.CompletableFuture<org.ortc4j.ice.net.UdpSocket> joinMulticast(InetSocketAddress group,
                org.ortc4j.ice.net.LocalAddress via, org.ortc4j.ice.net.DatagramHandler handler) {
            return host.joinMulticast(group, via, handler);
        }

        @Override
        public java.util.concurrent.CompletableFuture<StreamSocket> connectTcp(InetSocketAddress remote,
                org.ortc4j.ice.net.TlsClientOptions tls, StreamHandler handler) {
            return host.connectTcp(remote, tls, handler);
        }
    }
}
