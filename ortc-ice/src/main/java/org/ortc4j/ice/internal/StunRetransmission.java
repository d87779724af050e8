package org.ortc4j.ice.internal;

import java.time.Duration;
import java.util.Objects;

/**
 * The timing of a STUN client transaction (RFC 8489 §6.2.1 over UDP, §6.2.2 over TCP/TLS).
 *
 * @param rto the initial retransmission timeout; RFC 8489 §6.2.1: "In fixed-line access links,
 *     a value of 500 ms is RECOMMENDED", while ICE computes its own (RFC 8445 §14.3), so it is a
 *     parameter
 * @param rc the number of transmissions over an unreliable transport; RFC 8489 §6.2.1: "Rc
 *     SHOULD be configurable and SHOULD have a default of 7"
 * @param rm after the last transmission the client waits {@code rm × rto}; RFC 8489 §6.2.1: "Rm
 *     SHOULD be configurable and SHOULD have a default of 16"
 * @param reliable whether the transport is reliable (TCP, TLS): then there is one transmission
 *     and the transaction times out after {@code ti}
 * @param ti the timeout over a reliable transport (RFC 8489 §6.2.2: no STUN-level
 *     retransmission; the transaction times out after Ti, configurable, default 39.5 s)
 */
public record StunRetransmission(Duration rto, int rc, int rm, boolean reliable, Duration ti) {

    /** RFC 8489 §6.2.1 default initial RTO. */
    public static final Duration DEFAULT_RTO = Duration.ofMillis(500);
    /** RFC 8489 §6.2.1 default Rc. */
    public static final int DEFAULT_RC = 7;
    /** RFC 8489 §6.2.1 default Rm. */
    public static final int DEFAULT_RM = 16;
    /** RFC 8489 §6.2.2 default Ti. */
    public static final Duration DEFAULT_TI = Duration.ofMillis(39_500);

    /** The RFC 8489 defaults over UDP: RTO 500 ms, Rc 7, Rm 16. */
    public static final StunRetransmission UDP_DEFAULT =
            new StunRetransmission(DEFAULT_RTO, DEFAULT_RC, DEFAULT_RM, false, DEFAULT_TI);

    /** The RFC 8489 default over TCP or TLS: one transmission, Ti 39.5 s. */
    public static final StunRetransmission RELIABLE_DEFAULT =
            new StunRetransmission(DEFAULT_RTO, DEFAULT_RC, DEFAULT_RM, true, DEFAULT_TI);

    public StunRetransmission {
        Objects.requireNonNull(rto, "rto");
        Objects.requireNonNull(ti, "ti");
        if (rto.isNegative() || rto.isZero()) {
            throw new IllegalArgumentException("rto must be positive: " + rto);
        }
        if (ti.isNegative() || ti.isZero()) {
            throw new IllegalArgumentException("ti must be positive: " + ti);
        }
        if (rc < 1) {
            throw new IllegalArgumentException("rc must be at least 1: " + rc);
        }
        if (rm < 1) {
            throw new IllegalArgumentException("rm must be at least 1: " + rm);
        }
    }

    /** UDP timing with this initial RTO and the default Rc and Rm (ICE passes its RTO here). */
    public static StunRetransmission udp(Duration rto) {
        return new StunRetransmission(rto, DEFAULT_RC, DEFAULT_RM, false, DEFAULT_TI);
    }
}
