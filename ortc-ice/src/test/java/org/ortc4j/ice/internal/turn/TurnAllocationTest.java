package org.ortc4j.ice.internal.turn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ortc4j.ice.IceServerUrl;
import org.ortc4j.ice.internal.CandidateBase;
import org.ortc4j.ice.internal.PacketReceiver;
import org.ortc4j.ice.net.UdpSocket;
import org.ortc4j.ice.net.VirtualScheduler;
import org.ortc4j.ice.stun.ErrorCodeAttribute;
import org.ortc4j.ice.vnet.LinkConditions;
import org.ortc4j.ice.vnet.NatBehavior;
import org.ortc4j.ice.vnet.TurnServer;
import org.ortc4j.ice.vnet.VirtualHost;
import org.ortc4j.ice.vnet.VirtualNat;
import org.ortc4j.ice.vnet.VirtualNetwork;

/**
 * The TURN client on the virtual network against {@link TurnServer}, on virtual time: the
 * long-term credential flow, relaying both ways in Send/Data indications and ChannelData,
 * refreshes of allocation, permissions and channels over 20 minutes, a stale nonce, deletion,
 * a symmetric NAT, loss, and the errors a client must report.
 */
class TurnAllocationTest {

    private static final String SERVER_IP = "198.51.100.1";
    private static final InetSocketAddress SERVER = new InetSocketAddress(SERVER_IP, 3478);
    private static final String REALM = "example.org";

    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final VirtualNetwork network = new VirtualNetwork(scheduler, 42);
    private final List<TurnAllocation> allocations = new ArrayList<>();
    private VirtualHost serverHost;
    private TurnServer server;
    private VirtualHost alice;
    private VirtualHost bob;

    @BeforeEach
    void setUp() {
        serverHost = network.addHost("turn", SERVER_IP);
        alice = network.addHost("alice", "192.0.2.10");
        bob = network.addHost("bob", "203.0.113.20");
    }

    @AfterEach
    void tearDown() {
        for (TurnAllocation allocation : allocations) {
            allocation.close();
        }
        scheduler.advance(Duration.ofMinutes(1));
        if (server != null) {
            server.close();
        }
    }

    private void startServer(UnaryOperator<TurnServer.Config.Builder> configure) {
        TurnServer.Config config = configure.apply(TurnServer.Config.builder(SERVER, REALM)
                .user("alice", "alice-secret").user("bob", "bob-secret")).build();
        server = await(TurnServer.start(serverHost, config));
    }

    private void startServer() {
        startServer(builder -> builder);
    }

    // ---------------------------------------------------------------------------------------

