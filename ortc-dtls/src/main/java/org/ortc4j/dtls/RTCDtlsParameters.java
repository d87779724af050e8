package org.ortc4j.dtls;

import java.util.List;
import java.util.Objects;

/**
 * What one side tells the other for DTLS (ORTC §5.6 {@code RTCDtlsParameters}): its role and
 * the fingerprints of its certificates.
 */
public record RTCDtlsParameters(RTCDtlsRole role, List<RTCDtlsFingerprint> fingerprints) {

    public RTCDtlsParameters {
        Objects.requireNonNull(role, "role");
        fingerprints = List.copyOf(fingerprints);
        if (fingerprints.isEmpty()) {
            throw new IllegalArgumentException("DTLS parameters need at least one fingerprint");
        }
    }
}
