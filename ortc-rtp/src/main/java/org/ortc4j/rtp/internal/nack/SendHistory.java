package org.ortc4j.rtp.internal.nack;

import org.ortc4j.rtp.internal.SequenceUnwrapper;
import org.ortc4j.rtp.packet.RtpPacket;

/**
 * The last packets one RTP stream sent, by sequence number, for answering NACKs (pion's send
 * buffer, libwebrtc's {@code RtpPacketHistory}): a ring of copies, so memory is bounded by its
 * capacity, and a packet more than capacity behind the newest is gone.
 *
 * <p>One instance per stream, on the transport's loop.
 */
public final class SendHistory {

    /** One kept packet and when it was last resent. */
    public static final class Entry {
        private final long sequence;
        private final RtpPacket packet;
        private long lastResentNanos;
        private boolean resent;

        private Entry(long sequence, RtpPacket packet) {
            this.sequence = sequence;
            this.packet = packet;
        }

        /** The kept copy of the packet as it was sent. */
        public RtpPacket packet() {
            return packet;
        }

        /** Whether the packet was resent less than {@code minIntervalNanos} ago. */
        public boolean resentWithin(long nowNanos, long minIntervalNanos) {
            return resent && nowNanos - lastResentNanos < minIntervalNanos;
        }

        /** Records a resend now. */
        public void markResent(long nowNanos) {
            resent = true;
            lastResentNanos = nowNanos;
        }
    }

    private final SequenceUnwrapper unwrapper = SequenceUnwrapper.forSequenceNumbers();
    private final Entry[] ring;
    private long newest = -1;

    /**
     * An empty history.
     *
     * @param capacity how many packets it keeps, 1 to 32768 (half the sequence number space, so
     *     that a kept packet's number is never ambiguous)
     */
    public SendHistory(int capacity) {
        if (capacity < 1 || capacity > 32768) {
            throw new IllegalArgumentException("history capacity must be 1 to 32768, not " + capacity);
        }
        ring = new Entry[capacity];
    }

    /** Keeps a packet (the caller passes a copy it no longer changes). */
    public void add(RtpPacket packet) {
        long seq = unwrapper.unwrap(packet.sequenceNumber());
        if (newest >= 0 && seq <= newest - ring.length) {
            return;
        }
        ring[(int) Math.floorMod(seq, (long) ring.length)] = new Entry(seq, packet);
        newest = Math.max(newest, seq);
    }

    /** The kept packet with this sequence number, or null if it was never kept or is gone. */
    public Entry get(int sequenceNumber) {
        if (newest < 0) {
            return null;
        }
        long seq = unwrapper.peek(sequenceNumber);
        if (seq > newest || seq <= newest - ring.length) {
            return null;
        }
        Entry entry = ring[(int) Math.floorMod(seq, (long) ring.length)];
        return entry != null && entry.sequence == seq ? entry : null;
    }

    /** How many packets it can keep. */
    public int capacity() {
        return ring.length;
    }
}
