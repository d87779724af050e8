package org.ortc4j.dtls.internal;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.ortc4j.srtp.DtlsSrtpKeys;
import org.ortc4j.srtp.SrtpProfile;

/**
 * What a handshake learned, written by the client or server on the handshake thread and read on
 * the loop after the handshake returns (the hop to the loop orders the two). Alerts received
 * later, on the loop, go to the alert listener.
 */
public final class DtlsHandshakeOutcome {

    private volatile List<byte[]> remoteCertificates = List.of();
    private volatile SrtpProfile srtpProfile;
    private volatile DtlsSrtpKeys srtpKeys;
    private volatile int minProtectedFragment = DtlsRecordFraming.MIN_PROTECTED_FRAGMENT;
    private volatile Consumer<Short> alertListener = description -> { };

    /** The peer's certificate chain (DER) as received; empty until the peer sent it. */
    public List<byte[]> remoteCertificates() {
        return remoteCertificates;
    }

    void remoteCertificates(List<byte[]> chain) {
        this.remoteCertificates = List.copyOf(chain);
    }

    /** The negotiated use_srtp profile, if both sides offered one in common. */
    public Optional<SrtpProfile> srtpProfile() {
        return Optional.ofNullable(srtpProfile);
    }

    void srtpProfile(SrtpProfile profile) {
        this.srtpProfile = profile;
    }

    /** The SRTP master keys exported at the end of the handshake (RFC 5764 §4.2). */
    public Optional<DtlsSrtpKeys> srtpKeys() {
        return Optional.ofNullable(srtpKeys);
    }

    void srtpKeys(DtlsSrtpKeys keys) {
        this.srtpKeys = keys;
    }

    /** The shortest protected record fragment the negotiated cipher suite can produce. */
    public int minProtectedFragment() {
        return minProtectedFragment;
    }

    void cipherSuite(int cipherSuite) {
        boolean chacha = cipherSuite == org.bouncycastle.tls.CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256
                || cipherSuite == org.bouncycastle.tls.CipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256;
        this.minProtectedFragment = chacha ? DtlsRecordFraming.MIN_PROTECTED_FRAGMENT : DtlsRecordFraming.MIN_AES_GCM_FRAGMENT;
    }

    /** Sets who hears the description of each alert received (close_notify, fatal alerts). */
    public void onAlertReceived(Consumer<Short> listener) {
        this.alertListener = listener;
    }

    void alertReceived(short description) {
        alertListener.accept(description);
    }
}
