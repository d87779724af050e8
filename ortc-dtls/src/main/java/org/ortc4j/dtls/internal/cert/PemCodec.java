package org.ortc4j.dtls.internal.cert;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Writes a certificate and its private key as PEM (RFC 7468: {@code CERTIFICATE}, then PKCS#8
 * {@code PRIVATE KEY}) and reads them back, also from OpenSSL's traditional {@code EC PRIVATE KEY}
 * (RFC 5915) and {@code RSA PRIVATE KEY} (PKCS#1) blocks. Every failure to read is an
 * {@link IllegalArgumentException} that says what is wrong with the text.
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
     * and {@code EC PARAMETERS} blocks are ignored.
     *
     * @throws IllegalArgumentException when the text is not PEM, a block does not decode, the key
     *     is encrypted, or there is not exactly one certificate and one key
     */
    public static Entry read(String pem) {
        if (pem == null) {
            throw new IllegalArgumentException("PEM text is null");
        }
        List<X509CertificateHolder> certificates = new ArrayList<>();
        List<PrivateKey> keys = new ArrayList<>();
        for (Object object : readObjects(pem)) {
            if (object instanceof X509CertificateHolder certificate) {
                certificates.add(certificate);
            } else if (object instanceof PrivateKeyInfo || object instanceof PEMKeyPair) {
                keys.add(toPrivateKey(object));
            } else if (object instanceof PEMEncryptedKeyPair || object instanceof PKCS8EncryptedPrivateKeyInfo) {
                throw new IllegalArgumentException("the PEM private key is encrypted; give an unencrypted key");
            } else if (!(object instanceof ASN1ObjectIdentifier)) {
                // An ASN1ObjectIdentifier is OpenSSL's "EC PARAMETERS" block: the curve, also named in the key.
                throw new IllegalArgumentException("unexpected PEM block holding a " + object.getClass().getSimpleName()
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
        try {
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(certificates.get(0));
            return new Entry(certificate, keys.get(0));
        } catch (CertificateException e) {
            throw new IllegalArgumentException("malformed certificate in the PEM text: " + e.getMessage(), e);
        }
    }

    /** The objects of all PEM blocks in the text, in order. */
    private static List<Object> readObjects(String pem) {
        List<Object> objects = new ArrayList<>();
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object object;
            while ((object = parser.readObject()) != null) {
                objects.add(object);
            }
        } catch (IOException | RuntimeException e) {
            // Bouncy Castle reports a missing END line as an IOException, bad base64 as a
            // DecoderException and truncated DER as an IOException or IllegalArgumentException.
            throw new IllegalArgumentException("malformed PEM: " + e.getMessage(), e);
        }
        return objects;
    }

    private static PrivateKey toPrivateKey(Object keyObject) {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        try {
            return keyObject instanceof PEMKeyPair pair
                    ? converter.getKeyPair(pair).getPrivate()
                    : converter.getPrivateKey((PrivateKeyInfo) keyObject);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("malformed private key in the PEM text: " + e.getMessage(), e);
        }
    }
}
