package org.ortc4j.dtls.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.ortc4j.dtls.RTCCertificate;
import org.ortc4j.dtls.RTCDtlsFingerprint;

/**
 * Checks the peer's certificate against the fingerprints it signalled. Bouncy Castle validates no
 * chain (DEPENDENCIES.md), and WebRTC certificates are self-signed anyway: the fingerprint is the
 * whole authentication.
 */
public final class RemoteCertificateCheck {

    private RemoteCertificateCheck() {
    }

    /**
     * The chain as DER, if its leaf matches one of {@code signalled}, each compared with its own
     * hash algorithm ({@link RTCCertificate#matches}: a value of another length or an unknown
     * algorithm never matches).
     *
     * <p>RFC 8122 §5: "the certificate presented during the TLS handshake MUST match the
     * fingerprint exchanged via the signaling path in the SDP". An empty chain is refused, as
     * WebRTC authenticates both sides by their fingerprints (Bouncy Castle alone would accept a
     * client that sends no certificate).
     *
     * @throws TlsFatalAlert handshake_failure for an empty chain, bad_certificate for a mismatch
     */
    public static List<byte[]> verify(Certificate chain, List<RTCDtlsFingerprint> signalled) throws IOException {
        if (chain == null || chain.isEmpty()) {
            throw new TlsFatalAlert(AlertDescription.handshake_failure, "the peer sent no certificate");
        }
        List<byte[]> der = new ArrayList<>();
        for (TlsCertificate certificate : chain.getCertificateList()) {
            der.add(certificate.getEncoded());
        }
        byte[] leaf = der.get(0);
        for (RTCDtlsFingerprint fingerprint : signalled) {
            if (RTCCertificate.matches(fingerprint, leaf)) {
                return der;
            }
        }
        throw new TlsFatalAlert(AlertDescription.bad_certificate,
                "the peer's certificate matches none of the signalled fingerprints");
    }
}
