package org.ortc4j.dtls.internal;

import java.io.IOException;
import java.util.Hashtable;
import java.util.Optional;
import org.bouncycastle.tls.AlertLevel;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.ClientCertificateType;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsUtils;
import org.ortc4j.srtp.SrtpProfile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DTLS 1.2 server side of a WebRTC transport: the cipher suites our certificate can sign for,
 * the extended master secret required, use_srtp by our preference, and a certificate request
 * whose answer must match the signalled fingerprints. Not final only so that tests can narrow
 * the cipher suites.
 */
public class WebRtcDtlsServer extends DefaultTlsServer {

    private static final Logger LOG = LoggerFactory.getLogger(WebRtcDtlsServer.class);

    private final DtlsPeerSettings settings;
    private final DtlsHandshakeOutcome outcome;

    public WebRtcDtlsServer(DtlsPeerSettings settings, DtlsHandshakeOutcome outcome) {
        super(DtlsCredentials.crypto());
        this.settings = settings;
        this.outcome = outcome;
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        return ProtocolVersion.DTLSv12.only();
    }

    @Override
    protected int[] getSupportedCipherSuites() {
        return TlsUtils.getSupportedCipherSuites(getCrypto(),
                DtlsCipherSuites.server(DtlsCredentials.signatureAlgorithm(settings.certificate())));
    }

    /**
     * RFC 7627 §5.2: "If the server receives a ClientHello without the extension, it SHOULD abort
     * the handshake if it does not wish to interoperate with legacy clients."
     */
    @Override
    public boolean requiresExtendedMasterSecret() {
        return true;
    }

    @Override
    public int getHandshakeTimeoutMillis() {
        return settings.handshakeTimeoutMillis();
    }

    @Override
    public int getHandshakeResendTimeMillis() {
        return settings.initialResendMillis();
    }

    @Override
    @SuppressWarnings("rawtypes")
    public void processClientExtensions(Hashtable clientExtensions) throws IOException {
        super.processClientExtensions(clientExtensions);
        if (clientExtensions != null) {
            Optional<SrtpProfile> chosen = SrtpNegotiation.select(settings.srtpProfiles(),
                    TlsSRTPUtils.getUseSRTPExtension(clientExtensions));
            chosen.ifPresent(outcome::srtpProfile);
        }
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Hashtable getServerExtensions() throws IOException {
        Hashtable extensions = TlsExtensions.copy(super.getServerExtensions());
        Optional<SrtpProfile> chosen = outcome.srtpProfile();
        if (chosen.isPresent()) {
            TlsSRTPUtils.addUseSRTPExtension(extensions, SrtpNegotiation.answer(chosen.get()));
        }
        return extensions;
    }

    /** Mutual authentication: WebRTC identifies both sides by their certificates' fingerprints. */
    @Override
    public CertificateRequest getCertificateRequest() {
        short[] types = {ClientCertificateType.ecdsa_sign, ClientCertificateType.rsa_sign};
        return new CertificateRequest(types, TlsUtils.getDefaultSupportedSignatureAlgorithms(context), null);
    }

    @Override
    public void notifyClientCertificate(Certificate clientCertificate) throws IOException {
        outcome.remoteCertificates(RemoteCertificateCheck.verify(clientCertificate, settings.remoteFingerprints()));
    }

    @Override
    protected TlsCredentialedSigner getECDSASignerCredentials() throws IOException {
        return signer();
    }

    @Override
    protected TlsCredentialedSigner getRSASignerCredentials() throws IOException {
        return signer();
    }

    private TlsCredentialedSigner signer() throws IOException {
        return DtlsCredentials.signer(context, settings.certificate(),
                context.getSecurityParametersHandshake().getClientSigAlgs());
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
        super.notifyHandshakeComplete();
        WebRtcDtlsClient.exportSrtpKeys(context, outcome);
    }

    @Override
    public void notifyAlertReceived(short alertLevel, short alertDescription) {
        LOG.debug("DTLS server received alert {} {}", alertLevel, alertDescription);
        outcome.alertReceived(alertDescription);
    }

    @Override
    public void notifyAlertRaised(short alertLevel, short alertDescription, String message, Throwable cause) {
        if (alertLevel == AlertLevel.fatal) {
            LOG.debug("DTLS server raised fatal alert {}: {}", alertDescription, message, cause);
        }
    }
}
