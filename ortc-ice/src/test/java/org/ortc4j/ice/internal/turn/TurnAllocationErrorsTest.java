package org.ortc4j.ice.internal.turn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.Unpooled;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.ortc4j.ice.IceServerUrl;
import org.ortc4j.ice.internal.PacketReceiver;
import org.ortc4j.ice.net.UdpSocket;
import org.ortc4j.ice.net.VirtualScheduler;
import org.ortc4j.ice.stun.AlternateServerAttribute;
import org.ortc4j.ice.stun.DataAttribute;
import org.ortc4j.ice.stun.ErrorCodeAttribute;
import org.ortc4j.ice.stun.LifetimeAttribute;
import org.ortc4j.ice.stun.StunAttribute;
import org.ortc4j.ice.stun.StunMessage;
import org.ortc4j.ice.stun.StunMessageClass;
import org.ortc4j.ice.stun.StunMessageType;
import org.ortc4j.ice.stun.StunMethod;
import org.ortc4j.ice.stun.XorMappedAddressAttribute;
import org.ortc4j.ice.stun.XorPeerAddressAttribute;
import org.ortc4j.ice.stun.XorRelayedAddressAttribute;
import org.ortc4j.ice.vnet.TurnServer;
import org.ortc4j.ice.vnet.VirtualHost;
import org.ortc4j.ice.vnet.VirtualNetwork;

/**
 * The answers a TURN client must handle that a well-behaved test server does not give on its
 * own (RFC 8656 §7.4: 300 Try Alternate, 437 Allocation Mismatch, 508 Insufficient Capacity), and
 * hostile input on the receive path. A scripted server on the virtual network sends real STUN
 * responses built per request.
 */
class TurnAllocationErrorsTest {

    private static final InetSocketAddress SCRIPTED = new InetSocketAddress("198.51.100.7", 3478);
    private static final InetSocketAddress REAL = new InetSocketAddress("198.51.100.1", 3478);
    private static final InetSocketAddress RELAYED = new InetSocketAddress("198.51.100.7", 50000);
    private static final InetSocketAddress PEER = new InetSocketAddress("203.0.113.5", 7000);

    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final VirtualNetwork network = new VirtualNetwork(scheduler, 7);
    private final VirtualHost client = network.addHost("client", "192.0.2.10");

    @Test
    void tryAlternateIsFollowedOnce() {
        VirtualHost realHost = network.addHost("real", "198.51.100.1");
        TurnServer real = await(TurnServer.start(realHost, TurnServer.Config.builder(REAL, "example.org")
                .user("u", "p").build()));
        Scripted redirector = scripted((request, from) ->
                error(request, ErrorCodeAttribute.TRY_ALTERNATE, List.of(new AlternateServerAttribute(REAL))));

        TurnAllocation allocation = await(allocate(SCRIPTED));

        // RFC 8656 §7.4: "the client SHOULD try the same request to the alternate server".
        assertThat(redirector.requests).hasSize(1);
        assertThat(allocation.server().address()).isEqualTo(REAL);
        assertThat(allocation.relayedAddress().getAddress()).isEqualTo(REAL.getAddress());
        assertThat(real.allocationCount()).isEqualTo(1);
        allocation.close();
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(real.allocationCount()).isZero();
        real.close();
    }

    @Test
    void aSecondRedirectIsAnError() {
        Scripted loop = scripted((request, from) ->
                error(request, ErrorCodeAttribute.TRY_ALTERNATE, List.of(new AlternateServerAttribute(SCRIPTED))));
        TurnAllocationException failure = failure(allocate(SCRIPTED));
        assertThat(failure.errorCode()).isEqualTo(ErrorCodeAttribute.TRY_ALTERNATE);
        assertThat(loop.requests).hasSize(2);
    }

    @Test
    void allocationMismatchIsRetriedFromThreeClientAddresses() {
        Scripted mismatch = scripted((request, from) -> error(request, ErrorCodeAttribute.ALLOCATION_MISMATCH, List.of()));
        TurnAllocationException failure = failure(allocate(SCRIPTED));

        // RFC 8656 §7.4: "The client SHOULD try three different client transport addresses
        // before giving up on this server."
        assertThat(failure.errorCode()).isEqualTo(ErrorCodeAttribute.ALLOCATION_MISMATCH);
        assertThat(mismatch.requests).hasSize(3);
        assertThat(mismatch.sources).doesNotHaveDuplicates();
        assertThat(mismatch.requests.stream().map(r -> java.util.HexFormat.of().formatHex(r.transactionId())))
                .doesNotHaveDuplicates();
    }

