package org.ortc4j.rtp.internal.report;

import org.ortc4j.rtp.internal.SequenceUnwrapper;

/**
 * What a receiver knows about one remote RTP source for its reception report block (RFC 3550
 * §6.4.1): the extended highest sequence number (Appendix A.1), cumulative and fractional loss
 * (A.3) and interarrival jitter (A.8). Used on one thread.
 */
public final class ReceptionStatistics {

    private static final long SEQUENCE_RANGE = 1L << 16;
    /** RFC 3550 §6.4.1: cumulative number of packets lost is a signed 24-bit field. */
    private static final long MAX_CUMULATIVE_LOST = (1L << 23) - 1;
    private static final long MIN_CUMULATIVE_LOST = -(1L << 23);

    private final SequenceUnwrapper sequences = SequenceUnwrapper.forSequenceNumbers();
    private long baseSequence = -1;
    private long received;
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
     */
    public void onPacket(int sequenceNumber, long rtpTimestamp, long arrivalUnits) {
        long highestBefore = sequences.highest();
        long extended = sequences.unwrap(sequenceNumber);
        if (baseSequence < 0) {
            baseSequence = extended;
        }
        // RFC 3550 A.3: "received" counts every packet that arrives, duplicates and late ones
        // included, which is why the cumulative loss can go negative.
        received++;
        boolean inOrder = highestBefore < 0 || extended > highestBefore;
        // RFC 3550 A.8: transit = arrival - r->ts; d = transit - s->transit; s->transit = transit;
        // if (d < 0) d = -d; s->jitter += (1./16.) * ((double)d - s->jitter);
        // As libwebrtc, only in-order packets of a new timestamp count: a retransmitted or
        // reordered packet, or the next packet of the same frame, says nothing about network jitter.
        if (arrivalUnits != Long.MIN_VALUE && inOrder && (!haveTransit || rtpTimestamp != lastTimestamp)) {
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
    }

    /** Whether any packet arrived. */
    public boolean started() {
        return baseSequence >= 0;
    }

    /** Packets counted, duplicates included. */
    public long received() {
        return received;
    }

    /**
     * RFC 3550 A.1: the extended highest sequence number received, cycles in the high 16 bits,
     * unsigned 32 bits.
     */
    public long extendedHighestSequenceNumber() {
        return (sequences.highest() - SEQUENCE_RANGE) & 0xFFFF_FFFFL;
    }

    /** RFC 3550 A.3: "expected = extended_max - base_seq + 1". */
    public long expected() {
        return started() ? sequences.highest() - baseSequence + 1 : 0;
    }

    /** RFC 3550 A.3: "lost = expected - received", which may be negative with duplicates. */
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
