package org.ortc4j.sctp.internal.channel;

/**
 * The messages of one stream that the association has queued and not yet reported sent, oldest
 * first, as the bytes each one counts in {@code bufferedAmount} (0 for DCEP messages, 0 for an
 * empty message that travels as one byte, RFC 8831 §6.6). The association reports a stream's
 * messages as sent in the order they were queued (one stream's messages leave its queue in order),
 * so the front of this ring is the one each report is about. A growable ring of ints: no boxing
 * on the data path.
 */
final class PendingSends {

    private int[] ring = new int[8];
    private int head;
    private int size;
    private long total;

    void add(int userBytes) {
        if (size == ring.length) {
            int[] bigger = new int[ring.length * 2];
            for (int i = 0; i < size; i++) {
                bigger[i] = ring[(head + i) & (ring.length - 1)];
            }
            ring = bigger;
            head = 0;
        }
        ring[(head + size) & (ring.length - 1)] = userBytes;
        size++;
        total += userBytes;
    }

    /** Removes the oldest entry and returns its bytes, or -1 if there is none. */
    int poll() {
        if (size == 0) {
            return -1;
        }
        int userBytes = ring[head];
        head = (head + 1) & (ring.length - 1);
        size--;
        total -= userBytes;
        return userBytes;
    }

    /** Takes back the newest entry (its message could not be queued after all). */
    void removeNewest() {
        if (size > 0) {
            size--;
            total -= ring[(head + size) & (ring.length - 1)];
        }
    }

    /** Forgets every entry and returns their bytes together. */
    long clear() {
        long all = total;
        head = 0;
        size = 0;
        total = 0;
        return all;
    }

    int size() {
        return size;
    }
}
