package org.ortc4j.dtls;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ortc4j.ice.RTCIceGatherOptions;
import org.ortc4j.ice.RTCIceGatherer;
import org.ortc4j.ice.RTCIceGathererState;
import org.ortc4j.ice.RTCIceRole;
import org.ortc4j.ice.RTCIceTransport;
import org.ortc4j.ice.net.DatagramHandler;
import org.ortc4j.ice.net.LocalAddress;
import org.ortc4j.ice.net.NetworkStack;
import org.ortc4j.ice.net.RealTimeDriver;
import org.ortc4j.ice.net.Scheduler;
import org.ortc4j.ice.net.StreamHandler;
import org.ortc4j.ice.net.StreamSocket;
import org.ortc4j.ice.net.TlsClientOptions;
import org.ortc4j.ice.net.UdpSocket;
import org.ortc4j.ice.net.VirtualScheduler;
import org.ortc4j.ice.vnet.LinkConditions;
import org.ortc4j.ice.vnet.VirtualHost;
import org.ortc4j.ice.vnet.VirtualNetwork;

/**
 * Issue 5: "On the virtual network with 20% loss and reordering the handshake still completes."
 * Two public hosts across an internet core that loses a fifth of the datagrams and holds back a
 * fifth by 20 ms (so they arrive after later ones), with 10 ms of delay: ICE, then DTLS over it,
 * then a burst of application data both ways. The conditions are the core's, so each datagram
 * meets them once (on both access links it would be 36 % loss end to end).
 *
 * <p>Bouncy Castle's handshake runs on its own thread with wall-clock retransmission timers, so
 * the network's {@link VirtualScheduler} runs in real time under a {@link RealTimeDriver}: its
 * thread is the loop of both peers, and the test hands everything on the network to it with
 * {@link RealTimeDriver#call}. The test waits on futures only.
 *
 * <p>To show that the network really lost, held back and reordered DTLS datagrams, each one sent
 * is noted by a {@link org.ortc4j.ice.vnet.DatagramFilter} that passes everything, and each ICE
 * gatherer gets its host through {@link ObservedStack}, which notes arrivals and hands every
 * datagram on untouched ({@link DatagramLog}).
 */
class RTCDtlsTransportVirtualNetworkTest {

    private static final LinkConditions LOSSY = LinkConditions.builder().loss(0.2).reordering(0.2)
            .delay(Duration.ofMillis(10)).build();
    private static final long CONNECT_SECONDS = 15;
    private static final int BURST = 50;
    private static final String END = "end";

    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final DatagramLog log = new DatagramLog(scheduler);
    private RealTimeDriver driver;
    private Peer a;
    private Peer b;

    @AfterEach
    void close() {
        if (driver == null) {
            return;
        }
        try {
            driver.run(() -> {
                for (Peer peer : new Peer[] {a, b}) {
                    if (peer != null) {
                        peer.close();
                    }
                }
            });
        } finally {
            driver.close();
        }
    }

