package org.ortc4j.sctp.internal.control;

import java.time.Duration;

/**
 * The partial reliability of a message (RFC 3758 §4; the WebRTC maxRetransmits and
 * maxPacketLifeTime of RFC 8831 §6.1).
 *
 * @param maxRetransmits how many times a chunk may be retransmitted, or -1 for no limit
 * @param lifetimeNanos how long after its first transmission a chunk may still be
 *     retransmitted, or -1 for no limit
 */
public record PrPolicy(int maxRetransmits, long lifetimeNanos) {

    /** Fully reliable. */
    public static final PrPolicy RELIABLE = new PrPolicy(-1, -1);

    /** Checks the values. */
    public PrPolicy {
        if (maxRetransmits < -1 || lifetimeNanos < -1) {
            throw new IllegalArgumentException("bad PR-SCTP policy " + maxRetransmits + ", " + lifetimeNanos);
        }
    }

    /** At most {@code n} retransmissions (0: sent once). */
    public static PrPolicy maxRetransmits(int n) {
        return new PrPolicy(n, -1);
    }

    /** Abandoned once {@code lifetime} has passed since the first transmission. */
    public static PrPolicy lifetime(Duration lifetime) {
        return new PrPolicy(-1, lifetime.toNanos());
    }

    /** Whether nothing is ever abandoned. */
    public boolean reliable() {
        return maxRetransmits < 0 && lifetimeNanos < 0;
    }
}
