package org.ortc4j.benchmarks;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.ortc4j.dtls.RTCCertificate;
import org.ortc4j.dtls.RTCDtlsTransport;
import org.ortc4j.ice.RTCIceGatherOptions;
import org.ortc4j.ice.RTCIceGatherer;
import org.ortc4j.ice.RTCIceRole;
import org.ortc4j.ice.RTCIceTransport;
import org.ortc4j.ice.net.NettyNetwork;
import org.ortc4j.sctp.RTCDataChannel;
import org.ortc4j.sctp.RTCDataChannelInit;
import org.ortc4j.sctp.RTCDataChannelState;
import org.ortc4j.sctp.RTCSctpTransport;

/**
 * Reliable ordered data channels (one, or 16 in parallel: {@code channels}) between two
 * {@link RTCSctpTransport}s in this JVM, over real
 * {@link RTCDtlsTransport}s over real {@link RTCIceTransport}s on UDP loopback (Netty, epoll where
 * available): what a user of the ORTC objects gets. The sender keeps at most {@link #HIGH_WATER}
 * bytes buffered (W3C {@code bufferedAmount}) and waits for {@code bufferedamountlow} at
 * {@link #LOW_WATER}, as a file transfer over a browser data channel does.
 *
 * <p>Each operation sends one message (with several channels, on the next channel in turn; each
 * channel's buffering limits are its share of the one-channel limits); the auxiliary counter {@code receivedBytes} is what the
 * far end's {@code message} events delivered per second, the figure that matters (in bytes/s; ×8
 * for bit/s). The receiver checks that every message arrives whole and in order (a sequence number
 * in its first eight bytes, per channel) and fails the run otherwise.
 *
 * <p>Baseline in the same run ({@link #dtlsRecordsBaseline}): the same DTLS transports over the
 * same ICE transports sending records of the size one SCTP packet fills (1,191 bytes), with no SCTP
 * and no flow control: the sender blasts and the receiver's {@code receivedBytes} per second is the
 * most the layers below SCTP carry on this machine.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class SctpThroughputBenchmark {

    static final long HIGH_WATER = 4L << 20;
    static final long LOW_WATER = 1L << 20;
    /** How long the sender waits for room before it calls the run broken (a loaded machine is slow). */
    static final long WAIT_SECONDS = 60;
    private static final RTCIceGatherOptions OPTIONS = RTCIceGatherOptions.newBuilder().includeLoopback(true).build();

    /**
     * Bytes the far end received per second, reported beside the send rate: the counter is the
     * bytes received since the iteration's first operation, so JMH divides it by the iteration time.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Received {
        public long receivedBytes;
        private long base = -1;

        @Setup(Level.Iteration)
        public void reset() {
            receivedBytes = 0;
            base = -1;
        }

        void update(AtomicLong received) {
            long now = received.get();
            if (base < 0) {
                base = now;
            }
            receivedBytes = now - base;
        }
    }

    /**
     * Two connected ICE, DTLS and SCTP transports and {@link #channels} open channels, for the whole
     * trial.
     */
    @State(Scope.Benchmark)
    public static class Link {

        /** Message size: 64 KiB for bulk, 100 bytes for the small-message rate. */
        @Param({"65536", "100"})
        public int messageSize;

        /**
         * Channels sending in parallel over the one association, each message to the next channel
         * in turn. Each channel's share of the buffering is {@link #HIGH_WATER} / channels (and
         * {@link #LOW_WATER} / channels), so that the association holds as much in its send queue
         * with 16 channels as with one.
         */
        @Param({"1", "16"})
        public int channels;

        DtlsPair dtls;
        RTCSctpTransport sctpA;
        RTCSctpTransport sctpB;
        RTCDataChannel[] senders;
        RTCDataChannel[] receivers;
        final AtomicLong received = new AtomicLong();
        final Semaphore low = new Semaphore(0);
        volatile String broken;
        long[] nextSequence;
        long[] expectedSequence;
        long highWater;
        int next;
        byte[] message;

        @Setup(Level.Trial)
        public void connect() throws Exception {
            dtls = DtlsPair.connect();
            sctpA = new RTCSctpTransport(dtls.a());
            sctpB = new RTCSctpTransport(dtls.b());
            sctpA.start(RTCSctpTransport.getCapabilities(), sctpB.port());
            sctpB.start(RTCSctpTransport.getCapabilities(), sctpA.port());
            senders = new RTCDataChannel[channels];
            receivers = new RTCDataChannel[channels];
            nextSequence = new long[channels];
            expectedSequence = new long[channels];
            highWater = HIGH_WATER / channels;
            List<CompletableFuture<Void>> opened = new java.util.ArrayList<>();
            for (int c = 0; c < channels; c++) {
                RTCDataChannelInit init = RTCDataChannelInit.builder().negotiated(true).id(1 + 2 * c).build();
                senders[c] = new RTCDataChannel(sctpA, "bulk" + c, init);
                receivers[c] = new RTCDataChannel(sctpB, "bulk" + c, init);
                opened.add(opened(senders[c]));
                opened.add(opened(receivers[c]));
            }
            CompletableFuture.allOf(opened.toArray(new CompletableFuture<?>[0])).get(10, TimeUnit.SECONDS);
            for (int c = 0; c < channels; c++) {
                int channel = c;
                senders[c].setBufferedAmountLowThreshold(LOW_WATER / channels);
                senders[c].onBufferedAmountLow(low::release);
                receivers[c].onMessage(m -> {
                    ByteBuffer data = m.data();
                    long sequence = data.getLong(data.position());
                    if (sequence != expectedSequence[channel] || m.length() != messageSize) {
                        broken = "message " + expectedSequence[channel] + " of channel " + channel + " arrived as "
                                + sequence + " with " + m.length() + " bytes";
                    }
                    expectedSequence[channel]++;
                    received.addAndGet(m.length());
                });
            }
            message = new byte[messageSize];
        }

        private static CompletableFuture<Void> opened(RTCDataChannel channel) {
            CompletableFuture<Void> open = new CompletableFuture<>();
            channel.onOpen(() -> open.complete(null));
            if (channel.readyState() == RTCDataChannelState.OPEN) {
                open.complete(null);
            }
            return open;
        }

        /**
         * Sends one message on the next channel in turn that has room; when none has, waits for a
         * {@code bufferedamountlow} of any channel (the association sends first in, first out, so
         * the channels drain together).
         */
        void sendOne() throws InterruptedException {
            for (int tried = 0; ; tried++) {
                int c = next;
                next = next + 1 == channels ? 0 : next + 1;
                RTCDataChannel sender = senders[c];
                if (sender.bufferedAmount() <= highWater) {
                    ByteBuffer.wrap(message).putLong(0, nextSequence[c]++);
                    sender.send(message);
                    return;
                }
                if (tried >= channels) {
                    low.drainPermits();
                    tried = 0;
                    if (sender.bufferedAmount() > highWater && !low.tryAcquire(WAIT_SECONDS, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("no bufferedamountlow in " + WAIT_SECONDS + " s: "
                                + sender.bufferedAmount());
                    }
                }
            }
        }

        @TearDown(Level.Trial)
        public void close() {
            if (broken != null) {
                throw new IllegalStateException(broken);
            }
            sctpA.stop();
            sctpB.stop();
            dtls.close();
        }
    }

    /**
     * Two DTLS transports connected over two ICE transports on loopback; {@code a} is the ICE
     * controlling side and so the DTLS client.
     */
    record DtlsPair(RTCDtlsTransport a, RTCDtlsTransport b) {

        static DtlsPair connect() throws Exception {
            RTCIceTransport iceA = new RTCIceTransport(new RTCIceGatherer(OPTIONS, NettyNetwork.shared().newStack()));
            RTCIceTransport iceB = new RTCIceTransport(new RTCIceGatherer(OPTIONS, NettyNetwork.shared().newStack()));
            CompletableFuture.allOf(iceA.iceGatherer().gather(), iceB.iceGatherer().gather()).get(10, TimeUnit.SECONDS);
            iceA.iceGatherer().getLocalCandidates().forEach(iceB::addRemoteCandidate);
            iceB.iceGatherer().getLocalCandidates().forEach(iceA::addRemoteCandidate);
            iceA.addRemoteCandidate(null);
            iceB.addRemoteCandidate(null);
            CompletableFuture.allOf(iceA.start(iceB.iceGatherer().getLocalParameters(), RTCIceRole.CONTROLLING),
                    iceB.start(iceA.iceGatherer().getLocalParameters(), RTCIceRole.CONTROLLED)).get(10, TimeUnit.SECONDS);
            RTCDtlsTransport a = new RTCDtlsTransport(iceA, List.of(RTCCertificate.generate()));
            RTCDtlsTransport b = new RTCDtlsTransport(iceB, List.of(RTCCertificate.generate()));
            CompletableFuture.allOf(a.start(b.getLocalParameters()), b.start(a.getLocalParameters()))
                    .get(10, TimeUnit.SECONDS);
            return new DtlsPair(a, b);
        }

        void close() {
            for (RTCDtlsTransport t : new RTCDtlsTransport[] {a, b}) {
                t.stop();
                t.iceTransport().stop();
                t.iceTransport().iceGatherer().close();
            }
        }
    }


    /** Two connected ICE and DTLS transports and nothing above: the baseline's layers. */
    @State(Scope.Benchmark)
    public static class DtlsLink {

        /** An SCTP packet as {@code RTCSctpTransport} sends them: the 1,191 bytes of its MTU. */
        static final int RECORD = 1191;
        /** Records per loop task: the sender hands the loop this many at a time. */
        static final int BATCH = 64;

        DtlsPair dtls;
        final AtomicLong received = new AtomicLong();
        final ByteBuffer record = ByteBuffer.allocate(RECORD);

        @Setup(Level.Trial)
        public void connect() throws Exception {
            dtls = DtlsPair.connect();
            dtls.b().setDataHandler(data -> received.addAndGet(data.remaining()));
        }

        /** Sends a batch on the sender's loop and waits until the loop has sent it. */
        void sendBatch() throws Exception {
            CompletableFuture<Void> sent = new CompletableFuture<>();
            dtls.a().iceTransport().scheduler().execute(() -> {
                for (int i = 0; i < BATCH; i++) {
                    dtls.a().send(record);
                }
                sent.complete(null);
            });
            sent.get(10, TimeUnit.SECONDS);
        }

        @TearDown(Level.Trial)
        public void close() {
            dtls.close();
        }
    }

    @Benchmark
    public void reliableOrderedChannel(Link link, Received counters) throws InterruptedException {
        link.sendOne();
        counters.update(link.received);
    }

    /**
     * Baseline: records of one SCTP packet's size through the same kind of DTLS and ICE
     * transports, as fast as the sender's loop seals them, with no SCTP and no flow control; what
     * arrives per second is the most the layers under SCTP carry here (the rest is lost in socket
     * buffers).
     */
    @Benchmark
    public void dtlsRecordsBaseline(DtlsLink link, Received counters) throws Exception {
        link.sendBatch();
        counters.update(link.received);
    }
}
