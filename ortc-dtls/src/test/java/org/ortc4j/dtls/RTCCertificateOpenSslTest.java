package org.ortc4j.dtls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.ECPrivateKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link RTCCertificate} against OpenSSL, a certificate tool nobody here wrote: it computes the
 * same fingerprints, reads our PEM, and we read the certificates and keys it writes, in the
 * PKCS#8 and the traditional forms.
 */
class RTCCertificateOpenSslTest {

    private static final Path OPENSSL = Path.of("/usr/bin/openssl");

    @TempDir
    Path dir;

    @BeforeEach
    void requireOpenSsl() {
        if (!Files.isExecutable(OPENSSL)) {
            ExternalTool.unavailable("openssl", OPENSSL + " is not installed");
        }
    }

    @ParameterizedTest
    @CsvSource({
        "ECDSA_P256, sha-1, -sha1", "ECDSA_P256, sha-256, -sha256", "ECDSA_P256, sha-384, -sha384", "ECDSA_P256, sha-512, -sha512",
        "RSA_2048, sha-1, -sha1", "RSA_2048, sha-256, -sha256", "RSA_2048, sha-384, -sha384", "RSA_2048, sha-512, -sha512"})
    void fingerprintEqualsOpenSsl(RTCCertificate.KeyType keyType, String algorithm, String openSslDigest) throws Exception {
        RTCCertificate certificate = RTCCertificate.generate(keyType, Duration.ofDays(1));
        Path pem = write("cert.pem", certificate.toPem());

        // OpenSSL prints e.g. "sha256 Fingerprint=AB:CD:...", in the RFC 8122 form.
        String output = openssl("x509", "-in", pem.toString(), "-noout", "-fingerprint", openSslDigest).strip();

        assertThat(output.substring(output.indexOf('=') + 1)).isEqualTo(certificate.fingerprint(algorithm).value());
    }

    @ParameterizedTest
    @CsvSource({"ECDSA_P256, ecdsa-with-SHA256, Public-Key: (256 bit)", "RSA_2048, sha256WithRSAEncryption, Public-Key: (2048 bit)"})
    void openSslReadsOurCertificateAndKeyAndVerifiesTheSignature(RTCCertificate.KeyType keyType, String signatureAlgorithm,
            String keySize) throws Exception {
        RTCCertificate certificate = RTCCertificate.generate(keyType, Duration.ofDays(1));
        Path pem = write("identity.pem", certificate.toPem());

        String text = openssl("x509", "-in", pem.toString(), "-noout", "-text");
        assertThat(text).contains("Version: 3 (0x2)", "Signature Algorithm: " + signatureAlgorithm, keySize);
        // A self-signed certificate verifies against itself as the trust anchor: the signature is good.
        assertThat(openssl("verify", "-CAfile", pem.toString(), pem.toString())).contains(": OK");
        // The key in the PEM is the certificate's key: both give the same public key.
        assertThat(openssl("pkey", "-in", pem.toString(), "-pubout"))
                .isEqualTo(openssl("x509", "-in", pem.toString(), "-noout", "-pubkey"));
    }

    @Test
    void readsOpenSslEcCertificateAndPkcs8Key() throws Exception {
        Path pem = opensslIdentity("ec", "ec_paramgen_curve:P-256");

        RTCCertificate certificate = RTCCertificate.fromPem(Files.readString(pem));

        assertThat(certificate.keyType()).isEqualTo(RTCCertificate.KeyType.ECDSA_P256);
        assertThat(certificate.isExpired()).isFalse();
        String sha256 = openssl("x509", "-in", pem.toString(), "-noout", "-fingerprint", "-sha256").strip();
        assertThat(certificate.getFingerprints().get(0).value()).isEqualTo(sha256.substring(sha256.indexOf('=') + 1));
        assertThat(((ECPrivateKey) certificate.privateKey()).getS()).isEqualTo(opensslEcPrivateScalar(pem));
    }

    @Test
    void readsOpenSslTraditionalEcPrivateKeyWithEcParameters() throws Exception {
        Path pem = opensslIdentity("ec", "ec_paramgen_curve:P-256");
        String certificate = openssl("x509", "-in", pem.toString());
        // "ecparam -genkey" style: an EC PARAMETERS block, then an RFC 5915 EC PRIVATE KEY.
        String parameters = openssl("ecparam", "-name", "prime256v1");
        String traditionalKey = openssl("pkey", "-in", pem.toString(), "-traditional");
        assertThat(traditionalKey).startsWith("-----BEGIN EC PRIVATE KEY-----");

        RTCCertificate read = RTCCertificate.fromPem(certificate + parameters + traditionalKey);

        assertThat(read.keyType()).isEqualTo(RTCCertificate.KeyType.ECDSA_P256);
        assertThat(((ECPrivateKey) read.privateKey()).getS()).isEqualTo(opensslEcPrivateScalar(pem));
    }

