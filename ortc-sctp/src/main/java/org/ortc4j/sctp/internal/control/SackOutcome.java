package org.ortc4j.sctp.internal.control;

import java.util.List;

/**
 * What processing one SACK did on the sender side, for the congestion controller, the RTO
 * estimator and the T3-rtx timer.
 *
 * @param stale the SACK was dropped (§6.2.1 D i: its Cumulative TSN Ack is behind, or it acks
 *     TSNs never sent); the other fields are then zero
 * @param cumulativeAdvanced whether the Cumulative TSN Ack Point moved
 * @param earliestOutstandingAcked whether the lowest outstanding TSN was acknowledged (§6.3.2
 *     R3: restart T3-rtx)
 * @param newlyAckedBytes bytes acknowledged for the first time (cumulative and gap blocks)
 * @param flightSizeBefore flight size before the SACK
 * @param flightSizeAfter flight size after it
 * @param rttNanos an RTT sample from a newly acknowledged chunk sent once, or -1
 * @param fastRetransmitTsns TSNs newly marked for fast retransmission (§7.2.4), lowest first
 * @param highestOutstandingTsn the highest TSN sent (the Fast Recovery exit point)
 */
public record SackOutcome(boolean stale, boolean cumulativeAdvanced, boolean earliestOutstandingAcked,
        long newlyAckedBytes, long flightSizeBefore, long flightSizeAfter, long rttNanos,
        List<Long> fastRetransmitTsns, long highestOutstandingTsn) {

    /** Copies the list. */
    public SackOutcome {
        fastRetransmitTsns = List.copyOf(fastRetransmitTsns);
    }
}
