package org.ortc4j.ice;

import java.util.Objects;

/**
 * A local and a remote candidate that ICE checks and may select (W3C WebRTC dictionary
 * {@code RTCIceCandidatePair}, §5.6; RFC 8445 §6.1.2).
 */
public record RTCIceCandidatePair(RTCIceCandidate local, RTCIceCandidate remote) {

    public RTCIceCandidatePair {
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(remote, "remote");
    }
}
