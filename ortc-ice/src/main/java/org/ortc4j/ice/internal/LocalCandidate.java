package org.ortc4j.ice.internal;

import java.util.Objects;
import org.ortc4j.ice.RTCIceCandidate;

/**
 * A gathered candidate with the base it sends from. Server-reflexive candidates carry their host
 * socket's base: the agent pairs the base, not the reflexive address (RFC 8445 §6.1.2.4).
 */
public record LocalCandidate(RTCIceCandidate candidate, CandidateBase base) {

    public LocalCandidate {
        Objects.requireNonNull(candidate, "candidate");
        Objects.requireNonNull(base, "base");
    }
}
