package org.ortc4j.dtls;

import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ortc4j.dtls.internal.cert.FingerprintAlgorithm;
import org.ortc4j.dtls.internal.cert.PemCodec;
import org.ortc4j.dtls.internal.cert.SelfSignedCertificate;

/**
 * A certificate and its private key, with which an {@code RTCDtlsTransport} authenticates itself
 * (W3C WebRTC §4.10 {@code RTCCertificate}). The peer does not check a chain: it compares the
 * certificate's fingerprint (RFC 8122 §5) with the one it received by signaling.
 *
 * <p>{@link #generate()} makes a self-signed ECDSA P-256 certificate valid for 30 days, as
 * browsers do; {@link #toPem()} and {@link #fromPem(String)} let an application keep one identity
 * across runs. Instances are immutable and thread-safe.
 */
public final class RTCCertificate {

    /** The key algorithms a certificate can be generated with (W3C WebRTC §4.10, {@code generateCertificate}). */
    public enum KeyType {
        /** ECDSA on P-256 ({@code {name: "ECDSA", namedCurve: "P-256"}}), signed with SHA-256: the default, as in browsers. */
        ECDSA_P256("EC", "SHA256withECDSA"),
        /**
         * RSASSA-PKCS1-v1_5 with a 2048-bit modulus, public exponent 65537 and SHA-256
         * ({@code {name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: 65537, hash: "SHA-256"}}).
         */
        RSA_2048("RSA", "SHA256withRSA");

        private final String keyAlgorithm;
        private final String signatureAlgorithm;

        KeyType(String keyAlgorithm, String signatureAlgorithm) {
            this.keyAlgorithm = keyAlgorithm;
            this.signatureAlgorithm = signatureAlgorithm;
        }
    }

    /** The validity {@link #generate()} gives: 30 days, as Chromium and Firefox use. */
    public static final Duration DEFAULT_VALIDITY = Duration.ofDays(30);

    /**
     * The longest validity {@link #generate(KeyType, Duration)} accepts. W3C WebRTC §4.10
     * ({@code generateCertificate}): "a user agent may choose to limit the period over which an
     * RTCCertificate is valid"; libwebrtc caps it at a year, and so do we, rejecting a longer one
     * rather than silently shortening it.
     */
    public static final Duration MAX_VALIDITY = Duration.ofDays(365);

    /**
     * How far before its creation a generated certificate becomes valid, so that a peer whose
     * clock runs behind ours still accepts it (Chromium does the same).
     */
    static final Duration CLOCK_SKEW_ALLOWANCE = Duration.ofDays(1);

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ECParameterSpec P256 = namedCurve("secp256r1");
    /** The hash in a JCA signature algorithm name such as {@code SHA384withECDSA}. */
    private static final Pattern SIGNATURE_HASH = Pattern.compile("SHA(1|256|384|512)with.*", Pattern.CASE_INSENSITIVE);

    private final KeyType keyType;
    private final X509Certificate certificate;
    private final byte[] encoded;
    private final PrivateKey privateKey;
    private final List<RTCDtlsFingerprint> fingerprints;

    private RTCCertificate(KeyType keyType, X509Certificate certificate, PrivateKey privateKey) {
        this.keyType = keyType;
        this.certificate = certificate;
        try {
            this.encoded = certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("the certificate has no DER encoding", e);
        }
        this.privateKey = privateKey;
        this.fingerprints = fingerprintsToSignal(certificate, encoded);
    }

    /**
     * SHA-256, which every WebRTC endpoint supports, and the certificate's own signature hash when
     * that is another one (an imported certificate signed with SHA-384, say).
     */
    // W3C WebRTC §4.10 getFingerprints(): "Returns the list of certificate fingerprints, one of
    // which is computed with the digest algorithm used in the certificate signature."
    private static List<RTCDtlsFingerprint> fingerprintsToSignal(X509Certificate certificate, byte[] encoded) {
        RTCDtlsFingerprint sha256 = fingerprintOf(FingerprintAlgorithm.SHA_256.textualName(), encoded);
        Matcher signatureHash = SIGNATURE_HASH.matcher(certificate.getSigAlgName());
        if (signatureHash.matches()) {
            String algorithm = "sha-" + signatureHash.group(1);
            if (!algorithm.equals(sha256.algorithm())) {
                return List.of(sha256, fingerprintOf(algorithm, encoded));
            }
        }
        return List.of(sha256);
    }

    /** A new self-signed ECDSA P-256 certificate that expires in 30 days. */
    public static RTCCertificate generate() {
        return generate(KeyType.ECDSA_P256, DEFAULT_VALIDITY);
    }

