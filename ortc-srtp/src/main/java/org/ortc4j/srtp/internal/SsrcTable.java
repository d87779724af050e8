package org.ortc4j.srtp.internal;

/**
 * The per-SSRC states of a session: an open-addressing hash table keyed by the int SSRC, so that
 * a lookup neither boxes nor allocates, bounded to a maximum number of entries.
 */
public final class SsrcTable {

    private final int max;
    private final int replayWindowSize;
    private SsrcState[] slots = new SsrcState[16];
    private int size;
    private SsrcState last;

    public SsrcTable(int max, int replayWindowSize) {
        this.max = max;
        this.replayWindowSize = replayWindowSize;
    }

    /** The state of {@code ssrc}, or {@code null} if it has none. */
    public SsrcState get(int ssrc) {
        SsrcState cached = last;
        if (cached != null && cached.ssrc == ssrc) {
            return cached;
        }
        int mask = slots.length - 1;
        for (int i = mix(ssrc) & mask; ; i = (i + 1) & mask) {
            SsrcState state = slots[i];
            if (state == null) {
                return null;
            }
            if (state.ssrc == ssrc) {
                last = state;
                return state;
            }
        }
    }

    /**
     * The state of {@code ssrc}; for a new SSRC a fresh state that is not stored until
     * {@link #keep} (its packet has to be accepted first), or {@code null} if the table is full.
     */
    public SsrcState find(int ssrc) {
        SsrcState state = get(ssrc);
        if (state != null) {
            return state;
        }
        return size >= max ? null : new SsrcState(ssrc, replayWindowSize);
    }

    /** Stores a state from {@link #find} once its packet was accepted; a stored one stays as it is. */
    public void keep(SsrcState state) {
        if (state.stored) {
            return;
        }
        if ((size + 1) * 2 > slots.length) {
            grow();
        }
        insert(slots, state);
        state.stored = true;
        size++;
        last = state;
    }

    private void grow() {
        SsrcState[] bigger = new SsrcState[slots.length * 2];
        for (SsrcState state : slots) {
            if (state != null) {
                insert(bigger, state);
            }
        }
        slots = bigger;
    }

    private static void insert(SsrcState[] table, SsrcState state) {
        int mask = table.length - 1;
        int i = mix(state.ssrc) & mask;
        while (table[i] != null) {
            i = (i + 1) & mask;
        }
        table[i] = state;
    }

    // SSRCs are random, but a peer chooses them: spread them so sequential values do not cluster.
    private static int mix(int ssrc) {
        int h = ssrc * 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    public int size() {
        return size;
    }
}
