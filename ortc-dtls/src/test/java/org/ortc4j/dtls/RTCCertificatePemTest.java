package org.ortc4j.dtls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link RTCCertificate#toPem()} and {@link RTCCertificate#fromPem(String)}: RFC 7468 text, and clear errors. */
class RTCCertificatePemTest {

    private static final RTCCertificate EC = RTCCertificate.generate();
    private static final RTCCertificate RSA = RTCCertificate.generate(RTCCertificate.KeyType.RSA_2048, Duration.ofDays(2));

    @ParameterizedTest
    @EnumSource(RTCCertificate.KeyType.class)
    void roundTripKeepsCertificateKeyAndExpiry(RTCCertificate.KeyType keyType) {
        RTCCertificate original = keyType == RTCCertificate.KeyType.RSA_2048 ? RSA : EC;

        RTCCertificate read = RTCCertificate.fromPem(original.toPem());

        assertThat(read.keyType()).isEqualTo(keyType);
        assertThat(read.getFingerprints()).isEqualTo(original.getFingerprints());
        assertThat(read.encoded()).isEqualTo(original.encoded());
        assertThat(read.privateKey().getEncoded()).isEqualTo(original.privateKey().getEncoded());
        assertThat(read.expires()).isEqualTo(original.expires());
        assertThat(read.toPem()).isEqualTo(original.toPem());
    }

