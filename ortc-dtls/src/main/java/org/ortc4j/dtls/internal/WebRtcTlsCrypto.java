package org.ortc4j.dtls.internal;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import org.bouncycastle.jcajce.util.JcaJceHelper;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.EncryptionAlgorithm;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.SignatureScheme;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.crypto.TlsCipher;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.TlsAEADCipher;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCryptoProvider;

/**
 * Bouncy Castle's JCA crypto over the JDK's providers (AES-GCM with AES-NI, ECDHE, ECDSA, RSA),
 * with the record ciphers straight on the JDK's AEAD ciphers ({@link JdkAesGcm},
 * {@link JdkChaCha20Poly1305}). Public only for the benchmarks; the package is not exported.
 */
public final class WebRtcTlsCrypto extends JcaTlsCrypto {

    private static final boolean CHACHA = JdkChaCha20Poly1305.isAvailable();

    private WebRtcTlsCrypto(JcaJceHelper helper, JcaJceHelper altHelper, SecureRandom keyRandom,
            SecureRandom nonceRandom) {
        super(helper, altHelper, keyRandom, nonceRandom);
    }

    /** A crypto with the JDK's default providers and a fresh {@link SecureRandom}. */
    public static JcaTlsCrypto create() {
        return new JcaTlsCryptoProvider() {
            @Override
            public JcaTlsCrypto create(SecureRandom keyRandom, SecureRandom nonceRandom) {
                return new WebRtcTlsCrypto(getHelper(), getAltHelper(), keyRandom, nonceRandom);
            }
        }.create(new SecureRandom());
    }

    // RSA-PSS: JcaTlsCrypto says it can, then asks the JDK for "SHA256WITHRSAANDMGF1", a name
    // the JDK's providers do not have (they know "RSASSA-PSS"), and the handshake dies with
    // internal_error when a peer such as openssl 3 picks PSS. Not offering it makes peers sign
    // with rsa_pkcs1_sha256, which every browser accepts (RFC 5246 §7.4.1.4.1 lets each side
    // list what it verifies).
    @Override
    public boolean hasSignatureAlgorithm(short signatureAlgorithm) {
        return !isRsaPss(signatureAlgorithm) && super.hasSignatureAlgorithm(signatureAlgorithm);
    }

    @Override
    public boolean hasSignatureAndHashAlgorithm(SignatureAndHashAlgorithm algorithm) {
        return !isRsaPss(algorithm.getSignature()) && super.hasSignatureAndHashAlgorithm(algorithm);
    }

    @Override
    public boolean hasSignatureScheme(int signatureScheme) {
        return !SignatureScheme.isRSAPSS(signatureScheme) && super.hasSignatureScheme(signatureScheme);
    }

    private static boolean isRsaPss(short signatureAlgorithm) {
        return signatureAlgorithm == SignatureAlgorithm.rsa_pss_rsae_sha256
                || signatureAlgorithm == SignatureAlgorithm.rsa_pss_rsae_sha384
                || signatureAlgorithm == SignatureAlgorithm.rsa_pss_rsae_sha512
                || signatureAlgorithm == SignatureAlgorithm.rsa_pss_pss_sha256
                || signatureAlgorithm == SignatureAlgorithm.rsa_pss_pss_sha384
                || signatureAlgorithm == SignatureAlgorithm.rsa_pss_pss_sha512;
    }

    @Override
    public boolean hasEncryptionAlgorithm(int encryptionAlgorithm) {
        if (encryptionAlgorithm == EncryptionAlgorithm.CHACHA20_POLY1305) {
            return CHACHA;
        }
        return super.hasEncryptionAlgorithm(encryptionAlgorithm);
    }

    @Override
    public TlsCipher createCipher(TlsCryptoParameters cryptoParams, int encryptionAlgorithm, int macAlgorithm)
            throws IOException {
        try {
            switch (encryptionAlgorithm) {
                case EncryptionAlgorithm.CHACHA20_POLY1305:
                    // RFC 7905 §2: a 256-bit key and a 16-byte tag; the record nonce is the IV XOR
                    // the sequence number, which TlsAEADCipher builds for AEAD_CHACHA20_POLY1305.
                    return new TlsAEADCipher(cryptoParams, new JdkChaCha20Poly1305(true),
                            new JdkChaCha20Poly1305(false), 32, JdkAeadCipher.TAG_LENGTH,
                            TlsAEADCipher.AEAD_CHACHA20_POLY1305);
                case EncryptionAlgorithm.AES_128_GCM:
                case EncryptionAlgorithm.AES_256_GCM:
                    // RFC 5288 §3: 128- or 256-bit keys, a 16-byte tag, a 4-byte implicit salt and
                    // an 8-byte explicit nonce per record, which TlsAEADCipher builds for AEAD_GCM.
                    return new TlsAEADCipher(cryptoParams, new JdkAesGcm(true), new JdkAesGcm(false),
                            encryptionAlgorithm == EncryptionAlgorithm.AES_128_GCM ? 16 : 32,
                            JdkAeadCipher.TAG_LENGTH, TlsAEADCipher.AEAD_GCM);
                default:
                    return super.createCipher(cryptoParams, encryptionAlgorithm, macAlgorithm);
            }
        } catch (GeneralSecurityException e) {
            throw new TlsFatalAlert(AlertDescription.internal_error, e);
        }
    }
}
