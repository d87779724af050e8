package org.ortc4j.sctp.internal.control;

/**
 * Congestion control of one SCTP path (RFC 9260 §7.2) and the peer's receive window as the
 * sender sees it (§6.1, §6.2.1): cwnd, ssthresh, partial_bytes_acked, Fast Recovery, and whether
 * new DATA may be sent now. Pure state: the association feeds it SACK outcomes, timeouts and
 * sends, and asks {@link #maySendNewData}. Byte counts are DATA chunk sizes as the caller counts
 * them for the flight size.
 */
public final class CongestionController {

    private final int mtu;
    private long cwnd;
    private long ssthresh;
    private long partialBytesAcked;
    private long peerRwnd;
    private boolean inFastRecovery;
    private long fastRecoveryExitTsn;
    private long minRttNanos = -1;
    private long minRttStampNanos;
    private long srttNanos = -1;
    private long growthHeldBySacks;

    /**
     * The queueing delay (smoothed RTT above the smallest RTT seen) that cwnd may build at
     * least; above {@code max(min RTT, this)} it stops growing. 20 ms is small next to RTO.Min
     * (400 ms for WebRTC), so the receiving side has to slow down twentyfold before a full queue
     * outlasts the RTO; on a path whose own round trip is longer, the allowance is that round trip,
     * so cwnd can still reach twice the path's bandwidth-delay product.
     */
    static final long QUEUE_DELAY_ALLOWANCE_NANOS = 20_000_000L;

    /** The window, in MTUs, below which cwnd grows whatever the round trip (see queueTooLong). */
    static final int GROWTH_HOLD_MIN_MTUS = 16;
    /** How long the smallest RTT is kept (BBR's min_rtt filter window). */
    static final long MIN_RTT_WINDOW_NANOS = 10_000_000_000L;

    /**
     * A controller at the start of an association.
     *
     * @param mtu the path MTU in bytes
     * @param peerInitialRwnd the a_rwnd from the peer's INIT or INIT ACK
     */
    public CongestionController(int mtu, long peerInitialRwnd) {
        if (mtu <= 0 || peerInitialRwnd < 0) {
            throw new IllegalArgumentException("mtu " + mtu + ", rwnd " + peerInitialRwnd);
        }
        this.mtu = mtu;
        // RFC 9260 §7.2.1: "The initial cwnd before data transmission MUST be set to
        // min(4 * MTU, max (2 * MTU, 4404 bytes))."
        this.cwnd = Math.min(4L * mtu, Math.max(2L * mtu, 4404));
        // §7.2.1: "The initial value of ssthresh SHOULD be arbitrarily high (e.g., the size of the
        // largest possible advertised window)."
        this.ssthresh = peerInitialRwnd;
        // §6.2.1 A: "At the establishment of the association, the endpoint initializes the rwnd
        // to the Advertised Receiver Window Credit (a_rwnd) the peer specified in the INIT or
        // INIT ACK chunk."
        this.peerRwnd = peerInitialRwnd;
    }

    /** The congestion window in bytes. */
    public long cwnd() {
        return cwnd;
    }

    /** The slow-start threshold in bytes. */
    public long ssthresh() {
        return ssthresh;
    }

    /** partial_bytes_acked of §7.2.2. */
    public long partialBytesAcked() {
        return partialBytesAcked;
    }

    /** The peer's receive window as the sender currently estimates it. */
    public long peerRwnd() {
        return peerRwnd;
    }

    /** Whether the sender is in Fast Recovery (§7.2.4). */
    public boolean inFastRecovery() {
        return inFastRecovery;
    }

    /** The smallest RTT measured so far, or -1 before the first. */
    public long minRttNanos() {
        return minRttNanos;
    }

    /** How many SACKs would have grown cwnd but did not, because the queueing delay was too high. */
    public long growthHeldBySacks() {
        return growthHeldBySacks;
    }

    /**
     * An RTT measurement was made (§6.3.1), before the SACK that carried it is given to
     * {@link #onSack}.
     *
     * @param rttNanos the sample
     * @param smoothedRttNanos SRTT after the sample
     * @param nowNanos when it was made, on the association's clock
     */
    public void onRttMeasurement(long rttNanos, long smoothedRttNanos, long nowNanos) {
        if (rttNanos < 0) {
            return;
        }
        // The smallest RTT of the last 10 s, as BBR's min_rtt filter keeps it (a new minimum, or
        // the current sample once the minimum is 10 s old): a move to a longer path (an ICE
        // pair change, a relay) is learnt within 10 s instead of holding cwnd for ever; under a
        // standing queue the minimum rises at most once per 10 s, which keeps the queue growing
        // slowly enough for the RTO to follow it.
        if (minRttNanos < 0 || rttNanos <= minRttNanos || nowNanos - minRttStampNanos > MIN_RTT_WINDOW_NANOS) {
            minRttNanos = rttNanos;
            minRttStampNanos = nowNanos;
        }
        srttNanos = smoothedRttNanos;
    }