    // RFC 7468 §2: "Generators MUST wrap the base64-encoded lines so that each line consists of
    // exactly 64 characters except for the final line"
    @Test
    void pemIsCertificateThenPkcs8KeyWrappedAt64Characters() {
        String pem = RSA.toPem();

        assertThat(pem).startsWith("-----BEGIN CERTIFICATE-----\n").endsWith("-----END PRIVATE KEY-----\n");
        assertThat(pem.indexOf("-----END CERTIFICATE-----\n-----BEGIN PRIVATE KEY-----\n")).isPositive();
        String[] lines = pem.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].startsWith("-----") && !lines[i + 1].startsWith("-----")) {
                assertThat(lines[i]).hasSize(64);
            }
        }
        String keyBase64 = pem.substring(pem.indexOf("-----BEGIN PRIVATE KEY-----\n") + 28,
                pem.indexOf("-----END PRIVATE KEY-----")).replace("\n", "");
        assertThat(Base64.getDecoder().decode(keyBase64)).isEqualTo(RSA.privateKey().getEncoded());
    }

    @Test
    void keyBeforeCertificateAndSurroundingTextAreAccepted() {
        String pem = EC.toPem();
        int split = pem.indexOf("-----BEGIN PRIVATE KEY-----");
        String reordered = "my identity\n" + pem.substring(split) + "\r\n" + pem.substring(0, split).replace("\n", "\r\n");

        assertThat(RTCCertificate.fromPem(reordered).getFingerprints()).isEqualTo(EC.getFingerprints());
    }

    @Test
    void expiredCertificateIsReadAndReportsExpired() {
        RTCCertificate expired = RTCCertificate.generate(RTCCertificate.KeyType.ECDSA_P256, Duration.ofDays(1),
                Instant.parse("2020-01-01T00:00:00Z"));

        RTCCertificate read = RTCCertificate.fromPem(expired.toPem());

        assertThat(read.isExpired()).isTrue();
        assertThat(read.expires()).isEqualTo(Instant.parse("2020-01-02T00:00:00Z"));
    }

    @Test
    void keyOfAnotherCertificateIsRejected() {
        RTCCertificate other = RTCCertificate.generate();
        String mixed = certificateBlock(EC.toPem()) + keyBlock(other.toPem());

        assertThatThrownBy(() -> RTCCertificate.fromPem(mixed))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("private key does not match the certificate");
    }

    @Test
    void keyOfAnotherTypeIsRejected() {
        String mixed = certificateBlock(EC.toPem()) + keyBlock(RSA.toPem());

        assertThatThrownBy(() -> RTCCertificate.fromPem(mixed))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not match the certificate");
    }

    @Test
    void missingBlocksAreNamed() {
        assertThatThrownBy(() -> RTCCertificate.fromPem(keyBlock(EC.toPem())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CERTIFICATE block").hasMessageContaining("found 0");
        assertThatThrownBy(() -> RTCCertificate.fromPem(certificateBlock(EC.toPem())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("private key block").hasMessageContaining("found 0");
        assertThatThrownBy(() -> RTCCertificate.fromPem(""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CERTIFICATE block");
        assertThatThrownBy(() -> RTCCertificate.fromPem("not PEM at all"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CERTIFICATE block");
        assertThatThrownBy(() -> RTCCertificate.fromPem(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("null");
    }

    @Test
    void twoCertificatesOrTwoKeysAreRejected() {
        String twoCertificates = certificateBlock(EC.toPem()) + certificateBlock(RSA.toPem()) + keyBlock(EC.toPem());
        String twoKeys = EC.toPem() + keyBlock(EC.toPem());

        assertThatThrownBy(() -> RTCCertificate.fromPem(twoCertificates))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exactly one CERTIFICATE").hasMessageContaining("found 2");
        assertThatThrownBy(() -> RTCCertificate.fromPem(twoKeys))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exactly one private key").hasMessageContaining("found 2");
    }

    @Test
    void missingEndLineIsMalformed() {
        String pem = EC.toPem();
        String truncated = pem.substring(0, pem.indexOf("-----END PRIVATE KEY-----"));

        assertThatThrownBy(() -> RTCCertificate.fromPem(truncated))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("malformed PEM");
    }

    @Test
    void blockCutOffBeforeTheNextIsMalformed() {
        String certificate = certificateBlock(EC.toPem());
        String cut = certificate.substring(0, certificate.indexOf("-----END CERTIFICATE-----"));

        assertThatThrownBy(() -> RTCCertificate.fromPem(cut + keyBlock(EC.toPem())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CERTIFICATE block has no END line before '-----BEGIN PRIVATE KEY-----'");
    }

    @Test
    void truncatedBase64IsMalformed() {
        String certificate = certificateBlock(EC.toPem());
        String body = certificate.substring("-----BEGIN CERTIFICATE-----\n".length(), certificate.indexOf("-----END"));
        // Cut the base64 in the middle of a line: the DER inside is then short, or the base64 is not whole quanta.
        for (int cut : new int[] {body.length() / 2, body.length() / 2 + 1, body.length() / 2 + 2, 10}) {
            String truncated = "-----BEGIN CERTIFICATE-----\n" + body.substring(0, cut).strip() + "\n-----END CERTIFICATE-----\n"
                    + keyBlock(EC.toPem());
            assertThatThrownBy(() -> RTCCertificate.fromPem(truncated))
                    .as("base64 cut at %d", cut)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("malformed");
        }
    }

    @Test
    void corruptKeyIsMalformed() {
        String key = keyBlock(EC.toPem());
        String body = key.substring("-----BEGIN PRIVATE KEY-----\n".length(), key.indexOf("-----END"));
        String garbage = "-----BEGIN PRIVATE KEY-----\n" + Base64.getEncoder().encodeToString(new byte[] {0x30, 0x03, 0x02, 0x01, 0x00})
                + "\n-----END PRIVATE KEY-----\n";
        String notBase64 = "-----BEGIN PRIVATE KEY-----\n" + body.replace('A', '*') + "-----END PRIVATE KEY-----\n";

        assertThatThrownBy(() -> RTCCertificate.fromPem(certificateBlock(EC.toPem()) + garbage))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("malformed");
        assertThatThrownBy(() -> RTCCertificate.fromPem(certificateBlock(EC.toPem()) + notBase64))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("malformed");
    }

    @Test
    void unexpectedBlockIsNamed() {
        String publicKey = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(EC.certificate().getPublicKey().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";

        assertThatThrownBy(() -> RTCCertificate.fromPem(EC.toPem() + publicKey))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unexpected PEM block");
    }

    static String certificateBlock(String pem) {
        return pem.substring(0, pem.indexOf("-----BEGIN PRIVATE KEY-----"));
    }

    static String keyBlock(String pem) {
        return pem.substring(pem.indexOf("-----BEGIN PRIVATE KEY-----"));
    }
}
