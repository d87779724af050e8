package org.ortc4j.sctp.internal.control;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import org.ortc4j.ice.net.Scheduler;

/**
 * The sender side of SCTP reliability (RFC 9260 §6.3, §7.2.4; RFC 3758 §3.5): DATA chunks sent
 * and not yet cumulatively acknowledged, with their send time and transmit count; SACK
 * processing, miss indications and fast retransmit, T3-rtx marking, and PR-SCTP abandonment with
 * the Advanced.Peer.Ack.Point. It only decides; the association sends, and feeds the outcomes to
 * {@link CongestionController} and {@link RtoEstimator}. Time comes from the injected
 * {@link Scheduler}. Confined to the association's loop.
 */
public final class RetransmissionQueue {

    private enum State { IN_FLIGHT, GAP_ACKED, TO_RETRANSMIT, ABANDONED }

    private static final class Entry {
        final OutboundChunk chunk;
        final PrPolicy policy;
        final long firstSentNanos;
        long sentNanos;
        int transmitCount = 1;
        int missIndications;
        boolean fastRetransmitted;
        State state = State.IN_FLIGHT;

        Entry(OutboundChunk chunk, PrPolicy policy, long now) {
            this.chunk = chunk;
            this.policy = policy;
            this.firstSentNanos = now;
            this.sentNanos = now;
        }
    }

    private final Scheduler scheduler;
    private final NavigableMap<Long, Entry> entries = new TreeMap<>();
    private long cumulativeAck;
    private long nextTsn;
    private long advancedPeerAckPoint;
    private long flightSize;
    // Entries in TO_RETRANSMIT, so that hasChunksToRetransmit() is O(1) on the send path.
    private int toRetransmit;
    // Entries with a PR-SCTP lifetime: without any, nothing can expire and no scan is needed.
    private int withLifetime;
    private long abandonedChunks;
    private long staleSacks;

    /**
     * An empty queue whose first DATA chunk will carry {@code initialTsn} (our INIT's Initial
     * TSN).
     */
    public RetransmissionQueue(Scheduler scheduler, long initialTsn) {
        this.scheduler = scheduler;
        this.nextTsn = (initialTsn & Tsn.MASK) + (1L << 32);
        this.cumulativeAck = nextTsn - 1;
        // RFC 3758 §3.5 A1: the Advanced.Peer.Ack.Point starts at the cumulative ack point.
        this.advancedPeerAckPoint = cumulativeAck;
    }

    /** The TSN the next new DATA chunk must carry (32-bit). */
    public long nextTsn() {
        return Tsn.wire(nextTsn);
    }

    /** The peer's Cumulative TSN Ack Point as last acknowledged (32-bit). */
    public long cumulativeTsnAck() {
        return Tsn.wire(cumulativeAck);
    }

    /** RFC 3758 Advanced.Peer.Ack.Point (32-bit). */
    public long advancedPeerAckPoint() {
        return Tsn.wire(advancedPeerAckPoint);
    }

    /** Bytes in flight: sent, not acknowledged, not marked for retransmission, not abandoned. */
    public long flightSize() {
        return flightSize;
    }

    /** Whether any chunk is still held (T3-rtx must run, §6.3.2 R1/R2, RFC 3758 C5). */
    public boolean hasOutstanding() {
        return !entries.isEmpty();
    }

    /** Whether chunks wait for retransmission (§6.1 C: they go before new data). */
    public boolean hasChunksToRetransmit() {
        return toRetransmit > 0;
    }

    /** Chunks abandoned under PR-SCTP so far. */
    public long abandonedChunks() {
        return abandonedChunks;
    }

    /** SACKs dropped as stale or acknowledging TSNs never sent. */
    public long staleSacks() {
        return staleSacks;
    }

    /**
     * A new DATA chunk was sent for the first time. Its TSN must be {@link #nextTsn()}.
     *
     * @param policy its PR-SCTP policy; the lifetime counts from now
     */
    public void onSent(OutboundChunk chunk, PrPolicy policy) {
        if (chunk.tsn() != nextTsn()) {
            throw new IllegalArgumentException("TSN " + chunk.tsn() + " sent, expected " + nextTsn());
        }
        entries.put(nextTsn, new Entry(chunk, policy, scheduler.nanoTime()));
        if (policy.lifetimeNanos() >= 0) {
            withLifetime++;
        }
        nextTsn++;
        flightSize += chunk.payloadLength();
    }

