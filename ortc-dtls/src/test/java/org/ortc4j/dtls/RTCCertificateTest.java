package org.ortc4j.dtls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link RTCCertificate#generate}: W3C WebRTC §4.10 semantics and the certificate browsers make. */
class RTCCertificateTest {

    @Test
    void defaultIsEcdsaP256ValidForThirtyDays() {
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        RTCCertificate certificate = RTCCertificate.generate();
        Instant after = Instant.now();

        assertThat(certificate.keyType()).isEqualTo(RTCCertificate.KeyType.ECDSA_P256);
        assertThat(certificate.certificate().getPublicKey()).isInstanceOf(ECPublicKey.class);
        assertThat(((ECPublicKey) certificate.certificate().getPublicKey()).getParams().getCurve().getField()
                .getFieldSize()).isEqualTo(256);
        assertThat(certificate.certificate().getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(certificate.expires()).isBetween(before.plus(Duration.ofDays(30)), after.plus(Duration.ofDays(30)));
        assertThat(certificate.isExpired()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(RTCCertificate.KeyType.class)
    void generatedCertificateIsSelfSignedV3AndVerifiesWithItsOwnKey(RTCCertificate.KeyType keyType) throws Exception {
        Instant now = Instant.parse("2026-03-01T12:00:00Z");
        RTCCertificate certificate = RTCCertificate.generate(keyType, Duration.ofDays(7), now);

        var x509 = certificate.certificate();
        assertThat(x509.getVersion()).isEqualTo(3);
        assertThat(x509.getIssuerX500Principal()).isEqualTo(x509.getSubjectX500Principal());
        assertThat(x509.getSubjectX500Principal().getName()).matches("CN=[0-9a-f]{16}");
        x509.verify(x509.getPublicKey()); // throws unless the signature is good
        // RFC 5280 §4.1.2.2: "The serial number MUST be a positive integer"
        assertThat(x509.getSerialNumber()).isPositive();
        assertThat(x509.getSerialNumber().bitLength()).isLessThanOrEqualTo(64);
        // Valid from a day before creation, for peers whose clocks run behind.
        assertThat(x509.getNotBefore().toInstant()).isEqualTo(now.minus(Duration.ofDays(1)));
        assertThat(x509.getNotAfter().toInstant()).isEqualTo(now.plus(Duration.ofDays(7)));
        assertThat(certificate.expires()).isEqualTo(now.plus(Duration.ofDays(7)));
        assertThat(certificate.privateKey().getAlgorithm()).isEqualTo(keyType == RTCCertificate.KeyType.RSA_2048 ? "RSA" : "EC");
        assertThat(certificate.encoded()).isEqualTo(x509.getEncoded());
    }

    @Test
    void rsaCertificateHas2048BitModulusAndExponent65537() {
        RTCCertificate certificate = RTCCertificate.generate(RTCCertificate.KeyType.RSA_2048, Duration.ofDays(1));

        RSAPublicKey key = (RSAPublicKey) certificate.certificate().getPublicKey();
        assertThat(key.getModulus().bitLength()).isEqualTo(2048);
        assertThat(key.getPublicExponent()).isEqualTo(BigInteger.valueOf(65537));
        assertThat(certificate.certificate().getSigAlgName()).isEqualTo("SHA256withRSA");
    }

    @Test
    void eachCertificateHasItsOwnKeySerialAndName() {
        RTCCertificate a = RTCCertificate.generate();
        RTCCertificate b = RTCCertificate.generate();

        assertThat(a.getFingerprints()).isNotEqualTo(b.getFingerprints());
        assertThat(a.certificate().getSerialNumber()).isNotEqualTo(b.certificate().getSerialNumber());
        assertThat(a.certificate().getSubjectX500Principal()).isNotEqualTo(b.certificate().getSubjectX500Principal());
        assertThat(a.certificate().getPublicKey()).isNotEqualTo(b.certificate().getPublicKey());
    }

    @Test
    void expiredCertificateReportsExpired() {
        Instant created = Instant.now().minus(Duration.ofDays(40)).truncatedTo(ChronoUnit.SECONDS);
        RTCCertificate certificate = RTCCertificate.generate(RTCCertificate.KeyType.ECDSA_P256, Duration.ofDays(30), created);

        assertThat(certificate.isExpired()).isTrue();
        Instant expires = created.plus(Duration.ofDays(30));
        // RFC 5280 §4.1.2.5: valid "from notBefore through notAfter, inclusive".
        assertThat(certificate.isExpired(expires)).isFalse();
        assertThat(certificate.isExpired(expires.plusSeconds(1))).isTrue();
        assertThat(certificate.isExpired(created)).isFalse();
    }

    @Test
    void validityMustBePositiveAndAtMost365Days() {
        assertThatThrownBy(() -> RTCCertificate.generate(RTCCertificate.KeyType.ECDSA_P256, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
        assertThatThrownBy(() -> RTCCertificate.generate(RTCCertificate.KeyType.ECDSA_P256, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
        assertThatThrownBy(() -> RTCCertificate.generate(RTCCertificate.KeyType.ECDSA_P256,
                Duration.ofDays(365).plusSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("365");
        assertThat(RTCCertificate.generate(RTCCertificate.KeyType.ECDSA_P256, Duration.ofDays(365)).isExpired()).isFalse();
    }

    @Test
    void toStringNamesFingerprintButNotTheKey() {
        RTCCertificate certificate = RTCCertificate.generate();

        assertThat(certificate.toString()).contains(certificate.getFingerprints().get(0).value())
                .doesNotContain("PRIVATE");
    }
}
