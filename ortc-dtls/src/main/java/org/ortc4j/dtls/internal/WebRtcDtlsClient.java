package org.ortc4j.dtls.internal;

import java.io.IOException;
import java.util.Hashtable;
import org.bouncycastle.tls.AlertLevel;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsUtils;
import org.ortc4j.srtp.DtlsSrtpKeys;
import org.ortc4j.srtp.SrtpProfile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DTLS 1.2 client side of a WebRTC transport: offers the WebRTC cipher suites and use_srtp,
 * requires the extended master secret, checks the server's certificate against the signalled
 * fingerprints and answers the server's certificate request with our certificate.
 */
public final class WebRtcDtlsClient extends DefaultTlsClient {

    private static final Logger LOG = LoggerFactory.getLogger(WebRtcDtlsClient.class);

    private final DtlsPeerSettings settings;
    private final DtlsHandshakeOutcome outcome;

    public WebRtcDtlsClient(DtlsPeerSettings settings, DtlsHandshakeOutcome outcome) {
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
        return TlsUtils.getSupportedCipherSuites(getCrypto(), DtlsCipherSuites.client());
    }

    /**
     * RFC 7627 §5.2: "If a client receives a ServerHello without the extension, it SHOULD abort
     * the handshake if it does not wish to interoperate with legacy servers." WebRTC peers all
     * send it.
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
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Hashtable getClientExtensions() throws IOException {
        Hashtable extensions = TlsExtensions.copy(super.getClientExtensions());
        if (!settings.srtpProfiles().isEmpty()) {
            TlsSRTPUtils.addUseSRTPExtension(extensions, SrtpNegotiation.offer(settings.srtpProfiles()));
        }
        return extensions;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public void processServerExtensions(Hashtable serverExtensions) throws IOException {
        super.processServerExtensions(serverExtensions);
        if (serverExtensions != null && !settings.srtpProfiles().isEmpty()) {
            SrtpNegotiation.accept(settings.srtpProfiles(), TlsSRTPUtils.getUseSRTPExtension(serverExtensions))
                    .ifPresent(outcome::srtpProfile);
        }
    }

    @Override
    public TlsAuthentication getAuthentication() {
        return new TlsAuthentication() {
            @Override
            public void notifyServerCertificate(TlsServerCertificate serverCertificate) throws IOException {
                outcome.remoteCertificates(RemoteCertificateCheck.verify(
                        serverCertificate == null ? null : serverCertificate.getCertificate(),
                        settings.remoteFingerprints()));
            }

            @Override
            public TlsCredentials getClientCredentials(CertificateRequest request) throws IOException {
                return DtlsCredentials.signer(context, settings.certificate(), request.getSupportedSignatureAlgorithms());
            }
        };
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
        super.notifyHandshakeComplete();
        exportSrtpKeys(context, outcome);
    }

    @Override
    public void notifyAlertReceived(short alertLevel, short alertDescription) {
        LOG.debug("DTLS client received alert {} {}", alertLevel, alertDescription);
        outcome.alertReceived(alertDescription);
    }

    @Override
    public void notifyAlertRaised(short alertLevel, short alertDescription, String message, Throwable cause) {
        if (alertLevel == AlertLevel.fatal) {
            LOG.debug("DTLS client raised fatal alert {}: {}", alertDescription, message, cause);
        }
    }

    /**
     * Notes the cipher suite, and exports the SRTP keys. RFC 5764 §4.2: the keys come from the exporter with the label "EXTRACTOR-dtls_srtp" and no
     * context (DEPENDENCIES.md: BC gives other bytes for an empty context than for none).
     */
    static void exportSrtpKeys(org.bouncycastle.tls.TlsContext context, DtlsHandshakeOutcome outcome) {
        outcome.cipherSuite(context.getSecurityParametersConnection().getCipherSuite());
        SrtpProfile profile = outcome.srtpProfile().orElse(null);
        if (profile == null) {
            return;
        }
        byte[] material = context.exportKeyingMaterial("EXTRACTOR-dtls_srtp", null,
                DtlsSrtpKeys.keyingMaterialLength(profile));
        outcome.srtpKeys(DtlsSrtpKeys.fromKeyingMaterial(profile, material));
    }
}
