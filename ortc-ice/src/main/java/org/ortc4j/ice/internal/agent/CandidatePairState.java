package org.ortc4j.ice.internal.agent;

/** The state of a candidate pair in a check list (RFC 8445 §6.1.2.6). */
public enum CandidatePairState {
    /** "A check has not been sent for this pair, and ... cannot be sent until the pair is unfrozen". */
    FROZEN,
    /** "A check has not been sent for this pair, but the pair is not Frozen." */
    WAITING,
    /** "A check has been sent for this pair, but the transaction is in progress." */
    IN_PROGRESS,
    /** "A check has been sent for this pair, and it produced a successful result." */
    SUCCEEDED,
    /** "A check has been sent for this pair, and it failed (a response ... was not received, or an unrecoverable failure ...)." */
    FAILED
}
