package org.ortc4j.ice.net;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.ortc4j.ice.net.NettyNetworkTest.onLoop;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * UDP over real sockets on loopback, with epoll (batched receive) and with NIO forced: what
 * {@link UdpSocket} and {@link DatagramHandler} promise.
 */
class NettyUdpSocketTest {

    private static final Map<NettyTransport, NettyNetwork> NETWORKS = new EnumMap<>(NettyTransport.class);

    @BeforeAll
    static void watchLeaks() {
        NettyNetworkTest.LeakWatch.install();
    }

    @AfterAll
    static void closeNetworks() {
        NETWORKS.values().forEach(NettyNetwork::close);
        NettyNetworkTest.LeakWatch.assertNoLeaks();
    }

    /** A network of two loops on {@code transport}; an honest skip where epoll cannot load. */
    static synchronized NettyNetwork network(NettyTransport transport) {
        assumeTrue(transport.isAvailable(), "Netty's native epoll transport is not available on this machine");
        return NETWORKS.computeIfAbsent(transport, t -> NettyNetwork.create(t, 2));
    }

    static Stream<Arguments> transportsAndLoopbacks() {
        return Stream.of(NettyTransport.values())
                .flatMap(t -> Stream.of(Arguments.of(t, "127.0.0.1"), Arguments.of(t, "::1")));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("transportsAndLoopbacks")
    void echoesDatagramsWithCallbacksOnTheLoop(NettyTransport transport, String loopback) throws Exception {
        NettyNetwork network = network(transport);
        InetAddress address = InetAddress.getByName(loopback);
        NetworkStack echoStack = network.newStack();
        NetworkStack clientStack = network.newStack();
        List<String> offLoop = new ArrayList<>();
        UdpSocket echo = echoStack.bindUdp(new InetSocketAddress(address, 0), (socket, sender, data) -> {
            if (!echoStack.scheduler().inLoop()) {
                offLoop.add("echo handler");
            }
            socket.send(data, sender); // ownership handed on
        }).get(5, TimeUnit.SECONDS);
        BlockingQueue<Received> replies = new LinkedBlockingQueue<>();
        UdpSocket client = clientStack.bindUdp(new InetSocketAddress(address, 0), (socket, sender, data) -> {
            if (!clientStack.scheduler().inLoop()) {
                offLoop.add("client handler");
            }
            replies.add(Received.of(sender, data));
        }).get(5, TimeUnit.SECONDS);

        assertThat(echo.localAddress().getAddress()).isEqualTo(address);
        assertThat(echo.localAddress().getPort()).isPositive();
        assertThat(channelTransport(echo)).isEqualTo(transport);

        for (String text : List.of("hello", "binding request", "x")) {
            clientStack.scheduler().execute(() -> client.send(ascii(clientStack, text), echo.localAddress()));
            Received reply = replies.poll(5, TimeUnit.SECONDS);
            assertThat(reply).as("echo of %s", text).isNotNull();
            assertThat(reply.text()).isEqualTo(text);
            assertThat(reply.sender).isEqualTo(echo.localAddress());
        }
        assertThat(offLoop).isEmpty();
        closeOnLoop(clientStack, client);
        closeOnLoop(echoStack, echo);
    }

    @ParameterizedTest
    @EnumSource(NettyTransport.class)
    void bindsAnIpv6LinkLocalAddressWithItsScopeAndEchoesOnIt(NettyTransport transport) throws Exception {
        NettyNetwork network = network(transport);
        NetworkStack stack = network.newStack();
        LocalAddress linkLocal = stack.localAddresses().stream()
                .filter(a -> a.isIpv6() && a.isLinkLocal())
                .findFirst()
                .orElse(null);
        assumeTrue(linkLocal != null, "no interface of this machine has an IPv6 link-local address");
        BlockingQueue<Received> replies = new LinkedBlockingQueue<>();

        UdpSocket echo = stack.bindUdp(new InetSocketAddress(linkLocal.address(), 0), (socket, sender, data) -> socket.send(data, sender))
                .get(5, TimeUnit.SECONDS);
        UdpSocket client = stack.bindUdp(new InetSocketAddress(linkLocal.address(), 0), (socket, sender, data) -> replies.add(Received.of(sender, data)))
                .get(5, TimeUnit.SECONDS);
        stack.scheduler().execute(() -> client.send(ascii(stack, "fe80"), echo.localAddress()));

        Received reply = replies.poll(5, TimeUnit.SECONDS);
        assertThat(reply).isNotNull();
        assertThat(reply.text()).isEqualTo("fe80");
        assertThat(reply.sender.getPort()).isEqualTo(echo.localAddress().getPort());
        assertThat(Arrays.equals(reply.sender.getAddress().getAddress(), linkLocal.address().getAddress())).isTrue();
        closeOnLoop(stack, client);
        closeOnLoop(stack, echo);
    }

    @ParameterizedTest
    @EnumSource(NettyTransport.class)
    void epollReceivesInBatchesAndNioOneByOne(NettyTransport transport) throws Exception {
        NetworkStack stack = network(transport).newStack();
        NettyUdpSocket socket = (NettyUdpSocket) stack.bindUdp(new InetSocketAddress("127.0.0.1", 0), Received::discard)
                .get(5, TimeUnit.SECONDS);

        if (transport == NettyTransport.EPOLL) {
            assertThat(socket.channel()).isInstanceOf(EpollDatagramChannel.class);
            // recvmmsg is used when one receive buffer holds several datagrams of this size.
            assertThat(socket.channel().config().getOption(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE))
                    .isEqualTo(NettyNetworkStack.MAX_DATAGRAM);
        } else {
            assertThat(socket.channel()).isInstanceOf(NioDatagramChannel.class);
        }
        closeOnLoop(stack, socket);
    }

    @ParameterizedTest
    @EnumSource(NettyTransport.class)
    void aBurstOfAThousandDatagramsAllArriveAndAreReleased(NettyTransport transport) throws Exception {
        int count = 1000;
        NettyNetwork network = network(transport);
        NetworkStack receiverStack = network.newStack();
        NetworkStack senderStack = network.newStack();
        BitSet seen = new BitSet(count);
        AtomicInteger released = new AtomicInteger();
        AtomicInteger duplicates = new AtomicInteger();
        AtomicInteger largestReceiveBuffer = new AtomicInteger();
        CountDownLatch all = new CountDownLatch(count);
        UdpSocket receiver = receiverStack.bindUdp(new InetSocketAddress("127.0.0.1", 0), (socket, sender, data) -> {
            int sequence = data.getInt(data.readerIndex());
            if (seen.get(sequence)) {
                duplicates.incrementAndGet();
            }
            seen.set(sequence);
            // Down through the leak detector's wrapper and the slice to the buffer read into.
            for (ByteBuf layer = data; layer != null; layer = layer.unwrap()) {
                largestReceiveBuffer.accumulateAndGet(layer.capacity(), Math::max);
            }
            if (data.release() && data.refCnt() == 0) {
                released.incrementAndGet();
            }
            all.countDown();
        }).get(5, TimeUnit.SECONDS);
        NettyUdpSocket sender = (NettyUdpSocket) senderStack.bindUdp(new InetSocketAddress("127.0.0.1", 0), Received::discard)
                .get(5, TimeUnit.SECONDS);

        List<ByteBuf> sent = new ArrayList<>(count);
        senderStack.scheduler().execute(() -> {
            for (int i = 0; i < count; i++) {
                ByteBuf datagram = senderStack.alloc().directBuffer(100);
                datagram.writeInt(i).writeZero(96);
                sent.add(datagram);
                sender.send(datagram, receiver.localAddress());
            }
        });

        assertThat(all.await(10, TimeUnit.SECONDS))
                .as("all %d datagrams arrive (%d did)", count, count - all.getCount()).isTrue();
        assertThat(onLoop(receiverStack, seen::cardinality)).isEqualTo(count);
        assertThat(duplicates).hasValue(0);
        assertThat(released).as("every received buffer is released by its last owner").hasValue(count);
        assertThat(onLoop(senderStack, () -> sent.stream().allMatch(b -> b.refCnt() == 0)))
                .as("every sent buffer is released once written").isTrue();
        if (transport == NettyTransport.EPOLL) {
            // recvmmsg fills one buffer with up to DATAGRAMS_PER_READ datagrams, each handed on as
            // a slice of it; NIO reads each datagram into a buffer of its own.
            assertThat(largestReceiveBuffer).hasValue(NettyNetworkStack.MAX_DATAGRAM * NettyNetworkStack.DATAGRAMS_PER_READ);
        } else {
            assertThat(largestReceiveBuffer.get()).isLessThanOrEqualTo(NettyNetworkStack.MAX_DATAGRAM);
        }
        assertThat(sender.sent()).isEqualTo(count);
        assertThat(sender.sendErrors()).isZero();
        assertThat(((NettyUdpSocket) receiver).received()).isEqualTo(count);
        closeOnLoop(senderStack, sender);
        closeOnLoop(receiverStack, receiver);
    }

    @ParameterizedTest
    @EnumSource(NettyTransport.class)
    void aDatagramSentJustBeforeCloseStillLeaves(NettyTransport transport) throws Exception {
        // Sends are flushed once per turn of the loop; a close in the same turn must not discard
        // them (a TURN Refresh with LIFETIME 0 is sent just before its socket closes).
        NetworkStack stack = network(transport).newStack();
        BlockingQueue<String> heard = new LinkedBlockingQueue<>();
        UdpSocket receiver = stack.bindUdp(new InetSocketAddress("127.0.0.1", 0), (s, from, data) -> {
            heard.add(data.toString(US_ASCII));
            data.release();
        }).get(5, TimeUnit.SECONDS);
        UdpSocket sender = stack.bindUdp(new InetSocketAddress("127.0.0.1", 0), Received::discard)
                .get(5, TimeUnit.SECONDS);

        onLoop(stack, () -> {
            ByteBuf last = stack.alloc().buffer();
            last.writeCharSequence("last words", US_ASCII);
            sender.send(last, receiver.localAddress());
            sender.close();
            return null;
        });

        assertThat(heard.poll(5, TimeUnit.SECONDS)).isEqualTo("last words");
        assertThat(sender.isOpen()).isFalse();
        closeOnLoop(stack, receiver);
    }

    @ParameterizedTest
    @EnumSource(NettyTransport.class)
    void sendsAfterCloseAreDroppedReleasedAndCounted(NettyTransport transport) throws Exception {
        NetworkStack stack = network(transport).newStack();
        NettyUdpSocket socket = (NettyUdpSocket) stack.bindUdp(new InetSocketAddress("127.0.0.1", 0), Received::discard)
                .get(5, TimeUnit.SECONDS);
        InetSocketAddress somewhere = new InetSocketAddress("127.0.0.1", 9);

        ByteBuf onLoopSend = stack.alloc().buffer().writeInt(1);
        boolean open = onLoop(stack, () -> {
            socket.close();
            socket.close(); // idempotent
            socket.send(onLoopSend, somewhere);
            return socket.isOpen();
        });
        assertThat(open).isFalse();
        assertThat(onLoopSend.refCnt()).isZero();

        // From another thread the send hops onto the loop and is dropped there.
        ByteBuf offLoopSend = stack.alloc().buffer().writeInt(2);
        socket.send(offLoopSend, somewhere);
        assertThat(onLoop(stack, offLoopSend::refCnt)).isZero();
        assertThat(socket.droppedSends()).isEqualTo(2);
        assertThat(socket.sent()).isZero();
    }

    @ParameterizedTest
    @EnumSource(NettyTransport.class)
    void bindingATakenPortOrAForeignAddressFailsTheFuture(NettyTransport transport) throws Exception {
        NetworkStack stack = network(transport).newStack();
        UdpSocket first = stack.bindUdp(new InetSocketAddress("127.0.0.1", 0), Received::discard).get(5, TimeUnit.SECONDS);

        CompletableFuture<UdpSocket> taken = stack.bindUdp(first.localAddress(), Received::discard);
        assertThatThrownBy(() -> taken.get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(IOException.class);

        // 203.0.113.0/24 is TEST-NET-3 (RFC 5737): no interface here has it.
        CompletableFuture<UdpSocket> foreign = stack.bindUdp(new InetSocketAddress("203.0.113.7", 0), Received::discard);
        assertThatThrownBy(() -> foreign.get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(IOException.class);
        closeOnLoop(stack, first);
    }

    @ParameterizedTest
    @EnumSource(NettyTransport.class)
    void bindFutureCompletesOnTheLoop(NettyTransport transport) throws Exception {
        NetworkStack stack = network(transport).newStack();
        // Asked and listened to from within the loop, so the future cannot complete before the
        // listener is attached: the listener runs where the future completes.
        CompletableFuture<Boolean> completedOnLoop = new CompletableFuture<>();
        CompletableFuture<UdpSocket> bound = new CompletableFuture<>();
        stack.scheduler().execute(() -> stack.bindUdp(new InetSocketAddress("127.0.0.1", 0), Received::discard)
                .whenComplete((socket, error) -> {
                    completedOnLoop.complete(stack.scheduler().inLoop());
                    bound.complete(socket);
                }));
        assertThat(completedOnLoop.get(5, TimeUnit.SECONDS)).isTrue();
        closeOnLoop(stack, bound.get(5, TimeUnit.SECONDS));
    }

    @ParameterizedTest
    @EnumSource(NettyTransport.class)
    void aHandlerThatThrowsIsCountedAndTheSocketGoesOn(NettyTransport transport) throws Exception {
        NettyNetwork network = network(transport);
        NetworkStack stack = network.newStack();
        BlockingQueue<String> texts = new LinkedBlockingQueue<>();
        NettyUdpSocket receiver = (NettyUdpSocket) stack.bindUdp(new InetSocketAddress("127.0.0.1", 0), (socket, sender, data) -> {
            String text = data.toString(US_ASCII);
            data.release();
            if (text.equals("boom")) {
                throw new IllegalStateException("a handler bug");
            }
            texts.add(text);
        }).get(5, TimeUnit.SECONDS);
        UdpSocket sender = stack.bindUdp(new InetSocketAddress("127.0.0.1", 0), Received::discard).get(5, TimeUnit.SECONDS);

        stack.scheduler().execute(() -> sender.send(ascii(stack, "boom"), receiver.localAddress()));
        stack.scheduler().execute(() -> sender.send(ascii(stack, "still here"), receiver.localAddress()));

        assertThat(texts.poll(5, TimeUnit.SECONDS)).isEqualTo("still here");
        assertThat(receiver.handlerFailures()).isEqualTo(1);
        assertThat(receiver.isOpen()).isTrue();
        closeOnLoop(stack, sender);
        closeOnLoop(stack, receiver);
    }

    @ParameterizedTest
    @EnumSource(NettyTransport.class)
    void sendingToAnAddressOfTheOtherFamilyIsCountedNotThrown(NettyTransport transport) throws Exception {
        NetworkStack stack = network(transport).newStack();
        NettyUdpSocket socket = (NettyUdpSocket) stack.bindUdp(new InetSocketAddress("127.0.0.1", 0), Received::discard)
                .get(5, TimeUnit.SECONDS);
        ByteBuf data = ascii(stack, "to ::1 from an IPv4 socket");

        long errors = onLoop(stack, () -> {
            socket.send(data, new InetSocketAddress("::1", 9));
            return socket.sendErrors();
        });
        // The write fails at once (EAFNOSUPPORT or an unsupported-address error) or on a later turn.
        long after = errors > 0 ? errors : onLoop(stack, socket::sendErrors);
        assertThat(after).isEqualTo(1);
        assertThat(onLoop(stack, data::refCnt)).isZero();
        assertThat(socket.isOpen()).isTrue();
        closeOnLoop(stack, socket);
    }

    @ParameterizedTest
    @EnumSource(NettyTransport.class)
    void badCallsThrowAndReleaseWhatTheyWereGiven(NettyTransport transport) throws Exception {
        NetworkStack stack = network(transport).newStack();
        UdpSocket socket = stack.bindUdp(new InetSocketAddress("127.0.0.1", 0), Received::discard).get(5, TimeUnit.SECONDS);
        ByteBuf data = ascii(stack, "x");

        assertThatThrownBy(() -> socket.send(data, InetSocketAddress.createUnresolved("stun.example.org", 3478)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(data.refCnt()).isZero();
        assertThatThrownBy(() -> stack.bindUdp(InetSocketAddress.createUnresolved("example.org", 0), Received::discard))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> stack.bindUdp(new InetSocketAddress(0), null)).isInstanceOf(NullPointerException.class);
        closeOnLoop(stack, socket);
    }

    static NettyTransport channelTransport(UdpSocket socket) {
        return ((NettyUdpSocket) socket).channel() instanceof EpollDatagramChannel ? NettyTransport.EPOLL : NettyTransport.NIO;
    }

    static ByteBuf ascii(NetworkStack stack, String text) {
        ByteBuf buf = stack.alloc().buffer(text.length());
        buf.writeCharSequence(text, US_ASCII);
        return buf;
    }

    static void closeOnLoop(NetworkStack stack, UdpSocket socket) throws Exception {
        onLoop(stack, () -> {
            socket.close();
            return null;
        });
    }

    /** A datagram copied out of its buffer, which is released. */
    record Received(InetSocketAddress sender, byte[] bytes) {
        static Received of(InetSocketAddress sender, ByteBuf data) {
            try {
                return new Received(sender, ByteBufUtil.getBytes(data));
            } finally {
                data.release();
            }
        }

        static void discard(UdpSocket socket, InetSocketAddress sender, ByteBuf data) {
            data.release();
        }

        String text() {
            return new String(bytes, US_ASCII);
        }
    }
}
