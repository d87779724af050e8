package org.ortc4j.dtls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.ortc4j.srtp.DtlsSrtpKeys;
import org.ortc4j.srtp.SrtpMasterKey;
import org.ortc4j.srtp.SrtpProfile;

/**
 * Our {@link RTCDtlsTransport} against a DTLS 1.2 implementation nobody here wrote: OpenSSL's
 * {@code openssl s_server -dtls1_2} (we are the client) and {@code openssl s_client -dtls1_2} (we
 * are the server), from the Debian package {@code openssl}, on loopback. OpenSSL speaks DTLS over
 * plain UDP and we over ICE, so an {@link IcelessRelay} stands in for ICE on its side.
 *
 * <p>Each case checks what OpenSSL prints against what our transport reports: the DTLS-SRTP
 * profile (RFC 5764 §4.1.2), the exported keying material (RFC 5764 §4.2: "EXTRACTOR-dtls_srtp",
 * {@code 2 * (key + salt)} bytes), each side's certificate as the other received it, application
 * data both ways, and close_notify both ways (RFC 5246 §7.2.1). A fingerprint that does not match
 * OpenSSL's certificate (RFC 8122 §5), or a client without a certificate, fails our transport.
 *
 * <p>OpenSSL is started with {@code -mtu 1200}, as WebRTC endpoints keep their DTLS datagrams
 * under the path MTU (on loopback it would otherwise pack whole flights into 64 KB datagrams).
 */
