package org.ortc4j.ice.internal.agent;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The timing and limits of an {@link IceAgent}.
 *
 * @param ta the pacing interval: one check, ordinary or triggered, every Ta. RFC 8445 §14.2:
 *     "Ta ... SHOULD be configurable and SHOULD have a default of 50 ms"
 * @param maxCheckListSize RFC 8445 §6.1.2.5: "The default limit SHOULD be 100"; lower-priority
 *     pairs beyond it are dropped
 * @param checkRto the floor of a check's initial retransmission timeout. RFC 8445 §14.3: "RTO =
 *     MAX (500ms, Ta * (Num-Waiting + Num-In-Progress))"
 * @param checkTransmissions how many times a check is sent before it is given up (the STUN Rc
 *     for checks). RFC 8489's 7 makes a lost pair fail only after 39.5 s; with 4 transmissions
 *     (0, 0.5, 1.5, 3.5 s) and a final wait of {@code checkFinalWait} × RTO a check fails after
 *     about 5 s, as libwebrtc's
 * @param checkFinalWait the STUN Rm for checks: the last transmission waits this many RTOs
 * @param consentInterval RFC 7675 §5.1: "the basic period ... SHOULD be 5 seconds"; each wait is
 *     randomised between 0.8 and 1.2 times it
 * @param consentTimeout RFC 7675 §5.1: "Consent expires after 30 seconds"
 * @param disconnectedTimeout how long a request on the selected pair may stay unanswered before
 *     the state becomes disconnected; a pair silent for half of it gets a request at once, so a
 *     vanished peer is disconnected at most 1.5 times it after it was last heard. 3 s: with an
 *     RTO of 500 ms that is three transmissions (0, 0.5, 1.5 s) plus time for the last answer;
 *     libwebrtc's receiving timeout is 2.5 s and the W3C only asks for "liveness checks have
 *     failed" without a number
 * @param nominationDelay how long the controlling agent waits, after its first valid pair, for
 *     higher-priority pairs still being checked before it nominates the best valid pair anyway
 * @param random the source of the tie-breaker and the consent jitter
 * @param nomination how the controlling agent nominates
 */
public record IceAgentConfig(Duration ta, int maxCheckListSize, Duration checkRto, int checkTransmissions,
        int checkFinalWait, Duration consentInterval, Duration consentTimeout, Duration disconnectedTimeout,
        Duration nominationDelay, RandomGenerator random, NominationMode nomination) {

    public IceAgentConfig {
        requirePositive(ta, "ta");
        requirePositive(checkRto, "checkRto");
        requirePositive(consentInterval, "consentInterval");
        requirePositive(consentTimeout, "consentTimeout");
        requirePositive(disconnectedTimeout, "disconnectedTimeout");
        Objects.requireNonNull(nominationDelay, "nominationDelay");
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(nomination, "nomination");
        if (maxCheckListSize < 1) {
            throw new IllegalArgumentException("maxCheckListSize must be at least 1: " + maxCheckListSize);
        }
        if (checkTransmissions < 1) {
            throw new IllegalArgumentException("checkTransmissions must be at least 1: " + checkTransmissions);
        }
        if (checkFinalWait < 1) {
            throw new IllegalArgumentException("checkFinalWait must be at least 1: " + checkFinalWait);
        }
    }

    /** Ta 50 ms, 100 pairs, RTO 500 ms, 4 transmissions, consent 5 s/30 s, disconnected 3 s, regular nomination. */
    public static IceAgentConfig defaults() {
        return new IceAgentConfig(Duration.ofMillis(50), 100, Duration.ofMillis(500), 4, 3, Duration.ofSeconds(5),
                Duration.ofSeconds(30), Duration.ofSeconds(3), Duration.ofMillis(500), new SecureRandom(),
                NominationMode.REGULAR);
    }

    /** A copy with another random source (tests pass a seeded one). */
    public IceAgentConfig withRandom(RandomGenerator random) {
        return new IceAgentConfig(ta, maxCheckListSize, checkRto, checkTransmissions, checkFinalWait, consentInterval,
                consentTimeout, disconnectedTimeout, nominationDelay, random, nomination);
    }

    /** A copy with another nomination mode. */
    public IceAgentConfig withNomination(NominationMode nomination) {
        return new IceAgentConfig(ta, maxCheckListSize, checkRto, checkTransmissions, checkFinalWait, consentInterval,
                consentTimeout, disconnectedTimeout, nominationDelay, random, nomination);
    }

    /**
     * A copy whose consent expires after {@code timeout} instead (RFC 7675 §5.1's 30 s is the
     * default; a test or an application that must free a vanished peer's resources sooner picks
     * less). The consent period and the disconnected timeout keep their ratio to it when they
     * would otherwise not fit: the period is at most {@code timeout / 6} (5 s of 30 s), so six
     * requests fit in one timeout, and the disconnected timeout at most {@code timeout / 2}, so
     * {@code disconnected} comes before {@code failed}. A longer timeout leaves both as they are.
     */
    public IceAgentConfig withConsentTimeout(Duration timeout) {
        requirePositive(timeout, "consentTimeout");
        Duration period = min(consentInterval, timeout.dividedBy(6));
        Duration disconnected = min(disconnectedTimeout, timeout.dividedBy(2));
        return new IceAgentConfig(ta, maxCheckListSize, checkRto, checkTransmissions, checkFinalWait, period,
                timeout, disconnected, nominationDelay, random, nomination);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** A copy with another check list size limit. */
    public IceAgentConfig withMaxCheckListSize(int maxCheckListSize) {
        return new IceAgentConfig(ta, maxCheckListSize, checkRto, checkTransmissions, checkFinalWait, consentInterval,
                consentTimeout, disconnectedTimeout, nominationDelay, random, nomination);
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
    }
}
