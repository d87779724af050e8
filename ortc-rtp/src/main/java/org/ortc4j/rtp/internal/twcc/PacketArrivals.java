package org.ortc4j.rtp.internal.twcc;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.ortc4j.rtp.internal.SequenceUnwrapper;
import org.ortc4j.rtp.packet.TransportWideFeedback;

/**
 * Arrival times of received packets by transport-wide sequence number, and the feedback that
 * reports them (libwebrtc's {@code RemoteEstimatorProxy} with its {@code PacketArrivalTimeMap}):
 * each feedback covers the sequence numbers from the end of the last one to the newest arrival;
 * a reordered packet older than that start moves the start back, so it is reported (with the
 * packets after it again) rather than left reported as lost.
 *
 * <p>Bounded: at most {@link #MAX_PACKETS} arrivals are kept; reported ones are dropped once
 * older than {@link #BACK_WINDOW_NANOS}. One instance per transport, on its loop.
 */
public final class PacketArrivals {

    /** At most this many arrivals kept (libwebrtc keeps at most 2^15). */
    public static final int MAX_PACKETS = 1 << 13;
    /** Reported arrivals are kept this long, for re-reporting after a late packet (libwebrtc's back window). */
    public static final long BACK_WINDOW_NANOS = 500_000_000L;
    /**
     * At most this many packets per feedback packet: with every delta large (2 bytes) and 2-bit
     * status vectors, 20 + 2 × 72 + 2 × 500 = 1,164 bytes, within an MTU beside SRTCP's overhead.
     */
    public static final int MAX_PACKETS_PER_FEEDBACK = 500;

    private static final int TICKS_PER_REFERENCE = TransportWideFeedback.REFERENCE_TIME_MICROS
            / TransportWideFeedback.DELTA_TICK_MICROS;

    private final SequenceUnwrapper unwrapper = SequenceUnwrapper.forSequenceNumbers();
    private final TreeMap<Long, Long> arrivals = new TreeMap<>();
    /** The first sequence number the next feedback covers; -1 before the first packet. */
    private long windowStart = -1;
    private long ignored;

    /**
     * Records a packet's arrival.
     *
     * @return false if it was ignored: a duplicate, or too late to be reported
     */
    public boolean record(int transportSequenceNumber, long arrivalNanos) {
        long seq = unwrapper.unwrap(transportSequenceNumber);
        if (windowStart >= 0 && seq < windowStart && (arrivals.isEmpty() || seq < arrivals.firstKey())) {
            // Reported already as lost, and the arrivals after it are gone: reporting it again
            // would report those as lost. Too late to matter to the sender's estimate anyway.
            ignored++;
            return false;
        }
        // One tree search per packet, not two (a duplicate keeps its first arrival time): this
        // runs for every packet of every connection (ScaleBenchmark's profile).
        if (arrivals.putIfAbsent(seq, arrivalNanos) != null) {
            ignored++;
            return false;
        }
        if (windowStart < 0 || seq < windowStart) {
            windowStart = seq;
        }
        while (arrivals.size() > MAX_PACKETS) {
            arrivals.pollFirstEntry();
            windowStart = Math.max(windowStart, arrivals.firstKey());
        }
        return true;
    }

    /** How many arrivals were ignored as duplicates or too late. */
    public long ignored() {
        return ignored;
    }

    /** How many arrivals are kept. */
    public int size() {
        return arrivals.size();
    }

    /** Whether an arrival was recorded that no feedback has covered yet. */
    public boolean hasUnreported() {
        return windowStart >= 0 && arrivals.ceilingKey(windowStart) != null;
    }

    /**
     * Feedback for every sequence number from the window's start to the newest arrival, in as
     * many packets as it takes, and moves the window's start past them.
     *
     * @param firstFeedbackCount the feedback packet count of the first packet; the others count on
     * @param nowNanos now, for dropping old reported arrivals
     */
    public List<TransportWideFeedback> takeFeedback(int senderSsrc, int mediaSsrc, int firstFeedbackCount, long nowNanos) {
        List<TransportWideFeedback> feedback = new ArrayList<>();
        if (!hasUnreported()) {
            return feedback;
        }
        long end = arrivals.lastKey();
        long seq = windowStart;
        if (end - seq >= MAX_PACKETS) {
            // A jump far ahead (a restarted sender): report from the oldest kept arrival in
            // reach instead of thousands of packets as lost.
            seq = arrivals.ceilingKey(end - MAX_PACKETS + 1);
        }
        int count = firstFeedbackCount;
        while (seq <= end) {
            // The reference time is the first arrival's, in 64 ms units (§3.1); deltas follow in
            // 250 µs ticks from it, each from the previous arrival (§3.1.5).
            long firstArrival = arrivals.ceilingEntry(seq).getValue();
            long reference = Math.floorDiv(Math.floorDiv(firstArrival, 1000L), (long) TransportWideFeedback.REFERENCE_TIME_MICROS);
            long previousTicks = reference * TICKS_PER_REFERENCE;
            // §3.1: "reference time: 24 bits Signed integer", wrapping.
            int wireReference = (int) (reference & 0xFFFFFF) << 8 >> 8;
            TransportWideFeedback.Builder builder = TransportWideFeedback.builder(senderSsrc, mediaSsrc,
                    (int) (seq & 0xFFFF), wireReference, count & 0xFF);
            int packets = 0;
            while (seq <= end && packets < MAX_PACKETS_PER_FEEDBACK) {
                Long arrival = arrivals.get(seq);
                if (arrival == null) {
                    builder.addNotReceived();
                } else {
                    long ticks = Math.floorDiv(Math.floorDiv(arrival, 1000L), (long) TransportWideFeedback.DELTA_TICK_MICROS);
                    long delta = ticks - previousTicks;
                    if (delta < Short.MIN_VALUE || delta > Short.MAX_VALUE) {
                        // §3.1.5: a delta is at most 16 bits signed; a new feedback packet starts here.
                        break;
                    }
                    builder.addReceived((int) delta);
                    previousTicks = ticks;
                }
                seq++;
                packets++;
            }
            feedback.add(builder.build());
            count++;
        }
        windowStart = end + 1;
        // Every kept arrival is reported now; old ones go from the oldest sequence number up to
        // the first that is not old (libwebrtc's PacketArrivalTimeMap::RemoveOldPackets), not by
        // visiting all of them at every feedback: this runs ten times a second per connection.
        long oldest = nowNanos - BACK_WINDOW_NANOS;
        while (!arrivals.isEmpty() && arrivals.firstEntry().getValue() < oldest) {
            arrivals.pollFirstEntry();
        }
        return feedback;
    }
}
