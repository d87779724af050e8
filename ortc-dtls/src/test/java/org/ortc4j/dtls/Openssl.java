package org.ortc4j.dtls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ortc4j.srtp.SrtpProfile;

/**
 * The {@code openssl} command-line tool of the Debian package {@code openssl}, for tests against
 * a DTLS implementation nobody here wrote: self-signed certificates made by openssl itself, their
 * fingerprints as openssl computes them, and the names openssl gives SRTP profiles.
 */
final class Openssl {

    static final Path BINARY = Path.of("/usr/bin/openssl");

    private static final Pattern FINGERPRINT = Pattern.compile("(?i)sha256 Fingerprint=([0-9A-F:]+)");

    private Openssl() {
    }

    /**
     * Skips the test (or fails it, with {@code -Dortc4j.requireExternalTools=true}) when openssl
     * is not installed.
     */
    static void requireInstalled() {
        if (!Files.isExecutable(BINARY)) {
            throw ExternalTool.unavailable("openssl", BINARY + " is not installed");
        }
    }

    /** A certificate and its private key in PEM files (they may be the same file). */
    record Identity(Path certificate, Path key) {
    }

    /** The kind of key {@code openssl req} makes. */
    enum Key {
        /** ECDSA on P-256, as browsers use. */
        EC_P256("ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"),
        /** RSA with a 2048-bit modulus. */
        RSA_2048("rsa", "-pkeyopt", "rsa_keygen_bits:2048");

        private final String algorithm;
        private final String[] options;

        Key(String algorithm, String... options) {
            this.algorithm = algorithm;
            this.options = options;
        }
    }

    /** Makes a self-signed certificate with openssl's own code (not ours), valid for a day. */
    static Identity selfSigned(Path dir, String name, Key key) throws IOException, InterruptedException {
        Path certificate = dir.resolve(name + "-cert.pem");
        Path privateKey = dir.resolve(name + "-key.pem");
        List<String> command = new ArrayList<>(List.of(BINARY.toString(), "req", "-x509", "-newkey", key.algorithm));
        command.addAll(List.of(key.options));
        command.addAll(List.of("-nodes", "-keyout", privateKey.toString(), "-out", certificate.toString(),
                "-days", "1", "-subj", "/CN=" + name));
        run(command);
        return new Identity(certificate, privateKey);
    }

    /** Writes {@code certificate.toPem()} (certificate and key in one file) for openssl's {@code -cert} and {@code -key}. */
    static Identity write(Path dir, String name, RTCCertificate certificate) throws IOException {
        Path file = dir.resolve(name + ".pem");
        Files.writeString(file, certificate.toPem(), StandardCharsets.US_ASCII);
        return new Identity(file, file);
    }

    /** The SHA-256 fingerprint of a PEM certificate as {@code openssl x509 -fingerprint -sha256} prints it. */
    static RTCDtlsFingerprint fingerprint(Path certificate) throws IOException, InterruptedException {
        String output = run(List.of(BINARY.toString(), "x509", "-in", certificate.toString(),
                "-noout", "-fingerprint", "-sha256"));
        Matcher m = FINGERPRINT.matcher(output);
        if (!m.find()) {
            throw new IllegalStateException("openssl printed no SHA-256 fingerprint: " + output);
        }
        return new RTCDtlsFingerprint("sha-256", m.group(1));
    }

    /** The DER bytes of the first certificate in a PEM file. */
    static byte[] der(Path certificate) throws IOException {
        return pemBlock(Files.readString(certificate, StandardCharsets.US_ASCII), 0).orElseThrow();
    }

    /**
     * The base64 body of the first {@code -----BEGIN CERTIFICATE-----} block at or after line
     * {@code from} of {@code text}, decoded; empty when there is none.
     */
    static Optional<byte[]> pemBlock(String text, int from) {
        List<String> lines = text.lines().toList();
        StringBuilder body = null;
        for (int i = from; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.equals("-----BEGIN CERTIFICATE-----")) {
                body = new StringBuilder();
            } else if (line.equals("-----END CERTIFICATE-----") && body != null) {
                return Optional.of(Base64.getMimeDecoder().decode(body.toString()));
            } else if (body != null) {
                body.append(line);
            }
        }
        return Optional.empty();
    }

    /**
     * The SRTP profile named as openssl names it in {@code -use_srtp} and prints it in
     * "SRTP Extension negotiated, profile=..." (the RFC 5764 §4.1.2 and RFC 7714 §14.2 names, with
     * {@code SHA1} where the RFCs write {@code HMAC_SHA1}).
     */
    static SrtpProfile srtpProfile(String opensslName) {
        return switch (opensslName.toUpperCase(Locale.ROOT)) {
            case "SRTP_AES128_CM_SHA1_80" -> SrtpProfile.AES_CM_128_HMAC_SHA1_80;
            case "SRTP_AES128_CM_SHA1_32" -> SrtpProfile.AES_CM_128_HMAC_SHA1_32;
            case "SRTP_AEAD_AES_128_GCM" -> SrtpProfile.AEAD_AES_128_GCM;
            case "SRTP_AEAD_AES_256_GCM" -> SrtpProfile.AEAD_AES_256_GCM;
            default -> throw new IllegalArgumentException("not an SRTP profile openssl names: " + opensslName);
        };
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output;
        try (InputStream in = process.getInputStream()) {
            output = in.readAllBytes();
        }
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("openssl did not finish: " + command);
        }
        String text = new String(output, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IllegalStateException("openssl failed (" + process.exitValue() + "): " + command + "\n" + text);
        }
        return text;
    }
}
