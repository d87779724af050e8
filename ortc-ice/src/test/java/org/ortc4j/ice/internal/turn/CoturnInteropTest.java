package org.ortc4j.ice.internal.turn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ortc4j.ice.Coturn;
import org.ortc4j.ice.IceServerUrl;
import org.ortc4j.ice.internal.CandidateBase;
import org.ortc4j.ice.net.NettyNetwork;
import org.ortc4j.ice.net.NetworkStack;
import org.ortc4j.ice.net.TlsClientOptions;
import org.ortc4j.ice.stun.ErrorCodeAttribute;

/**
 * The TURN client against coturn (Debian package {@code coturn}), a TURN server nobody here
 * wrote, on 127.0.0.1 with real sockets: allocations over UDP, TCP and TLS ({@code turns:}, with a
 * certificate made for this run), and datagrams between two allocations through the relays, first
 * in Send/Data indications, then as ChannelData.
 */
@Tag("interop")
class CoturnInteropTest {

    private static final String USER = Coturn.USER;
    private static final String PASSWORD = Coturn.PASSWORD;
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    static Path dir;

    private static Coturn coturn;
    private static int port;
    private static int tlsPort;
    private static X509TrustManager trust;
    private static NetworkStack stack;

    private final List<TurnAllocation> allocations = new ArrayList<>();

    @BeforeAll
    static void startTurnserver() throws Exception {
        coturn = Coturn.start(dir);
        port = coturn.port();
        tlsPort = coturn.tlsPort();
        trust = coturn.trustManager();
        stack = NettyNetwork.shared().newStack();
    }

    @AfterAll
    static void stopTurnserver() throws Exception {
        if (coturn != null) {
            coturn.close();
        }
    }

    @BeforeEach
    void requireRunning() {
        assertThat(coturn.isAlive()).as("turnserver is running; its log: %s", log()).isTrue();
    }

