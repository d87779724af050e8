package org.ortc4j.dtls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ortc4j.ice.InvalidAccessException;
import org.ortc4j.ice.InvalidStateException;
import org.ortc4j.ice.RTCIceGatherOptions;
import org.ortc4j.ice.RTCIceGatherer;
import org.ortc4j.ice.RTCIceGathererState;
import org.ortc4j.ice.RTCIceRole;
import org.ortc4j.ice.RTCIceTransport;
import org.ortc4j.ice.net.NettyNetwork;
import org.ortc4j.srtp.SrtpProfile;

/**
 * Two RTCDtlsTransports over two real RTCIceTransports on this machine's loopback interface,
 * wired as signaling would: what a user of the ORTC objects sees.
 */
class RTCDtlsTransportTest {

    static final long TIMEOUT_S = 10;
    private static final RTCIceGatherOptions LOOPBACK = RTCIceGatherOptions.newBuilder().includeLoopback(true).build();

    private final List<AutoCloseable> toClose = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    /** Two ICE transports signalled to each other; {@code a} is controlling, so with auto roles the DTLS client. */
    record IcePair(RTCIceTransport a, RTCIceTransport b) {
        void start() {
            a.start(b.iceGatherer().getLocalParameters(), RTCIceRole.CONTROLLING);
            b.start(a.iceGatherer().getLocalParameters(), RTCIceRole.CONTROLLED);
        }
    }

    IcePair icePair() {
        RTCIceTransport a = iceTransport();
        RTCIceTransport b = iceTransport();
        signal(a, b);
        signal(b, a);
        return new IcePair(a, b);
    }

    private RTCIceTransport iceTransport() {
        RTCIceGatherer gatherer = new RTCIceGatherer(LOOPBACK, NettyNetwork.shared().newStack());
        RTCIceTransport transport = new RTCIceTransport(gatherer);
        toClose.add(gatherer);
        toClose.add(transport::stop);
        return transport;
    }

    private static void signal(RTCIceTransport from, RTCIceTransport to) {
        from.iceGatherer().onLocalCandidate(to::addRemoteCandidate);
        from.iceGatherer().onStateChange(state -> {
            if (state == RTCIceGathererState.COMPLETE) {
                to.addRemoteCandidate(null);
            }
        });
    }

    RTCDtlsTransport dtls(RTCIceTransport ice, RTCCertificate certificate, RTCDtlsTransportOptions options) {
        RTCDtlsTransport dtls = new RTCDtlsTransport(ice, List.of(certificate), options);
        toClose.add(dtls::stop);
        return dtls;
    }

    /** Collects application data received by a transport. */
    static LinkedBlockingQueue<String> received(RTCDtlsTransport dtls) {
        LinkedBlockingQueue<String> queue = new LinkedBlockingQueue<>();
        dtls.setDataHandler(data -> queue.add(StandardCharsets.UTF_8.decode(data).toString()));
        return queue;
    }

