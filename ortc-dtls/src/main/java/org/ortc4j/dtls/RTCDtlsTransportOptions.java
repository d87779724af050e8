package org.ortc4j.dtls;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.ortc4j.srtp.SrtpProfile;

/**
 * Knobs of an {@link RTCDtlsTransport} that the W3C and ORTC APIs leave to the implementation (a
 * Pion-style setting object, so that {@code RTCDtlsParameters} stays as the standards define it).
 *
 * @param initialRetransmitTimeout the first handshake retransmission timer (RFC 6347 §4.2.4.1);
 *     it doubles on each retransmission up to 60 s. The default, 100 ms, is below the 1 s that
 *     RFC 6347 §4.2.4.1 suggests: a WebRTC handshake starts only after ICE has connected, so the
 *     path is known to work and its round trip is usually well under 100 ms, and one lost flight
 *     then costs 100 ms instead of a second. A spurious retransmission on a slower path costs a
 *     duplicate flight, and the doubling stops it after a few rounds. libwebrtc does the same: it
 *     takes its initial DTLS timeout from the ICE round-trip estimate, clamped to 50 ms–3 s.
 * @param handshakeTimeout how long the whole handshake may take before the transport fails
 * @param mtu the largest datagram the transport sends (handshake messages are fragmented to it,
 *     RFC 6347 §4.2.3); 1200 keeps a DTLS datagram inside every IPv6 path with room for TURN
 * @param srtpProfiles the DTLS-SRTP protection profiles to offer or accept, most preferred first
 *     (RFC 5764 §4.1.1); empty for a transport that carries only data channels
 */
public record RTCDtlsTransportOptions(Duration initialRetransmitTimeout, Duration handshakeTimeout, int mtu,
        List<SrtpProfile> srtpProfiles) {

    /** The smallest MTU accepted: a DTLS record header, a handshake header and some payload. */
    public static final int MIN_MTU = 256;

    /** The largest MTU accepted: a UDP payload over IPv4. */
    public static final int MAX_MTU = 65507;

    public RTCDtlsTransportOptions {
        Objects.requireNonNull(initialRetransmitTimeout, "initialRetransmitTimeout");
        Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
        srtpProfiles = List.copyOf(srtpProfiles);
        if (initialRetransmitTimeout.toMillis() < 1 || initialRetransmitTimeout.toMillis() > 60_000) {
            throw new IllegalArgumentException("initialRetransmitTimeout must be 1 ms to 60 s: " + initialRetransmitTimeout);
        }
        if (handshakeTimeout.toMillis() < 1 || handshakeTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("handshakeTimeout must be positive: " + handshakeTimeout);
        }
        if (mtu < MIN_MTU || mtu > MAX_MTU) {
            throw new IllegalArgumentException("mtu must be " + MIN_MTU + " to " + MAX_MTU + ": " + mtu);
        }
        for (SrtpProfile profile : srtpProfiles) {
            if (profile.protectionProfileId().isEmpty()) {
                throw new IllegalArgumentException(profile + " has no DTLS-SRTP protection profile id");
            }
        }
        if (srtpProfiles.stream().distinct().count() != srtpProfiles.size()) {
            throw new IllegalArgumentException("srtpProfiles lists a profile twice: " + srtpProfiles);
        }
    }

    /**
     * 100 ms initial retransmission, 30 s handshake timeout, MTU 1200, and the SRTP profiles
     * AEAD_AES_128_GCM, AEAD_AES_256_GCM, AES_CM_128_HMAC_SHA1_80, AES_CM_128_HMAC_SHA1_32 in
     * that order (the AEAD profiles of RFC 7714 first, as Chromium prefers them).
     */
    public static RTCDtlsTransportOptions defaults() {
        return new RTCDtlsTransportOptions(Duration.ofMillis(100), Duration.ofSeconds(30), 1200,
                List.of(SrtpProfile.AEAD_AES_128_GCM, SrtpProfile.AEAD_AES_256_GCM,
                        SrtpProfile.AES_CM_128_HMAC_SHA1_80, SrtpProfile.AES_CM_128_HMAC_SHA1_32));
    }

    /** These options with other SRTP profiles. */
    public RTCDtlsTransportOptions withSrtpProfiles(List<SrtpProfile> profiles) {
        return new RTCDtlsTransportOptions(initialRetransmitTimeout, handshakeTimeout, mtu, profiles);
    }
}
