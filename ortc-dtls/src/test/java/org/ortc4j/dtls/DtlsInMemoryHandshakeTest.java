package org.ortc4j.dtls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InterruptedIOException;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DTLSServerProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ortc4j.dtls.internal.DtlsHandshakeOutcome;
import org.ortc4j.dtls.internal.DtlsPeerSettings;
import org.ortc4j.dtls.internal.DtlsRecordFraming;
import org.ortc4j.dtls.internal.QueuedDatagramTransport;
import org.ortc4j.dtls.internal.WebRtcDtlsClient;
import org.ortc4j.dtls.internal.WebRtcDtlsServer;
import org.ortc4j.srtp.SrtpProfile;

/**
 * Our Bouncy Castle client and server against each other over two queue-backed transports wired
 * back to back, without ICE: every cipher suite, including ChaCha20-Poly1305 from the JDK.
 */
class DtlsInMemoryHandshakeTest {

    private final ExecutorService threads = Executors.newFixedThreadPool(2);

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    private record Pair(DTLSTransport client, DTLSTransport server, QueuedDatagramTransport clientQueue,
            QueuedDatagramTransport serverQueue, DtlsHandshakeOutcome clientOutcome, DtlsHandshakeOutcome serverOutcome) {
    }

    private final java.util.concurrent.atomic.AtomicInteger largestDatagram = new java.util.concurrent.atomic.AtomicInteger();

    private Pair handshake(int... serverSuites) throws Exception {
        return handshake(RTCCertificate.generate(), RTCCertificate.generate(), 1200, serverSuites);
    }

    private Pair handshake(RTCCertificate clientCert, RTCCertificate serverCert, int mtu, int... serverSuites)
            throws Exception {
        QueuedDatagramTransport[] queues = new QueuedDatagramTransport[2];
        queues[0] = new QueuedDatagramTransport(d -> {
            largestDatagram.accumulateAndGet(d.length, Math::max);
            queues[1].offer(d);
        }, mtu);
        queues[1] = new QueuedDatagramTransport(d -> {
            largestDatagram.accumulateAndGet(d.length, Math::max);
            queues[0].offer(d);
        }, mtu);
        List<SrtpProfile> profiles = RTCDtlsTransportOptions.defaults().srtpProfiles();
        DtlsHandshakeOutcome clientOutcome = new DtlsHandshakeOutcome();
        DtlsHandshakeOutcome serverOutcome = new DtlsHandshakeOutcome();
        WebRtcDtlsClient client = new WebRtcDtlsClient(new DtlsPeerSettings(clientCert,
                serverCert.getFingerprints(), profiles, 10_000, 100), clientOutcome);
        WebRtcDtlsServer server = new WebRtcDtlsServer(new DtlsPeerSettings(serverCert,
                clientCert.getFingerprints(), profiles, 10_000, 100), serverOutcome) {
            @Override
            protected int[] getSupportedCipherSuites() {
                return serverSuites.length == 0 ? super.getSupportedCipherSuites() : serverSuites;
            }
        };
        Future<DTLSTransport> c = threads.submit(onHandshakeThread(queues[0],
                () -> new DTLSClientProtocol().connect(client, queues[0])));
        Future<DTLSTransport> s = threads.submit(onHandshakeThread(queues[1],
                () -> new DTLSServerProtocol().accept(server, queues[1])));
        return new Pair(c.get(10, TimeUnit.SECONDS), s.get(10, TimeUnit.SECONDS), queues[0], queues[1],
                clientOutcome, serverOutcome);
    }

    private static Callable<DTLSTransport> onHandshakeThread(QueuedDatagramTransport queue, Callable<DTLSTransport> task) {
        return () -> {
            queue.handshakeThread(Thread.currentThread());
            try {
                return task.call();
            } finally {
                queue.handshakeThread(null);
            }
        };
    }

    @Test
    void aesGcmIsNegotiatedByDefaultAndDataPassesWithoutWaiting() throws Exception {
        Pair pair = handshake();

        assertThat(pair.clientOutcome().minProtectedFragment()).isEqualTo(DtlsRecordFraming.MIN_AES_GCM_FRAGMENT);
        assertThat(pair.clientOutcome().srtpKeys()).isPresent().isEqualTo(pair.serverOutcome().srtpKeys());
        assertRoundTrip(pair);
    }

    @Test
    void chaCha20Poly1305WorksWithTheJdkCipher() throws Exception {
        Pair pair = handshake(CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256);

        assertThat(pair.clientOutcome().minProtectedFragment()).isEqualTo(DtlsRecordFraming.MIN_PROTECTED_FRAGMENT);
        assertThat(pair.serverOutcome().minProtectedFragment()).isEqualTo(DtlsRecordFraming.MIN_PROTECTED_FRAGMENT);
        assertRoundTrip(pair);
    }

    @Test
    void aes256GcmWorks() throws Exception {
        Pair pair = handshake(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384);

        assertRoundTrip(pair);
    }

    @Test
    void handshakeMessagesAreFragmentedToTheMtu() throws Exception {
        // RSA-2048 certificates make Certificate and ServerKeyExchange messages of several hundred
        // bytes; RFC 6347 §4.1.1: "Each DTLS record MUST fit within a single datagram", so they
        // travel as handshake fragments (§4.2.3) no larger than the MTU allows.
        RTCCertificate rsaClient = RTCCertificate.generate(RTCCertificate.KeyType.RSA_2048, java.time.Duration.ofDays(1));
        RTCCertificate rsaServer = RTCCertificate.generate(RTCCertificate.KeyType.RSA_2048, java.time.Duration.ofDays(1));

        Pair pair = handshake(rsaClient, rsaServer, 300);

        assertThat(largestDatagram.get()).isLessThanOrEqualTo(300).isGreaterThan(200);
        assertThat(pair.clientOutcome().remoteCertificates()).singleElement().isEqualTo(rsaServer.encoded());
        assertRoundTrip(pair);
    }

    /** Client to server and back, receiving on this (non-handshake) thread as the loop does. */
    private static void assertRoundTrip(Pair pair) throws Exception {
        byte[] buf = new byte[pair.server().getReceiveLimit()];
        // Nothing queued: the receive returns at once instead of waiting.
        assertThatThrownBy(() -> pair.server().receive(buf, 0, buf.length, 60_000))
                .isInstanceOf(InterruptedIOException.class);

        pair.client().send(new byte[] {1, 2, 3}, 0, 3);
        assertThat(pair.server().receive(buf, 0, buf.length, 1)).isEqualTo(3);
        assertThat(buf[2]).isEqualTo((byte) 3);
        pair.server().send(new byte[] {4, 5}, 0, 2);
        assertThat(pair.client().receive(buf, 0, buf.length, 1)).isEqualTo(2);
        assertThat(buf[1]).isEqualTo((byte) 5);
    }
}
