package org.ortc4j.ice.internal.turn;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ortc4j.ice.IceServerUrl;
import org.ortc4j.ice.internal.PacketReceiver;
import org.ortc4j.ice.net.VirtualScheduler;
import org.ortc4j.ice.vnet.TurnServer;
import org.ortc4j.ice.vnet.VirtualHost;
import org.ortc4j.ice.vnet.VirtualNetwork;

/**
 * TURN over TCP on the virtual network: one connection per allocation, STUN and ChannelData
 * framed on the stream (RFC 8656 §12.5: ChannelData padded to a multiple of four), transactions
 * without retransmission (RFC 8489 §6.2.2), and the allocation lost with its connection.
 */
class TurnAllocationTcpTest {

    private static final InetSocketAddress SERVER = new InetSocketAddress("198.51.100.1", 3478);

    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final VirtualNetwork network = new VirtualNetwork(scheduler, 3);
    private final VirtualHost serverHost = network.addHost("turn", "198.51.100.1");
    private final VirtualHost alice = network.addHost("alice", "192.0.2.10");
    private final VirtualHost bob = network.addHost("bob", "203.0.113.20");
    private final ArrayDeque<String> atAlice = new ArrayDeque<>();
    private final ArrayDeque<String> atBob = new ArrayDeque<>();
    private TurnServer server;

    @BeforeEach
    void startServer() {
        server = await(TurnServer.start(serverHost, TurnServer.Config.builder(SERVER, "example.org")
                .tcpAddress(SERVER).user("alice", "a").user("bob", "b").build()));
    }

    @AfterEach
    void stopServer() {
        server.close();
        scheduler.advance(Duration.ofSeconds(1));
    }

    @Test
    void allocatesOverTcpAndRelaysPaddedChannelData() {
        TurnAllocation a = allocate(alice, "turn:198.51.100.1:3478?transport=tcp", "alice", "a", atAlice);
        TurnAllocation b = allocate(bob, "turn:198.51.100.1:3478", "bob", "b", atBob);
        assertThat(a.server().transport()).isEqualTo(TurnTransport.TCP);
        assertThat(a.mappedAddress()).isEqualTo(a.localAddress());
        assertThat(a.relayedAddress().getAddress()).isEqualTo(SERVER.getAddress());

        await(a.createPermission(b.relayedAddress().getAddress()));
        await(b.createPermission(a.relayedAddress().getAddress()));
        // Lengths 1 to 8: every padding from 0 to 3 bytes, both ways, first in Send/Data
        // indications and then, once the channels are bound, as ChannelData. A frame with its
        // padding missing would shift every later frame on the stream and nothing would arrive.
        for (int length = 1; length <= 8; length++) {
            String payload = "abcdefgh".substring(0, length);
            a.send(text(payload), b.relayedAddress());
            b.send(text(payload.toUpperCase()), a.relayedAddress());
            scheduler.advance(Duration.ofMillis(100));
            assertThat(atBob.poll()).isEqualTo(payload);
            assertThat(atAlice.poll()).isEqualTo(payload.toUpperCase());
        }
        assertThat(a.counters().sentChannelData()).isEqualTo(7);
        // The server uses a's channel as soon as a's ChannelBind reached it (RFC 8656 §12.5:
        // "The server ... MUST use the ChannelData message if a channel has been bound").
        assertThat(a.counters().receivedChannelData()).isGreaterThanOrEqualTo(7);
        assertThat(a.counters().receivedChannelData() + a.counters().receivedDataIndications()).isEqualTo(8);
        assertThat(a.counters().droppedMalformed()).isZero();
        assertThat(server.droppedClientPackets()).isZero();
    }

    @Test
    void refreshesOverTcpKeepTheAllocation() {
        TurnAllocation a = allocate(alice, "turn:198.51.100.1:3478?transport=tcp", "alice", "a", atAlice);
        scheduler.advance(Duration.ofMinutes(25));
        assertThat(a.isOpen()).isTrue();
        assertThat(a.counters().allocationRefreshes()).isEqualTo(2);
        assertThat(server.allocationsExpired()).isZero();
        assertThat(server.allocationCount()).isEqualTo(1);
    }

    @Test
    void closeDeletesTheAllocationAndClosesTheConnection() {
        TurnAllocation a = allocate(alice, "turn:198.51.100.1:3478?transport=tcp", "alice", "a", atAlice);
        a.close();
        scheduler.advance(Duration.ofMillis(100));
        assertThat(server.allocationCount()).isZero();
        assertThat(server.allocationsExpired()).isZero();
        assertThat(a.closeFuture()).isCompletedWithValue(null);
    }

    @Test
    void theAllocationIsLostWithItsConnection() {
        TurnAllocation a = allocate(alice, "turn:198.51.100.1:3478?transport=tcp", "alice", "a", atAlice);
        server.close();
        scheduler.advance(Duration.ofMillis(100));
        assertThat(a.isOpen()).isFalse();
        assertThat(a.closeFuture()).isCompletedExceptionally();
        assertThat(a.lostCause()).isInstanceOf(TurnAllocationException.class).hasMessageContaining("connection");
        ByteBuf late = text("late");
        a.send(late, new InetSocketAddress("203.0.113.20", 9));
        assertThat(late.refCnt()).isZero();
    }

    @Test
    void noServerListeningFailsTheAllocation() {
        CompletableFuture<TurnAllocation> future = TurnAllocation.allocate(alice,
                address("turn:198.51.100.9:3478?transport=tcp", new InetSocketAddress("198.51.100.9", 3478), "alice", "a"),
                null, (base, from, data) -> data.release(), TurnOptions.DEFAULT);
        for (int i = 0; i < 600 && !future.isDone(); i++) {
            scheduler.advance(Duration.ofMillis(100));
        }
        assertThat(future).isCompletedExceptionally();
        assertThat(future.handle((v, e) -> e).join()).isInstanceOf(TurnAllocationException.class)
                .hasMessageContaining("could not reach");
    }

    // ---------------------------------------------------------------------------------------

    private TurnAllocation allocate(VirtualHost host, String url, String user, String password, ArrayDeque<String> into) {
        PacketReceiver receiver = (base, from, data) -> {
            try {
                into.add(data.toString(StandardCharsets.UTF_8));
            } finally {
                data.release();
            }
        };
        return await(TurnAllocation.allocate(host, address(url, SERVER, user, password),
                new InetSocketAddress(host.addresses().get(0), 0), receiver, TurnOptions.DEFAULT));
    }

    private static TurnServerAddress address(String url, InetSocketAddress at, String user, String password) {
        return new TurnServerAddress(IceServerUrl.parse(url), at, user, password, null);
    }

    private static ByteBuf text(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
    }

    private <T> T await(CompletableFuture<T> future) {
        for (int step = 0; step < 600 && !future.isDone(); step++) {
            scheduler.advance(Duration.ofMillis(100));
        }
        assertThat(future).isDone();
        return future.join();
    }
}
