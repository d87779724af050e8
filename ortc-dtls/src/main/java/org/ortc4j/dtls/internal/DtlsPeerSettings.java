package org.ortc4j.dtls.internal;

import java.util.List;
import java.util.Objects;
import org.ortc4j.dtls.RTCCertificate;
import org.ortc4j.dtls.RTCDtlsFingerprint;
import org.ortc4j.srtp.SrtpProfile;

/**
 * What a DTLS client or server of a transport needs: our certificate, the fingerprints the peer
 * signalled, the SRTP profiles in preference order and the timers, in milliseconds as Bouncy
 * Castle takes them.
 */
public record DtlsPeerSettings(RTCCertificate certificate, List<RTCDtlsFingerprint> remoteFingerprints,
        List<SrtpProfile> srtpProfiles, int handshakeTimeoutMillis, int initialResendMillis) {

    public DtlsPeerSettings {
        Objects.requireNonNull(certificate, "certificate");
        remoteFingerprints = List.copyOf(remoteFingerprints);
        srtpProfiles = List.copyOf(srtpProfiles);
    }
}
