package org.ortc4j.srtp.internal;

import java.util.Arrays;

/**
 * The sliding replay window of RFC 3711 §3.3.2: the highest packet index accepted so far and a
 * bitmap of which of the {@code size} indices below it have been accepted.
 */
public final class ReplayWindow {

    /** Whether an index may be accepted. */
    public enum Verdict { FRESH, REPLAYED, TOO_OLD }

    private final long[] bits;
    private final int size;
    private long highest = -1;

    public ReplayWindow(int size) {
        this.size = size;
        this.bits = new long[size / 64];
    }

    /** What {@link #accept} would make of {@code index}, without changing anything. */
    public Verdict check(long index) {
        if (highest < 0 || index > highest) {
            return Verdict.FRESH;
        }
        long delta = highest - index;
        if (delta >= size) {
            return Verdict.TOO_OLD;
        }
        return isSet(index) ? Verdict.REPLAYED : Verdict.FRESH;
    }

    /** Records {@code index} as received; call only after the packet authenticated. */
    public void accept(long index) {
        if (highest < 0) {
            highest = index;
            set(index);
            return;
        }
        if (index > highest) {
            long shift = index - highest;
            if (shift >= size) {
                Arrays.fill(bits, 0);
            } else {
                for (long i = highest + 1; i < index; i++) {
                    clear(i);
                }
            }
            highest = index;
        }
        set(index);
    }

    /** The highest index accepted, or -1 before the first. */
    public long highest() {
        return highest;
    }

    // The bitmap is a ring indexed by index mod size: slots of indices that left the window are
    // cleared as the window advances, before they are reused.
    private boolean isSet(long index) {
        int slot = (int) Math.floorMod(index, (long) size);
        return (bits[slot >>> 6] & (1L << slot)) != 0;
    }

    private void set(long index) {
        int slot = (int) Math.floorMod(index, (long) size);
        bits[slot >>> 6] |= 1L << slot;
    }

    private void clear(long index) {
        int slot = (int) Math.floorMod(index, (long) size);
        bits[slot >>> 6] &= ~(1L << slot);
    }
}
