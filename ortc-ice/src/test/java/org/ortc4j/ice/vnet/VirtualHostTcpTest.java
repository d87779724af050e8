package org.ortc4j.ice.vnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ortc4j.ice.vnet.VirtualHostUdpTest.at;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ortc4j.ice.RTCIceProtocol;
import org.ortc4j.ice.net.StreamSocket;
import org.ortc4j.ice.net.TlsClientOptions;
import org.ortc4j.ice.net.VirtualScheduler;

class VirtualHostTcpTest {

    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final TrackingAllocator alloc = new TrackingAllocator();
    private final VirtualNetwork network = new VirtualNetwork(scheduler, 7, alloc);
    private final VirtualHost client = network.addHost("client", "198.51.100.1");
    private final VirtualHost server = network.addHost("server", "203.0.113.7");
    private final StreamRecorder atServer = new StreamRecorder(scheduler);
    private final StreamRecorder atClient = new StreamRecorder(scheduler);
    private final List<StreamSocket> accepted = new ArrayList<>();

    @AfterEach
    void everyBufferIsReleased() {
        scheduler.advance(Duration.ofMinutes(1));
        assertThat(alloc.unreleased()).isEmpty();
    }

    private VirtualTcpListener listen(int port) {
        return server.listenTcp(port, socket -> {
            accepted.add(socket);
            return atServer;
        });
    }

