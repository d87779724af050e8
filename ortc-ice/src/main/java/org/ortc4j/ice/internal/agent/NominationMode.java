package org.ortc4j.ice.internal.agent;

/** How the controlling agent nominates. */
public enum NominationMode {
    /**
     * RFC 8445 §8.1.1: once a valid pair exists the controlling agent picks the best one and
     * re-checks it with USE-CANDIDATE.
     */
    REGULAR,

    /**
     * USE-CANDIDATE on every check, as RFC 5245 allowed and older browsers do; the first pair that
     * succeeds is selected, a better one later replaces it. A controlled agent always accepts
     * this from its peer, whatever its own mode.
     */
    AGGRESSIVE
}