    /**
     * Processes a SACK (RFC 9260 §6.2.1 D, §7.2.4; RFC 3758 §3.5 A2 C1-C2).
     *
     * @param cumulativeTsnAck the SACK's Cumulative TSN Ack (32-bit)
     * @param gapAckBlocks its gap blocks
     * @param inFastRecovery whether the congestion controller is in Fast Recovery
     */
    public SackOutcome onSack(long cumulativeTsnAck, List<GapAckBlock> gapAckBlocks, boolean inFastRecovery) {
        long cum = Tsn.unwrap(cumulativeTsnAck, cumulativeAck);
        // §6.2.1 D i: "If Cumulative TSN Ack is less than the Cumulative TSN Ack Point, drop the
        // SACK chunk." A SACK acknowledging a TSN never sent is dropped too.
        if (cum < cumulativeAck || cum >= nextTsn) {
            staleSacks++;
            return new SackOutcome(true, false, false, 0, flightSize, flightSize, -1, List.of(),
                    Tsn.wire(nextTsn - 1));
        }
        long now = scheduler.nanoTime();
        long flightBefore = flightSize;
        long newlyAcked = 0;
        long highestNewlyAcked = -1;
        long rttNanos = -1;
        long rttTsn = -1;
        boolean earliestAcked = false;
        // Cumulative part.
        Iterator<Map.Entry<Long, Entry>> it = entries.headMap(cum, true).entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Long, Entry> me = it.next();
            Entry e = me.getValue();
            if (e.state != State.GAP_ACKED && e.state != State.ABANDONED) {
                newlyAcked += e.chunk.payloadLength();
                highestNewlyAcked = me.getKey();
                if (e.transmitCount == 1 && me.getKey() > rttTsn) {
                    rttTsn = me.getKey();
                    rttNanos = now - e.sentNanos;
                }
            }
            setState(e, State.ABANDONED); // leaves the flight
            earliestAcked = true;
            if (e.policy.lifetimeNanos() >= 0) {
                withLifetime--;
            }
            it.remove();
        }
        boolean advanced = cum > cumulativeAck;
        cumulativeAck = cum;
        // Gap blocks.
        long highestGapAcked = -1;
        for (GapAckBlock block : gapAckBlocks) {
            long from = cum + block.start();
            long to = cum + block.end();
            highestGapAcked = Math.max(highestGapAcked, to);
            for (Map.Entry<Long, Entry> me : entries.subMap(from, true, to, true).entrySet()) {
                Entry e = me.getValue();
                if (e.state == State.IN_FLIGHT || e.state == State.TO_RETRANSMIT) {
                    setState(e, State.GAP_ACKED);
                    newlyAcked += e.chunk.payloadLength();
                    highestNewlyAcked = Math.max(highestNewlyAcked, me.getKey());
                    // RFC 9260 §6.3.1 C5 (Karn): no RTT from a retransmitted chunk.
                    if (e.transmitCount == 1 && me.getKey() > rttTsn) {
                        rttTsn = me.getKey();
                        rttNanos = now - e.sentNanos;
                    }
                }
            }
        }
        List<Long> fastRetransmit = missIndications(highestNewlyAcked, highestGapAcked,
                inFastRecovery && advanced);
        abandonExpired(now);
        advanceAdvancedPeerAckPoint();
        return new SackOutcome(false, advanced, earliestAcked, newlyAcked, flightBefore, flightSize, rttNanos,
                fastRetransmit, Tsn.wire(nextTsn - 1));
    }

    private List<Long> missIndications(long highestNewlyAcked, long highestGapAcked, boolean allMissing) {
        // RFC 9260 §7.2.4: "Miss indications SHOULD follow the HTNA (Highest TSN Newly
        // Acknowledged) algorithm. For each incoming SACK, miss indications are incremented only
        // for missing TSNs prior to the highest TSN newly acknowledged in the SACK. ... If an
        // endpoint is in Fast Recovery and a SACK arrives that advances the Cumulative TSN Ack
        // Point, the miss indications are incremented for all TSNs reported missing in the SACK."
        long limit = allMissing ? highestGapAcked : highestNewlyAcked;
        List<Long> marked = new ArrayList<>();
        if (limit < 0) {
            return marked;
        }
        for (Map.Entry<Long, Entry> me : entries.headMap(limit, false).entrySet()) {
            Entry e = me.getValue();
            if (e.state != State.IN_FLIGHT) {
                continue;
            }
            e.missIndications++;
            // §7.2.4: "When the third consecutive miss indication is received for a TSN(s), the
            // data sender shall do the following: 1) Mark the DATA chunk(s) with three miss
            // indications for retransmission." Each chunk is fast-retransmitted only once; later
            // losses of it are left to T3-rtx.
            if (e.missIndications >= 3 && !e.fastRetransmitted) {
                if (retransmitOrAbandon(e)) {
                    e.fastRetransmitted = true;
                    marked.add(Tsn.wire(me.getKey()));
                }
            }
        }
        return marked;
    }

    /**
     * The T3-rtx timer expired (RFC 9260 §6.3.3 E3, RFC 3758 §3.5 A3): every chunk in flight is
     * marked for retransmission, or abandoned if its PR-SCTP policy says so.
     *
     * @return how many chunks were marked for retransmission
     */
    public int onT3RtxExpired() {
        // §6.3.3 E3: "Determine how many of the earliest (i.e., lowest TSN) outstanding DATA
        // chunks for the address for which the T3-rtx has expired will fit into a single packet"
        // ... "Any DATA chunks that were sent to the address for which the T3-rtx timer expired
        // but did not fit in one MTU (rule E3 above) should be marked for retransmission and sent
        // as soon as cwnd allows (normally, when a SACK arrives)." The caller takes them with
        // takeChunksToRetransmit, one packet first.
        long now = scheduler.nanoTime();
        int marked = 0;
        for (Entry e : entries.values()) {
            if (e.state == State.IN_FLIGHT) {
                if (lifetimeExpired(e, now)) {
                    abandon(e);
                } else if (retransmitOrAbandon(e)) {
                    marked++;
                }
            }
        }
        // RFC 3758 §3.5 A3: "When a TSN is 'abandoned' ... the sender SHOULD try to advance the
        // 'Advanced.Peer.Ack.Point'" (paraphrased; C2 - C5 apply).
        advanceAdvancedPeerAckPoint();
        return marked;
    }

    /**
     * Takes the chunks marked for retransmission, lowest TSN first, while their payloads fit in
     * {@code maxBytes}; they count as sent again now (transmit count + 1, back in flight).
     * Chunks whose lifetime ran out are abandoned instead.
     */
    public List<OutboundChunk> takeChunksToRetransmit(long maxBytes) {
        long now = scheduler.nanoTime();
        List<OutboundChunk> taken = new ArrayList<>();
        long bytes = 0;
        for (Entry e : entries.values()) {
            if (toRetransmit == 0) {
                break; // none left further on: no need to walk the rest of the queue
            }
            if (e.state != State.TO_RETRANSMIT) {
                continue;
            }
            if (lifetimeExpired(e, now)) {
                abandon(e);
                continue;
            }
            if (bytes + e.chunk.payloadLength() > maxBytes) {
                break;
            }
            bytes += e.chunk.payloadLength();
            e.transmitCount++;
            e.sentNanos = now;
            e.missIndications = 0;
            setState(e, State.IN_FLIGHT);
            taken.add(e.chunk);
        }
        advanceAdvancedPeerAckPoint();
        return taken;
    }

    /**
     * The FORWARD TSN to send, if the Advanced.Peer.Ack.Point is ahead of the peer's cumulative
     * ack (RFC 3758 §3.5 C3, C4).
     */
    public Optional<ForwardTsn> forwardTsn() {
        // RFC 3758 §3.5 C3: "If, after step C1 and C2, the 'Advanced.Peer.Ack.Point' is greater
        // than the Cumulative TSN ACK carried in the received SACK, the data sender MUST send the
        // data receiver a FORWARD TSN chunk containing the latest value of the
        // 'Advanced.Peer.Ack.Point'."
        if (advancedPeerAckPoint <= cumulativeAck) {
            return Optional.empty();
        }
        // §3.2: for each ordered stream skipped, the highest stream sequence number skipped.
        Map<Integer, Integer> streams = new TreeMap<>();
        for (Entry e : entries.headMap(advancedPeerAckPoint, true).values()) {
            if (!e.chunk.unordered()) {
                streams.merge(e.chunk.streamId(), e.chunk.ssn(),
                        (a, b) -> ((b - a) & 0xFFFF) < 0x8000 ? b : a);
            }
        }
        List<ForwardTsn.SkippedStream> skipped = new ArrayList<>();
        streams.forEach((s, ssn) -> skipped.add(new ForwardTsn.SkippedStream(s, ssn)));
        return Optional.of(new ForwardTsn(Tsn.wire(advancedPeerAckPoint), skipped));
    }

    /** Abandons chunks whose lifetime ran out (RFC 3758 timed reliability); call on each send round. */
    public void abandonExpired() {
        abandonExpired(scheduler.nanoTime());
        advanceAdvancedPeerAckPoint();
    }

    private void abandonExpired(long now) {
        if (withLifetime == 0) {
            return;
        }
        for (Entry e : entries.values()) {
            if ((e.state == State.IN_FLIGHT || e.state == State.TO_RETRANSMIT) && lifetimeExpired(e, now)) {
                abandon(e);
            }
        }
    }

    /** Marks {@code e} for retransmission unless its retransmission limit is used up. */
    private boolean retransmitOrAbandon(Entry e) {
        // RFC 3758 §4 / RFC 8831 §6.1 maxRetransmits: a chunk transmitted 1 + n times is not
        // retransmitted again but abandoned.
        if (e.policy.maxRetransmits() >= 0 && e.transmitCount - 1 >= e.policy.maxRetransmits()) {
            abandon(e);
            return false;
        }
        setState(e, State.TO_RETRANSMIT);
        return true;
    }

    private boolean lifetimeExpired(Entry e, long now) {
        return e.policy.lifetimeNanos() >= 0 && now - e.firstSentNanos >= e.policy.lifetimeNanos();
    }

    /**
     * Abandons {@code e} and the other fragments of its message still held: a message is
     * delivered whole or not at all, so its fragments go together (the TSN run from the B bit
     * to the E bit).
     */
    private void abandon(Entry e) {
        long tsn = Tsn.unwrap(e.chunk.tsn(), cumulativeAck);
        long first = tsn;
        while ((entries.get(first).chunk.flags() & OutboundChunk.BEGINNING) == 0
                && entries.containsKey(first - 1)) {
            first--;
        }
        for (long t = first; entries.containsKey(t); t++) {
            Entry f = entries.get(t);
            if (f.state != State.ABANDONED && f.state != State.GAP_ACKED) {
                setState(f, State.ABANDONED);
                abandonedChunks++;
            } else if (f.state == State.GAP_ACKED) {
                f.state = State.ABANDONED;
            }
            if ((f.chunk.flags() & OutboundChunk.ENDING) != 0) {
                break;
            }
        }
    }

    private void advanceAdvancedPeerAckPoint() {
        // RFC 3758 §3.5 C1: "If (Advanced.Peer.Ack.Point < SackCumAck), then update
        // Advanced.Peer.Ack.Point to be equal to SackCumAck."
        if (advancedPeerAckPoint < cumulativeAck) {
            advancedPeerAckPoint = cumulativeAck;
        }
        // C2: "Try to further advance the 'Advanced.Peer.Ack.Point' locally, that is, to move
        // 'Advanced.Peer.Ack.Point' up as long as the chunk next in the out-queue space is marked
        // as 'abandoned'."
        Entry next;
        while ((next = entries.get(advancedPeerAckPoint + 1)) != null && next.state == State.ABANDONED) {
            advancedPeerAckPoint++;
        }
    }

    private void setState(Entry e, State state) {
        if (e.state == State.TO_RETRANSMIT) {
            toRetransmit--;
        }
        if (state == State.TO_RETRANSMIT) {
            toRetransmit++;
        }
        if (e.state == State.IN_FLIGHT) {
            flightSize -= e.chunk.payloadLength();
        }
        if (state == State.IN_FLIGHT) {
            flightSize += e.chunk.payloadLength();
        }
        e.state = state;
    }
}
