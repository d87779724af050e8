package org.ortc4j.dtls.internal.cert;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Builds the self-signed X.509 v3 certificate a WebRTC endpoint presents in DTLS: nobody checks
 * a chain, the peer only compares its fingerprint with the signalled one (RFC 8122 §5), so the
 * certificate carries a random serial and a random name and nothing else. Signing uses the JDK's
 * providers through Bouncy Castle's builder; no Bouncy Castle JCA provider is registered.
 */
public final class SelfSignedCertificate {

    private SelfSignedCertificate() {
    }

    /**
     * Signs a certificate for {@code keys} valid from {@code notBefore} to {@code notAfter}.
     *
     * @param signatureAlgorithm the JCA signature name, {@code SHA256withECDSA} or {@code SHA256withRSA}
     */
    public static X509Certificate create(KeyPair keys, String signatureAlgorithm, Instant notBefore, Instant notAfter,
            SecureRandom random) {
        X500Name name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, randomCommonName(random)).build();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                name, randomSerial(random), Date.from(notBefore), Date.from(notAfter), name, keys.getPublic());
        try {
            ContentSigner signer = new JcaContentSignerBuilder(signatureAlgorithm).setSecureRandom(random)
                    .build(keys.getPrivate());
            X509CertificateHolder holder = builder.build(signer);
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (OperatorCreationException | CertificateException e) {
            throw new IllegalStateException("could not sign a " + signatureAlgorithm + " certificate", e);
        }
    }

    /**
     * A random positive serial of 64 bits, as browsers use: RFC 5280 §4.1.2.2 "The serial number
     * MUST be a positive integer".
     */
    private static BigInteger randomSerial(SecureRandom random) {
        BigInteger serial;
        do {
            serial = new BigInteger(64, random);
        } while (serial.signum() == 0);
        return serial;
    }

    /** A random common name, so that the name says nothing about who made the certificate. */
    private static String randomCommonName(SecureRandom random) {
        byte[] bytes = new byte[8];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
