package org.ortc4j.peerconnection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ortc4j.peerconnection.LoopbackPeers.LOOPBACK;
import static org.ortc4j.peerconnection.RTCPeerConnectionDataChannelTest.await;
import static org.ortc4j.peerconnection.RTCPeerConnectionDataChannelTest.opened;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.ortc4j.dtls.RTCCertificate;
import org.ortc4j.dtls.RTCDtlsFingerprint;
import org.ortc4j.ice.InvalidAccessException;
import org.ortc4j.ice.InvalidModificationException;
import org.ortc4j.ice.InvalidStateException;
import org.ortc4j.ice.RTCIceServer;
import org.ortc4j.sctp.RTCDataChannel;

/**
 * W3C WebRTC §4.2.1 {@code certificates}, the constructor's certificate checks,
 * {@code generateCertificate}, and {@code getConfiguration}/{@code setConfiguration} ("set a
 * configuration") on our peer connections.
 */
class RTCPeerConnectionConfigurationTest {

    private static final RTCIceServer STUN = new RTCIceServer("stun:stun.example.org:3478");

    /** The a=fingerprint value of a description, as "sha-256 AB:CD:...". */
    private static String fingerprint(RTCPeerConnection pc) {
        return pc.localDescription().sdp().lines().filter(line -> line.startsWith("a=fingerprint:")).findFirst()
                .orElseThrow().substring("a=fingerprint:".length());
    }

    private static String sdpForm(RTCDtlsFingerprint fingerprint) {
        return fingerprint.algorithm() + " " + fingerprint.value();
    }

    @Test
    void theConfiguredCertificateIsTheOneDtlsUsesAndBothEndsConnect() throws Exception {
        RTCCertificate rsa = await(RTCPeerConnection.generateCertificate(RTCCertificate.KeyType.RSA_2048));
        assertThat(rsa.keyType()).isEqualTo(RTCCertificate.KeyType.RSA_2048);
        RTCConfiguration configuration = RTCConfiguration.newBuilder().certificates(rsa).build();
        try (RTCPeerConnection offerer = new RTCPeerConnection(configuration, LOOPBACK);
                RTCPeerConnection answerer = new RTCPeerConnection(new RTCConfiguration(), LOOPBACK)) {
            assertThat(offerer.getConfiguration().certificates()).containsExactly(rsa);
            // Without certificates the peer connection generated one and reports it.
            assertThat(answerer.getConfiguration().certificates()).hasSize(1);
            CompletableFuture<RTCDataChannel> theirs = new CompletableFuture<>();
            answerer.onDataChannel(theirs::complete);
            RTCDataChannel channel = offerer.createDataChannel("rsa");
            CompletableFuture<Void> open = opened(channel);
            await(new TrickleSignaling(offerer, answerer).exchange());

            // RFC 8122 §5: the fingerprint in the offer is the configured certificate's.
            assertThat(rsa.getFingerprints().stream().map(RTCPeerConnectionConfigurationTest::sdpForm))
                    .contains(fingerprint(offerer));
            assertThat(answerer.getConfiguration().certificates().get(0).getFingerprints().stream()
                    .map(RTCPeerConnectionConfigurationTest::sdpForm)).contains(fingerprint(answerer));
            // The handshake checked that fingerprint against the certificate DTLS presented.
            await(open);
            assertThat(await(theirs).label()).isEqualTo("rsa");
        }
    }

    @Test
    void anExpiredCertificateIsRefusedAtConstruction() {
        RTCCertificate expired = RTCCertificate.generate(RTCCertificate.KeyType.ECDSA_P256, Duration.ofDays(1),
                Instant.now().minus(Duration.ofDays(3)));
        assertThat(expired.isExpired()).isTrue();
        RTCConfiguration configuration = RTCConfiguration.newBuilder().certificates(expired).build();

        // W3C §4.4.1.1: "If any of the certificates have expired, throw an InvalidAccessError".
        assertThatThrownBy(() -> new RTCPeerConnection(configuration, LOOPBACK))
                .isInstanceOf(InvalidAccessException.class).hasMessageContaining("expired");
    }

    @Test
    void generateCertificateClampsExpiresToAYear() throws Exception {
        RTCCertificate certificate = await(RTCPeerConnection.generateCertificate(RTCCertificate.KeyType.ECDSA_P256,
                Duration.ofDays(5000)));
        assertThat(certificate.expires()).isBefore(Instant.now().plus(Duration.ofDays(366)))
                .isAfter(Instant.now().plus(Duration.ofDays(364)));
        assertThatThrownBy(() -> await(RTCPeerConnection.generateCertificate(RTCCertificate.KeyType.ECDSA_P256,
                Duration.ZERO))).hasCauseInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void setConfigurationReplacesTheIceServersAndKeepsTheRest() {
        try (RTCPeerConnection pc = new RTCPeerConnection(new RTCConfiguration(List.of(), RTCBundlePolicy.MAX_BUNDLE),
                LOOPBACK)) {
            RTCConfiguration before = pc.getConfiguration();

            pc.setConfiguration(new RTCConfiguration(List.of(STUN), RTCBundlePolicy.MAX_BUNDLE));

            RTCConfiguration after = pc.getConfiguration();
            assertThat(after.iceServers()).containsExactly(STUN);
            assertThat(after.bundlePolicy()).isEqualTo(RTCBundlePolicy.MAX_BUNDLE);
            assertThat(after.certificates()).isEqualTo(before.certificates());
            // The configuration getConfiguration returns can be set again as it is.
            pc.setConfiguration(after);
            assertThat(pc.getConfiguration()).isEqualTo(after);
        }
    }

    @Test
    void setConfigurationRefusesOtherCertificatesAnotherBundlePolicyAndAClosedConnection() {
        RTCPeerConnection pc = new RTCPeerConnection(new RTCConfiguration(), LOOPBACK);
        RTCCertificate other = RTCCertificate.generate();
        RTCConfiguration original = pc.getConfiguration();

        // W3C "set a configuration": certificates or bundle policy that differ are an
        // InvalidModificationError.
        assertThatThrownBy(() -> pc.setConfiguration(RTCConfiguration.newBuilder().certificates(other).build()))
                .isInstanceOf(InvalidModificationException.class);
        assertThatThrownBy(() -> pc.setConfiguration(new RTCConfiguration(List.of(), RTCBundlePolicy.MAX_COMPAT)))
                .isInstanceOf(InvalidModificationException.class);
        assertThat(pc.getConfiguration()).isEqualTo(original);

        pc.close();
        assertThatThrownBy(() -> pc.setConfiguration(new RTCConfiguration()))
                .isInstanceOf(InvalidStateException.class);
    }
}
