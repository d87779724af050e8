package org.ortc4j.sctp.internal.control;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.ortc4j.ice.net.Scheduler;

/**
 * The receiver side of SCTP acknowledgement (RFC 9260 §6.2, §6.7; RFC 3758 §3.6): which TSNs
 * arrived, the Cumulative TSN Ack Point, gap blocks, duplicates, the advertised window and when
 * a SACK is due. Confined to the association's loop; the only time it takes is the delayed-SACK
 * timer on the injected {@link Scheduler}.
 *
 * <p>Use: for each packet, {@link #onDataChunk} per DATA chunk then {@link #onPacketEnd}; when
 * the {@code sackDue} callback runs, send {@link #buildSack()}.
 */
public final class SackTracker {

    /** What became of one received DATA chunk. */
    public enum Received {
        /** A TSN not seen before: deliver the chunk to reassembly. */
        NEW,
        /** Seen before: drop the chunk; it is reported in the next SACK. */
        DUPLICATE,
        /** Dropped: no window (§6.2) or too far above the cumulative point; counted. */
        DROPPED
    }

    /**
     * Receiver parameters.
     *
     * @param receiveBufferBytes the window advertised when nothing is buffered
     * @param maxGapAckBlocks how many gap blocks a SACK carries at most (the lowest ones)
     * @param maxDuplicateTsns how many duplicate TSNs a SACK carries at most
     * @param delayedSackTimeout how long a SACK may be delayed (§6.2: at most 500 ms, SHOULD be
     *     200 ms)
     */
    public record Config(long receiveBufferBytes, int maxGapAckBlocks, int maxDuplicateTsns,
            Duration delayedSackTimeout) {

        /** Checks the values. */
        public Config {
            if (receiveBufferBytes < 0 || maxGapAckBlocks < 0 || maxDuplicateTsns < 0
                    || delayedSackTimeout.isNegative()
                    || delayedSackTimeout.compareTo(Duration.ofMillis(500)) > 0) {
                throw new IllegalArgumentException("bad SACK config " + this);
            }
        }

        /**
         * Defaults: 1 MiB window, 16 gap blocks, 16 duplicates, 200 ms delay. 200 ms is the RFC's
         * own "SHOULD be generated within 200 ms" and what Chromium's dcsctp uses; it stays below
         * the peer's RTO.Min (400 ms in dcsctp, 1 s in the RFC) so delaying never causes the
         * peer's T3-rtx to fire.
         */
        public static Config defaults() {
            return new Config(1 << 20, 16, 16, Duration.ofMillis(200));
        }
    }

    /** Offsets in gap blocks are 16 bits, so nothing further above the cumulative point fits. */
    private static final int MAX_TSN_AHEAD = 0xFFFF;

    private final Scheduler scheduler;
    private final Config config;
    private final Runnable sackDue;
    private final NavigableSet<Long> receivedAbove = new TreeSet<>();
    private final List<Long> duplicates = new ArrayList<>();
    private long cumulative;
    private long highestReceived;
    private long bufferedBytes;
    private int packetsSinceSack;
    private boolean dataSinceSack;
    private boolean immediate;
    private boolean gapAtPacketStart;
    private boolean packetStarted;
    private Scheduler.Cancellable timer;
    private long droppedChunks;

    /**
     * A tracker for an association whose peer starts at {@code peerInitialTsn}.
     *
     * @param sackDue runs on the loop when a SACK should be sent now; it calls {@link #buildSack}
     */
    public SackTracker(Scheduler scheduler, Config config, long peerInitialTsn, Runnable sackDue) {
        this.scheduler = scheduler;
        this.config = config;
        this.sackDue = sackDue;
        // RFC 9260 §6.2 / §5.1: the Cumulative TSN Ack Point starts one below the peer's Initial
        // TSN, so the first DATA chunk (TSN = Initial TSN) advances it.
        this.cumulative = ((peerInitialTsn & Tsn.MASK) - 1) + (1L << 32);
        this.highestReceived = cumulative;
    }

    /** The Cumulative TSN Ack Point (32-bit). */
    public long cumulativeTsnAck() {
        return Tsn.wire(cumulative);
    }

    /** a_rwnd: the receive buffer minus the bytes the application has not read. */
    public long advertisedRwnd() {
        return Math.max(0, config.receiveBufferBytes() - bufferedBytes);
    }

    /** DATA chunks dropped for want of window or as too far ahead. */
    public long droppedChunks() {
        return droppedChunks;
    }

