package org.ortc4j.rtp.internal.report;

/**
 * What a receiver knows about one remote RTP source for its reception report block (RFC 3550
 * §6.4.1): the extended highest sequence number with its cycles (Appendix A.1), cumulative and
 * fractional loss (A.3) and interarrival jitter (A.8). Used on one thread.
 *
 * <p>A.1's probation of a new source (MIN_SEQUENTIAL) is left out, as libwebrtc leaves it out: the
 * source is already validated by signalling and SRTP. A.1's resynchronization is kept: a jump of
 * more than MAX_DROPOUT is dropped unless the next packet follows it, which then restarts the
 * counts (a sender that restarted its sequence numbers).
 */
public final class ReceptionStatistics {

    private static final int RTP_SEQ_MOD = 1 << 16;
    /** RFC 3550 A.1: "MAX_DROPOUT = 3000". */
    static final int MAX_DROPOUT = 3000;
    /** RFC 3550 A.1: "MAX_MISORDER = 100". */
    static final int MAX_MISORDER = 100;
    /** RFC 3550 §6.4.1: cumulative number of packets lost is a signed 24-bit field. */
    private static final long MAX_CUMULATIVE_LOST = (1L << 23) - 1;
    private static final long MIN_CUMULATIVE_LOST = -(1L << 23);

    private boolean started;
    private int maxSeq;
    private long cycles;
    private int baseSeq;
    private int badSeq = RTP_SEQ_MOD + 1;
    private long received;
    /** How far before base_seq the earliest packet of the stream's start was, 0 to MAX_MISORDER. */
    private int earlierThanBase;
    private long expectedPrior;
    private long receivedPrior;
    private double jitter;
    private boolean haveTransit;
    private long lastTransit;
    private long lastTimestamp;

    /**
     * Counts one arrival.
     *
     * @param sequenceNumber the packet's 16-bit sequence number
     * @param rtpTimestamp the packet's RTP timestamp
     * @param arrivalUnits the arrival time in the units of the packet's RTP clock (any origin), or
     *     {@code Long.MIN_VALUE} when the clock rate is unknown (then jitter is not updated)
     * @return false when A.1 found the packet invalid (a jump it does not follow yet): not counted
     */
    public boolean onPacket(int sequenceNumber, long rtpTimestamp, long arrivalUnits) {
        int seq = sequenceNumber & 0xFFFF;
        boolean newHighest;
        if (!started) {
            initSequence(seq);
            started = true;
            newHighest = true;
        } else {
            // RFC 3550 A.1 update_seq: "uint16_t udelta = seq - s->max_seq;"
            int udelta = (seq - maxSeq) & 0xFFFF;
            if (udelta < MAX_DROPOUT) {
                // "in order, with permissible gap"
                if (seq < maxSeq) {
                    // "Sequence number wrapped - count another 64K cycle."
                    cycles += RTP_SEQ_MOD;
                }
                newHighest = udelta != 0;
                maxSeq = seq;
            } else if (udelta <= RTP_SEQ_MOD - MAX_MISORDER) {
                // "the sequence number made a very large jump"
                if (seq == badSeq) {
                    // "Two sequential packets -- assume that the other side restarted without
                    // telling us so just re-sync (i.e., pretend this was the first packet)."
                    initSequence(seq);
                    haveTransit = false;
                    newHighest = true;
                } else {
                    badSeq = (seq + 1) & (RTP_SEQ_MOD - 1);
                    return false;
                }
            } else {
                // "duplicate or reordered packet"
                newHighest = false;
                // A packet from before the first one to arrive (the network reordered the start
                // of the stream): A.1 takes the first arrival as base_seq and would count this
                // one as received but never as expected, understating the loss. Like libwebrtc,
                // the stream is taken to start at the earliest packet seen.
                int beforeBase = (baseSeq - seq) & 0xFFFF;
                if (beforeBase > 0 && beforeBase < MAX_MISORDER && beforeBase > earlierThanBase) {
                    earlierThanBase = beforeBase;
                }
            }
        }
        // RFC 3550 A.3: "received" counts every valid packet that arrives, duplicates and late
        // ones included, which is why the cumulative loss can go negative.
        received++;
        // RFC 3550 A.8: transit = arrival - r->ts; d = transit - s->transit; s->transit = transit;
        // if (d < 0) d = -d; s->jitter += (1./16.) * ((double)d - s->jitter);
        // As libwebrtc, only packets that advance the sequence with a new timestamp count: a
        // retransmitted or reordered packet, or the next packet of the same frame, says nothing
        // about the network's jitter.
        if (arrivalUnits != Long.MIN_VALUE && newHighest && (!haveTransit || rtpTimestamp != lastTimestamp)) {
            long transit = arrivalUnits - rtpTimestamp;
            if (haveTransit) {
                // Differences in 32-bit arithmetic survive the RTP timestamp wrapping.
                long d = Math.abs((long) (int) (transit - lastTransit));
                jitter += (d - jitter) / 16.0;
            }
            lastTransit = transit;
            lastTimestamp = rtpTimestamp;
            haveTransit = true;
        }
        return true;
    }