    @Test
    void readsOpenSslRsaCertificateWithTraditionalRsaPrivateKey() throws Exception {
        Path pem = opensslIdentity("rsa:2048", null);
        String traditionalKey = openssl("pkey", "-in", pem.toString(), "-traditional");
        assertThat(traditionalKey).startsWith("-----BEGIN RSA PRIVATE KEY-----");

        RTCCertificate fromPkcs8 = RTCCertificate.fromPem(Files.readString(pem));
        RTCCertificate fromTraditional = RTCCertificate.fromPem(openssl("x509", "-in", pem.toString()) + traditionalKey);

        assertThat(fromPkcs8.keyType()).isEqualTo(RTCCertificate.KeyType.RSA_2048);
        assertThat(fromTraditional.getFingerprints()).isEqualTo(fromPkcs8.getFingerprints());
        assertThat(fromTraditional.privateKey().getEncoded()).isEqualTo(fromPkcs8.privateKey().getEncoded());
    }

    // W3C WebRTC §4.10 getFingerprints(): "one of which is computed with the digest algorithm used
    // in the certificate signature".
    @Test
    void certificateSignedWithSha384AlsoSignalsItsSha384Fingerprint() throws Exception {
        Path pem = opensslIdentity("ec", "ec_paramgen_curve:P-256", "-sha384");
        String sha384 = openssl("x509", "-in", pem.toString(), "-noout", "-fingerprint", "-sha384").strip();

        RTCCertificate certificate = RTCCertificate.fromPem(Files.readString(pem));

        assertThat(certificate.getFingerprints()).extracting(RTCDtlsFingerprint::algorithm).containsExactly("sha-256", "sha-384");
        assertThat(certificate.getFingerprints().get(1).value()).isEqualTo(sha384.substring(sha384.indexOf('=') + 1));
    }

    @Test
    void rejectsOtherCurvesAndKeySizes() throws Exception {
        Path p384 = opensslIdentity("ec", "ec_paramgen_curve:P-384");
        Path rsa1024 = opensslIdentity("rsa:1024", null);

        assertThatThrownBy(() -> RTCCertificate.fromPem(Files.readString(p384)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only P-256");
        assertThatThrownBy(() -> RTCCertificate.fromPem(Files.readString(rsa1024)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("RSA key size 1024");
    }

    @Test
    void rejectsEncryptedKeys() throws Exception {
        Path pem = opensslIdentity("ec", "ec_paramgen_curve:P-256");
        String certificate = openssl("x509", "-in", pem.toString());
        String pkcs8Encrypted = openssl("pkey", "-in", pem.toString(), "-aes256", "-passout", "pass:secret");
        String traditionalEncrypted = openssl("ec", "-in", pem.toString(), "-aes256", "-passout", "pass:secret");
        assertThat(pkcs8Encrypted).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");
        assertThat(traditionalEncrypted).contains("Proc-Type: 4,ENCRYPTED");

        assertThatThrownBy(() -> RTCCertificate.fromPem(certificate + pkcs8Encrypted))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("encrypted");
        assertThatThrownBy(() -> RTCCertificate.fromPem(certificate + traditionalEncrypted))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("encrypted");
    }

    /** A self-signed certificate and its key from {@code openssl req -x509 -newkey}, in one PEM file. */
    private Path opensslIdentity(String newKey, String keyOption) throws Exception {
        return opensslIdentity(newKey, keyOption, "-sha256");
    }

    private Path opensslIdentity(String newKey, String keyOption, String digest) throws Exception {
        Path key = dir.resolve("key-" + System.nanoTime() + ".pem");
        Path cert = dir.resolve("cert-" + System.nanoTime() + ".pem");
        List<String> command = new ArrayList<>(List.of("req", "-x509", "-newkey", newKey));
        if (keyOption != null) {
            command.addAll(List.of("-pkeyopt", keyOption));
        }
        command.addAll(List.of("-nodes", "-keyout", key.toString(), "-out", cert.toString(), "-days", "30",
                "-subj", "/CN=openssl-peer", digest));
        openssl(command.toArray(String[]::new));
        return write("identity-" + System.nanoTime() + ".pem", Files.readString(cert) + Files.readString(key));
    }

    /** The EC private scalar as {@code openssl pkey -text} prints it ("priv:" then hex pairs up to "pub:"). */
    private BigInteger opensslEcPrivateScalar(Path pem) throws Exception {
        String text = openssl("pkey", "-in", pem.toString(), "-noout", "-text");
        String hex = text.substring(text.indexOf("priv:") + 5, text.indexOf("pub:")).replaceAll("[\\s:]", "");
        return new BigInteger(hex, 16);
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.US_ASCII);
    }

    /** Runs openssl and returns its standard output; fails the test on a non-zero exit. */
    private String openssl(String... arguments) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(OPENSSL.toString());
        command.addAll(Arrays.asList(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        byte[] err = process.getErrorStream().readAllBytes();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("openssl finished").isTrue();
        assertThat(process.exitValue()).as("openssl %s: %s", command, new String(err, StandardCharsets.UTF_8)).isZero();
        return new String(out, StandardCharsets.US_ASCII);
    }
}