    private void write(StreamSocket socket, String text) {
        socket.send(alloc.buffer().writeBytes(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void connectionTakesARoundTripAndBytesArriveInOrderAfterTheOneWayDelay() {
        network.setLinkConditions(LinkConditions.builder()
                .delay(Duration.ofMillis(20))
                .jitter(Duration.ofMillis(15))
                .loss(0.5)
                .reordering(0.5)
                .build());
        listen(443);

        CompletableFuture<StreamSocket> connecting = client.connectTcp(at("203.0.113.7", 443), null, atClient);
        scheduler.advance(Duration.ofMillis(20));
        assertThat(accepted).hasSize(1);
        assertThat(connecting).isNotDone();
        scheduler.advance(Duration.ofMillis(20));
        StreamSocket socket = connecting.join();
        assertThat(socket.localAddress().getAddress()).isEqualTo(VirtualHost.literal("198.51.100.1"));
        assertThat(socket.remoteAddress()).isEqualTo(at("203.0.113.7", 443));
        assertThat(accepted.get(0).remoteAddress()).isEqualTo(socket.localAddress());

        for (int i = 0; i < 100; i++) {
            write(socket, i + ",");
        }
        write(accepted.get(0), "hello");
        scheduler.advance(Duration.ofMillis(19));
        assertThat(atServer.text).isEmpty();
        scheduler.advance(Duration.ofMillis(1));

        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            expected.append(i).append(',');
        }
        // Loss, jitter and reordering are the datagrams' lot; the stream sees only the delay.
        assertThat(atServer.text.toString()).isEqualTo(expected.toString());
        assertThat(atServer.chunkMillis).containsOnly(60L);
        assertThat(atClient.text.toString()).isEqualTo("hello");
    }

    @Test
    void closeReachesThePeerAfterTheBytesSentBeforeItAndEachSideHearsOnce() {
        network.setLinkConditions(LinkConditions.builder().delay(Duration.ofMillis(10)).build());
        listen(80);
        CompletableFuture<StreamSocket> connecting = client.connectTcp(at("203.0.113.7", 80), null, atClient);
        scheduler.advance(Duration.ofMillis(20));
        StreamSocket socket = connecting.join();

        write(socket, "last words");
        socket.close();
        socket.close();
        write(socket, "after close");
        assertThat(socket.isOpen()).isFalse();
        scheduler.runDueTasks();
        assertThat(atClient.closes).isEqualTo(1);
        assertThat(atServer.closes).isZero();

        scheduler.advance(Duration.ofMillis(10));
        assertThat(atServer.text.toString()).isEqualTo("last words");
        assertThat(atServer.closes).isEqualTo(1);
        assertThat(atServer.cause).isNull();
        assertThat(atServer.closedAtMillis).isEqualTo(30);
        assertThat(accepted.get(0).isOpen()).isFalse();
        write(accepted.get(0), "to a closed stream");
    }

    @Test
    void connectingToAPortNobodyListensOnIsRefusedAfterARoundTrip() {
        network.setLinkConditions(LinkConditions.builder().delay(Duration.ofMillis(10)).build());
        CompletableFuture<StreamSocket> connecting = client.connectTcp(at("203.0.113.7", 9), null, atClient);

        scheduler.advance(Duration.ofMillis(19));
        assertThat(connecting).isNotDone();
        scheduler.advance(Duration.ofMillis(1));

        assertFailsWith(connecting, ConnectException.class, "refused");
        assertThat(atClient.closes).isZero();
    }

    @Test
    void anAcceptorReturningNullRefusesTheConnection() {
        server.listenTcp(80, socket -> null);
        CompletableFuture<StreamSocket> connecting = client.connectTcp(at("203.0.113.7", 80), null, atClient);
        scheduler.runDueTasks();
        assertFailsWith(connecting, ConnectException.class, "refused");
    }

    @Test
    void tlsIsNotSimulated() {
        listen(443);
        CompletableFuture<StreamSocket> connecting =
                client.connectTcp(at("203.0.113.7", 443), TlsClientOptions.verifying("turn.example.org"), atClient);
        assertFailsWith(connecting, IOException.class, "TLS is not simulated");
        scheduler.runDueTasks();
        assertThat(accepted).isEmpty();
    }

    @Test
    void connectingToAnAddressNobodyHasFailsWithNoRoute() {
        CompletableFuture<StreamSocket> connecting = client.connectTcp(at("192.0.2.99", 80), null, atClient);
        scheduler.runDueTasks();
        assertFailsWith(connecting, NoRouteToHostException.class, "No route");
    }

    @Test
    void listeningOnAPortInUseFailsWithBindExceptionAndClosingFreesIt() {
        VirtualTcpListener listener = listen(3478);

        assertThatThrownBy(() -> listen(3478))
                .isInstanceOf(UncheckedIOException.class)
                .cause()
                .isInstanceOf(BindException.class)
                .hasMessageContaining("in use");
        listener.close();
        assertThat(listen(3478).port()).isEqualTo(3478);
        assertThat(server.listenTcp(0, s -> atServer).port()).isEqualTo(49152);
    }

    @Test
    void loopbackConnectionsStayOnTheHost() {
        network.setLinkConditions(LinkConditions.builder().delay(Duration.ofSeconds(1)).build());
        List<StreamSocket> local = new ArrayList<>();
        client.listenTcp(8080, s -> {
            local.add(s);
            return atServer;
        });
        CompletableFuture<StreamSocket> connecting = client.connectTcp(at("127.0.0.1", 8080), null, atClient);
        scheduler.runDueTasks();
        write(connecting.join(), "local");
        scheduler.runDueTasks();

        assertThat(atServer.text.toString()).isEqualTo("local");
        assertThat(connecting.join().localAddress().getAddress()).isEqualTo(VirtualHost.literal("127.0.0.1"));
        assertThat(scheduler.nanoTime()).isZero();
    }

    @Test
    void closingAHostClosesItsConnectionsAndTheirPeersHear() {
        listen(80);
        CompletableFuture<StreamSocket> connecting = client.connectTcp(at("203.0.113.7", 80), null, atClient);
        scheduler.runDueTasks();
        StreamSocket socket = connecting.join();

        server.close();
        scheduler.runDueTasks();

        assertThat(socket.isOpen()).isFalse();
        assertThat(atClient.closes).isEqualTo(1);
        assertThat(atServer.closes).isEqualTo(1);
        CompletableFuture<StreamSocket> again = client.connectTcp(at("203.0.113.7", 80), null, atClient);
        scheduler.runDueTasks();
        assertFailsWith(again, ConnectException.class, "refused");
    }

    @Test
    void outboundConnectionsThroughANatAreMappedAndInboundOnesRefused() {
        VirtualNat nat = network.addNat("nat", NatBehavior.PORT_RESTRICTED_CONE, "192.0.2.1");
        VirtualHost inside = nat.addHost("inside", "10.0.0.2");
        inside.listenTcp(22, s -> atServer);
        listen(443);

        CompletableFuture<StreamSocket> out = inside.connectTcp(at("203.0.113.7", 443), null, atClient);
        scheduler.runDueTasks();
        StreamSocket socket = out.join();

        assertThat(socket.localAddress().getAddress()).isEqualTo(VirtualHost.literal("10.0.0.2"));
        assertThat(accepted.get(0).remoteAddress().getAddress()).isEqualTo(VirtualHost.literal("192.0.2.1"));
        assertThat(nat.mappings()).containsExactly(
                new NatMapping(RTCIceProtocol.TCP, socket.localAddress(), accepted.get(0).remoteAddress()));

        CompletableFuture<StreamSocket> in = client.connectTcp(at("192.0.2.1", 22), null, atClient);
        scheduler.runDueTasks();
        assertFailsWith(in, ConnectException.class, "refused");

        // The mapping lives as long as the connection, then ages out like a UDP one.
        scheduler.advance(Duration.ofMinutes(5));
        assertThat(nat.mappings()).hasSize(1);
        socket.close();
        scheduler.advance(Duration.ofSeconds(31));
        assertThat(nat.mappings()).isEmpty();
    }

    private static void assertFailsWith(CompletableFuture<?> future, Class<? extends Throwable> type, String message) {
        assertThat(future).isCompletedExceptionally();
        assertThatThrownBy(future::get)
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(type)
                .hasMessageContaining(message);
    }
}