    /**
     * A new self-signed certificate with a fresh key of {@code keyType} that expires
     * {@code validity} from now.
     *
     * @throws IllegalArgumentException if {@code validity} is not positive or longer than
     *     {@link #MAX_VALIDITY}
     */
    public static RTCCertificate generate(KeyType keyType, Duration validity) {
        return generate(keyType, validity, Instant.now());
    }

    /**
     * A new self-signed certificate as if generated at {@code now}: valid from a day before
     * {@code now} (clock skew) until {@code now + validity}. For tests and for callers that keep
     * their own clock.
     *
     * @throws IllegalArgumentException if {@code validity} is not positive or longer than
     *     {@link #MAX_VALIDITY}
     */
    public static RTCCertificate generate(KeyType keyType, Duration validity, Instant now) {
        Objects.requireNonNull(keyType, "keyType");
        Objects.requireNonNull(validity, "validity");
        Objects.requireNonNull(now, "now");
        if (validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("certificate validity must be positive: " + validity);
        }
        if (validity.compareTo(MAX_VALIDITY) > 0) {
            throw new IllegalArgumentException("certificate validity may be at most " + MAX_VALIDITY.toDays()
                    + " days: " + validity);
        }
        KeyPair keys = generateKeyPair(keyType);
        X509Certificate certificate = SelfSignedCertificate.create(keys, keyType.signatureAlgorithm,
                now.minus(CLOCK_SKEW_ALLOWANCE), now.plus(validity), RANDOM);
        return new RTCCertificate(keyType, certificate, keys.getPrivate());
    }

