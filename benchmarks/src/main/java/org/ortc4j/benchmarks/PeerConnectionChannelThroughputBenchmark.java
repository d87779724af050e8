package org.ortc4j.benchmarks;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
import org.ortc4j.peerconnection.RTCConfiguration;
import org.ortc4j.peerconnection.RTCPeerConnection;
import org.ortc4j.sctp.RTCDataChannel;

/**
 * One reliable ordered data channel between two of our {@link RTCPeerConnection}s in this JVM on
 * loopback candidates (what an application of the W3C API gets), with the sender's flow control
 * of {@link SctpThroughputBenchmark}: at most {@link SctpThroughputBenchmark#HIGH_WATER} bytes
 * buffered, then a wait for {@code bufferedamountlow} at {@link SctpThroughputBenchmark#LOW_WATER}.
 * The auxiliary counter {@code receivedBytes} is what the answerer's {@code message} events
 * delivered per second. The receiver checks order by a sequence number in each message's first
 * eight bytes and fails the run otherwise.
 *
 * <p>Baseline: {@link SctpThroughputBenchmark}{@code .reliableOrderedChannel} with the same
 * message size in the same command (the same stack built from the ORTC objects, with a negotiated
 * channel and no SDP): run both with one regular expression.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class PeerConnectionChannelThroughputBenchmark {

    /** Two connected peer connections and the channel, for the whole trial. */
    @State(Scope.Benchmark)
    public static class Peers {

        /** 64 KiB for bulk transfer; 16 KiB is the datachannel-filexfer example's chunk. */
        @Param({"65536", "16384"})
        public int messageSize;

        RTCPeerConnection offerer;
        RTCPeerConnection answerer;
        RTCDataChannel sender;
        final AtomicLong received = new AtomicLong();
        final Semaphore low = new Semaphore(0);
        volatile String broken;
        long nextSequence;
        long expectedSequence;
        byte[] message;

        @Setup(Level.Trial)
        public void connect() throws Exception {
            offerer = new RTCPeerConnection(new RTCConfiguration(), PeerConnectionSetupBenchmark.LOOPBACK);
            answerer = new RTCPeerConnection(new RTCConfiguration(), PeerConnectionSetupBenchmark.LOOPBACK);
            CompletableFuture<Void> answererOpen = new CompletableFuture<>();
            answerer.onDataChannel(channel -> {
                channel.onMessage(m -> {
                    ByteBuffer data = m.data();
                    long sequence = data.getLong(data.position());
                    if (sequence != expectedSequence || m.length() != messageSize) {
                        broken = "message " + expectedSequence + " arrived as " + sequence + " with " + m.length()
                                + " bytes";
                    }
                    expectedSequence++;
                    received.addAndGet(m.length());
                });
                PeerConnectionSetupBenchmark.opened(channel).thenRun(() -> answererOpen.complete(null));
            });
            sender = offerer.createDataChannel("bulk");
            CompletableFuture<Void> offererOpen = PeerConnectionSetupBenchmark.opened(sender);
            // Descriptions with all candidates in them (no trickle): the set-up is not measured.
            CompletableFuture<Void> offerGathered = PeerConnectionSetupBenchmark.gatheringComplete(offerer);
            PeerConnectionSetupBenchmark.await(offerer.setLocalDescription(PeerConnectionSetupBenchmark.await(offerer.createOffer())));
            PeerConnectionSetupBenchmark.await(offerGathered);
            PeerConnectionSetupBenchmark.await(answerer.setRemoteDescription(offerer.localDescription()));
            CompletableFuture<Void> answerGathered = PeerConnectionSetupBenchmark.gatheringComplete(answerer);
            PeerConnectionSetupBenchmark.await(answerer.setLocalDescription(PeerConnectionSetupBenchmark.await(answerer.createAnswer())));
            PeerConnectionSetupBenchmark.await(answerGathered);
            PeerConnectionSetupBenchmark.await(offerer.setRemoteDescription(answerer.localDescription()));
            CompletableFuture.allOf(offererOpen, answererOpen).get(10, TimeUnit.SECONDS);
            sender.setBufferedAmountLowThreshold(SctpThroughputBenchmark.LOW_WATER);
            sender.onBufferedAmountLow(low::release);
            message = new byte[messageSize];
        }

        /** Sends one message, first waiting for {@code bufferedamountlow} while above the high mark. */
        void sendOne() throws InterruptedException {
            while (sender.bufferedAmount() > SctpThroughputBenchmark.HIGH_WATER) {
                // Drained before the second look: an event after it leaves a permit.
                low.drainPermits();
                if (sender.bufferedAmount() > SctpThroughputBenchmark.HIGH_WATER
                        && !low.tryAcquire(SctpThroughputBenchmark.WAIT_SECONDS, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("no bufferedamountlow in " + SctpThroughputBenchmark.WAIT_SECONDS
                            + " s: " + sender.bufferedAmount());
                }
            }
            ByteBuffer.wrap(message).putLong(0, nextSequence++);
            sender.send(message);
        }

        @TearDown(Level.Trial)
        public void close() {
            offerer.close();
            answerer.close();
            if (broken != null) {
                throw new IllegalStateException(broken);
            }
        }
    }

    @Benchmark
    public void reliableOrderedChannel(Peers peers, SctpThroughputBenchmark.Received counters) throws InterruptedException {
        peers.sendOne();
        counters.update(peers.received);
    }
}