    /**
     * Whether the flight already waits in a queue for longer than this controller lets cwnd build:
     * SRTT above {@code minRtt + max(minRtt, 20 ms)}, with cwnd at 16 MTUs or more.
     *
     * <p>RFC 9260 §7.2.1 and §7.2.2 say when cwnd may grow (at most), not that it must. On a path
     * without loss, nothing else ever stops the growth before the peer's receive window (5 MiB
     * from Chromium and from us): the flight beyond the path's bandwidth-delay product waits in
     * the receiving socket and loop, the round trip grows with it, and once the receiver is
     * slower for a moment the oldest chunk's SACK comes later than the RTO and T3-rtx fires though
     * nothing was lost (§6.3.3 then sets cwnd to one MTU and doubles the RTO). Holding cwnd while
     * the smoothed round trip is well above the smallest one (the delay signal of HyStart, RFC
     * 9406, and of LEDBAT, RFC 6817) keeps that queue short. This never makes cwnd larger than
     * the RFC allows, and losses still reduce it as §7.2.3 says. The smallest RTT is that of the
     * last 10 s (see {@link #onRttMeasurement}).
     */
    boolean queueTooLong() {
        // Below 16 MTUs (Linux's hystart_low_window) the window is never held: after a T3-rtx
        // timeout cwnd is one MTU and SRTT, fed only by chunks sent once (Karn), may still carry
        // the delays of the lossy episode; holding a small window then would starve the
        // association, and a queue of 16 packets cannot outlast the RTO.
        if (cwnd < GROWTH_HOLD_MIN_MTUS * mtu || minRttNanos < 0 || srttNanos < 0) {
            return false;
        }
        return srttNanos - minRttNanos > Math.max(minRttNanos, QUEUE_DELAY_ALLOWANCE_NANOS);
    }

    /** The path MTU this controller counts in. */
    public int mtu() {
        return mtu;
    }

    /**
     * Whether a new DATA chunk of {@code chunkBytes} may be sent now (not retransmissions, which
     * the caller limits by {@link #cwnd()} alone, §6.1 C).
     *
     * @param flightSize the bytes outstanding before this chunk
     */
    public boolean maySendNewData(int chunkBytes, long flightSize) {
        // RFC 9260 §6.1 B: "At any given time, the sender MUST NOT transmit new data to a given
        // transport address if it has cwnd + (PMTU - 1) or more bytes of data outstanding to that
        // transport address. If data is available, the sender SHOULD exceed cwnd by up to
        // (PMTU - 1) bytes on a new data transmission if the flight size does not currently reach
        // cwnd." Per chunk: a chunk may start while the flight is below cwnd, and the flight
        // after it stays below cwnd + PMTU.
        if (flightSize >= cwnd || flightSize + chunkBytes > cwnd + mtu - 1) {
            return false;
        }
        // §6.1 A: "the data sender MUST NOT transmit new data to any destination transport address
        // if its peer's rwnd indicates that the peer has no buffer space (i.e., rwnd is smaller
        // than the size of the DATA chunk). However, regardless of the value of rwnd (including if
        // it is 0), the data sender can always have one DATA chunk in flight to the receiver if
        // allowed by cwnd (see rule B, below)." This is the zero window probe.
        return flightSize == 0 || chunkBytes <= peerRwnd;
    }

    /** A DATA chunk of {@code chunkBytes} was sent or retransmitted. */
    public void onDataSent(int chunkBytes) {
        // §6.2.1 B: "Any time a DATA chunk is transmitted (or retransmitted) to a peer, the
        // endpoint subtracts the data size of the chunk from the rwnd of that peer."
        peerRwnd = Math.max(0, peerRwnd - chunkBytes);
    }