    private static KeyPair generateKeyPair(KeyType keyType) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(keyType.keyAlgorithm);
            switch (keyType) {
                case ECDSA_P256 -> generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
                case RSA_2048 -> generator.initialize(new RSAKeyGenParameterSpec(2048, RSAKeyGenParameterSpec.F4), RANDOM);
                default -> throw new AssertionError(keyType);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot generate a " + keyType + " key", e);
        }
    }

    /** The key algorithm of this certificate. */
    public KeyType keyType() {
        return keyType;
    }

    /**
     * When the certificate expires: its notAfter time (W3C WebRTC §4.10 {@code expires}). X.509
     * times have whole seconds, so this is the requested expiry rounded down to a second.
     */
    public Instant expires() {
        return certificate.getNotAfter().toInstant();
    }

    /** Whether the certificate has expired now. W3C WebRTC: an expired certificate cannot be used for a new transport. */
    public boolean isExpired() {
        return isExpired(Instant.now());
    }

    /** Whether the certificate has expired at {@code now}, that is {@code now} is after {@link #expires()}. */
    public boolean isExpired(Instant now) {
        // RFC 5280 §4.1.2.5: the validity period is "the period of time from notBefore through notAfter, inclusive".
        return now.isAfter(expires());
    }

    /**
     * The fingerprints to signal for this certificate (W3C WebRTC §4.10 {@code getFingerprints()}):
     * first the SHA-256 one, which every WebRTC endpoint supports; for an imported certificate
     * signed with SHA-1, SHA-384 or SHA-512 also the one with that hash, as W3C asks. A generated
     * certificate, signed with SHA-256, has just the one.
     */
    public List<RTCDtlsFingerprint> getFingerprints() {
        return fingerprints;
    }

    /**
     * This certificate's fingerprint with another hash function.
     *
     * @param algorithm {@code sha-1}, {@code sha-256}, {@code sha-384} or {@code sha-512}, in any case
     * @throws IllegalArgumentException for another algorithm
     */
    public RTCDtlsFingerprint fingerprint(String algorithm) {
        return fingerprintOf(algorithm, encoded);
    }

    /**
     * The fingerprint of any DER certificate, for example one a peer presented.
     *
     * @param algorithm {@code sha-1}, {@code sha-256}, {@code sha-384} or {@code sha-512}, in any case
     * @throws IllegalArgumentException for another algorithm
     */
    public static RTCDtlsFingerprint fingerprintOf(String algorithm, byte[] derCertificate) {
        Objects.requireNonNull(derCertificate, "derCertificate");
        FingerprintAlgorithm hash = FingerprintAlgorithm.byName(algorithm)
                .orElseThrow(() -> new IllegalArgumentException("unsupported fingerprint algorithm: " + algorithm
                        + " (supported: sha-1, sha-256, sha-384, sha-512)"));
        return new RTCDtlsFingerprint(hash.textualName(), hash.fingerprint(derCertificate));
    }

    /**
     * Whether {@code derCertificate} has the {@code expected} fingerprint: the certificate is hashed
     * with the expected fingerprint's algorithm and the hashes are compared in constant time.
     * False, not an exception, for an algorithm this library does not support, so that a peer's
     * unknown fingerprint simply does not match.
     */
    public static boolean matches(RTCDtlsFingerprint expected, byte[] derCertificate) {
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(derCertificate, "derCertificate");
        Optional<FingerprintAlgorithm> hash = FingerprintAlgorithm.byName(expected.algorithm());
        Optional<byte[]> expectedHash = FingerprintAlgorithm.parse(expected.value());
        if (hash.isEmpty() || expectedHash.isEmpty() || expectedHash.get().length != hash.get().length()) {
            return false;
        }
        // Constant time for equal lengths, so that timing does not tell an attacker how much of a
        // forged certificate's hash is right.
        return MessageDigest.isEqual(hash.get().digest(derCertificate), expectedHash.get());
    }

    /** The X.509 certificate. */
    public X509Certificate certificate() {
        return certificate;
    }

    /** The certificate's DER encoding (a copy). */
    public byte[] encoded() {
        return encoded.clone();
    }

    /** The private key that belongs to the certificate. Keep it secret. */
    public PrivateKey privateKey() {
        return privateKey;
    }

    /**
     * The certificate and its private key as PEM text (RFC 7468): a {@code CERTIFICATE} block,
     * then an unencrypted PKCS#8 {@code PRIVATE KEY} block. The text holds the private key: store
     * it where only the application can read it.
     */
    public String toPem() {
        return PemCodec.write(encoded, privateKey);
    }

    /**
     * Reads a certificate and its private key from PEM text: one {@code CERTIFICATE} block and one
     * unencrypted {@code PRIVATE KEY} (PKCS#8), {@code EC PRIVATE KEY} (RFC 5915) or
     * {@code RSA PRIVATE KEY} (PKCS#1) block, in any order, as {@link #toPem()} or OpenSSL writes
     * them. The key must be ECDSA on P-256 or RSA with a 2048-bit modulus. An expired certificate
     * is read; {@link #isExpired()} tells.
     *
     * @throws IllegalArgumentException with a message that says what is wrong, when the text is
     *     not such PEM, the key type is not supported, or the key does not belong to the certificate
     */
    public static RTCCertificate fromPem(String pem) {
        PemCodec.Entry entry = PemCodec.read(pem);
        KeyType keyType = keyTypeOf(entry.certificate().getPublicKey());
        requireKeyPair(keyType, entry.certificate().getPublicKey(), entry.privateKey());
        return new RTCCertificate(keyType, entry.certificate(), entry.privateKey());
    }

    private static KeyType keyTypeOf(PublicKey publicKey) {
        if (publicKey instanceof ECPublicKey ec) {
            if (!sameCurve(ec.getParams(), P256)) {
                throw new IllegalArgumentException("unsupported elliptic curve in the certificate; only P-256 is supported");
            }
            return KeyType.ECDSA_P256;
        }
        if (publicKey instanceof RSAPublicKey rsa) {
            int bits = rsa.getModulus().bitLength();
            if (bits != 2048) {
                throw new IllegalArgumentException("unsupported RSA key size " + bits + " in the certificate; only 2048"
                        + " bits are supported");
            }
            return KeyType.RSA_2048;
        }
        throw new IllegalArgumentException("unsupported certificate key algorithm " + publicKey.getAlgorithm()
                + "; only ECDSA P-256 and RSA 2048 are supported");
    }

    /**
     * Checks that the private key belongs to the certificate by signing a random challenge with it
     * and verifying the signature with the certificate's public key: this works for every key
     * type and needs no arithmetic of our own.
     */
    private static void requireKeyPair(KeyType keyType, PublicKey publicKey, PrivateKey privateKey) {
        if (!keyType.keyAlgorithm.equals(privateKey.getAlgorithm())) {
            throw new IllegalArgumentException("the private key (" + privateKey.getAlgorithm()
                    + ") does not match the certificate (" + keyType + ")");
        }
        byte[] challenge = new byte[32];
        RANDOM.nextBytes(challenge);
        boolean verified;
        try {
            Signature signer = Signature.getInstance(keyType.signatureAlgorithm);
            signer.initSign(privateKey, RANDOM);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(keyType.signatureAlgorithm);
            verifier.initVerify(publicKey);
            verifier.update(challenge);
            verified = verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("the private key does not match the certificate: " + e.getMessage(), e);
        }
        if (!verified) {
            throw new IllegalArgumentException("the private key does not match the certificate's public key");
        }
    }

    private static boolean sameCurve(ECParameterSpec a, ECParameterSpec b) {
        return a.getCurve().equals(b.getCurve()) && a.getGenerator().equals(b.getGenerator())
                && a.getOrder().equals(b.getOrder()) && a.getCofactor() == b.getCofactor();
    }

    private static ECParameterSpec namedCurve(String name) {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec(name));
            return parameters.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The key type, SHA-256 fingerprint and expiry; never the key. */
    @Override
    public String toString() {
        return "RTCCertificate[" + keyType + ", sha-256 " + fingerprints.get(0).value() + ", expires " + expires() + "]";
    }
}
