package org.ortc4j.sctp.internal.control;

import java.time.Duration;

/**
 * The retransmission timeout of one SCTP path (RFC 9260 §6.3.1, computed as in RFC 6298): SRTT,
 * RTTVAR and RTO from RTT measurements, with exponential backoff on T3-rtx expiry (§6.3.3 E2).
 * Pure state with no clock: the caller measures RTTs on its scheduler and passes them in.
 */
public final class RtoEstimator {

    /**
     * Protocol parameters (RFC 9260 §16).
     *
     * @param initial RTO.Initial, used until the first measurement
     * @param min RTO.Min
     * @param max RTO.Max
     * @param clockGranularity G, the clock granularity of §6.3.1 C3
     */
    public record Config(Duration initial, Duration min, Duration max, Duration clockGranularity) {

        /** Checks the durations are positive and ordered min &lt;= initial &lt;= max. */
        public Config {
            if (initial.isNegative() || initial.isZero() || min.isNegative() || min.isZero()
                    || clockGranularity.isNegative()) {
                throw new IllegalArgumentException("RTO durations must be positive: " + this);
            }
            if (min.compareTo(max) > 0 || initial.compareTo(max) > 0) {
                throw new IllegalArgumentException("need min <= max and initial <= max: " + this);
            }
        }

        /** RFC 9260 §16: RTO.Initial 1 s, RTO.Min 1 s, RTO.Max 60 s; G 1 ms. */
        public static Config rfc9260() {
            return new Config(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(60),
                    Duration.ofMillis(1));
        }

        /**
         * The default for WebRTC data channels, as Chromium's dcsctp: RTO.Initial 500 ms, RTO.Min
         * 400 ms, RTO.Max 60 s. The RFC's 1 s minimum makes every loss on a LAN cost a second;
         * 400 ms stays above the peer's delayed-SACK timer (200 ms at most, §6.2), so a delayed
         * SACK does not cause a spurious timeout.
         */
        public static Config webrtc() {
            return new Config(Duration.ofMillis(500), Duration.ofMillis(400), Duration.ofSeconds(60),
                    Duration.ofMillis(1));
        }
    }

    private final long minNanos;
    private final long maxNanos;
    private final long granularityNanos;
    private long srttNanos = -1;
    private long rttvarNanos;
    private long rtoNanos;

    /** An estimator at RTO.Initial with no measurement yet. */
    public RtoEstimator(Config config) {
        this.minNanos = config.min().toNanos();
        this.maxNanos = config.max().toNanos();
        this.granularityNanos = config.clockGranularity().toNanos();
        // RFC 9260 §6.3.1 C1: "Until an RTT measurement has been made for a packet sent to the
        // given destination transport address, set RTO to the protocol parameter 'RTO.Initial'."
        this.rtoNanos = config.initial().toNanos();
    }

    /** The current RTO, including any backoff. */
    public Duration rto() {
        return Duration.ofNanos(rtoNanos);
    }

    /** The current RTO in nanoseconds. */
    public long rtoNanos() {
        return rtoNanos;
    }

    /** SRTT, or empty before the first measurement. */
    public java.util.Optional<Duration> srtt() {
        return srttNanos < 0 ? java.util.Optional.empty() : java.util.Optional.of(Duration.ofNanos(srttNanos));
    }

    /** RTTVAR (zero before the first measurement). */
    public Duration rttvar() {
        return Duration.ofNanos(rttvarNanos);
    }

    /**
     * Adds one RTT measurement and recomputes RTO, which also ends any backoff.
     *
     * @param rttNanos the measured round trip
     * @param fromRetransmittedChunk whether the measured chunk had been retransmitted; such
     *     samples are ignored (Karn's rule)
     * @return whether the sample was used
     */
    public boolean onRttMeasurement(long rttNanos, boolean fromRetransmittedChunk) {
        // RFC 9260 §6.3.1 C5: "Karn's algorithm: RTT measurements MUST NOT be made using packets
        // that were retransmitted (and thus for which it is ambiguous whether the reply was for
        // the first instance of the chunk or for a later instance)."
        if (fromRetransmittedChunk || rttNanos < 0) {
            return false;
        }
        if (srttNanos < 0) {
            // C2: "When the first RTT measurement R is made, set SRTT <- R, RTTVAR <- R/2, and
            // RTO <- SRTT + 4 * RTTVAR."
            srttNanos = rttNanos;
            rttvarNanos = rttNanos / 2;
        } else {
            // C3: "RTTVAR <- (1 - RTO.Beta) * RTTVAR + RTO.Beta * |SRTT - R'|
            //      SRTT <- (1 - RTO.Alpha) * SRTT + RTO.Alpha * R'" with Alpha 1/8, Beta 1/4;
            // RTTVAR first, with the old SRTT.
            rttvarNanos = rttvarNanos - rttvarNanos / 4 + Math.abs(srttNanos - rttNanos) / 4;
            srttNanos = srttNanos - srttNanos / 8 + rttNanos / 8;
        }
        // C3: "After the computation, update RTO <- SRTT + 4 * RTTVAR"; with the clock
        // granularity G as in RFC 6298 (2.3): "RTO <- SRTT + max (G, K*RTTVAR)".
        long rto = srttNanos + Math.max(granularityNanos, 4 * rttvarNanos);
        rtoNanos = clamp(rto);
        return true;
    }

    /**
     * T3-rtx expired: doubles RTO, up to RTO.Max. The next measurement recomputes RTO from SRTT
     * and RTTVAR, which ends the backoff.
     */
    public void backOff() {
        // RFC 9260 §6.3.3 E2: "For the destination address for which the timer expires, set RTO
        // <- RTO * 2 ("back off the timer"). The maximum value discussed in rule C7 above
        // (RTO.max) MAY be used to provide an upper bound to this doubling operation."
        rtoNanos = Math.min(maxNanos, rtoNanos > maxNanos / 2 ? maxNanos : rtoNanos * 2);
    }

    private long clamp(long rto) {
        // C6: "Whenever RTO is computed, if it is less than RTO.Min seconds, then it is rounded up
        // to RTO.Min seconds." C7: "A maximum value MAY be placed on RTO provided it is at least
        // RTO.max seconds."
        return Math.max(minNanos, Math.min(maxNanos, rto));
    }
}
