package org.ortc4j.sctp.internal.association;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ortc4j.sctp.internal.control.PrPolicy;

/**
 * A numbered message workload and its check: every message carries its number and a pattern
 * derived from it, so that the receiver can tell each one is intact, came once, and (ordered)
 * came in order on its stream.
 */
final class TrafficCheck {

    static final int[] SIZES = {1, 3, 100, 1000, 1159, 1160, 1161, 4000, 16384, 65536, 262144};

    private final int streams;
    private final int count;
    private final int[] sizes;
    private int next;

    TrafficCheck(int streams, int count, int[] sizes) {
        this.streams = streams;
        this.count = count;
        this.sizes = sizes;
    }

    int count() {
        return count;
    }

    int streamOf(int seq) {
        return seq % streams;
    }

    boolean unorderedOf(int seq) {
        return seq % 5 == 3;
    }

    int sizeOf(int seq) {
        return sizes[seq % sizes.length];
    }

    static byte[] payload(int seq, int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (seq * 31 + i * 7 + (i >> 8));
        }
        if (size >= 4) {
            ByteBuffer.wrap(b).putInt(0, seq);
        }
        return b;
    }

    /** Sends as many of the remaining messages as the association takes now. */
    void pump(Association sender) {
        pump(sender, PrPolicy.RELIABLE);
    }

    void pump(Association sender, PrPolicy policy) {
        while (next < count) {
            if (!sender.send(streamOf(next), 53, payload(next, sizeOf(next)), unorderedOf(next), policy)) {
                return;
            }
            next++;
        }
    }

    boolean allQueued() {
        return next == count;
    }

    /** Checks what arrived; returns the sequence numbers received. */
    Set<Integer> check(List<RecordingListener.Message> received, boolean expectAll) {
        Set<Integer> seen = new HashSet<>();
        Map<Integer, Integer> lastOrdered = new HashMap<>();
        for (RecordingListener.Message m : received) {
            int seq = m.payload().length >= 4 ? ByteBuffer.wrap(m.payload()).getInt(0) : -1;
            if (seq < 0) {
                // 1..3-byte messages: find the number by size and pattern among candidates.
                seq = identifySmall(m, seen);
            }
            assertThat(seen.add(seq)).as("message %d delivered once", seq).isTrue();
            assertThat(m.streamId()).isEqualTo(streamOf(seq));
            assertThat(m.unordered()).isEqualTo(unorderedOf(seq));
            assertThat(m.payload()).as("message %d intact", seq).isEqualTo(payload(seq, sizeOf(seq)));
            if (!m.unordered()) {
                Integer last = lastOrdered.put(m.streamId(), seq);
                assertThat(last == null || last < seq).as("stream %d: %d after %d", m.streamId(), seq, last).isTrue();
            }
        }
        if (expectAll) {
            assertThat(seen).hasSize(count);
        }
        return seen;
    }

    private int identifySmall(RecordingListener.Message m, Set<Integer> seen) {
        for (int seq = 0; seq < count; seq++) {
            if (!seen.contains(seq) && sizeOf(seq) == m.payload().length && streamOf(seq) == m.streamId()
                    && unorderedOf(seq) == m.unordered()
                    && java.util.Arrays.equals(payload(seq, sizeOf(seq)), m.payload())) {
                // Ordered small messages must be the earliest candidate; unordered any.
                return seq;
            }
        }
        throw new AssertionError("unknown message of " + m.payload().length + " bytes on stream " + m.streamId());
    }
}
