package org.ortc4j.rtp.internal;

/**
 * Turns wrapping counters (16-bit RTP sequence numbers, 32-bit RTP timestamps) into a monotonic
 * 64-bit count, as RFC 3550 Appendix A.1 extends the sequence number with a cycle count: each new
 * value is placed at the distance from the last one that is shortest modulo the counter's range, so
 * reordered values before the newest unwrap below it.
 *
 * <p>One instance per stream, used on one thread.
 */
public final class SequenceUnwrapper {

    private final int bits;
    private final long range;
    private long last;
    private boolean started;

    private SequenceUnwrapper(int bits) {
        this.bits = bits;
        this.range = 1L << bits;
    }

    /** An unwrapper of 16-bit RTP sequence numbers. */
    public static SequenceUnwrapper forSequenceNumbers() {
        return new SequenceUnwrapper(16);
    }

    /** An unwrapper of 32-bit RTP timestamps. */
    public static SequenceUnwrapper forTimestamps() {
        return new SequenceUnwrapper(32);
    }

    /**
     * The unwrapped value of {@code value} (taken modulo the counter's range): the first value
     * unwraps to itself (plus one range, so that values just before it stay non-negative), later
     * ones to the nearest count.
     */
    public long unwrap(long value) {
        long masked = value & (range - 1);
        if (!started) {
            started = true;
            last = range + masked;
            return last;
        }
        long delta = (masked - last) & (range - 1);
        // Forward when the shortest way is forward; exactly half the range counts as forward.
        if (delta > range / 2) {
            delta -= range;
        }
        long unwrapped = last + delta;
        if (delta > 0) {
            last = unwrapped;
        }
        return unwrapped;
    }

    /**
     * The value {@link #unwrap} would return, without remembering it: for looking at a packet
     * before deciding to accept it.
     */
    public long peek(long value) {
        if (!started) {
            return range + (value & (range - 1));
        }
        long delta = ((value & (range - 1)) - last) & (range - 1);
        if (delta > range / 2) {
            delta -= range;
        }
        return last + delta;
    }

    /** The highest value unwrapped so far; {@code -1} before the first. */
    public long highest() {
        return started ? last : -1;
    }

    /** How many bits the counter has. */
    public int bits() {
        return bits;
    }
}