    /**
     * Issue 5's claim. This test found a hang, now handled by {@code EarlyChangeCipherSpecFilter}: when
     * the client's ChangeCipherSpec reaches the server while its CertificateVerify was lost (or is
     * held back behind it), Bouncy Castle's server, which has its pending epoch from the
     * ClientKeyExchange already, switches its read epoch on that ChangeCipherSpec and from then
     * on discards every retransmitted CertificateVerify (epoch 0): the handshake hangs until
     * {@code handshakeTimeout}. Without a fix, about one run in three has a seed of these six
     * hang (seeds 1 and 5 nearly always). With the server holding back a ChangeCipherSpec until
     * it has seen the CertificateVerify, twelve seeds passed, each within 3.5 s.
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void theHandshakeCompletesWithTwentyPercentLossAndReordering(long seed) throws Exception {
        handshakeOverLossyNetwork(seed);
    }

    /**
     * The same handshake and burst on a network with delay only: what the lossy test checks
     * except the interference, so that the real-time virtual network carries DTLS today. Nothing
     * is lost or reordered, so the burst arrives whole and in order.
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2})
    void theHandshakeCompletesOnTheVirtualNetworkWithDelay(long seed) throws Exception {
        VirtualNetwork network = handshake(seed, LinkConditions.builder().delay(Duration.ofMillis(10)).build());
        List<List<Integer>> bursts = burstsBothWays();

        List<Integer> all = java.util.stream.IntStream.range(0, BURST).boxed().toList();
        assertThat(bursts.get(0)).isEqualTo(all);
        assertThat(bursts.get(1)).isEqualTo(all);
        assertThat(driver.call(network::packetsDropped)).isZero();
    }

    private void handshakeOverLossyNetwork(long seed) throws Exception {
        VirtualNetwork network = handshake(seed, LOSSY);
        List<List<Integer>> bursts = burstsBothWays();
        List<Integer> atB = bursts.get(0);
        List<Integer> atA = bursts.get(1);
        String all = driver.call(() -> "in all: " + log + ", " + network);

        assertThat(atB).as(all).isNotEmpty().doesNotHaveDuplicates().allMatch(n -> n >= 0 && n < BURST);
        assertThat(atA).as(all).isNotEmpty().doesNotHaveDuplicates().allMatch(n -> n >= 0 && n < BURST);
        // The network really lost and reordered DTLS datagrams: some of the burst are missing,
        // some arrived after later ones, and the same shows on the wire.
        assertThat(atA.size() + atB.size()).as(all).isLessThan(2 * BURST);
        assertThat(isSorted(atA) && isSorted(atB)).as("burst arrived in order: %s %s, %s", atA, atB, all).isFalse();
        assertThat(driver.call(network::packetsLost)).as(all).isPositive();
        assertThat(driver.call(log::dtlsLost)).as(all).isPositive();
        assertThat(driver.call(log::dtlsHeldBack)).as(all).isPositive();
        assertThat(driver.call(log::dtlsReordered)).as(all).isPositive();
        assertThat(driver.call(() -> a.dtls.droppedPackets() + b.dtls.droppedPackets())).as(all).isZero();
    }

    /**
     * Two peers on a new network with {@code conditions} on its core: ICE, then DTLS, both
     * connected and agreed on the SRTP keys.
     */
    private VirtualNetwork handshake(long seed, LinkConditions conditions) throws Exception {
        VirtualNetwork network = new VirtualNetwork(scheduler, seed);
        RTCCertificate certificateA = RTCCertificate.generate();
        RTCCertificate certificateB = RTCCertificate.generate();
        driver = scheduler.runInRealTime();

        driver.run(() -> {
            network.addDatagramFilter(log::sent);
            network.setLinkConditions(conditions);
            a = new Peer(new ObservedStack(network.addHost("a", "198.51.100.1"), log), certificateA);
            b = new Peer(new ObservedStack(network.addHost("b", "198.51.100.2"), log), certificateB);
            a.signalTo(b);
            b.signalTo(a);
            a.ice.iceGatherer().gather();
            b.ice.iceGatherer().gather();
            a.ice.start(b.ice.iceGatherer().getLocalParameters(), RTCIceRole.CONTROLLING);
            b.ice.start(a.ice.iceGatherer().getLocalParameters(), RTCIceRole.CONTROLLED);
        });
        CompletableFuture<Void> connectedA = driver.call(() -> a.dtls.start(b.dtls.getLocalParameters()));
        CompletableFuture<Void> connectedB = driver.call(() -> b.dtls.start(a.dtls.getLocalParameters()));

        await(connectedA, network);
        await(connectedB, network);
        String handshake = driver.call(() -> "handshake: " + log + ", " + network);

        assertThat(a.dtls.state()).isEqualTo(RTCDtlsTransportState.CONNECTED);
        assertThat(b.dtls.state()).isEqualTo(RTCDtlsTransportState.CONNECTED);
        assertThat(a.dtls.role()).contains(RTCDtlsRole.CLIENT);
        assertThat(b.dtls.role()).contains(RTCDtlsRole.SERVER);
        assertThat(a.dtls.srtpKeys()).as(handshake).isPresent().isEqualTo(b.dtls.srtpKeys());
        assertThat(a.dtls.srtpProfile()).isPresent().isEqualTo(b.dtls.srtpProfile());

        return network;
    }

