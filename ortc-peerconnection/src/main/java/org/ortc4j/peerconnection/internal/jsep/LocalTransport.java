package org.ortc4j.peerconnection.internal.jsep;

import java.util.List;
import java.util.Objects;
import org.ortc4j.dtls.RTCDtlsFingerprint;
import org.ortc4j.ice.RTCIceParameters;
import org.ortc4j.sdp.CandidateAttribute;

/**
 * What a description says about one of our transports: ICE credentials and candidates, DTLS
 * certificate fingerprints.
 *
 * @param ice our ICE ufrag and pwd
 * @param candidates the candidates gathered so far (all of them in non-trickle use)
 * @param endOfCandidates whether gathering is complete (a=end-of-candidates, RFC 8840 §8.2)
 * @param fingerprints our certificates' fingerprints (RFC 8122 §5)
 */
public record LocalTransport(RTCIceParameters ice, List<CandidateAttribute> candidates, boolean endOfCandidates,
        List<RTCDtlsFingerprint> fingerprints) {

    /** Checks and copies. */
    public LocalTransport {
        Objects.requireNonNull(ice, "ice");
        candidates = List.copyOf(candidates);
        fingerprints = List.copyOf(fingerprints);
        if (fingerprints.isEmpty()) {
            // RFC 8827 §6.5: media is always DTLS-SRTP, so every description needs a fingerprint.
            throw new IllegalArgumentException("a transport needs at least one DTLS fingerprint");
        }
    }

    /** A transport before candidates are gathered. */
    public static LocalTransport of(RTCIceParameters ice, List<RTCDtlsFingerprint> fingerprints) {
        return new LocalTransport(ice, List.of(), false, fingerprints);
    }
}
