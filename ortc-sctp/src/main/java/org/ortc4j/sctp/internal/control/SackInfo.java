package org.ortc4j.sctp.internal.control;

import java.util.List;

/**
 * The content of a SACK chunk (RFC 9260 §3.3.4) as the receiver decided it; the codec turns it
 * into bytes.
 *
 * @param cumulativeTsnAck the Cumulative TSN Ack (32-bit)
 * @param advertisedRwnd a_rwnd in bytes
 * @param gapAckBlocks gap blocks, lowest first
 * @param duplicateTsns TSNs received more than once since the last SACK (32-bit)
 */
public record SackInfo(long cumulativeTsnAck, long advertisedRwnd, List<GapAckBlock> gapAckBlocks,
        List<Long> duplicateTsns) {

    /** Copies the lists. */
    public SackInfo {
        gapAckBlocks = List.copyOf(gapAckBlocks);
        duplicateTsns = List.copyOf(duplicateTsns);
    }
}