    /** Records one received DATA chunk of a packet. */
    public Received onDataChunk(long tsn, int payloadLength) {
        if (!packetStarted) {
            packetStarted = true;
            gapAtPacketStart = !receivedAbove.isEmpty();
        }
        long u = Tsn.unwrap(tsn, cumulative);
        if (u <= cumulative || receivedAbove.contains(u)) {
            // §6.2: "When a packet arrives with duplicate DATA chunk(s) and with no new DATA
            // chunk(s), the endpoint MUST immediately send a SACK with no delay." and §3.3.4:
            // duplicates are reported in the next SACK.
            if (duplicates.size() < config.maxDuplicateTsns()) {
                duplicates.add(Tsn.wire(u));
            }
            immediate = true;
            return Received.DUPLICATE;
        }
        if (u - cumulative > MAX_TSN_AHEAD) {
            droppedChunks++;
            return Received.DROPPED;
        }
        // §6.2: "When the receiver's advertised window is 0, the receiver MUST drop any new
        // incoming DATA chunk with a TSN larger than the largest TSN received so far."
        if (advertisedRwnd() == 0 && u > highestReceived) {
            droppedChunks++;
            immediate = true; // tell the sender the window is still closed
            return Received.DROPPED;
        }
        highestReceived = Math.max(highestReceived, u);
        bufferedBytes += payloadLength;
        dataSinceSack = true;
        if (u == cumulative + 1 && receivedAbove.isEmpty()) {
            // In order with no gap: the common case, without touching the set.
            cumulative = u;
            return Received.NEW;
        }
        receivedAbove.add(u);
        advanceCumulative();
        return Received.NEW;
    }

    /**
     * The packet whose DATA chunks were just recorded has been processed: sends a SACK now or
     * arms the delayed-SACK timer.
     *
     * @param sackImmediately the sender set the I bit (RFC 7053)
     */
    public void onPacketEnd(boolean sackImmediately) {
        packetStarted = false;
        packetsSinceSack++;
        // §6.2: "If the endpoint detects a gap in the received DATA chunk sequence, it SHOULD
        // send a SACK with Gap Ack Blocks immediately. The data receiver continues sending a SACK
        // after receipt of each SCTP packet that doesn't fill the gap." A packet that fills the
        // last gap is acknowledged at once too, so the sender leaves Fast Recovery promptly.
        boolean gap = !receivedAbove.isEmpty() || gapAtPacketStart;
        // §6.2: "an acknowledgement SHOULD be generated for at least every second packet (not
        // every second DATA chunk) received"
        if (immediate || gap || sackImmediately || packetsSinceSack >= 2) {
            cancelTimer();
            sackDue.run();
            return;
        }
        // §6.2: "and SHOULD be generated within 200 ms of the arrival of any unacknowledged DATA
        // chunk."
        if (timer == null && dataSinceSack) {
            timer = scheduler.schedule(this::delayedSackTimerFired,
                    config.delayedSackTimeout().toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /**
     * A FORWARD TSN chunk arrived (RFC 3758 §3.6): moves the Cumulative TSN Ack Point to its New
     * Cumulative TSN and asks for a SACK at once.
     *
     * @return whether the point moved
     */
    public boolean onForwardTsn(long newCumulativeTsn) {
        long u = Tsn.unwrap(newCumulativeTsn, cumulative);
        boolean moved = false;
        // RFC 3758 §3.6 (paraphrased): on a FORWARD TSN the receiver moves its cumulative TSN ack
        // point up to the New Cumulative TSN when that is ahead, treating the skipped TSNs as
        // received, and acknowledges so the sender learns its Advanced.Peer.Ack.Point arrived.
        if (u > cumulative && u - cumulative <= MAX_TSN_AHEAD) {
            cumulative = u;
            receivedAbove.headSet(u, true).clear();
            highestReceived = Math.max(highestReceived, u);
            advanceCumulative();
            moved = true;
        }
        cancelTimer();
        sackDue.run();
        return moved;
    }

    /**
     * The application read (or reassembly discarded) {@code bytes} of received payload, which
     * opens the advertised window again.
     */
    public void onBytesConsumed(long bytes) {
        bufferedBytes = Math.max(0, bufferedBytes - bytes);
    }

    /**
     * The SACK to send now; clears the duplicate list, the packet count and the delayed-SACK
     * timer.
     */
    public SackInfo buildSack() {
        List<GapAckBlock> blocks = new ArrayList<>();
        // §3.3.4 gap blocks are offsets from the Cumulative TSN Ack; lowest first, bounded.
        Iterator<Long> it = receivedAbove.iterator();
        long start = -1;
        long end = -1;
        while (it.hasNext() && blocks.size() < config.maxGapAckBlocks()) {
            long u = it.next();
            if (start >= 0 && u == end + 1) {
                end = u;
                continue;
            }
            if (start >= 0) {
                blocks.add(block(start, end));
            }
            start = u;
            end = u;
        }
        if (start >= 0 && blocks.size() < config.maxGapAckBlocks()) {
            blocks.add(block(start, end));
        }
        SackInfo sack = new SackInfo(Tsn.wire(cumulative), advertisedRwnd(), blocks, duplicates);
        duplicates.clear();
        packetsSinceSack = 0;
        dataSinceSack = false;
        immediate = false;
        cancelTimer();
        return sack;
    }

    private GapAckBlock block(long start, long end) {
        return new GapAckBlock((int) (start - cumulative), (int) (end - cumulative));
    }

    private void advanceCumulative() {
        while (!receivedAbove.isEmpty() && receivedAbove.first() == cumulative + 1) {
            cumulative = receivedAbove.pollFirst();
        }
    }

    private void delayedSackTimerFired() {
        timer = null;
        sackDue.run();
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }
}