    @Test
    void allocationMismatchThenSuccessFromANewClientAddress() {
        Scripted server = scripted((request, from) -> null);
        BiFunction<StunMessage, InetSocketAddress, StunMessage> script = (request, from) ->
                server.requests.size() == 1 ? error(request, ErrorCodeAttribute.ALLOCATION_MISMATCH, List.of())
                        : grantEverything(request, from);
        server.script = script;
        TurnAllocation allocation = await(allocate(SCRIPTED));
        assertThat(allocation.mappedAddress()).isEqualTo(server.sources.get(1)).isNotEqualTo(server.sources.get(0));
        assertThat(allocation.localAddress()).isEqualTo(server.sources.get(1));
    }

    @Test
    void insufficientCapacityFailsClearly() {
        scripted((request, from) -> error(request, ErrorCodeAttribute.INSUFFICIENT_CAPACITY, List.of()));
        TurnAllocationException failure = failure(allocate(SCRIPTED));
        assertThat(failure.errorCode()).isEqualTo(ErrorCodeAttribute.INSUFFICIENT_CAPACITY);
        assertThat(failure.getMessage()).contains("508").contains(SCRIPTED.toString());
    }

    @Test
    void successWithoutRelayedAddressIsAnError() {
        scripted((request, from) -> success(request, List.of(new XorMappedAddressAttribute(from))));
        assertThat(failure(allocate(SCRIPTED)).getMessage()).contains("XOR-RELAYED-ADDRESS");
    }

    @Test
    void hostileInputFromTheServerIsDroppedAndCounted() {
        Scripted server = scripted(TurnAllocationErrorsTest::grantEverything);
        List<String> received = new ArrayList<>();
        TurnAllocation allocation = await(TurnAllocation.allocate(client, address(SCRIPTED),
                new InetSocketAddress("192.0.2.10", 0), collect(received), TurnOptions.DEFAULT));
        InetSocketAddress to = allocation.localAddress();

        // A Data indication from a peer without a permission (RFC 8656 §10.4: discarded), one
        // without DATA, ChannelData on a channel never bound (§12.6: discarded), truncated
        // ChannelData, a truncated STUN message, a response to no transaction, a request.
        server.send(dataIndication(PEER, "no permission"), to);
        server.send(StunMessage.newBuilder(StunMessageType.of(StunMethod.DATA, StunMessageClass.INDICATION))
                .attribute(new XorPeerAddressAttribute(PEER)).build().encode(), to);
        server.send(new byte[] {0x40, 0x01, 0x00, 0x02, 'h', 'i', 0, 0}, to);
        server.send(new byte[] {0x40, 0x00, 0x00, 0x09, 'x'}, to);
        server.send(new byte[] {0x00, 0x01, 0x00}, to);
        server.send(success(StunMessage.newBuilder(StunMessageType.BINDING_REQUEST).build(), List.of()).encode(), to);
        server.send(StunMessage.newBuilder(StunMessageType.BINDING_REQUEST).build().encode(), to);
        scheduler.advance(Duration.ofMillis(10));

        TurnCounters counters = allocation.counters();
        assertThat(counters.droppedNoPermission()).isEqualTo(2);
        assertThat(counters.droppedUnknownChannel()).isEqualTo(1);
        assertThat(counters.droppedMalformed()).isEqualTo(2);
        assertThat(counters.droppedUnexpected()).isEqualTo(2);
        assertThat(received).isEmpty();
        assertThat(allocation.isOpen()).isTrue();

        // With a permission, the same Data indication is delivered.
        await(allocation.createPermission(PEER.getAddress()));
        server.send(dataIndication(PEER, "permitted"), to);
        scheduler.advance(Duration.ofMillis(10));
        assertThat(received).containsExactly(PEER + " permitted");
        allocation.close();
        scheduler.advance(Duration.ofSeconds(1));
    }

    @Test
    void refreshRefusedLosesTheAllocation() {
        scripted((request, from) -> request.type().method().equals(StunMethod.REFRESH)
                ? error(request, ErrorCodeAttribute.ALLOCATION_MISMATCH, List.of())
                : grantEverything(request, from));
        TurnAllocation allocation = await(allocate(SCRIPTED));
        assertThat(allocation.lifetime()).isEqualTo(Duration.ofMinutes(10));

        scheduler.advance(Duration.ofMinutes(9));

        assertThat(allocation.isOpen()).isFalse();
        assertThat(allocation.closeFuture()).isCompletedExceptionally();
        assertThat(allocation.lostCause()).isInstanceOf(TurnAllocationException.class);
        assertThat(((TurnAllocationException) allocation.lostCause()).errorCode())
                .isEqualTo(ErrorCodeAttribute.ALLOCATION_MISMATCH);
    }

