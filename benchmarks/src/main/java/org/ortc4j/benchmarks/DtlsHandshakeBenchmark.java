package org.ortc4j.benchmarks;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;
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
import org.ortc4j.dtls.RTCDtlsRole;
import org.ortc4j.dtls.RTCDtlsTransport;
import org.ortc4j.dtls.RTCDtlsTransportState;
import org.ortc4j.ice.RTCIceGatherOptions;
import org.ortc4j.ice.RTCIceGatherer;
import org.ortc4j.ice.RTCIceGathererState;
import org.ortc4j.ice.RTCIceRole;
import org.ortc4j.ice.RTCIceTransport;
import org.ortc4j.ice.net.NettyNetwork;

/**
 * The DTLS handshake of two {@link RTCDtlsTransport}s, warm: the time from {@code start} on both
 * to both {@code connected}, over two {@link RTCIceTransport}s already connected on this
 * machine's loopback interface (real UDP sockets, Netty); sequential handshakes per second are
 * the inverse of the mean. ECDSA P-256 certificates as browsers use, made once per trial.
 *
 * <p>Baseline in the same run ({@link #bareBouncyCastleInMemory}): the same handshake with Bouncy
 * Castle alone, configured as ortc-dtls configures it (JDK crypto, mutual authentication with
 * fingerprint checks, use_srtp, extended master secret, keying material export), over an
 * in-memory datagram pair with no sockets, loops or ICE: the cryptographic and protocol cost
 * every handshake pays ({@link DtlsRecordBenchmark.BarePair}).
 *
 * <p>ICE gathering and connectivity checks happen before the clock starts ({@link Level#Invocation}
 * set-up); so does making the two transports.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class DtlsHandshakeBenchmark {

    private static final RTCIceGatherOptions OPTIONS = RTCIceGatherOptions.newBuilder().includeLoopback(true).build();

    /** Two connected ICE transports and two new DTLS transports on them, made anew for every handshake. */
    @State(Scope.Thread)
    public static class Pair {
        RTCCertificate clientCertificate;
        RTCCertificate serverCertificate;
        RTCIceTransport iceA;
        RTCIceTransport iceB;
        RTCDtlsTransport a;
        RTCDtlsTransport b;

        @Setup(Level.Trial)
        public void certificates() {
            clientCertificate = RTCCertificate.generate();
            serverCertificate = RTCCertificate.generate();
        }

        @Setup(Level.Invocation)
        public void connectIce() throws Exception {
            iceA = new RTCIceTransport(new RTCIceGatherer(OPTIONS, NettyNetwork.shared().newStack()));
            iceB = new RTCIceTransport(new RTCIceGatherer(OPTIONS, NettyNetwork.shared().newStack()));
            CompletableFuture.allOf(iceA.iceGatherer().gather(), iceB.iceGatherer().gather()).get(10, TimeUnit.SECONDS);
            if (iceA.iceGatherer().state() != RTCIceGathererState.COMPLETE
                    || iceB.iceGatherer().state() != RTCIceGathererState.COMPLETE) {
                throw new IllegalStateException("gathering did not complete");
            }
            iceA.iceGatherer().getLocalCandidates().forEach(iceB::addRemoteCandidate);
            iceB.iceGatherer().getLocalCandidates().forEach(iceA::addRemoteCandidate);
            iceA.addRemoteCandidate(null);
            iceB.addRemoteCandidate(null);
            CompletableFuture.allOf(iceA.start(iceB.iceGatherer().getLocalParameters(), RTCIceRole.CONTROLLING),
                    iceB.start(iceA.iceGatherer().getLocalParameters(), RTCIceRole.CONTROLLED)).get(10, TimeUnit.SECONDS);
            a = new RTCDtlsTransport(iceA, List.of(clientCertificate));
            b = new RTCDtlsTransport(iceB, List.of(serverCertificate));
        }

        @TearDown(Level.Invocation)
        public void close() {
            if (a.state() != RTCDtlsTransportState.CONNECTED || b.state() != RTCDtlsTransportState.CONNECTED
                    || a.role().orElseThrow() != RTCDtlsRole.CLIENT) {
                throw new IllegalStateException("the handshake did not connect a client and a server: "
                        + a.state() + " " + a.role() + ", " + b.state() + " " + b.role());
            }
            a.stop();
            b.stop();
            iceA.stop();
            iceB.stop();
            iceA.iceGatherer().close();
            iceB.iceGatherer().close();
        }
    }

    /** Certificates and crypto for the baseline, made once. */
    @State(Scope.Thread)
    public static class Bare {
        JcaTlsCrypto crypto;
        RTCCertificate clientCertificate;
        RTCCertificate serverCertificate;

        @Setup(Level.Trial)
        public void certificates() {
            crypto = DtlsRecordBenchmark.jdkCrypto();
            clientCertificate = RTCCertificate.generate();
            serverCertificate = RTCCertificate.generate();
        }
    }

    @Benchmark
    public void startToConnected(Pair pair) throws Exception {
        // Auto roles: the ICE controlling side (a) is the DTLS client.
        CompletableFuture.allOf(pair.a.start(pair.b.getLocalParameters()), pair.b.start(pair.a.getLocalParameters()))
                .get(10, TimeUnit.SECONDS);
    }

    @Benchmark
    public void bareBouncyCastleInMemory(Bare bare) throws Exception {
        // The suites an RTCDtlsTransport offers for ECDSA certificates on the JDK's crypto.
        DtlsRecordBenchmark.BarePair.handshake(bare.crypto, bare.clientCertificate, bare.serverCertificate,
                new int[] {CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
                    CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384}).close();
    }
}