    /**
     * A SACK was processed (not one dropped as stale).
     *
     * @param cumulativeTsnAck the SACK's Cumulative TSN Ack (32-bit)
     * @param cumulativeAdvanced whether it advanced the Cumulative TSN Ack Point
     * @param newlyAckedBytes bytes of chunks acknowledged for the first time, by the cumulative
     *     ack or by gap blocks
     * @param flightSizeBefore the flight size before this SACK
     * @param flightSizeAfter the flight size after it
     * @param advertisedRwnd the SACK's a_rwnd
     */
    public void onSack(long cumulativeTsnAck, boolean cumulativeAdvanced, long newlyAckedBytes,
            long flightSizeBefore, long flightSizeAfter, long advertisedRwnd) {
        // §6.2.1 D ii: "Set rwnd equal to the newly received a_rwnd minus the number of bytes
        // still outstanding after processing the Cumulative TSN Ack and the Gap Ack Blocks."
        peerRwnd = Math.max(0, advertisedRwnd - flightSizeAfter);
        // §7.2.4: "When a SACK acknowledges all TSNs up to and including this exit point, Fast
        // Recovery is exited."
        if (inFastRecovery && cumulativeAdvanced
                && (int) ((cumulativeTsnAck - fastRecoveryExitTsn) & Tsn.MASK) >= 0) {
            inFastRecovery = false;
        }
        if (cwnd <= ssthresh) {
            // §7.2.1: "an SCTP endpoint MUST use the slow-start algorithm to increase cwnd only if
            // the current congestion window is being fully utilized, and an incoming SACK advances
            // the Cumulative TSN Ack Point, and the data sender is not in Fast Recovery. ... cwnd
            // MUST be increased by, at most, the lesser of (1) the total size of the previously
            // outstanding DATA chunk(s) acknowledged and (2) L times the destination's path MTU."
            // With L = 1.
            if (flightSizeBefore >= cwnd && cumulativeAdvanced && !inFastRecovery) {
                if (queueTooLong()) {
                    // The queue is long already: leave slow start here, as HyStart (RFC 9406
                    // §4.2) does when the round trip rises, and stop growing (queueTooLong()).
                    ssthresh = Math.max(cwnd - 1, 2L * mtu);
                    growthHeldBySacks++;
                } else {
                    cwnd += Math.min(newlyAckedBytes, mtu);
                }
            }
        } else {
            // §7.2.2: "Whenever cwnd is greater than ssthresh, upon each SACK arrival, increase
            // partial_bytes_acked by the total number of bytes of all new chunks acknowledged in
            // that SACK, including chunks acknowledged by the new Cumulative TSN Ack, by Gap Ack
            // Blocks, and by the number of bytes of duplicated chunks reported in Duplicate TSNs."
            // (Duplicates are not new chunks; the caller's newlyAckedBytes leaves them out.)
            partialBytesAcked += newlyAckedBytes;
            if (partialBytesAcked >= cwnd && flightSizeBefore >= cwnd && cumulativeAdvanced
                    && !inFastRecovery) {
                // "When partial_bytes_acked is greater than or equal to cwnd and before the
                // arrival of the SACK the sender had cwnd or more bytes of data outstanding ...,
                // partial_bytes_acked is reset to (partial_bytes_acked - cwnd). Next, cwnd is
                // increased by MTU" (L times MTU in RFC 9260, L = 1).
                partialBytesAcked -= cwnd;
                if (queueTooLong()) {
                    growthHeldBySacks++;
                } else {
                    cwnd += mtu;
                }
            } else if (partialBytesAcked > cwnd && flightSizeBefore < cwnd) {
                // "When partial_bytes_acked is greater than cwnd and before the arrival of the
                // SACK the sender had less than cwnd bytes of data outstanding ..., reset
                // partial_bytes_acked to cwnd."
                partialBytesAcked = cwnd;
            }
        }
        if (flightSizeAfter == 0) {
            // §7.2.2: "When all of the data transmitted by the sender has been acknowledged by
            // the receiver, partial_bytes_acked is initialized to 0."
            partialBytesAcked = 0;
        }
    }

    /** The T3-rtx timer expired (§7.2.3); Fast Recovery, if any, ends. */
    public void onT3RtxTimeout() {
        // §7.2.3: "When the T3-rtx timer expires on an address, SCTP SHOULD perform slow start by:
        // ssthresh = max(cwnd/2, 4*MTU), cwnd = 1*MTU" and partial_bytes_acked = 0.
        ssthresh = Math.max(cwnd / 2, 4L * mtu);
        cwnd = mtu;
        partialBytesAcked = 0;
        inFastRecovery = false;
    }

    /**
     * Fast retransmit was triggered (§7.2.4). Outside Fast Recovery this halves the window and
     * enters Fast Recovery until {@code highestOutstandingTsn} is acknowledged; inside it nothing
     * changes.
     *
     * @return whether the window was reduced (Fast Recovery entered)
     */
    public boolean onFastRetransmit(long highestOutstandingTsn) {
        // §7.2.4 rule 2: "If not in Fast Recovery, adjust the ssthresh and cwnd of the destination
        // address(es) to which the missing DATA chunks were last sent, according to the formula
        // described in Section 7.2.3." ... "enter Fast Recovery and mark the highest outstanding
        // TSN as the Fast Recovery exit point."
        if (inFastRecovery) {
            return false;
        }
        // §7.2.3: "ssthresh = max(cwnd/2, 4*MTU), cwnd = ssthresh, partial_bytes_acked = 0"
        ssthresh = Math.max(cwnd / 2, 4L * mtu);
        cwnd = ssthresh;
        partialBytesAcked = 0;
        inFastRecovery = true;
        fastRecoveryExitTsn = highestOutstandingTsn & Tsn.MASK;
        return true;
    }

    /**
     * One RTO passed with no DATA sent on the path: the window decays (§7.2.1). The association
     * calls this once per RTO of idleness.
     */
    public void onIdleRto() {
        // §7.2.1: "When the endpoint does not transmit data on a given transport address, the cwnd
        // of the transport address SHOULD be adjusted to max(cwnd/2, 4*MTU) per RTO." The rule
        // decays the window; below 4*MTU (after a T3-rtx timeout) it must not grow it.
        cwnd = Math.min(cwnd, Math.max(cwnd / 2, 4L * mtu));
    }
}