    @org.junit.jupiter.api.AfterEach
    void closeAllocations() throws Exception {
        for (TurnAllocation allocation : allocations) {
            allocation.close();
        }
        for (TurnAllocation allocation : allocations) {
            allocation.closeFuture().handle((v, e) -> null).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    @Test
    void allocatesOverUdp() throws Exception {
        TurnAllocation allocation = allocate("turn:127.0.0.1:" + port, port, new Received());
        assertAllocated(allocation);
    }

    @Test
    void allocatesOverTcp() throws Exception {
        TurnAllocation allocation = allocate("turn:127.0.0.1:" + port + "?transport=tcp", port, new Received());
        assertAllocated(allocation);
    }

    @Test
    void allocatesOverTls() throws Exception {
        TurnAllocation allocation = allocate("turns:localhost:" + tlsPort, tlsPort, new Received());
        assertAllocated(allocation);
    }

    @Test
    void wrongPasswordFailsWith401() {
        TurnServerAddress server = new TurnServerAddress(IceServerUrl.parse("turn:127.0.0.1:" + port),
                new InetSocketAddress("127.0.0.1", port), USER, "not-the-password", null);
        CompletableFuture<TurnAllocation> future = onLoop(() -> TurnAllocation.allocate(stack, server,
                new InetSocketAddress("127.0.0.1", 0), (base, from, data) -> data.release(), TurnOptions.DEFAULT));
        assertThatThrownBy(() -> future.get(WAIT.toSeconds(), TimeUnit.SECONDS))
                .hasCauseInstanceOf(TurnAllocationException.class)
                .satisfies(e -> assertThat(((TurnAllocationException) e.getCause()).errorCode())
                        .isEqualTo(ErrorCodeAttribute.UNAUTHENTICATED));
    }

    @Test
    void datagramsCrossTheRelaysBetweenUdpAndTlsAllocations() throws Exception {
        Received atUdp = new Received();
        Received atTls = new Received();
        TurnAllocation udp = allocate("turn:127.0.0.1:" + port, port, atUdp);
        TurnAllocation tls = allocate("turns:localhost:" + tlsPort, tlsPort, atTls);

        // The receiving side must permit the sender's relayed address (RFC 8656 §9) before the
        // server relays anything to it.
        onLoop(() -> tls.createPermission(udp.relayedAddress().getAddress())).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        onLoop(() -> udp.createPermission(tls.relayedAddress().getAddress())).get(WAIT.toSeconds(), TimeUnit.SECONDS);

        send(udp, "hello through coturn", tls.relayedAddress());
        Received.Packet first = atTls.next();
        assertThat(first.text()).isEqualTo("hello through coturn");
        assertThat(first.from()).isEqualTo(udp.relayedAddress());
        assertThat(first.base()).isSameAs(tls);

        send(tls, "and back", udp.relayedAddress());
        Received.Packet reply = atUdp.next();
        assertThat(reply.text()).isEqualTo("and back");
        assertThat(reply.from()).isEqualTo(tls.relayedAddress());

        // The first datagram to each peer went in a Send indication and started a ChannelBind;
        // once bound, datagrams go as ChannelData both ways (padded over TLS, RFC 8656 §12.5).
        awaitChannel(udp, tls.relayedAddress());
        awaitChannel(tls, udp.relayedAddress());
        for (int i = 0; i < 3; i++) {
            send(udp, "channel " + i, tls.relayedAddress());
            assertThat(atTls.next().text()).isEqualTo("channel " + i);
            send(tls, "odd length " + i + "!", udp.relayedAddress());
            assertThat(atUdp.next().text()).isEqualTo("odd length " + i + "!");
        }
        TurnCounters udpCounters = onLoop(() -> CompletableFuture.completedFuture(udp.counters())).get();
        TurnCounters tlsCounters = onLoop(() -> CompletableFuture.completedFuture(tls.counters())).get();
        assertThat(udpCounters.sentSendIndications()).isEqualTo(1);
        assertThat(udpCounters.sentChannelData()).isEqualTo(3);
        assertThat(tlsCounters.sentChannelData()).isEqualTo(3);
        // coturn relays to a client's bound channel as ChannelData (RFC 8656 §12.7): at least
        // the last three each way; the first datagrams came as Data indications unless the
        // receiver's own ChannelBind had already reached the server.
        assertThat(tlsCounters.receivedChannelData()).isGreaterThanOrEqualTo(3);
        assertThat(udpCounters.receivedChannelData()).isGreaterThanOrEqualTo(3);
        assertThat(tlsCounters.receivedChannelData() + tlsCounters.receivedDataIndications()).isEqualTo(4);
        assertThat(udpCounters.receivedChannelData() + udpCounters.receivedDataIndications()).isEqualTo(4);
        assertThat(udpCounters.droppedMalformed() + tlsCounters.droppedMalformed()).isZero();
    }

    @Test
    void closeDeletesTheAllocationAndStopsDelivery() throws Exception {
        Received atA = new Received();
        Received atB = new Received();
        TurnAllocation a = allocate("turn:127.0.0.1:" + port + "?transport=tcp", port, atA);
        TurnAllocation b = allocate("turn:127.0.0.1:" + port, port, atB);
        onLoop(() -> b.createPermission(a.relayedAddress().getAddress())).get(WAIT.toSeconds(), TimeUnit.SECONDS);

        onLoop(() -> {
            b.close();
            return b.closeFuture();
        }).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(onLoop(() -> CompletableFuture.completedFuture(b.isOpen())).get()).isFalse();
        // The Refresh with LIFETIME 0 was answered (closeFuture completed normally, not lost),
        // nothing reaches b any more, and the server goes on serving new allocations.
        assertThat(b.closeFuture()).isCompleted().isNotCompletedExceptionally();
        onLoop(() -> a.createPermission(b.relayedAddress().getAddress())).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        send(a, "to a deleted allocation", b.relayedAddress());
        Received atC = new Received();
        TurnAllocation c = allocate("turn:127.0.0.1:" + port, port, atC);
        onLoop(() -> c.createPermission(a.relayedAddress().getAddress())).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        send(a, "to a live allocation", c.relayedAddress());
        assertThat(atC.next().text()).isEqualTo("to a live allocation");
        assertThat(atB.packets).isEmpty();
    }

    // ---------------------------------------------------------------------------------------

    private TurnAllocation allocate(String url, int serverPort, Received received) throws Exception {
        TlsClientOptions tls = url.startsWith("turns:") ? new TlsClientOptions("localhost", trust) : null;
        TurnServerAddress server = new TurnServerAddress(IceServerUrl.parse(url),
                new InetSocketAddress("127.0.0.1", serverPort), USER, PASSWORD, tls);
        TurnAllocation allocation = onLoop(() -> TurnAllocation.allocate(stack, server,
                new InetSocketAddress("127.0.0.1", 0), received, TurnOptions.DEFAULT))
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);
        allocations.add(allocation);
        return allocation;
    }

    private static void assertAllocated(TurnAllocation allocation) throws Exception {
        assertThat(allocation.relayed()).isTrue();
        assertThat(allocation.address()).isEqualTo(allocation.relayedAddress());
        assertThat(allocation.relayedAddress().getAddress()).isEqualTo(InetAddress.getByName("127.0.0.1"));
        assertThat(allocation.relayedAddress().getPort()).isPositive();
        // On loopback without NAT the server sees the client's own address.
        assertThat(allocation.mappedAddress()).isEqualTo(
                onLoop(() -> CompletableFuture.completedFuture(allocation.localAddress())).get());
        assertThat(allocation.lifetime()).isPositive();
        assertThat(allocation.isOpen()).isTrue();
    }

    private static void send(TurnAllocation from, String text, InetSocketAddress to) throws Exception {
        onLoop(() -> {
            from.send(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8), to);
            return CompletableFuture.completedFuture(null);
        }).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    private static void awaitChannel(TurnAllocation allocation, InetSocketAddress peer) throws Exception {
        // Bounded polling of a future on the loop: the ChannelBind transaction takes one round trip.
        for (int attempt = 0; attempt < 200; attempt++) {
            int channel = onLoop(() -> CompletableFuture.completedFuture(allocation.boundChannel(peer))).get();
            if (channel >= 0) {
                assertThat(channel).isBetween(0x4000, 0x4FFF);
                return;
            }
            CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(10, TimeUnit.MILLISECONDS)).get();
        }
        throw new AssertionError("no channel bound to " + peer + " within 2 s");
    }

