package org.ortc4j.dtls.internal.cert;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * Writes a certificate and its private key as PEM (RFC 7468: {@code CERTIFICATE}, then PKCS#8
 * {@code PRIVATE KEY}) and reads them back, also from OpenSSL's traditional {@code EC PRIVATE KEY}
 * (RFC 5915) and {@code RSA PRIVATE KEY} (PKCS#1) blocks. The JDK parses the certificate and
 * makes the key; Bouncy Castle's ASN.1 classes only rewrap the traditional key forms as PKCS#8.
 * Every failure to read is an {@link IllegalArgumentException} that says what is wrong with the text.
 */
public final class PemCodec {

    /** A certificate and its private key, as read from PEM text. */
    public record Entry(X509Certificate certificate, PrivateKey privateKey) {
    }

    private PemCodec() {
    }

    /** The certificate's PEM block followed by the key's PKCS#8 PEM block. */
    public static String write(byte[] derCertificate, PrivateKey privateKey) {
        byte[] pkcs8 = privateKey.getEncoded();
        if (pkcs8 == null || !"PKCS#8".equals(privateKey.getFormat())) {
            throw new IllegalArgumentException("the private key has no PKCS#8 encoding: " + privateKey.getAlgorithm());
        }
        return block("CERTIFICATE", derCertificate) + block("PRIVATE KEY", pkcs8);
    }

    // RFC 7468 §2: "Generators MUST wrap the base64-encoded lines so that each line consists of
    // exactly 64 characters except for the final line"
    private static String block(String label, byte[] der) {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + base64 + "\n-----END " + label + "-----\n";
    }

    /**
     * Reads exactly one certificate and one private key from PEM text; text outside the blocks
     * and OpenSSL's {@code EC PARAMETERS} blocks are ignored.
     *
     * @throws IllegalArgumentException when the text is not PEM, a block does not decode, the key
     *     is encrypted, or there is not exactly one certificate and one key
     */
    public static Entry read(String pem) {
        if (pem == null) {
            throw new IllegalArgumentException("PEM text is null");
        }
        List<X509Certificate> certificates = new ArrayList<>();
        List<PrivateKey> keys = new ArrayList<>();
        for (PemBlock block : PemBlock.parse(pem)) {
            if (block.encrypted() || block.label().equals("ENCRYPTED PRIVATE KEY")) {
                throw new IllegalArgumentException("the PEM " + block.label() + " is encrypted; give an unencrypted key");
            }
            switch (block.label()) {
                case "CERTIFICATE" -> certificates.add(certificate(block.der()));
                case "PRIVATE KEY" -> keys.add(pkcs8PrivateKey(block.label(), block.der()));
                case "EC PRIVATE KEY" -> keys.add(ecPrivateKey(block.der()));
                case "RSA PRIVATE KEY" -> keys.add(rsaPrivateKey(block.der()));
                case "EC PARAMETERS" -> {
                    // OpenSSL's "ecparam -genkey" writes the curve before the key; the key names it too.
                }
                default -> throw new IllegalArgumentException("unexpected PEM block " + block.label()
                        + "; expected CERTIFICATE and PRIVATE KEY");
            }
        }
        if (certificates.size() != 1) {
            throw new IllegalArgumentException("expected exactly one CERTIFICATE block in the PEM text, found "
                    + certificates.size());
        }
        if (keys.size() != 1) {
            throw new IllegalArgumentException("expected exactly one private key block (PRIVATE KEY, EC PRIVATE KEY or"
                    + " RSA PRIVATE KEY) in the PEM text, found " + keys.size());
        }
        return new Entry(certificates.get(0), keys.get(0));
    }

    private static X509Certificate certificate(byte[] der) {
        try {
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
            if (!Arrays.equals(certificate.getEncoded(), der)) {
                throw new CertificateException("bytes follow the certificate");
            }
            return certificate;
        } catch (CertificateException | RuntimeException e) {
            throw new IllegalArgumentException("malformed PEM: the CERTIFICATE block is not a DER X.509 certificate ("
                    + e.getMessage() + ")", e);
        }
    }

    /** A PKCS#8 PrivateKeyInfo (RFC 5208 §5) holding an EC or RSA key. */
    private static PrivateKey pkcs8PrivateKey(String label, byte[] der) {
        ASN1ObjectIdentifier oid;
        try {
            oid = PrivateKeyInfo.getInstance(der).getPrivateKeyAlgorithm().getAlgorithm();
        } catch (RuntimeException e) {
            // Bouncy Castle's ASN.1 parser reports bad DER with several unchecked exceptions.
            throw malformedKey(label, e);
        }
        String keyAlgorithm;
        if (oid.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
            keyAlgorithm = "EC";
        } else if (oid.equals(PKCSObjectIdentifiers.rsaEncryption)) {
            keyAlgorithm = "RSA";
        } else {
            throw new IllegalArgumentException("unsupported private key algorithm " + oid + " in the " + label
                    + " block; only EC and RSA keys are supported");
        }
        try {
            return KeyFactory.getInstance(keyAlgorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw malformedKey(label, e);
        }
    }

    /** RFC 5915 §3 ECPrivateKey, wrapped into PKCS#8 with the curve it names. */
    private static PrivateKey ecPrivateKey(byte[] der) {
        byte[] pkcs8;
        try {
            ECPrivateKey key = ECPrivateKey.getInstance(der);
            // RFC 5915 §3: "parameters specifies the elliptic curve domain parameters associated to
            // the private key"; without them we cannot know the curve.
            if (key.getParametersObject() == null) {
                throw new IllegalArgumentException("the EC PRIVATE KEY names no curve");
            }
            pkcs8 = new PrivateKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey,
                    key.getParametersObject()), key).getEncoded();
        } catch (IOException | RuntimeException e) {
            throw malformedKey("EC PRIVATE KEY", e);
        }
        return pkcs8PrivateKey("EC PRIVATE KEY", pkcs8);
    }

    /** PKCS#1 RSAPrivateKey (RFC 8017 §A.1.2), wrapped into PKCS#8. */
    private static PrivateKey rsaPrivateKey(byte[] der) {
        byte[] pkcs8;
        try {
            pkcs8 = new PrivateKeyInfo(new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE),
                    RSAPrivateKey.getInstance(der)).getEncoded();
        } catch (IOException | RuntimeException e) {
            throw malformedKey("RSA PRIVATE KEY", e);
        }
        return pkcs8PrivateKey("RSA PRIVATE KEY", pkcs8);
    }

    private static IllegalArgumentException malformedKey(String label, Exception cause) {
        String reason = cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
        return new IllegalArgumentException("malformed PEM: the " + label + " block is not a valid private key ("
                + reason + ")", cause);
    }
}
