package org.ortc4j.dtls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Certificate fingerprints (RFC 8122 §5) and {@link RTCCertificate#matches}. */
class FingerprintTest {

    private static final RTCCertificate CERTIFICATE = RTCCertificate.generate();

    @Test
    void getFingerprintsIsOneSha256() {
        assertThat(CERTIFICATE.getFingerprints()).singleElement().satisfies(fingerprint -> {
            assertThat(fingerprint.algorithm()).isEqualTo("sha-256");
            assertThat(fingerprint.value()).matches("[0-9A-F]{2}(:[0-9A-F]{2}){31}");
        });
        assertThat(CERTIFICATE.getFingerprints().get(0)).isEqualTo(CERTIFICATE.fingerprint("sha-256"));
    }

    // RFC 8122 §5: "A certificate fingerprint is a secure one-way hash of the Distinguished
    // Encoding Rules (DER) form of the certificate." ... "Each byte in upper-case hex, separated by colons."
    @ParameterizedTest
    @CsvSource({"sha-1, SHA-1, 20", "sha-256, SHA-256, 32", "sha-384, SHA-384, 48", "sha-512, SHA-512, 64"})
    void fingerprintIsUpperCaseHexPairsOfTheHashOfTheDer(String algorithm, String jcaName, int length) throws Exception {
        RTCDtlsFingerprint fingerprint = CERTIFICATE.fingerprint(algorithm);

        String[] pairs = fingerprint.value().split(":");
        assertThat(pairs).hasSize(length).allMatch(pair -> pair.matches("[0-9A-F]{2}"));
        byte[] expected = MessageDigest.getInstance(jcaName).digest(CERTIFICATE.certificate().getEncoded());
        assertThat(HexFormat.of().parseHex(String.join("", pairs))).isEqualTo(expected);
        assertThat(fingerprint.algorithm()).isEqualTo(algorithm);
        assertThat(RTCCertificate.fingerprintOf(algorithm.toUpperCase(Locale.ROOT), CERTIFICATE.encoded()))
                .isEqualTo(fingerprint);
    }

    @Test
    void unknownAlgorithmIsRejected() {
        assertThatThrownBy(() -> CERTIFICATE.fingerprint("md5"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("md5");
        assertThatThrownBy(() -> RTCCertificate.fingerprintOf("sha-3", CERTIFICATE.encoded()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sha-3");
    }

    @ParameterizedTest
    @CsvSource({"sha-1", "sha-256", "sha-384", "sha-512"})
    void matchesTheCertificateItWasComputedFrom(String algorithm) {
        RTCDtlsFingerprint fingerprint = CERTIFICATE.fingerprint(algorithm);
        RTCCertificate other = RTCCertificate.generate();

        assertThat(RTCCertificate.matches(fingerprint, CERTIFICATE.encoded())).isTrue();
        assertThat(RTCCertificate.matches(fingerprint, other.encoded())).isFalse();
        // Signalled in lower case (the record upper-cases it; the comparison is of bytes anyway).
        assertThat(RTCCertificate.matches(new RTCDtlsFingerprint(algorithm.toUpperCase(Locale.ROOT),
                fingerprint.value().toLowerCase(Locale.ROOT)), CERTIFICATE.encoded())).isTrue();
    }

    @Test
    void oneFlippedBitDoesNotMatch() {
        RTCDtlsFingerprint fingerprint = CERTIFICATE.getFingerprints().get(0);
        byte[] hash = HexFormat.of().parseHex(fingerprint.value().replace(":", ""));
        hash[hash.length - 1] ^= 1;
        String flipped = HexFormat.ofDelimiter(":").withUpperCase().formatHex(hash);

        assertThat(RTCCertificate.matches(new RTCDtlsFingerprint("sha-256", flipped), CERTIFICATE.encoded())).isFalse();
    }

    @Test
    void wrongAlgorithmOrLengthDoesNotMatch() {
        String sha256 = CERTIFICATE.fingerprint("sha-256").value();
        String sha1 = CERTIFICATE.fingerprint("sha-1").value();

        // The right hash under another algorithm's name.
        assertThat(RTCCertificate.matches(new RTCDtlsFingerprint("sha-384", sha256), CERTIFICATE.encoded())).isFalse();
        assertThat(RTCCertificate.matches(new RTCDtlsFingerprint("sha-256", sha1), CERTIFICATE.encoded())).isFalse();
        // An algorithm we do not support: false, not an exception.
        assertThat(RTCCertificate.matches(new RTCDtlsFingerprint("md5", sha256), CERTIFICATE.encoded())).isFalse();
        assertThat(RTCCertificate.matches(new RTCDtlsFingerprint("sha-3-256", sha256), CERTIFICATE.encoded())).isFalse();
        // A truncated hash, a prefix of the right one.
        assertThat(RTCCertificate.matches(new RTCDtlsFingerprint("sha-256", sha256.substring(0, sha256.length() - 3)),
                CERTIFICATE.encoded())).isFalse();
    }
}