    static ByteBuffer text(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    static CompletableFuture<RTCDtlsTransportState> whenState(RTCDtlsTransport dtls, RTCDtlsTransportState wanted) {
        CompletableFuture<RTCDtlsTransportState> future = new CompletableFuture<>();
        dtls.onStateChange(s -> {
            if (s == wanted) {
                future.complete(s);
            }
        });
        if (dtls.state() == wanted) {
            future.complete(wanted);
        }
        return future;
    }

    /** Starts both (a with b's parameters and the other way round) and waits until both are connected. */
    static void connect(RTCDtlsTransport a, RTCDtlsTransport b) throws Exception {
        CompletableFuture<Void> ca = a.start(b.getLocalParameters());
        CompletableFuture<Void> cb = b.start(a.getLocalParameters());
        ca.get(TIMEOUT_S, TimeUnit.SECONDS);
        cb.get(TIMEOUT_S, TimeUnit.SECONDS);
    }

    @Test
    void handshakeNegotiatesTheMostPreferredProfileAndBothSidesExportTheSameKeys() throws Exception {
        IcePair ice = icePair();
        RTCCertificate certA = RTCCertificate.generate();
        RTCCertificate certB = RTCCertificate.generate();
        RTCDtlsTransport a = dtls(ice.a(), certA, RTCDtlsTransportOptions.defaults());
        RTCDtlsTransport b = dtls(ice.b(), certB, RTCDtlsTransportOptions.defaults());
        List<RTCDtlsTransportState> statesOfA = new CopyOnWriteArrayList<>();
        a.onStateChange(statesOfA::add);
        ice.start();

        connect(a, b);

        assertThat(a.state()).isEqualTo(RTCDtlsTransportState.CONNECTED);
        assertThat(b.state()).isEqualTo(RTCDtlsTransportState.CONNECTED);
        assertThat(statesOfA).containsExactly(RTCDtlsTransportState.CONNECTING, RTCDtlsTransportState.CONNECTED);
        // auto on both sides: the ICE controlling side is the DTLS client.
        assertThat(a.role()).contains(RTCDtlsRole.CLIENT);
        assertThat(b.role()).contains(RTCDtlsRole.SERVER);
        // RFC 7714 AEAD_AES_128_GCM heads both default lists.
        assertThat(a.srtpProfile()).contains(SrtpProfile.AEAD_AES_128_GCM);
        assertThat(b.srtpProfile()).contains(SrtpProfile.AEAD_AES_128_GCM);
        // RFC 5764 §4.2: one exporter output, the same on both sides; what the client writes with
        // is what the server reads with.
        var keysA = a.srtpKeys().orElseThrow();
        var keysB = b.srtpKeys().orElseThrow();
        assertThat(keysA).isEqualTo(keysB);
        assertThat(keysA.outbound(true)).isEqualTo(keysB.inbound(false));
        assertThat(keysA.outbound(true)).isNotEqualTo(keysA.inbound(true));
        assertThat(a.getRemoteCertificates()).singleElement().isEqualTo(certB.encoded());
        assertThat(b.getRemoteCertificates()).singleElement().isEqualTo(certA.encoded());
        assertThat(a.getLocalParameters().role()).isEqualTo(RTCDtlsRole.AUTO);
        assertThat(a.getLocalParameters().fingerprints()).isEqualTo(certA.getFingerprints());
    }

    @Test
    void theServersPreferenceAmongTheClientsOffersWins() throws Exception {
        IcePair ice = icePair();
        // The client (a) prefers AES-CM-80, the server (b) prefers the AEAD profiles: the server picks.
        RTCDtlsTransport a = dtls(ice.a(), RTCCertificate.generate(), RTCDtlsTransportOptions.defaults()
                .withSrtpProfiles(List.of(SrtpProfile.AES_CM_128_HMAC_SHA1_80, SrtpProfile.AEAD_AES_256_GCM)));
        RTCDtlsTransport b = dtls(ice.b(), RTCCertificate.generate(), RTCDtlsTransportOptions.defaults());
        ice.start();

        connect(a, b);

        assertThat(a.srtpProfile()).contains(SrtpProfile.AEAD_AES_256_GCM);
        assertThat(b.srtpProfile()).contains(SrtpProfile.AEAD_AES_256_GCM);
        assertThat(a.srtpKeys().orElseThrow().clientWrite().profile()).isEqualTo(SrtpProfile.AEAD_AES_256_GCM);
        assertThat(a.srtpKeys()).isEqualTo(b.srtpKeys());
    }

    @Test
    void aClientOfferingOnlyAesCm80GetsIt() throws Exception {
        IcePair ice = icePair();
        RTCDtlsTransport a = dtls(ice.a(), RTCCertificate.generate(), RTCDtlsTransportOptions.defaults()
                .withSrtpProfiles(List.of(SrtpProfile.AES_CM_128_HMAC_SHA1_80)));
        RTCDtlsTransport b = dtls(ice.b(), RTCCertificate.generate(), RTCDtlsTransportOptions.defaults());
        ice.start();

        connect(a, b);

        assertThat(a.srtpProfile()).contains(SrtpProfile.AES_CM_128_HMAC_SHA1_80);
        assertThat(b.srtpProfile()).contains(SrtpProfile.AES_CM_128_HMAC_SHA1_80);
        // 2 * (16 + 14) bytes of keying material split into two 16-byte keys and 14-byte salts.
        assertThat(b.srtpKeys().orElseThrow().serverWrite().profile()).isEqualTo(SrtpProfile.AES_CM_128_HMAC_SHA1_80);
        assertThat(a.srtpKeys()).isEqualTo(b.srtpKeys());
    }

    @Test
    void withoutCommonSrtpProfilesTheHandshakeStillCarriesData() throws Exception {
        IcePair ice = icePair();
        RTCDtlsTransport a = dtls(ice.a(), RTCCertificate.generate(), RTCDtlsTransportOptions.defaults()
                .withSrtpProfiles(List.of()));
        RTCDtlsTransport b = dtls(ice.b(), RTCCertificate.generate(), RTCDtlsTransportOptions.defaults());
        LinkedBlockingQueue<String> atB = received(b);
        ice.start();

        connect(a, b);
        a.send(text("data channel only"));

        assertThat(atB.poll(TIMEOUT_S, TimeUnit.SECONDS)).isEqualTo("data channel only");
        assertThat(a.srtpProfile()).isEmpty();
        assertThat(b.srtpKeys()).isEmpty();
    }

    @Test
    void applicationDataFlowsBothWaysInOrder() throws Exception {
        IcePair ice = icePair();
        RTCDtlsTransport a = dtls(ice.a(), RTCCertificate.generate(), RTCDtlsTransportOptions.defaults());
        RTCDtlsTransport b = dtls(ice.b(), RTCCertificate.generate(), RTCDtlsTransportOptions.defaults());
        LinkedBlockingQueue<String> atA = received(a);
        LinkedBlockingQueue<String> atB = new LinkedBlockingQueue<>();
        CompletableFuture<Boolean> handlerOnTheLoop = new CompletableFuture<>();
        b.setDataHandler(data -> {
            // Records are decrypted on the ICE transport's loop, not on a handshake thread.
            handlerOnTheLoop.complete(ice.b().scheduler().inLoop()
                    && !Thread.currentThread().getName().startsWith("ortc4j-dtls-handshake"));
            atB.add(StandardCharsets.UTF_8.decode(data).toString());
        });
        ice.start();
        connect(a, b);

        for (int i = 0; i < 20; i++) {
            a.send(text("ping " + i));
            b.send(text("pong " + i));
        }

        for (int i = 0; i < 20; i++) {
            assertThat(atB.poll(TIMEOUT_S, TimeUnit.SECONDS)).isEqualTo("ping " + i);
            assertThat(atA.poll(TIMEOUT_S, TimeUnit.SECONDS)).isEqualTo("pong " + i);
        }
        // A datagram the size SCTP sends at the default MTU.
        byte[] big = new byte[1100];
        java.util.Arrays.fill(big, (byte) 'x');
        a.send(ByteBuffer.wrap(big));
        assertThat(atB.poll(TIMEOUT_S, TimeUnit.SECONDS)).hasSize(big.length);
        assertThat(handlerOnTheLoop.get(TIMEOUT_S, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(() -> a.send(ByteBuffer.allocate(RTCDtlsTransport.MAX_APPLICATION_DATA + 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void stopSendsCloseNotifyAndThePeerCloses() throws Exception {
        IcePair ice = icePair();
        RTCDtlsTransport a = dtls(ice.a(), RTCCertificate.generate(), RTCDtlsTransportOptions.defaults());
        RTCDtlsTransport b = dtls(ice.b(), RTCCertificate.generate(), RTCDtlsTransportOptions.defaults());
        ice.start();
        connect(a, b);
        CompletableFuture<RTCDtlsTransportState> bClosed = whenState(b, RTCDtlsTransportState.CLOSED);

        a.stop();

        assertThat(bClosed.get(TIMEOUT_S, TimeUnit.SECONDS)).isEqualTo(RTCDtlsTransportState.CLOSED);
        assertThat(whenState(a, RTCDtlsTransportState.CLOSED).get(TIMEOUT_S, TimeUnit.SECONDS))
                .isEqualTo(RTCDtlsTransportState.CLOSED);
        assertThatThrownBy(() -> a.send(text("too late"))).isInstanceOf(InvalidStateException.class);
        assertThatThrownBy(() -> b.send(text("too late"))).isInstanceOf(InvalidStateException.class);
        assertThatThrownBy(() -> a.start(b.getLocalParameters())).isInstanceOf(InvalidStateException.class);
    }

    @Test
    void aServerFingerprintMismatchFailsBothSidesAndNoDataFlows() throws Exception {
        IcePair ice = icePair();
        RTCDtlsTransport a = dtls(ice.a(), RTCCertificate.generate(), RTCDtlsTransportOptions.defaults());
        RTCDtlsTransport b = dtls(ice.b(), RTCCertificate.generate(), RTCDtlsTransportOptions.defaults());
        LinkedBlockingQueue<String> atA = received(a);
        LinkedBlockingQueue<String> atB = received(b);
        ice.start();
        // The client (a) is told another certificate's fingerprint for the server (b).
        RTCDtlsParameters forged = new RTCDtlsParameters(RTCDtlsRole.AUTO, RTCCertificate.generate().getFingerprints());

        CompletableFuture<Void> ca = a.start(forged);
        CompletableFuture<Void> cb = b.start(a.getLocalParameters());

        assertFailsWithInvalidState(ca);
        assertFailsWithInvalidState(cb);
        assertThat(a.state()).isEqualTo(RTCDtlsTransportState.FAILED);
        assertThat(b.state()).isEqualTo(RTCDtlsTransportState.FAILED);
        assertThat(a.srtpKeys()).isEmpty();
        assertThat(b.srtpKeys()).isEmpty();
        assertThatThrownBy(() -> b.send(text("secret"))).isInstanceOf(InvalidStateException.class);
        assertThat(atA).isEmpty();
        assertThat(atB).isEmpty();
    }

    @Test
    void aClientFingerprintMismatchFailsBothSides() throws Exception {
        IcePair ice = icePair();
        RTCDtlsTransport a = dtls(ice.a(), RTCCertificate.generate(), RTCDtlsTransportOptions.defaults());
        RTCDtlsTransport b = dtls(ice.b(), RTCCertificate.generate(), RTCDtlsTransportOptions.defaults());
        ice.start();
        // The server (b) is told another certificate's fingerprint for the client (a).
        RTCDtlsParameters forged = new RTCDtlsParameters(RTCDtlsRole.AUTO, RTCCertificate.generate().getFingerprints());

        CompletableFuture<Void> ca = a.start(b.getLocalParameters());
        CompletableFuture<Void> cb = b.start(forged);

        assertFailsWithInvalidState(cb);
        assertFailsWithInvalidState(ca);
        assertThat(a.state()).isEqualTo(RTCDtlsTransportState.FAILED);
        assertThat(b.state()).isEqualTo(RTCDtlsTransportState.FAILED);
    }

    @Test
    void aFingerprintIsCheckedWithItsOwnHashAlgorithm() throws Exception {
        IcePair ice = icePair();
        RTCCertificate certB = RTCCertificate.generate();
        RTCDtlsTransport a = dtls(ice.a(), RTCCertificate.generate(), RTCDtlsTransportOptions.defaults());
        RTCDtlsTransport b = dtls(ice.b(), certB, RTCDtlsTransportOptions.defaults());
        ice.start();
        // The right certificate's SHA-1 hash, claimed to be SHA-256.
        String sha1 = certB.fingerprint("sha-1").value();
        RTCDtlsParameters mislabelled = new RTCDtlsParameters(RTCDtlsRole.AUTO,
                List.of(new RTCDtlsFingerprint("sha-256", sha1)));

        CompletableFuture<Void> ca = a.start(mislabelled);
        CompletableFuture<Void> cb = b.start(a.getLocalParameters());

        assertFailsWithInvalidState(ca);
        assertFailsWithInvalidState(cb);
        assertThat(a.state()).isEqualTo(RTCDtlsTransportState.FAILED);
    }

    @Test
    void aSha1FingerprintLabelledSha1Matches() throws Exception {
        IcePair ice = icePair();
        RTCCertificate certB = RTCCertificate.generate();
        RTCDtlsTransport a = dtls(ice.a(), RTCCertificate.generate(), RTCDtlsTransportOptions.defaults());
        RTCDtlsTransport b = dtls(ice.b(), certB, RTCDtlsTransportOptions.defaults());
        ice.start();

        CompletableFuture<Void> ca = a.start(new RTCDtlsParameters(RTCDtlsRole.AUTO, List.of(certB.fingerprint("sha-1"))));
        CompletableFuture<Void> cb = b.start(a.getLocalParameters());

        ca.get(TIMEOUT_S, TimeUnit.SECONDS);
        cb.get(TIMEOUT_S, TimeUnit.SECONDS);
    }

    @Test
    void expiredCertificatesCannotMakeATransport() {
        IcePair ice = icePair();
        RTCCertificate expired = RTCCertificate.generate(RTCCertificate.KeyType.ECDSA_P256, Duration.ofDays(1),
                Instant.now().minus(Duration.ofDays(2)));

        assertThatThrownBy(() -> new RTCDtlsTransport(ice.a(), List.of(expired)))
                .isInstanceOf(InvalidAccessException.class).hasMessageContaining("expired");
        assertThatThrownBy(() -> new RTCDtlsTransport(ice.a(), List.of(RTCCertificate.generate(), expired)))
                .isInstanceOf(InvalidAccessException.class);
        assertThatThrownBy(() -> new RTCDtlsTransport(ice.a(), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void explicitRolesAreHonouredWhateverTheIceRoles() throws Exception {
        IcePair ice = icePair();
        RTCDtlsTransport a = dtls(ice.a(), RTCCertificate.generate(), RTCDtlsTransportOptions.defaults());
        RTCDtlsTransport b = dtls(ice.b(), RTCCertificate.generate(), RTCDtlsTransportOptions.defaults());
        ice.start();

        // a (ICE controlling) is told the peer is the client, so a is the server.
        CompletableFuture<Void> ca = a.start(new RTCDtlsParameters(RTCDtlsRole.CLIENT, b.getLocalParameters().fingerprints()));
        CompletableFuture<Void> cb = b.start(new RTCDtlsParameters(RTCDtlsRole.SERVER, a.getLocalParameters().fingerprints()));
        ca.get(TIMEOUT_S, TimeUnit.SECONDS);
        cb.get(TIMEOUT_S, TimeUnit.SECONDS);

        assertThat(a.role()).contains(RTCDtlsRole.SERVER);
        assertThat(b.role()).contains(RTCDtlsRole.CLIENT);
        assertThatThrownBy(() -> a.start(b.getLocalParameters())).isInstanceOf(InvalidStateException.class);
    }

    @Test
    void recordsThatArriveBeforeStartAreUsed() throws Exception {
        IcePair ice = icePair();
        // The client retransmits only after 20 s: if the server dropped the first ClientHello,
        // the handshake could not finish within the test's timeout.
        RTCDtlsTransportOptions slowRetransmit = new RTCDtlsTransportOptions(Duration.ofSeconds(20),
                Duration.ofSeconds(30), 1200, RTCDtlsTransportOptions.defaults().srtpProfiles());
        RTCDtlsTransport a = dtls(ice.a(), RTCCertificate.generate(), slowRetransmit);
        RTCDtlsTransport b = dtls(ice.b(), RTCCertificate.generate(), RTCDtlsTransportOptions.defaults());
        CompletableFuture<Void> clientHelloArrived = new CompletableFuture<>();
        ice.b().setDataHandler(packet -> {
            clientHelloArrived.complete(null);
            b.receive(packet);
        });
        ice.start();

        CompletableFuture<Void> ca = a.start(b.getLocalParameters());
        clientHelloArrived.get(TIMEOUT_S, TimeUnit.SECONDS);
        assertThat(b.state()).isEqualTo(RTCDtlsTransportState.NEW);
        CompletableFuture<Void> cb = b.start(a.getLocalParameters());

        ca.get(TIMEOUT_S, TimeUnit.SECONDS);
        cb.get(TIMEOUT_S, TimeUnit.SECONDS);
        assertThat(b.droppedPackets()).isZero();
    }

    @Test
    void rsaCertificatesWorkAloneAndMixedWithEcdsa() throws Exception {
        IcePair ice = icePair();
        RTCCertificate rsa = RTCCertificate.generate(RTCCertificate.KeyType.RSA_2048, Duration.ofDays(1));
        RTCDtlsTransport a = dtls(ice.a(), RTCCertificate.generate(), RTCDtlsTransportOptions.defaults());
        RTCDtlsTransport b = dtls(ice.b(), rsa, RTCDtlsTransportOptions.defaults());
        LinkedBlockingQueue<String> atA = received(a);
        ice.start();

        connect(a, b);   // ECDSA client, RSA server: ECDHE_RSA suites
        b.send(text("over ECDHE-RSA"));

        assertThat(atA.poll(TIMEOUT_S, TimeUnit.SECONDS)).isEqualTo("over ECDHE-RSA");
        assertThat(a.getRemoteCertificates()).singleElement().isEqualTo(rsa.encoded());

        IcePair ice2 = icePair();
        RTCCertificate rsa2 = RTCCertificate.generate(RTCCertificate.KeyType.RSA_2048, Duration.ofDays(1));
        RTCDtlsTransport c = dtls(ice2.a(), rsa2, RTCDtlsTransportOptions.defaults());
        RTCDtlsTransport d = dtls(ice2.b(), rsa, RTCDtlsTransportOptions.defaults());
        ice2.start();
        connect(c, d);   // RSA on both sides
        assertThat(d.getRemoteCertificates()).singleElement().isEqualTo(rsa2.encoded());
    }

    @Test
    void malformedDatagramsAreDroppedAndCountedAndTheSessionGoesOn() throws Exception {
        IcePair ice = icePair();
        RTCDtlsTransport a = dtls(ice.a(), RTCCertificate.generate(), RTCDtlsTransportOptions.defaults());
        RTCDtlsTransport b = dtls(ice.b(), RTCCertificate.generate(), RTCDtlsTransportOptions.defaults());
        LinkedBlockingQueue<String> atB = received(b);
        ice.start();
        connect(a, b);
        long before = b.droppedPackets();

        // Over the real ICE path from a to b:
        ice.a().send(bytes(25, 1, 2, 3));                                       // junk in 20..63
        ice.a().send(bytes(23, 0xFE, 0xFD, 0, 1, 0, 0, 0, 0, 0, 9, 0, 40, 1, 2)); // truncated record
        ice.a().send(bytes(23, 0xFE, 0xFD, 0, 1, 0, 0, 0, 0, 0, 9, 0, 4, 1, 2, 3, 4)); // too short for nonce and tag
        ice.a().send(wellFramedRecordWithABadTag());
        ice.a().send(bytes(22, 0xFE, 0xFD, 0, 0, 0, 0, 0, 0, 0, 99, 0, 3, 1, 2, 3)); // stray epoch-0 handshake
        ice.a().send(bytes(100, 1, 2, 3));                                      // RFC 7983 "other"
        ice.a().send(bytes(0x80, 96, 0, 1));                                    // RTP, no SRTP handler
        a.send(text("still here"));

        assertThat(atB.poll(TIMEOUT_S, TimeUnit.SECONDS)).isEqualTo("still here");
        // The framing-level junk, the unknown kind and the unclaimed RTP are counted; the two
        // well-framed records are Bouncy Castle's to discard silently (RFC 6347 §4.1.2.7).
        assertThat(b.droppedPackets() - before).isEqualTo(5);
        assertThat(b.state()).isEqualTo(RTCDtlsTransportState.CONNECTED);
        LinkedBlockingQueue<String> atA = received(a);
        b.send(text("both ways"));
        assertThat(atA.poll(TIMEOUT_S, TimeUnit.SECONDS)).isEqualTo("both ways");
    }

    @Test
    void thousandsOfForgedRecordsNeitherBreakNorCloseAnEstablishedSession() throws Exception {
        IcePair ice = icePair();
        RTCDtlsTransport a = dtls(ice.a(), RTCCertificate.generate(), RTCDtlsTransportOptions.defaults());
        RTCDtlsTransport b = dtls(ice.b(), RTCCertificate.generate(), RTCDtlsTransportOptions.defaults());
        LinkedBlockingQueue<String> atA = received(a);
        LinkedBlockingQueue<String> atB = received(b);
        ice.start();
        connect(a, b);
        java.util.Random random = new java.util.Random(42);

        // Records with a DTLS header (every content type, epochs 0-2, any sequence number and
        // length) and random bodies, as an off-path attacker who guessed the 5-tuple could send:
        // plaintext alerts and handshake messages in epoch 0, forged ciphertext in epoch 1.
        for (RTCDtlsTransport target : List.of(a, b)) {
            RTCIceTransport targetIce = target == a ? ice.a() : ice.b();
            CompletableFuture<Void> injected = new CompletableFuture<>();
            targetIce.scheduler().execute(() -> {
                for (int i = 0; i < 2000; i++) {
                    byte[] record = new byte[13 + random.nextInt(80)];
                    random.nextBytes(record);
                    record[0] = (byte) (20 + random.nextInt(6));
                    record[1] = (byte) 0xFE;
                    record[2] = (byte) (random.nextBoolean() ? 0xFD : 0xFF);
                    record[3] = 0;
                    record[4] = (byte) random.nextInt(3);
                    int length = random.nextInt(10) == 0 ? random.nextInt(200) : record.length - 13;
                    record[11] = (byte) (length >> 8);
                    record[12] = (byte) length;
                    target.receive(Unpooled.wrappedBuffer(record));
                }
                injected.complete(null);
            });
            injected.get(TIMEOUT_S, TimeUnit.SECONDS);
        }
        a.send(text("after the storm"));
        b.send(text("still connected"));

        assertThat(atB.poll(TIMEOUT_S, TimeUnit.SECONDS)).isEqualTo("after the storm");
        assertThat(atA.poll(TIMEOUT_S, TimeUnit.SECONDS)).isEqualTo("still connected");
        assertThat(a.state()).isEqualTo(RTCDtlsTransportState.CONNECTED);
        assertThat(b.state()).isEqualTo(RTCDtlsTransportState.CONNECTED);
        assertThat(a.droppedPackets()).isPositive();
    }

    @Test
    void srtpDatagramsGoToTheSrtpHandler() throws Exception {
        IcePair ice = icePair();
        RTCDtlsTransport a = dtls(ice.a(), RTCCertificate.generate(), RTCDtlsTransportOptions.defaults());
        RTCDtlsTransport b = dtls(ice.b(), RTCCertificate.generate(), RTCDtlsTransportOptions.defaults());
        CompletableFuture<byte[]> srtp = new CompletableFuture<>();
        Consumer<ByteBuf> handler = packet -> {
            byte[] copy = new byte[packet.readableBytes()];
            packet.readBytes(copy);
            packet.release();
            srtp.complete(copy);
        };
        b.setSrtpHandler(handler);
        ice.start();
        connect(a, b);

        ice.a().send(bytes(0x80, 111, 0, 7, 1, 2, 3, 4));

        assertThat(srtp.get(TIMEOUT_S, TimeUnit.SECONDS)).containsExactly(bytes(0x80, 111, 0, 7, 1, 2, 3, 4).array());
    }

    @Test
    void theIceTransportClosingClosesTheDtlsTransport() throws Exception {
        IcePair ice = icePair();
        RTCDtlsTransport a = dtls(ice.a(), RTCCertificate.generate(), RTCDtlsTransportOptions.defaults());
        RTCDtlsTransport b = dtls(ice.b(), RTCCertificate.generate(), RTCDtlsTransportOptions.defaults());
        ice.start();
        connect(a, b);
        CompletableFuture<RTCDtlsTransportState> closed = whenState(a, RTCDtlsTransportState.CLOSED);

        ice.a().stop();

        assertThat(closed.get(TIMEOUT_S, TimeUnit.SECONDS)).isEqualTo(RTCDtlsTransportState.CLOSED);
    }

    @Test
    void aTransportWhoseIceTransportClosedBeforeStartCannotStart() throws Exception {
        IcePair ice = icePair();
        RTCDtlsTransport a = dtls(ice.a(), RTCCertificate.generate(), RTCDtlsTransportOptions.defaults());
        CompletableFuture<RTCDtlsTransportState> closed = whenState(a, RTCDtlsTransportState.CLOSED);

        ice.a().stop();

        assertThat(closed.get(TIMEOUT_S, TimeUnit.SECONDS)).isEqualTo(RTCDtlsTransportState.CLOSED);
        assertThatThrownBy(() -> a.start(RTCDtlsTransportTest.this.dtlsParametersOfSomeone()))
                .isInstanceOf(InvalidStateException.class);
        assertThatThrownBy(() -> new RTCDtlsTransport(ice.a(), List.of(RTCCertificate.generate())))
                .isInstanceOf(InvalidStateException.class);
    }

    private RTCDtlsParameters dtlsParametersOfSomeone() {
        return new RTCDtlsParameters(RTCDtlsRole.AUTO, RTCCertificate.generate().getFingerprints());
    }

    @Test
    void stoppingDuringTheHandshakeEndsItAndFailsStart() throws Exception {
        IcePair ice = icePair();
        RTCDtlsTransport a = dtls(ice.a(), RTCCertificate.generate(), RTCDtlsTransportOptions.defaults());
        ice.start();
        // The peer never answers: a waits in its handshake.
        CompletableFuture<Void> ca = a.start(new RTCDtlsParameters(RTCDtlsRole.AUTO, RTCCertificate.generate().getFingerprints()));

        a.stop();

        assertFailsWithInvalidState(ca);
        assertThat(a.state()).isEqualTo(RTCDtlsTransportState.CLOSED);
    }

    /** An application_data record of epoch 1 with room for nonce, payload and tag, all junk. */
    static ByteBuf wellFramedRecordWithABadTag() {
        int[] record = new int[13 + 40];
        int[] header = {23, 0xFE, 0xFD, 0, 1, 0, 0, 0, 0, 0, 9, 0, 40};
        System.arraycopy(header, 0, record, 0, header.length);
        for (int i = 13; i < record.length; i++) {
            record[i] = i;
        }
        return bytes(record);
    }

    static ByteBuf bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return Unpooled.wrappedBuffer(b);
    }

    static void assertFailsWithInvalidState(CompletableFuture<Void> future) {
        assertThatThrownBy(() -> future.get(TIMEOUT_S, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(InvalidStateException.class);
    }
}
