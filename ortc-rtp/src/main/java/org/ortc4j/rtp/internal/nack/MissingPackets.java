package org.ortc4j.rtp.internal.nack;

import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import org.ortc4j.rtp.internal.SequenceUnwrapper;

/**
 * The sequence numbers a receiver has not seen yet of one RTP stream, and when each was last asked
 * for (libwebrtc's {@code NackRequester} list): gaps open when a newer packet arrives, close when
 * the packet arrives late or is recovered by RTX, and are forgotten when too old or asked for too
 * often. Bounded: never more than {@link #MAX_PACKET_AGE} entries.
 *
 * <p>One instance per stream, on the transport's loop.
 */
public final class MissingPackets {

    /**
     * How far behind the newest packet a missing one is still wanted, in packets; a jump forward by
     * more than this is taken as a restart of the stream (libwebrtc's {@code kMaxPacketAge} idea
     * with the bound of its NACK list).
     */
    public static final int MAX_PACKET_AGE = 1000;

    private static final long NEVER = Long.MIN_VALUE;

    private final SequenceUnwrapper unwrapper = SequenceUnwrapper.forSequenceNumbers();
    private final TreeMap<Long, Missing> missing = new TreeMap<>();
    private long newest = -1;
    private long abandoned;

    /** A missing packet: when it was found missing, when last asked for, how often. */
    private static final class Missing {
        final long foundNanos;
        long lastRequestNanos = NEVER;
        int requests;

        Missing(long foundNanos) {
            this.foundNanos = foundNanos;
        }
    }

    /** A packet of the stream arrived: a newer one opens a gap before it, an older one fills its gap. */
    public void received(int sequenceNumber, long nowNanos) {
        long seq = unwrapper.unwrap(sequenceNumber);
        if (newest < 0) {
            newest = seq;
            return;
        }
        if (seq <= newest) {
            // Reordered or duplicated: if it was asked for, the request is answered.
            missing.remove(seq);
            return;
        }
        if (seq - newest > MAX_PACKET_AGE) {
            // A jump this large is a restart (a new source, a long pause): the old gaps are moot.
            abandoned += missing.size();
            missing.clear();
            newest = seq;
            return;
        }
        for (long s = newest + 1; s < seq; s++) {
            missing.put(s, new Missing(nowNanos));
        }
        newest = seq;
        Map<Long, Missing> tooOld = missing.headMap(newest - MAX_PACKET_AGE, false);
        abandoned += tooOld.size();
        tooOld.clear();
    }

    /**
     * A retransmission of this original sequence number arrived (RFC 4588 §4, the OSN): the packet
     * is no longer missing. A recovered packet newer than the newest seen opens no gap (as libwebrtc
     * treats recovered packets): RTX also carries padding probes of old packets.
     */
    public void recovered(int originalSequenceNumber) {
        if (newest < 0) {
            return;
        }
        long seq = unwrapper.peek(originalSequenceNumber);
        if (seq <= newest) {
            missing.remove(seq);
        }
    }

    /**
     * The sequence numbers to ask for now, oldest first, marked as asked: those never asked for and
     * those last asked for at least {@code retryNanos} ago. A packet already asked for
     * {@code maxRequests} times, or missing for longer than {@code maxAgeNanos}, is forgotten.
     */
    public int[] due(long nowNanos, long retryNanos, int maxRequests, long maxAgeNanos) {
        int[] due = new int[missing.size()];
        int n = 0;
        for (Iterator<Map.Entry<Long, Missing>> it = missing.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Long, Missing> entry = it.next();
            Missing m = entry.getValue();
            if (nowNanos - m.foundNanos > maxAgeNanos) {
                it.remove();
                abandoned++;
                continue;
            }
            if (m.lastRequestNanos != NEVER && nowNanos - m.lastRequestNanos < retryNanos) {
                continue;
            }
            if (m.requests >= maxRequests) {
                it.remove();
                abandoned++;
                continue;
            }
            m.requests++;
            m.lastRequestNanos = nowNanos;
            due[n++] = (int) (entry.getKey() & 0xFFFF);
        }
        return java.util.Arrays.copyOf(due, n);
    }

    /** How many sequence numbers are missing now. */
    public int size() {
        return missing.size();
    }

    /** How many missing packets were given up: asked for too often, too old, or dropped by a restart. */
    public long abandoned() {
        return abandoned;
    }
}