    /** Runs {@code action} on the stack's loop and returns its future. */
    private static <T> CompletableFuture<T> onLoop(java.util.function.Supplier<CompletableFuture<T>> action) {
        CompletableFuture<T> result = new CompletableFuture<>();
        stack.scheduler().execute(() -> {
            try {
                action.get().whenComplete((value, failure) -> {
                    if (failure != null) {
                        result.completeExceptionally(failure);
                    } else {
                        result.complete(value);
                    }
                });
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    /** What a PacketReceiver got, copied out and released on the loop. */
    private static final class Received implements org.ortc4j.ice.internal.PacketReceiver {
        record Packet(CandidateBase base, InetSocketAddress from, String text) {
        }

        private final LinkedBlockingQueue<Packet> packets = new LinkedBlockingQueue<>();

        @Override
        public void receive(CandidateBase base, InetSocketAddress from, ByteBuf data) {
            try {
                packets.add(new Packet(base, from, data.toString(StandardCharsets.UTF_8)));
            } finally {
                data.release();
            }
        }

        Packet next() throws InterruptedException {
            Packet packet = packets.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(packet).as("a datagram through the relay within %s; turnserver log: %s", WAIT, log()).isNotNull();
            return packet;
        }
    }

    private static String log() {
        return coturn == null ? "(not started)" : coturn.log();
    }
}