    // ---------------------------------------------------------------------------------------

    /** A UDP endpoint that answers each request with what {@code script} builds (or nothing). */
    private final class Scripted {
        final List<StunMessage> requests = new ArrayList<>();
        final List<InetSocketAddress> sources = new ArrayList<>();
        BiFunction<StunMessage, InetSocketAddress, StunMessage> script;
        UdpSocket socket;

        void send(byte[] bytes, InetSocketAddress to) {
            socket.send(Unpooled.wrappedBuffer(bytes), to);
        }
    }

    private Scripted scripted(BiFunction<StunMessage, InetSocketAddress, StunMessage> script) {
        VirtualHost host = network.addHost("scripted", SCRIPTED.getAddress().getHostAddress());
        Scripted scripted = new Scripted();
        scripted.script = script;
        scripted.socket = await(host.bindUdp(SCRIPTED, (socket, from, data) -> {
            try {
                StunMessage message = StunMessage.decode(data.nioBuffer());
                if (message.type().messageClass() == StunMessageClass.REQUEST) {
                    scripted.requests.add(message);
                    scripted.sources.add(from);
                    StunMessage answer = scripted.script.apply(message, from);
                    if (answer != null) {
                        socket.send(Unpooled.wrappedBuffer(answer.encode()), from);
                    }
                }
            } finally {
                data.release();
            }
        }));
        return scripted;
    }

    private static StunMessage grantEverything(StunMessage request, InetSocketAddress from) {
        if (request.type().method().equals(StunMethod.ALLOCATE)) {
            return success(request, List.of(new XorRelayedAddressAttribute(RELAYED), new XorMappedAddressAttribute(from),
                    new LifetimeAttribute(600)));
        }
        return success(request, request.type().method().equals(StunMethod.REFRESH)
                ? List.of(new LifetimeAttribute(600)) : List.of());
    }

    private static StunMessage success(StunMessage request, List<? extends StunAttribute> attributes) {
        return StunMessage.newBuilder(StunMessageType.of(request.type().method(), StunMessageClass.SUCCESS_RESPONSE))
                .transactionId(request.transactionId()).attributes(attributes).build();
    }

    private static StunMessage error(StunMessage request, int code, List<? extends StunAttribute> attributes) {
        return StunMessage.newBuilder(StunMessageType.of(request.type().method(), StunMessageClass.ERROR_RESPONSE))
                .transactionId(request.transactionId())
                .attribute(new ErrorCodeAttribute(code, "scripted"))
                .attributes(attributes).build();
    }

    private static byte[] dataIndication(InetSocketAddress peer, String text) {
        return StunMessage.newBuilder(StunMessageType.of(StunMethod.DATA, StunMessageClass.INDICATION))
                .attribute(new XorPeerAddressAttribute(peer))
                .attribute(new DataAttribute(text.getBytes(StandardCharsets.UTF_8)))
                .build().encode();
    }

    private static PacketReceiver collect(List<String> into) {
        return (base, from, data) -> {
            try {
                into.add(from + " " + data.toString(StandardCharsets.UTF_8));
            } finally {
                data.release();
            }
        };
    }

    private CompletableFuture<TurnAllocation> allocate(InetSocketAddress server) {
        return TurnAllocation.allocate(client, address(server), new InetSocketAddress("192.0.2.10", 0),
                collect(new ArrayList<>()), TurnOptions.DEFAULT);
    }

    private static TurnServerAddress address(InetSocketAddress server) {
        return new TurnServerAddress(IceServerUrl.parse("turn:" + server.getAddress().getHostAddress() + ":" + server.getPort()),
                server, "u", "p", null);
    }

    private <T> T await(CompletableFuture<T> future) {
        for (int step = 0; step < 600 && !future.isDone(); step++) {
            scheduler.advance(Duration.ofMillis(100));
        }
        assertThat(future).isDone();
        return future.join();
    }

    private TurnAllocationException failure(CompletableFuture<?> future) {
        for (int step = 0; step < 600 && !future.isDone(); step++) {
            scheduler.advance(Duration.ofMillis(100));
        }
        assertThatThrownBy(future::get).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(TurnAllocationException.class);
        return (TurnAllocationException) future.handle((value, failure) -> failure).join();
    }
}
