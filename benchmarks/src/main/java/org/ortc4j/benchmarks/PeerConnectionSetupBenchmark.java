package org.ortc4j.benchmarks;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
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
import org.ortc4j.peerconnection.RTCConfiguration;
import org.ortc4j.peerconnection.RTCIceGatheringState;
import org.ortc4j.peerconnection.RTCPeerConnection;
import org.ortc4j.sctp.RTCDataChannel;
import org.ortc4j.sctp.RTCDataChannelInit;
import org.ortc4j.sctp.RTCDataChannelState;
import org.ortc4j.sctp.RTCSctpTransport;

/**
 * Connection set-up between two of our {@link RTCPeerConnection}s in this JVM on loopback (the
 * public constructor with {@code RTCIceGatherOptions.includeLoopback(true)}, host candidates
 * only): the time from {@code createOffer} to the offerer's data channel {@code open} and the
 * answerer's {@code datachannel} channel open, warm. JMH sample mode: every set-up is one sample,
 * so the result gives the median (p0.50) and p0.99.
 *
 * <ul>
 *   <li>{@link #nonTrickle}: each side sends its description once its gathering is complete
 *       (candidates inside the SDP), as aiortc does.
 *   <li>{@link #trickle}: descriptions at once, candidates as {@code icecandidate} events give them.
 *   <li>{@link #ortcBaseline} (baseline): the same job with the ORTC objects and no SDP: gather,
 *       exchange candidates, {@code RTCIceTransport.start}, {@code RTCDtlsTransport.start}, then
 *       {@code RTCSctpTransport.start} and a negotiated channel opened on each side.
 * </ul>
 *
 * <p>Outside the clock: constructing the peer connections (which generates their certificates)
 * and {@code createDataChannel}, or the ORTC objects and certificates; closing them.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class PeerConnectionSetupBenchmark {

    static final RTCIceGatherOptions LOOPBACK = RTCIceGatherOptions.newBuilder().includeLoopback(true).build();
    static final long TIMEOUT_SECONDS = 10;

    /** Two fresh peer connections and the offerer's channel, per sample. */
    @State(Scope.Thread)
    public static class Peers {
        RTCPeerConnection offerer;
        RTCPeerConnection answerer;
        RTCDataChannel channel;
        CompletableFuture<Void> offererOpen;
        CompletableFuture<Void> answererOpen;

        @Setup(Level.Invocation)
        public void create() {
            offerer = new RTCPeerConnection(new RTCConfiguration(), LOOPBACK);
            answerer = new RTCPeerConnection(new RTCConfiguration(), LOOPBACK);
            answererOpen = new CompletableFuture<>();
            answerer.onDataChannel(c -> opened(c).thenRun(() -> answererOpen.complete(null)));
            channel = offerer.createDataChannel("setup");
            offererOpen = opened(channel);
        }

        void awaitOpen() throws Exception {
            CompletableFuture.allOf(offererOpen, answererOpen).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }

        @TearDown(Level.Invocation)
        public void close() {
            offerer.close();
            answerer.close();
        }
    }

    /** The ORTC objects of both sides, created (certificates included) before the clock. */
    @State(Scope.Thread)
    public static class Ortc {
        RTCIceTransport iceA;
        RTCIceTransport iceB;
        RTCDtlsTransport dtlsA;
        RTCDtlsTransport dtlsB;
        RTCSctpTransport sctpA;
        RTCSctpTransport sctpB;
        RTCCertificate certificateA;
        RTCCertificate certificateB;

        @Setup(Level.Trial)
        public void certificates() {
            certificateA = RTCCertificate.generate();
            certificateB = RTCCertificate.generate();
        }

        @Setup(Level.Invocation)
        public void create() {
            iceA = new RTCIceTransport(new RTCIceGatherer(LOOPBACK, NettyNetwork.shared().newStack()));
            iceB = new RTCIceTransport(new RTCIceGatherer(LOOPBACK, NettyNetwork.shared().newStack()));
            dtlsA = new RTCDtlsTransport(iceA, List.of(certificateA));
            dtlsB = new RTCDtlsTransport(iceB, List.of(certificateB));
            sctpA = null;
            sctpB = null;
        }

        void connect() throws Exception {
            CompletableFuture.allOf(iceA.iceGatherer().gather(), iceB.iceGatherer().gather())
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            iceA.iceGatherer().getLocalCandidates().forEach(iceB::addRemoteCandidate);
            iceB.iceGatherer().getLocalCandidates().forEach(iceA::addRemoteCandidate);
            iceA.addRemoteCandidate(null);
            iceB.addRemoteCandidate(null);
            iceA.start(iceB.iceGatherer().getLocalParameters(), RTCIceRole.CONTROLLING);
            iceB.start(iceA.iceGatherer().getLocalParameters(), RTCIceRole.CONTROLLED);
            CompletableFuture.allOf(dtlsA.start(dtlsB.getLocalParameters()), dtlsB.start(dtlsA.getLocalParameters()))
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            sctpA = new RTCSctpTransport(dtlsA);
            sctpB = new RTCSctpTransport(dtlsB);
            sctpA.start(RTCSctpTransport.getCapabilities(), sctpB.port());
            sctpB.start(RTCSctpTransport.getCapabilities(), sctpA.port());
            RTCDataChannelInit init = RTCDataChannelInit.builder().negotiated(true).id(0).build();
            CompletableFuture.allOf(opened(new RTCDataChannel(sctpA, "setup", init)),
                    opened(new RTCDataChannel(sctpB, "setup", init))).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }

        @TearDown(Level.Invocation)
        public void close() {
            if (sctpA != null) {
                sctpA.stop();
                sctpB.stop();
            }
            for (RTCDtlsTransport t : new RTCDtlsTransport[] {dtlsA, dtlsB}) {
                t.stop();
                t.iceTransport().stop();
                t.iceTransport().iceGatherer().close();
            }
        }
    }

    static CompletableFuture<Void> opened(RTCDataChannel channel) {
        CompletableFuture<Void> open = new CompletableFuture<>();
        channel.onOpen(() -> open.complete(null));
        if (channel.readyState() == RTCDataChannelState.OPEN) {
            open.complete(null);
        }
        return open;
    }

    static CompletableFuture<Void> gatheringComplete(RTCPeerConnection pc) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        pc.onIceGatheringStateChange(state -> {
            if (state == RTCIceGatheringState.COMPLETE) {
                done.complete(null);
            }
        });
        if (pc.iceGatheringState() == RTCIceGatheringState.COMPLETE) {
            done.complete(null);
        }
        return done;
    }

    static <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** createOffer to both channels open, descriptions sent when gathering is complete. */
    @Benchmark
    public void nonTrickle(Peers peers) throws Exception {
        RTCPeerConnection offerer = peers.offerer;
        RTCPeerConnection answerer = peers.answerer;
        CompletableFuture<Void> offerGathered = gatheringComplete(offerer);
        await(offerer.setLocalDescription(await(offerer.createOffer())));
        await(offerGathered);
        await(answerer.setRemoteDescription(offerer.localDescription()));
        CompletableFuture<Void> answerGathered = gatheringComplete(answerer);
        await(answerer.setLocalDescription(await(answerer.createAnswer())));
        await(answerGathered);
        await(offerer.setRemoteDescription(answerer.localDescription()));
        peers.awaitOpen();
    }

    /** createOffer to both channels open, candidates trickled as they come. */
    @Benchmark
    public void trickle(Peers peers) throws Exception {
        TrickleNegotiation.negotiate(peers.offerer, peers.answerer);
        peers.awaitOpen();
    }

    /** Baseline: the same connection with the ORTC objects and no SDP. */
    @Benchmark
    public void ortcBaseline(Ortc ortc) throws Exception {
        ortc.connect();
    }
}
