package org.ortc4j.dtls.internal;

import java.io.IOException;
import java.util.Vector;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;
import org.ortc4j.dtls.RTCCertificate;

/**
 * Our certificate as Bouncy Castle credentials, with the JDK's crypto ({@link JcaTlsCrypto}, as
 * DEPENDENCIES.md asks: BC's lightweight AES would cap record throughput; ChaCha20-Poly1305 also
 * from the JDK, see {@link JdkChaCha20Poly1305}).
 */
public final class DtlsCredentials {

    private static final JcaTlsCrypto CRYPTO = WebRtcTlsCrypto.create();

    private DtlsCredentials() {
    }

    /** The JDK-backed crypto every transport's DTLS uses (thread-safe; shared). */
    public static JcaTlsCrypto crypto() {
        return CRYPTO;
    }

    /** The TLS signature algorithm of {@code certificate}'s key: ecdsa or rsa. */
    public static short signatureAlgorithm(RTCCertificate certificate) {
        return certificate.keyType() == RTCCertificate.KeyType.RSA_2048 ? SignatureAlgorithm.rsa : SignatureAlgorithm.ecdsa;
    }

    /**
     * A signer for {@code certificate} with a signature and hash the peer accepts: SHA-256 when
     * the peer lists it (every browser does), otherwise the first the peer lists for our key.
     * RFC 5246 §7.4.1.4.1: without a signature_algorithms list the default is the key's algorithm
     * with SHA-1.
     *
     * @return null if the peer accepts no signature our key can make
     */
    public static TlsCredentialedSigner signer(TlsContext context, RTCCertificate certificate,
            Vector<?> peerSignatureAlgorithms) throws IOException {
        short signature = signatureAlgorithm(certificate);
        SignatureAndHashAlgorithm chosen = null;
        if (peerSignatureAlgorithms == null) {
            chosen = TlsUtils.getDefaultSignatureAlgorithm(signature);
        } else {
            for (Object element : peerSignatureAlgorithms) {
                SignatureAndHashAlgorithm candidate = (SignatureAndHashAlgorithm) element;
                if (candidate.getSignature() != signature) {
                    continue;
                }
                if (candidate.getHash() == HashAlgorithm.sha256) {
                    chosen = candidate;
                    break;
                }
                if (chosen == null) {
                    chosen = candidate;
                }
            }
        }
        if (chosen == null) {
            return null;
        }
        TlsCertificate tlsCertificate = CRYPTO.createCertificate(certificate.encoded());
        return new JcaDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), CRYPTO,
                certificate.privateKey(), new Certificate(new TlsCertificate[] {tlsCertificate}), chosen);
    }
}