    /** RFC 3550 A.1 init_seq. */
    private void initSequence(int seq) {
        baseSeq = seq;
        maxSeq = seq;
        badSeq = RTP_SEQ_MOD + 1;
        cycles = 0;
        received = 0;
        receivedPrior = 0;
        expectedPrior = 0;
        earlierThanBase = 0;
    }

    /** Whether any packet arrived. */
    public boolean started() {
        return started;
    }

    /** Valid packets counted, duplicates included. */
    public long received() {
        return received;
    }

    /**
     * RFC 3550 A.1: the extended highest sequence number received, "cycles" in the high 16 bits,
     * unsigned 32 bits.
     */
    public long extendedHighestSequenceNumber() {
        return (cycles + maxSeq) & 0xFFFF_FFFFL;
    }

    /**
     * RFC 3550 A.3: "extended_max = s->cycles + s->max_seq; expected = extended_max - s->base_seq + 1",
     * with the stream's start moved back to the earliest packet seen.
     */
    public long expected() {
        return started ? cycles + maxSeq - baseSeq + 1 + earlierThanBase : 0;
    }

    /** RFC 3550 A.3: "lost = expected - s->received", which may be negative with duplicates. */
    public long cumulativeLost() {
        return expected() - received;
    }

    /**
     * The cumulative loss as the report block's signed 24-bit field carries it: RFC 3550 A.3
     * "clamp it to 0x7fffff for positive loss or 0x800000 for negative loss".
     */
    public int cumulativeLostField() {
        return (int) Math.max(MIN_CUMULATIVE_LOST, Math.min(MAX_CUMULATIVE_LOST, cumulativeLost()));
    }

    /** The interarrival jitter in RTP timestamp units (RFC 3550 A.8), not rounded. */
    public double jitter() {
        return jitter;
    }

    /**
     * The fraction lost since the last call, in 1/256 (RFC 3550 A.3), and starts the next interval.
     */
    public int takeFractionLost() {
        long expected = expected();
        // RFC 3550 A.3: expected_interval = expected - s->expected_prior; ... received_interval =
        // s->received - s->received_prior; lost_interval = expected_interval - received_interval;
        // if (expected_interval == 0 || lost_interval <= 0) fraction = 0;
        // else fraction = (lost_interval << 8) / expected_interval;
        long expectedInterval = expected - expectedPrior;
        long receivedInterval = received - receivedPrior;
        expectedPrior = expected;
        receivedPrior = received;
        long lostInterval = expectedInterval - receivedInterval;
        if (expectedInterval == 0 || lostInterval <= 0) {
            return 0;
        }
        return (int) Math.min(255, (lostInterval << 8) / expectedInterval);
    }
}