@Tag("interop")
class OpensslDtlsInteropTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    /** The suites a WebRTC DTLS 1.2 endpoint negotiates (issue 5); OpenSSL's names. */
    private static final List<String> BROWSER_SUITES = List.of(
            "ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-ECDSA-AES256-GCM-SHA384", "ECDHE-ECDSA-CHACHA20-POLY1305",
            "ECDHE-RSA-AES128-GCM-SHA256", "ECDHE-RSA-AES256-GCM-SHA384", "ECDHE-RSA-CHACHA20-POLY1305");

    @TempDir
    Path dir;

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeEach
    void requireOpenssl() {
        Openssl.requireInstalled();
    }

    @AfterEach
    void close() throws Exception {
        Collections.reverse(toClose);
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    // ---- we are the DTLS client, openssl s_server the server ----

    static Stream<Arguments> opensslServers() {
        return Stream.of(
                // openssl picks from its own -use_srtp list in its order (server preference).
                Arguments.of("SRTP_AEAD_AES_128_GCM:SRTP_AES128_CM_SHA1_80", Openssl.Key.EC_P256,
                        "ECDHE-ECDSA-AES128-GCM-SHA256", SrtpProfile.AEAD_AES_128_GCM),
                Arguments.of("SRTP_AES128_CM_SHA1_80", Openssl.Key.EC_P256,
                        "ECDHE-ECDSA-AES256-GCM-SHA384", SrtpProfile.AES_CM_128_HMAC_SHA1_80),
                Arguments.of("SRTP_AEAD_AES_256_GCM", Openssl.Key.EC_P256,
                        null, SrtpProfile.AEAD_AES_256_GCM),
                Arguments.of("SRTP_AES128_CM_SHA1_32", Openssl.Key.RSA_2048,
                        "ECDHE-RSA-AES128-GCM-SHA256", SrtpProfile.AES_CM_128_HMAC_SHA1_32));
    }

    @ParameterizedTest(name = "s_server -use_srtp {0}, {1} key, cipher {2}")
    @MethodSource("opensslServers")
    void weAreTheClientOfOpensslServer(String srtpProfiles, Openssl.Key key, String cipher, SrtpProfile expected)
            throws Exception {
        Openssl.Identity theirs = Openssl.selfSigned(dir, "s_server", key);
        RTCCertificate ours = RTCCertificate.generate();
        OpensslPeer server = sServer(theirs, srtpProfiles, DtlsSrtpKeys.keyingMaterialLength(expected), cipher);
        Ours us = ours(ours);
        us.relay.forwardTo(server.awaitAcceptAddress(TIMEOUT));

        // Their role is server, so we are the client (ORTC §5.6, RFC 8842 §5.1 setup:passive).
        awaitConnected(us, server, us.dtls.start(
                new RTCDtlsParameters(RTCDtlsRole.SERVER, List.of(Openssl.fingerprint(theirs.certificate())))));

        assertThat(us.dtls.state()).isEqualTo(RTCDtlsTransportState.CONNECTED);
        assertThat(us.dtls.role()).contains(RTCDtlsRole.CLIENT);
        // openssl asked for our certificate (-verify 1) and received the one we hold.
        assertThat(server.awaitPeerCertificate("Client certificate", TIMEOUT)).isEqualTo(ours.encoded());
        assertThat(us.dtls.getRemoteCertificates()).first().isEqualTo(Openssl.der(theirs.certificate()));
        assertSameSrtpKeys(server, us.dtls, expected);
        String negotiated = server.awaitCipher(TIMEOUT);
        assertThat(negotiated).isIn(BROWSER_SUITES);
        if (cipher != null) {
            assertThat(negotiated).isEqualTo(cipher);
        }
        assertDataPassesBothWays(us, server);

        // RFC 5246 §7.2.1: stop sends close_notify; s_server prints DONE when it reads it.
        CompletableFuture<RTCDtlsTransportState> ended = ended(us);
        us.dtls.stop();
        server.awaitLine("DONE"::equals, TIMEOUT, "DONE after our close_notify");
        assertThat(awaitEnd(us, server, ended)).isEqualTo(RTCDtlsTransportState.CLOSED);
    }

    @Test
    void aFingerprintThatDoesNotMatchOpensslsCertificateFailsUsAsClient() throws Exception {
        Openssl.Identity theirs = Openssl.selfSigned(dir, "s_server", Openssl.Key.EC_P256);
        Openssl.Identity other = Openssl.selfSigned(dir, "other", Openssl.Key.EC_P256);
        OpensslPeer server = sServer(theirs, "SRTP_AEAD_AES_128_GCM:SRTP_AES128_CM_SHA1_80", 56, null);
        Ours us = ours(RTCCertificate.generate());
        us.relay.forwardTo(server.awaitAcceptAddress(TIMEOUT));

        CompletableFuture<Void> connected = us.dtls.start(
                new RTCDtlsParameters(RTCDtlsRole.SERVER, List.of(Openssl.fingerprint(other.certificate()))));

        assertFails(us, connected);
        assertOpensslReceivedFatalAlert(server);
        // We never sent our Finished, so s_server never completed and has no keys to print.
        assertThat(server.output()).doesNotContain("Keying material");
    }

    // ---- we are the DTLS server, openssl s_client the client ----

    static Stream<Arguments> opensslClients() {
        return Stream.of(
                Arguments.of("SRTP_AEAD_AES_128_GCM:SRTP_AES128_CM_SHA1_80", RTCCertificate.KeyType.ECDSA_P256,
                        RTCCertificate.KeyType.ECDSA_P256, SrtpProfile.AEAD_AES_128_GCM),
                // The server chooses (RFC 5764 §4.1.1); ours prefers AEAD_AES_128_GCM whatever the client's order.
                Arguments.of("SRTP_AES128_CM_SHA1_80:SRTP_AEAD_AES_128_GCM", RTCCertificate.KeyType.ECDSA_P256,
                        RTCCertificate.KeyType.ECDSA_P256, SrtpProfile.AEAD_AES_128_GCM),
                Arguments.of("SRTP_AES128_CM_SHA1_80", RTCCertificate.KeyType.RSA_2048,
                        RTCCertificate.KeyType.ECDSA_P256, SrtpProfile.AES_CM_128_HMAC_SHA1_80),
                // openssl signs its CertificateVerify with its RSA key (RSA-PSS when offered).
                Arguments.of("SRTP_AEAD_AES_256_GCM:SRTP_AES128_CM_SHA1_32", RTCCertificate.KeyType.ECDSA_P256,
                        RTCCertificate.KeyType.RSA_2048, SrtpProfile.AEAD_AES_256_GCM));
    }

    @ParameterizedTest(name = "s_client -use_srtp {0}, our key {1}, its key {2}")
    @MethodSource("opensslClients")
    void weAreTheServerOfOpensslClient(String srtpProfiles, RTCCertificate.KeyType ourKey,
            RTCCertificate.KeyType theirKey, SrtpProfile expected) throws Exception {
        RTCCertificate ours = RTCCertificate.generate(ourKey, RTCCertificate.DEFAULT_VALIDITY);
        // openssl authenticates with a certificate of ours, read from RTCCertificate.toPem().
        RTCCertificate clientCertificate = RTCCertificate.generate(theirKey, RTCCertificate.DEFAULT_VALIDITY);
        Openssl.Identity theirs = Openssl.write(dir, "s_client", clientCertificate);
        RTCDtlsFingerprint theirFingerprint = Openssl.fingerprint(theirs.certificate());
        assertThat(theirFingerprint).isEqualTo(clientCertificate.fingerprint("sha-256"));
        Ours us = ours(ours);
        // Their role is client, so we are the server (RFC 8842 §5.1 setup:active).
        CompletableFuture<Void> connected = us.dtls.start(new RTCDtlsParameters(RTCDtlsRole.CLIENT, List.of(theirFingerprint)));

        OpensslPeer client = sClient(us.relay.udpAddress(), theirs, srtpProfiles, DtlsSrtpKeys.keyingMaterialLength(expected));
        awaitConnected(us, client, connected);

        assertThat(us.dtls.role()).contains(RTCDtlsRole.SERVER);
        assertThat(client.awaitPeerCertificate("Server certificate", TIMEOUT)).isEqualTo(ours.encoded());
        assertThat(us.dtls.getRemoteCertificates()).first().isEqualTo(clientCertificate.encoded());
        assertSameSrtpKeys(client, us.dtls, expected);
        assertThat(client.awaitCipher(TIMEOUT)).isIn(BROWSER_SUITES)
                .contains(ourKey == RTCCertificate.KeyType.RSA_2048 ? "-RSA-" : "-ECDSA-");
        assertDataPassesBothWays(us, client);

        // s_client sends close_notify on "Q"; RFC 5246 §7.2.1: we close.
        CompletableFuture<RTCDtlsTransportState> ended = ended(us);
        client.writeLine("Q");
        assertThat(awaitEnd(us, client, ended)).isEqualTo(RTCDtlsTransportState.CLOSED);
    }

    @Test
    void aClientCertificateThatDoesNotMatchTheSignalledFingerprintFailsUsAsServer() throws Exception {
        Openssl.Identity theirs = Openssl.selfSigned(dir, "s_client", Openssl.Key.EC_P256);
        Openssl.Identity other = Openssl.selfSigned(dir, "other", Openssl.Key.EC_P256);
        Ours us = ours(RTCCertificate.generate());
        CompletableFuture<Void> connected = us.dtls.start(
                new RTCDtlsParameters(RTCDtlsRole.CLIENT, List.of(Openssl.fingerprint(other.certificate()))));

        OpensslPeer client = sClient(us.relay.udpAddress(), theirs, "SRTP_AEAD_AES_128_GCM", 56);

        assertFails(us, connected);
        assertOpensslReceivedFatalAlert(client);
    }

    @Test
    void aClientWithoutCertificateFailsUsAsServer() throws Exception {
        Openssl.Identity any = Openssl.selfSigned(dir, "signalled", Openssl.Key.EC_P256);
        Ours us = ours(RTCCertificate.generate());
        CompletableFuture<Void> connected = us.dtls.start(
                new RTCDtlsParameters(RTCDtlsRole.CLIENT, List.of(Openssl.fingerprint(any.certificate()))));

        // No -cert: s_client answers our CertificateRequest with an empty Certificate message.
        OpensslPeer client = sClient(us.relay.udpAddress(), null, "SRTP_AEAD_AES_128_GCM", 56);

        assertFails(us, connected);
        assertOpensslReceivedFatalAlert(client);
    }

    // ---- helpers ----

    /** Our side of a case: the relay that stands in for ICE, our transport on it, what it received. */
    private record Ours(IcelessRelay relay, RTCDtlsTransport dtls, LinkedBlockingQueue<String> received,
            List<RTCDtlsTransportState> states) {
    }

    private Ours ours(RTCCertificate certificate) throws Exception {
        IcelessRelay relay = IcelessRelay.connect();
        toClose.add(relay);
        RTCDtlsTransport dtls = new RTCDtlsTransport(relay.dtlsSide(), List.of(certificate));
        toClose.add(dtls::stop);
        LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
        dtls.setDataHandler(data -> received.add(StandardCharsets.UTF_8.decode(data).toString()));
        List<RTCDtlsTransportState> states = new CopyOnWriteArrayList<>();
        dtls.onStateChange(states::add);
        return new Ours(relay, dtls, received, states);
    }

    private OpensslPeer sServer(Openssl.Identity identity, String srtpProfiles, int keyingMaterialLength, String cipher)
            throws Exception {
        List<String> args = new ArrayList<>(List.of("s_server", "-dtls1_2", "-accept", "127.0.0.1:0", "-mtu", "1200",
                "-cert", identity.certificate().toString(), "-key", identity.key().toString(),
                "-use_srtp", srtpProfiles,
                "-keymatexport", "EXTRACTOR-dtls_srtp", "-keymatexportlen", Integer.toString(keyingMaterialLength),
                // Ask for the client's certificate; a self-signed one fails openssl's chain check,
                // which -verify (unlike -Verify) reports and goes on: WebRTC checks fingerprints.
                "-verify", "1"));
        if (cipher != null) {
            args.addAll(List.of("-cipher", cipher));
        }
        return started(OpensslPeer.start(dir, args));
    }

    private OpensslPeer sClient(InetSocketAddress to, Openssl.Identity identity, String srtpProfiles,
            int keyingMaterialLength) throws Exception {
        List<String> args = new ArrayList<>(List.of("s_client", "-dtls1_2",
                "-connect", to.getAddress().getHostAddress() + ":" + to.getPort(), "-mtu", "1200",
                "-use_srtp", srtpProfiles,
                "-keymatexport", "EXTRACTOR-dtls_srtp", "-keymatexportlen", Integer.toString(keyingMaterialLength)));
        if (identity != null) {
            args.addAll(List.of("-cert", identity.certificate().toString(), "-key", identity.key().toString()));
        }
        return started(OpensslPeer.start(dir, args));
    }

    private OpensslPeer started(OpensslPeer peer) {
        toClose.add(peer);
        return peer;
    }

    /** Completes with closed or failed, whichever our transport reaches first. */
    private static CompletableFuture<RTCDtlsTransportState> ended(Ours us) {
        CompletableFuture<RTCDtlsTransportState> ended = new CompletableFuture<>();
        us.dtls.onStateChange(state -> {
            if (state == RTCDtlsTransportState.CLOSED || state == RTCDtlsTransportState.FAILED) {
                ended.complete(state);
            }
        });
        return ended;
    }

    /** Waits for our transport to connect; on a timeout, says what each side saw. */
    private static void awaitConnected(Ours us, OpensslPeer openssl, CompletableFuture<Void> connected) throws Exception {
        try {
            connected.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("not connected within " + TIMEOUT + diagnosis(us, openssl), e);
        }
    }

    /** Waits for our transport to close or fail; on a timeout, says what each side saw. */
    private static RTCDtlsTransportState awaitEnd(Ours us, OpensslPeer openssl, CompletableFuture<RTCDtlsTransportState> ended)
            throws Exception {
        try {
            return ended.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("neither closed nor failed within " + TIMEOUT + diagnosis(us, openssl), e);
        }
    }

    private static String diagnosis(Ours us, OpensslPeer openssl) {
        return ": our states " + us.states + ", datagrams to openssl " + us.relay.datagramsToPeer() + ", from openssl "
                + us.relay.datagramsFromPeer() + ", dropped without a peer " + us.relay.droppedWithoutPeer()
                + ", dropped by our transport " + us.dtls.droppedPackets() + "; openssl printed:\n" + openssl.output();
    }

    /** What openssl printed equals what our transport exported and negotiated. */
    private static void assertSameSrtpKeys(OpensslPeer openssl, RTCDtlsTransport dtls, SrtpProfile expected)
            throws Exception {
        assertThat(openssl.awaitSrtpProfile(TIMEOUT)).isEqualTo(expected);
        assertThat(dtls.srtpProfile()).contains(expected);
        DtlsSrtpKeys keys = dtls.srtpKeys().orElseThrow();
        byte[] theirs = openssl.awaitKeyingMaterial(TIMEOUT);
        assertThat(theirs).hasSize(DtlsSrtpKeys.keyingMaterialLength(expected));
        assertThat(keyingMaterial(keys)).isEqualTo(theirs);
    }

    /**
     * The exporter output our keys were cut from, put back together as RFC 5764 §4.2 lays it out:
     * "client_write_SRTP_master_key[SRTPSecurityParams.master_key_len]; server_write_SRTP_master_key;
     * client_write_SRTP_master_salt; server_write_SRTP_master_salt".
     */
    private static byte[] keyingMaterial(DtlsSrtpKeys keys) {
        SrtpMasterKey client = keys.clientWrite();
        SrtpMasterKey server = keys.serverWrite();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(client.key());
        out.writeBytes(server.key());
        out.writeBytes(client.salt());
        out.writeBytes(server.salt());
        return out.toByteArray();
    }

    /** A line each way: openssl prints what it receives and sends each line of its stdin. */
    private static void assertDataPassesBothWays(Ours us, OpensslPeer openssl) throws Exception {
        String toOpenssl = "hello openssl, this is ortc4j";
        us.dtls.send(ByteBuffer.wrap((toOpenssl + "\n").getBytes(StandardCharsets.UTF_8)));
        openssl.awaitLine(line -> line.endsWith(toOpenssl), TIMEOUT, "our application data");

        String fromOpenssl = "hello ortc4j, this is openssl";
        openssl.writeLine(fromOpenssl);
        assertThat(us.received.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(fromOpenssl + "\n");
    }

    /**
     * openssl reports the fatal alert we sent ("...:SSL alert number 42" for bad_certificate).
     * (s_client prints its session and keying material even after a failed handshake, so their
     * absence proves nothing on that side.)
     */
    private static void assertOpensslReceivedFatalAlert(OpensslPeer openssl) throws Exception {
        openssl.awaitLine(line -> line.contains("SSL alert number"), TIMEOUT, "report of our fatal alert");
    }

    /** The handshake fails, the transport says so, and no application data was delivered. */
    private static void assertFails(Ours us, CompletableFuture<Void> connected) {
        assertThatThrownBy(() -> connected.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class);
        assertThat(us.dtls.state()).isEqualTo(RTCDtlsTransportState.FAILED);
        assertThat(us.states).contains(RTCDtlsTransportState.FAILED).doesNotContain(RTCDtlsTransportState.CONNECTED);
        assertThat(us.dtls.srtpKeys()).isEmpty();
        assertThat(us.received).isEmpty();
    }
}