    @Test
    void allocatesWithTheLongTermCredentialFlow() {
        startServer();
        TurnAllocation allocation = allocate(alice, "alice", "alice-secret", new Inbox());

        // RFC 8489 §9.2.3.1: the first request goes without credentials, the server answers 401
        // with REALM and NONCE, and the retry carries MESSAGE-INTEGRITY.
        assertThat(server.unauthenticatedRequests()).isEqualTo(1);
        assertThat(server.allocationCount()).isEqualTo(1);
        assertThat(allocation.isOpen()).isTrue();
        assertThat(allocation.relayed()).isTrue();
        assertThat(allocation.address()).isEqualTo(allocation.relayedAddress());
        assertThat(allocation.relayedAddress().getAddress()).isEqualTo(ip(SERVER_IP));
        assertThat(server.relayedAddress(allocation.localAddress())).contains(allocation.relayedAddress());
        // No NAT: the server sees the client's own socket address (XOR-MAPPED-ADDRESS).
        assertThat(allocation.mappedAddress()).isEqualTo(allocation.localAddress());
        assertThat(allocation.localAddress().getAddress()).isEqualTo(ip("192.0.2.10"));
        assertThat(allocation.lifetime()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void wrongPasswordFailsWith401() {
        startServer();
        CompletableFuture<TurnAllocation> future = TurnAllocation.allocate(alice, serverAddress("alice", "wrong"),
                bindAddress(alice), new Inbox(), TurnOptions.DEFAULT);
        TurnAllocationException failure = failure(future, TurnAllocationException.class);
        assertThat(failure.errorCode()).isEqualTo(ErrorCodeAttribute.UNAUTHENTICATED);
        assertThat(server.allocationCount()).isZero();
    }

    @Test
    void quotaReachedFailsWith486() {
        startServer(builder -> builder.maxAllocationsPerUser(1));
        allocate(alice, "alice", "alice-secret", new Inbox());
        CompletableFuture<TurnAllocation> second = TurnAllocation.allocate(alice, serverAddress("alice", "alice-secret"),
                bindAddress(alice), new Inbox(), TurnOptions.DEFAULT);
        TurnAllocationException failure = failure(second, TurnAllocationException.class);
        assertThat(failure.errorCode()).isEqualTo(ErrorCodeAttribute.ALLOCATION_QUOTA_REACHED);
        assertThat(failure.getMessage()).contains("486");
    }

    @Test
    void unreachableServerTimesOut() {
        // Nobody at the server address: RFC 8489 §6.2.1, Rc = 7 transmissions, then Rm x RTO.
        CompletableFuture<TurnAllocation> future = TurnAllocation.allocate(alice, serverAddress("alice", "alice-secret"),
                bindAddress(alice), new Inbox(), TurnOptions.DEFAULT);
        scheduler.advance(Duration.ofSeconds(39));
        assertThat(future).isNotDone();
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(failure(future, TimeoutException.class)).isNotNull();
    }

    @Test
    void peersExchangeDatagramsInSendAndDataIndicationsThenChannelData() {
        startServer();
        Inbox aliceInbox = new Inbox();
        Inbox bobInbox = new Inbox();
        TurnAllocation a = allocate(alice, "alice", "alice-secret", aliceInbox);
        TurnAllocation b = allocate(bob, "bob", "bob-secret", bobInbox);
        await(b.createPermission(a.relayedAddress().getAddress()));
        assertThat(b.hasPermission(a.relayedAddress().getAddress())).isTrue();

        // First datagram: queued until a's CreatePermission succeeds, then a Send indication.
        send(a, "hello bob", b.relayedAddress());
        assertThat(a.counters().sentSendIndications()).isZero();
        settle();
        assertThat(a.counters().sentSendIndications()).isEqualTo(1);
        Inbox.Packet hello = bobInbox.take();
        assertThat(hello.text()).isEqualTo("hello bob");
        assertThat(hello.from()).isEqualTo(a.relayedAddress());
        assertThat(hello.base()).isSameAs(b);
        assertThat(b.counters().receivedDataIndications()).isEqualTo(1);

        // The Send indication started a ChannelBind: from now on ChannelData, numbered from 0x4000.
        assertThat(a.boundChannel(b.relayedAddress())).isEqualTo(0x4000);
        send(a, "on the channel", b.relayedAddress());
        settle();
        assertThat(a.counters().sentChannelData()).isEqualTo(1);
        assertThat(bobInbox.take().text()).isEqualTo("on the channel");

        // Back from bob: bob's permission is in place, so the first goes at once as a Send
        // indication; the server relays it to a, whose channel for bob is bound, as ChannelData.
        send(b, "hello alice", a.relayedAddress());
        settle();
        Inbox.Packet reply = aliceInbox.take();
        assertThat(reply.text()).isEqualTo("hello alice");
        assertThat(reply.from()).isEqualTo(b.relayedAddress());
        assertThat(a.counters().receivedChannelData()).isEqualTo(1);
        send(b, "bound both ways", a.relayedAddress());
        settle();
        assertThat(aliceInbox.take().text()).isEqualTo("bound both ways");
        assertThat(b.counters().sentChannelData()).isEqualTo(1);
        assertThat(aliceInbox.packets).isEmpty();
        assertThat(bobInbox.packets).isEmpty();
    }

    @Test
    void refreshesKeepAllocationPermissionAndChannelAliveForTwentyMinutes() {
        startServer();
        Inbox aliceInbox = new Inbox();
        Inbox bobInbox = new Inbox();
        TurnAllocation a = allocate(alice, "alice", "alice-secret", aliceInbox);
        TurnAllocation b = allocate(bob, "bob", "bob-secret", bobInbox);
        await(b.createPermission(a.relayedAddress().getAddress()));
        send(a, "start", b.relayedAddress());
        settle();
        bobInbox.take();

        // A datagram a minute each way for 20 minutes: twice the allocation lifetime, four
        // permission lifetimes, two channel lifetimes. Without refreshes the server would drop
        // them all after 5 (permissions) or 10 (allocation) minutes.
        for (int minute = 1; minute <= 20; minute++) {
            scheduler.advance(Duration.ofMinutes(1));
            send(a, "a" + minute, b.relayedAddress());
            send(b, "b" + minute, a.relayedAddress());
            settle();
            assertThat(bobInbox.take().text()).isEqualTo("a" + minute);
            assertThat(aliceInbox.take().text()).isEqualTo("b" + minute);
        }
        assertThat(a.isOpen()).isTrue();
        assertThat(server.allocationsExpired()).isZero();
        assertThat(server.allocationCount()).isEqualTo(2);
        // RFC 8656 §8: refreshed about a minute before the 10-minute lifetime runs out: at 9 and 18.
        assertThat(a.counters().allocationRefreshes()).isEqualTo(2);
        assertThat(a.hasPermission(b.relayedAddress().getAddress())).isTrue();
        assertThat(a.boundChannel(b.relayedAddress())).isEqualTo(0x4000);
        assertThat(b.boundChannel(a.relayedAddress())).isEqualTo(0x4000);
        // One CreatePermission and then one every 4 minutes; one ChannelBind and one every 5.
        assertThat(a.counters().permissionRequests()).isEqualTo(1 + 5);
        assertThat(a.counters().channelBindRequests()).isEqualTo(1 + 4);
        assertThat(a.counters().sentSendIndications()).isEqualTo(1);
        assertThat(server.droppedClientPackets()).isZero();
        assertThat(server.droppedPeerPackets()).isZero();
    }

    @Test
    void trafficFromThePeerAloneKeepsPermissionAndChannelAlive() {
        startServer();
        Inbox aliceInbox = new Inbox();
        Inbox bobInbox = new Inbox();
        TurnAllocation a = allocate(alice, "alice", "alice-secret", aliceInbox);
        TurnAllocation b = allocate(bob, "bob", "bob-secret", bobInbox);
        await(b.createPermission(a.relayedAddress().getAddress()));
        send(a, "once", b.relayedAddress());
        settle();
        bobInbox.take();

        // a never sends again; bob's datagrams keep arriving through a's permission and channel.
        for (int minute = 1; minute <= 20; minute++) {
            scheduler.advance(Duration.ofMinutes(1));
            send(b, "b" + minute, a.relayedAddress());
            settle();
            assertThat(aliceInbox.take().text()).isEqualTo("b" + minute);
        }
        assertThat(a.hasPermission(b.relayedAddress().getAddress())).isTrue();
        assertThat(a.boundChannel(b.relayedAddress())).isEqualTo(0x4000);
        assertThat(server.droppedPeerPackets()).isZero();
    }

    @Test
    void unusedPermissionLapsesAndIsCreatedAgainOnTheNextSend() {
        startServer();
        Inbox bobInbox = new Inbox();
        TurnAllocation a = allocate(alice, "alice", "alice-secret", new Inbox());
        TurnAllocation b = allocate(bob, "bob", "bob-secret", bobInbox);
        await(b.createPermission(a.relayedAddress().getAddress()));
        TurnAllocation idle = a;
        send(idle, "once", b.relayedAddress());
        settle();
        bobInbox.take();

        // RFC 8656 §9: a permission lives 300 s unless refreshed; an unused one is not refreshed.
        scheduler.advance(Duration.ofMinutes(11));
        assertThat(idle.hasPermission(b.relayedAddress().getAddress())).isFalse();
        assertThat(idle.boundChannel(b.relayedAddress())).isEqualTo(-1);
        assertThat(idle.isOpen()).isTrue();
        long requests = idle.counters().permissionRequests();

        await(b.createPermission(a.relayedAddress().getAddress()));
        send(idle, "again", b.relayedAddress());
        settle();
        assertThat(bobInbox.take().text()).isEqualTo("again");
        assertThat(idle.counters().permissionRequests()).isEqualTo(requests + 1);
    }

    @Test
    void shortLifetimesAreRefreshedHalfWay() {
        startServer(builder -> builder.defaultLifetime(Duration.ofMinutes(1)));
        TurnAllocation allocation = allocate(alice, "alice", "alice-secret", new Inbox());
        assertThat(allocation.lifetime()).isEqualTo(Duration.ofMinutes(1));

        // A minute before expiry would be at once; with 60 s the refresh comes every 30 s.
        scheduler.advance(Duration.ofSeconds(29));
        assertThat(allocation.counters().allocationRefreshes()).isZero();
        scheduler.advance(Duration.ofSeconds(2));
        assertThat(allocation.counters().allocationRefreshes()).isEqualTo(1);
        scheduler.advance(Duration.ofMinutes(5));
        assertThat(allocation.counters().allocationRefreshes()).isEqualTo(11);
        assertThat(allocation.isOpen()).isTrue();
        assertThat(server.allocationsExpired()).isZero();
    }

    @Test
    void staleNonceDuringRefreshIsRetriedWithTheNewNonce() {
        startServer(builder -> builder.nonceLifetime(Duration.ofMinutes(3)));
        TurnAllocation allocation = allocate(alice, "alice", "alice-secret", new Inbox());

        scheduler.advance(Duration.ofMinutes(20));

        // RFC 8489 §9.2.5: a 438 is retried with the NONCE it carries; the refreshes succeed.
        assertThat(server.staleNonces()).isGreaterThanOrEqualTo(2);
        assertThat(allocation.counters().allocationRefreshes()).isEqualTo(2);
        assertThat(allocation.isOpen()).isTrue();
        assertThat(server.allocationCount()).isEqualTo(1);
        assertThat(server.allocationsExpired()).isZero();
    }

    @Test
    void closeDeletesTheAllocationWithLifetimeZero() {
        startServer();
        TurnAllocation allocation = allocate(alice, "alice", "alice-secret", new Inbox());
        assertThat(server.allocationCount()).isEqualTo(1);

        allocation.close();
        settle();

        // RFC 8656 §8: a Refresh with LIFETIME 0 deletes the allocation at once, not at expiry.
        assertThat(server.allocationCount()).isZero();
        assertThat(server.allocationsExpired()).isZero();
        assertThat(allocation.isOpen()).isFalse();
        assertThat(allocation.closeFuture()).isCompletedWithValue(null);
        assertThat(allocation.localAddress()).isNull();

        ByteBuf late = Unpooled.copiedBuffer("late", StandardCharsets.UTF_8);
        allocation.send(late, new InetSocketAddress("203.0.113.20", 9));
        assertThat(late.refCnt()).isZero();
        assertThat(allocation.counters().droppedClosed()).isEqualTo(1);
        allocation.close();
    }

    @Test
    void worksThroughASymmetricNat() {
        startServer();
        VirtualNat nat = network.addNat("home", NatBehavior.SYMMETRIC, "192.0.2.1");
        VirtualHost carol = nat.addHost("carol", "10.0.0.5");
        Inbox carolInbox = new Inbox();
        Inbox bobInbox = new Inbox();
        TurnAllocation c = allocate(carol, "alice", "alice-secret", carolInbox);
        TurnAllocation b = allocate(bob, "bob", "bob-secret", bobInbox);

        // XOR-MAPPED-ADDRESS is the NAT's mapping: the server-reflexive address.
        assertThat(c.localAddress().getAddress()).isEqualTo(ip("10.0.0.5"));
        assertThat(c.mappedAddress().getAddress()).isEqualTo(ip("192.0.2.1"));

        await(b.createPermission(c.relayedAddress().getAddress()));
        await(c.createPermission(b.relayedAddress().getAddress()));
        // Traffic every 10 s keeps the NAT's 30 s mapping; 12 minutes cover every refresh.
        for (int tick = 0; tick < 72; tick++) {
            send(c, "c" + tick, b.relayedAddress());
            send(b, "b" + tick, c.relayedAddress());
            settle();
            assertThat(bobInbox.take().text()).isEqualTo("c" + tick);
            assertThat(carolInbox.take().text()).isEqualTo("b" + tick);
            scheduler.advance(Duration.ofSeconds(10));
        }
        assertThat(c.isOpen()).isTrue();
        assertThat(c.counters().allocationRefreshes()).isEqualTo(1);
        assertThat(c.boundChannel(b.relayedAddress())).isGreaterThanOrEqualTo(0x4000);
    }

    @Test
    void retransmissionsCarryTheTransactionsOverALossyLink() {
        startServer();
        alice.setLinkConditions(LinkConditions.builder().loss(0.3).build());
        TurnAllocation a = allocate(alice, "alice", "alice-secret", new Inbox());
        TurnAllocation b = allocate(bob, "bob", "bob-secret", new Inbox());

        // CreatePermission and ChannelBind are transactions too: retransmitted until answered.
        await(a.createPermission(b.relayedAddress().getAddress()));
        send(a, "x", b.relayedAddress());
        for (int i = 0; i < 40 && a.boundChannel(b.relayedAddress()) < 0; i++) {
            scheduler.advance(Duration.ofSeconds(1));
        }
        assertThat(a.boundChannel(b.relayedAddress())).isEqualTo(0x4000);
        assertThat(network.packetsLost()).isPositive();
        assertThat(a.isOpen()).isTrue();
    }

    @Test
    void datagramsFromOthersThanTheServerAreDroppedAndCounted() {
        startServer();
        Inbox inbox = new Inbox();
        TurnAllocation a = allocate(alice, "alice", "alice-secret", inbox);
        VirtualHost mallory = network.addHost("mallory", "198.51.100.66");
        UdpSocket socket = await(mallory.bindUdp(new InetSocketAddress("198.51.100.66", 0), (s, from, data) -> data.release()));
        // A forged ChannelData and junk to the client's TURN socket: not from the server.
        socket.send(Unpooled.wrappedBuffer(new byte[] {0x40, 0x00, 0x00, 0x01, 0x7f, 0, 0, 0}), a.localAddress());
        socket.send(Unpooled.wrappedBuffer(new byte[] {(byte) 0xff, 1, 2}), a.localAddress());
        settle();
        assertThat(a.counters().droppedUnexpected()).isEqualTo(2);
        assertThat(inbox.packets).isEmpty();
        assertThat(a.isOpen()).isTrue();
        socket.close();
    }

    @Test
    void queueForAPendingPermissionIsBounded() {
        startServer();
        TurnAllocation a = TurnAllocationTest.this.await(TurnAllocation.allocate(alice, serverAddress("alice", "alice-secret"),
                bindAddress(alice), new Inbox(), TurnOptions.DEFAULT.withMaxQueuedPerPermission(2)));
        allocations.add(a);
        InetSocketAddress nobody = new InetSocketAddress("203.0.113.99", 5000);
        for (int i = 0; i < 5; i++) {
            send(a, "q" + i, nobody);
        }
        assertThat(a.counters().droppedQueueFull()).isEqualTo(3);
        settle();
        // The server grants permissions for any address; the two queued went out.
        assertThat(a.counters().sentSendIndications()).isEqualTo(2);
        assertThat(a.counters().droppedQueueFull()).isEqualTo(3);
    }

    // ---------------------------------------------------------------------------------------

    private TurnAllocation allocate(VirtualHost host, String username, String password, PacketReceiver receiver) {
        TurnAllocation allocation = await(TurnAllocation.allocate(host, serverAddress(username, password),
                bindAddress(host), receiver, TurnOptions.DEFAULT));
        allocations.add(allocation);
        return allocation;
    }

    private static TurnServerAddress serverAddress(String username, String password) {
        return new TurnServerAddress(IceServerUrl.parse("turn:" + SERVER_IP + ":3478"), SERVER, username, password, null);
    }

    private static InetSocketAddress bindAddress(VirtualHost host) {
        return new InetSocketAddress(host.addresses().get(0), 0);
    }

    private static void send(TurnAllocation from, String text, InetSocketAddress to) {
        from.send(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8), to);
    }

    /** Lets every packet in flight arrive and every answer come back (the links have no delay). */
    private void settle() {
        scheduler.advance(Duration.ofMillis(100));
    }

    /** Advances virtual time in small steps until the future is done; at most a minute. */
    private <T> T await(CompletableFuture<T> future) {
        for (int step = 0; step < 600 && !future.isDone(); step++) {
            scheduler.advance(Duration.ofMillis(100));
        }
        assertThat(future).as("done within a minute of virtual time").isDone();
        return future.join();
    }

    private <E extends Throwable> E failure(CompletableFuture<?> future, Class<E> type) {
        for (int step = 0; step < 600 && !future.isDone(); step++) {
            scheduler.advance(Duration.ofMillis(100));
        }
        assertThatThrownBy(future::get).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(type);
        return type.cast(future.handle((value, failure) -> failure).join());
    }

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** What a PacketReceiver got, copied out and released. */
    private static final class Inbox implements PacketReceiver {
        record Packet(CandidateBase base, InetSocketAddress from, String text) {
        }

        final ArrayDeque<Packet> packets = new ArrayDeque<>();

        @Override
        public void receive(CandidateBase base, InetSocketAddress from, ByteBuf data) {
            try {
                packets.add(new Packet(base, from, data.toString(StandardCharsets.UTF_8)));
            } finally {
                data.release();
            }
        }

        Packet take() {
            assertThat(packets).as("a datagram arrived").isNotEmpty();
            return packets.poll();
        }
    }
}
