package org.ortc4j.dtls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ortc4j.ice.RTCIceCandidate;
import org.ortc4j.ice.RTCIceCandidateType;
import org.ortc4j.ice.RTCIceComponent;
import org.ortc4j.ice.RTCIceGatherOptions;
import org.ortc4j.ice.RTCIceGatherer;
import org.ortc4j.ice.RTCIceProtocol;
import org.ortc4j.ice.RTCIceRole;
import org.ortc4j.ice.RTCIceTransport;
import org.ortc4j.ice.net.NettyNetwork;

/**
 * The handshake completes when a fifth of the DTLS datagrams are lost and a fifth are reordered.
 *
 * <p>The same on real sockets as {@code RTCDtlsTransportVirtualNetworkTest} on the virtual
 * network: two real ICE transports on loopback talk through a small UDP relay in this test that
 * stands for the network: it forwards STUN untouched
 * (ICE is not what is tested) and drops 20 % of DTLS datagrams and holds back another 20 % until
 * the next datagram in that direction has passed (reordering), from a seeded {@link Random} per
 * direction. Each side is told only the relay's address as the other's candidate.
 */
class RTCDtlsTransportLossTest {

    private static final RTCIceGatherOptions LOOPBACK = RTCIceGatherOptions.newBuilder().includeLoopback(true).build();
    private final List<AutoCloseable> toClose = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void theHandshakeCompletesWithTwentyPercentLossAndReordering(long seed) throws Exception {
        RTCIceTransport a = iceTransport();
        RTCIceTransport b = iceTransport();
        LossyRelay relay = new LossyRelay(seed, 0.2, 0.2);
        toClose.add(relay);
        InetSocketAddress aAddress = loopbackCandidate(a);
        InetSocketAddress bAddress = loopbackCandidate(b);
        relay.start(aAddress, bAddress);
        a.addRemoteCandidate(hostCandidate(relay.facingA()));
        a.addRemoteCandidate(null);
        b.addRemoteCandidate(hostCandidate(relay.facingB()));
        b.addRemoteCandidate(null);
        a.start(b.iceGatherer().getLocalParameters(), RTCIceRole.CONTROLLING);
        b.start(a.iceGatherer().getLocalParameters(), RTCIceRole.CONTROLLED);
        RTCDtlsTransport dtlsA = new RTCDtlsTransport(a, List.of(RTCCertificate.generate()));
        RTCDtlsTransport dtlsB = new RTCDtlsTransport(b, List.of(RTCCertificate.generate()));
        toClose.add(dtlsA::stop);
        toClose.add(dtlsB::stop);

        CompletableFuture<Void> ca = dtlsA.start(dtlsB.getLocalParameters());
        CompletableFuture<Void> cb = dtlsB.start(dtlsA.getLocalParameters());
        try {
            ca.get(30, TimeUnit.SECONDS);
            cb.get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            // Seen once on a machine at load 24 (seed 1): say where the handshake stood.
            throw new AssertionError("no handshake within 30 s: ice " + a.state() + "/" + b.state() + ", dtls "
                    + dtlsA.state() + "/" + dtlsB.state() + ", relay lost " + relay.dtlsLost + " and held back "
                    + relay.dtlsReordered + " DTLS datagrams", e);
        }

        assertThat(dtlsA.srtpKeys()).isPresent().isEqualTo(dtlsB.srtpKeys());
        // The relay really interfered with the handshake.
        assertThat(relay.dtlsLost.get()).isPositive();
        assertThat(relay.dtlsReordered.get()).isPositive();
    }

    private RTCIceTransport iceTransport() {
        RTCIceGatherer gatherer = new RTCIceGatherer(LOOPBACK, NettyNetwork.shared().newStack());
        RTCIceTransport transport = new RTCIceTransport(gatherer);
        toClose.add(gatherer);
        toClose.add(transport::stop);
        return transport;
    }

    /** Gathers and returns the 127.0.0.1 host candidate's address. */
    private static InetSocketAddress loopbackCandidate(RTCIceTransport ice) throws Exception {
        ice.iceGatherer().gather().get(10, TimeUnit.SECONDS);
        RTCIceCandidate candidate = ice.iceGatherer().getLocalCandidates().stream()
                .filter(c -> c.address().equals("127.0.0.1") && c.protocol() == RTCIceProtocol.UDP)
                .findFirst().orElseThrow();
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), candidate.port());
    }

    private static RTCIceCandidate hostCandidate(InetSocketAddress address) {
        return RTCIceCandidate.newBuilder().foundation("relay").component(RTCIceComponent.RTP)
                .protocol(RTCIceProtocol.UDP).priority(2130706431L).address("127.0.0.1")
                .port(address.getPort()).type(RTCIceCandidateType.HOST).build();
    }

    /**
     * Two sockets: {@code facingB} stands for A (B sends to it) and {@code facingA} stands for B.
     * What arrives on one leaves from the other, so each side sees its peer at the address it
     * was told.
     */
    static final class LossyRelay implements AutoCloseable {
        final AtomicLong dtlsLost = new AtomicLong();
        final AtomicLong dtlsReordered = new AtomicLong();
        private final DatagramSocket facingA;
        private final DatagramSocket facingB;
        private final long seed;
        private final double loss;
        private final double reordering;

        LossyRelay(long seed, double loss, double reordering) throws IOException {
            this.seed = seed;
            this.loss = loss;
            this.reordering = reordering;
            this.facingA = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            this.facingB = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        }

        InetSocketAddress facingA() {
            return (InetSocketAddress) facingA.getLocalSocketAddress();
        }

        InetSocketAddress facingB() {
            return (InetSocketAddress) facingB.getLocalSocketAddress();
        }

        void start(InetSocketAddress a, InetSocketAddress b) {
            forward(facingA, facingB, b, new Random(seed), "relay-a-to-b");
            forward(facingB, facingA, a, new Random(seed * 31 + 7), "relay-b-to-a");
        }

        private void forward(DatagramSocket in, DatagramSocket out, InetSocketAddress to, Random random, String name) {
            Thread thread = new Thread(() -> {
                byte[] buffer = new byte[65536];
                DatagramPacket held = null;
                while (!in.isClosed()) {
                    try {
                        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                        in.receive(packet);
                        byte[] data = java.util.Arrays.copyOf(packet.getData(), packet.getLength());
                        DatagramPacket next = new DatagramPacket(data, data.length, to);
                        int first = data.length == 0 ? -1 : data[0] & 0xFF;
                        boolean dtls = first >= 20 && first <= 63;
                        if (dtls && random.nextDouble() < loss) {
                            dtlsLost.incrementAndGet();
                            continue;
                        }
                        if (dtls && held == null && random.nextDouble() < reordering) {
                            held = next;
                            dtlsReordered.incrementAndGet();
                            continue;
                        }
                        out.send(next);
                        if (held != null) {
                            out.send(held);
                            held = null;
                        }
                    } catch (IOException e) {
                        return;   // closed
                    }
                }
            }, name);
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void close() {
            facingA.close();
            facingB.close();
        }
    }
}
