package org.ortc4j.sctp.internal.association;

/**
 * Counters and current values of one association, for tests and {@code RTCStats}.
 *
 * @param packetsSent SCTP packets handed to the sink
 * @param packetsReceived SCTP packets received (valid or not)
 * @param droppedBadChecksum packets dropped for a wrong CRC32c (RFC 9260 §6.8)
 * @param droppedBadVerificationTag packets dropped for a wrong verification tag (RFC 9260 §8.5)
 * @param droppedMalformed packets or chunks dropped as malformed
 * @param droppedOutOfTheBlue out-of-the-blue packets (RFC 9260 §8.4)
 * @param dataChunksSent DATA chunks sent for the first time
 * @param dataChunksRetransmitted DATA chunks sent again
 * @param fastRetransmits fast retransmissions (RFC 9260 §7.2.4)
 * @param t3Expirations T3-rtx expirations (RFC 9260 §6.3.3)
 * @param dataChunksReceived DATA chunks received (duplicates included)
 * @param messagesDelivered user messages handed to the listener
 * @param srttNanos the smoothed RTT, or -1 before the first measurement
 * @param rtoNanos the current RTO
 * @param cwnd the congestion window in bytes (0 before the handshake)
 * @param peerRwnd the peer's receive window as we estimate it
 * @param localRwnd the receive window we advertise
 * @param minRttNanos the smallest RTT measured, or -1 before the first measurement
 * @param cwndGrowthHeld SACKs that would have grown cwnd but did not because the queueing delay
 *     (SRTT above the smallest RTT) was too long ({@code CongestionController.queueTooLong})
 */
public record AssociationStats(
        long packetsSent,
        long packetsReceived,
        long droppedBadChecksum,
        long droppedBadVerificationTag,
        long droppedMalformed,
        long droppedOutOfTheBlue,
        long dataChunksSent,
        long dataChunksRetransmitted,
        long fastRetransmits,
        long t3Expirations,
        long dataChunksReceived,
        long messagesDelivered,
        long srttNanos,
        long rtoNanos,
        long cwnd,
        long peerRwnd,
        long localRwnd,
        long minRttNanos,
        long cwndGrowthHeld) {}