    /**
     * Application data both ways: a burst of numbered datagrams, then (once every survivor of the
     * burst has arrived) an end marker, sent again every 50 ms until it arrives.
     *
     * @return what arrived at b, then at a, in the order it arrived
     */
    private List<List<Integer>> burstsBothWays() throws Exception {
        driver.run(() -> {
            burst(a, b);
            burst(b, a);
        });
        return List.of(b.burstReceived.get(CONNECT_SECONDS, TimeUnit.SECONDS),
                a.burstReceived.get(CONNECT_SECONDS, TimeUnit.SECONDS));
    }

    /** Waits for {@code future}; on timeout fails with what both peers and the network were doing. */
    private void await(CompletableFuture<?> future, VirtualNetwork network) throws Exception {
        try {
            future.get(CONNECT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError(driver.call(() -> "not connected within " + CONNECT_SECONDS + " s: ice "
                    + a.ice.state() + "/" + b.ice.state() + ", dtls " + a.dtls.state() + "/" + b.dtls.state()
                    + ", " + log + ", " + network), e);
        }
    }

    /** On the driver: {@link #BURST} numbered datagrams at once, then the end marker 100 ms later. */
    private void burst(Peer from, Peer to) {
        for (int i = 0; i < BURST; i++) {
            from.dtls.send(ByteBuffer.wrap(Integer.toString(i).getBytes(StandardCharsets.UTF_8)));
        }
        // Datagrams of the burst that survive arrive within delay + reorderDelay (30 ms).
        scheduler.schedule(() -> sendEndUntilReceived(from, to, 40), 100, TimeUnit.MILLISECONDS);
    }

    private void sendEndUntilReceived(Peer from, Peer to, int attemptsLeft) {
        if (to.burstReceived.isDone() || attemptsLeft == 0) {
            return;
        }
        from.dtls.send(ByteBuffer.wrap(END.getBytes(StandardCharsets.UTF_8)));
        scheduler.schedule(() -> sendEndUntilReceived(from, to, attemptsLeft - 1), 50, TimeUnit.MILLISECONDS);
    }

    private static boolean isSorted(List<Integer> numbers) {
        for (int i = 1; i < numbers.size(); i++) {
            if (numbers.get(i) < numbers.get(i - 1)) {
                return false;
            }
        }
        return true;
    }

    /** An ICE gatherer and transport on a host, and a DTLS transport over them. Driver only. */
    private static final class Peer {
        final RTCIceTransport ice;
        final RTCDtlsTransport dtls;
        final List<Integer> received = new ArrayList<>();
        /** The burst's numbers in the order they arrived, once the end marker came. */
        final CompletableFuture<List<Integer>> burstReceived = new CompletableFuture<>();

        Peer(NetworkStack stack, RTCCertificate certificate) {
            this.ice = new RTCIceTransport(new RTCIceGatherer(RTCIceGatherOptions.defaults(), stack));
            this.dtls = new RTCDtlsTransport(ice, List.of(certificate));
            dtls.setDataHandler(data -> {
                String text = StandardCharsets.UTF_8.decode(data).toString();
                if (text.equals(END)) {
                    burstReceived.complete(List.copyOf(received));
                } else if (!burstReceived.isDone()) {
                    received.add(Integer.parseInt(text));
                }
            });
        }

        /** Trickles every local candidate and the end of candidates to {@code other}. */
        void signalTo(Peer other) {
            ice.iceGatherer().onLocalCandidate(other.ice::addRemoteCandidate);
            ice.iceGatherer().onStateChange(state -> {
                if (state == RTCIceGathererState.COMPLETE) {
                    other.ice.addRemoteCandidate(null);
                }
            });
        }

        void close() {
            dtls.stop();
            ice.stop();
            ice.iceGatherer().close();
        }
    }

    /**
     * What the network did to DTLS datagrams (RFC 7983: first byte 20–63): each one's send time
     * and number per sender, noted by a filter that passes everything, and on arrival whether it
     * was held back (took {@code delay + reorderDelay} or more) and whether it came after one its
     * sender sent later. Each DTLS datagram differs (its records carry fresh sequence numbers,
     * RFC 6347 §4.1), so its bytes identify it. Driver only.
     */
    private static final class DatagramLog {
        private static final long HELD_BACK_NANOS = LOSSY.delay().plus(LOSSY.reorderDelay()).toNanos();

        private record Sent(int index, long atNanos) { }

        private final Scheduler clock;
        private final Map<ByteBuffer, Sent> sent = new HashMap<>();
        private final Map<InetSocketAddress, Integer> sentBy = new HashMap<>();
        private final Map<InetSocketAddress, Integer> latestArrivedFrom = new HashMap<>();
        private int arrived;
        private int heldBack;
        private int reordered;

        DatagramLog(Scheduler clock) {
            this.clock = clock;
        }

        /** A {@link org.ortc4j.ice.vnet.DatagramFilter} that notes DTLS datagrams and passes all. */
        boolean sent(InetSocketAddress source, InetSocketAddress destination, ByteBuffer payload) {
            if (isDtls(payload)) {
                int index = sentBy.merge(source, 1, Integer::sum);
                sent.put(copy(payload), new Sent(index, clock.nanoTime()));
            }
            return true;
        }

        void arrived(InetSocketAddress source, ByteBuffer payload) {
            Sent datagram = isDtls(payload) ? sent.get(payload) : null;
            if (datagram == null) {
                return;
            }
            arrived++;
            if (clock.nanoTime() - datagram.atNanos() >= HELD_BACK_NANOS) {
                heldBack++;
            }
            int latest = latestArrivedFrom.getOrDefault(source, 0);
            if (datagram.index() < latest) {
                reordered++;
            } else {
                latestArrivedFrom.put(source, datagram.index());
            }
        }

        int dtlsLost() {
            return sent.size() - arrived;
        }

        int dtlsHeldBack() {
            return heldBack;
        }

        int dtlsReordered() {
            return reordered;
        }

        @Override
        public String toString() {
            return "DTLS datagrams sent=" + sent.size() + " arrived=" + arrived + " heldBack=" + heldBack
                    + " reordered=" + reordered;
        }

        private static boolean isDtls(ByteBuffer payload) {
            if (!payload.hasRemaining()) {
                return false;
            }
            int first = payload.get(payload.position()) & 0xFF;
            return first >= 20 && first <= 63;
        }

        private static ByteBuffer copy(ByteBuffer payload) {
            ByteBuffer copy = ByteBuffer.allocate(payload.remaining());
            copy.put(payload.duplicate()).flip();
            return copy;
        }
    }

    /**
     * A host as the ICE gatherer sees it, with every received datagram noted in a
     * {@link DatagramLog} before it is handed on, untouched, to the gatherer's handler.
     */
    private static final class ObservedStack implements NetworkStack {
        private final VirtualHost host;
        private final DatagramLog log;

        ObservedStack(VirtualHost host, DatagramLog log) {
            this.host = host;
            this.log = log;
        }

        @Override
        public Scheduler scheduler() {
            return host.scheduler();
        }

        @Override
        public ByteBufAllocator alloc() {
            return host.alloc();
        }

        @Override
        public List<LocalAddress> localAddresses() {
            return host.localAddresses();
        }

        @Override
        public CompletableFuture<UdpSocket> bindUdp(InetSocketAddress local, DatagramHandler handler) {
            return host.bindUdp(local, (socket, sender, data) -> {
                log.arrived(sender, ByteBuffer.wrap(ByteBufUtil.getBytes(data)));
                handler.onDatagram(socket, sender, data);
            });
        }

        @Override
        public CompletableFuture<UdpSocket> joinMulticast(InetSocketAddress group, LocalAddress via, DatagramHandler handler) {
            return host.joinMulticast(group, via, handler);
        }

        @Override
        public CompletableFuture<StreamSocket> connectTcp(InetSocketAddress remote, TlsClientOptions tls, StreamHandler handler) {
            return host.connectTcp(remote, tls, handler);
        }
    }
}
