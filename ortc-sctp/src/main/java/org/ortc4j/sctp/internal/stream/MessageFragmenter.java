package org.ortc4j.sctp.internal.stream;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits outgoing user messages into chunk-sized fragments and numbers them per stream: SSNs
 * for DATA (RFC 9260 §6.5, §6.9), MIDs and FSNs for I-DATA (RFC 8260 §2.1). Confined to the
 * association's loop.
 */
public final class MessageFragmenter {

    private final boolean interleaving;
    // Next SSN (DATA) or next ordered MID (I-DATA) per stream; absent means 0.
    private final Map<Integer, Long> nextOrdered = new HashMap<>();
    // Next unordered MID per stream (I-DATA only); absent means 0.
    private final Map<Integer, Long> nextUnordered = new HashMap<>();

    /**
     * @param interleaving {@code true} when the association negotiated I-DATA (RFC 8260), so
     *     fragments carry 32-bit MIDs and FSNs; {@code false} for DATA with 16-bit SSNs
     */
    public MessageFragmenter(boolean interleaving) {
        this.interleaving = interleaving;
    }

    /**
     * Splits one user message into fragments of at most {@code maxFragmentSize} bytes each, the
     * first with B, the last with E (one fragment has both).
     *
     * <p>RFC 9260 §6.9: a message too large for one packet is fragmented into several DATA
     * chunks that all carry the same SSN, the first with the B bit and the last with the E bit,
     * with consecutive TSNs assigned in fragment order when sent. Ordered messages take the
     * stream's next SSN (§6.5: one more per ordered message, and after 65535 comes 0); unordered
     * DATA messages carry SSN 0, which the receiver ignores (§6.6). With I-DATA, ordered and
     * unordered messages each take the next MID of their own counter (RFC 8260 §2.1) and
     * fragments are numbered by FSN from 0.
     *
     * @param streamId the stream, 0 to 65535
     * @param ppid the payload protocol identifier
     * @param unordered whether the message may be delivered out of order
     * @param message the message bytes, at least one (RFC 8831 §6.6 says how to send an empty one)
     * @param maxFragmentSize the most user data one chunk may carry (from the path MTU)
     * @return the fragments, in sending order
     */
    public List<OutboundFragment> fragment(int streamId, int ppid, boolean unordered, byte[] message,
            int maxFragmentSize) {
        if (streamId < 0 || streamId > 0xFFFF) {
            throw new IllegalArgumentException("stream id out of range 0..65535: " + streamId);
        }
        if (message.length == 0) {
            // RFC 9260 §6.2: a DATA chunk with no user data is a protocol violation.
            throw new IllegalArgumentException("SCTP cannot send an empty user message (RFC 8831 §6.6)");
        }
        if (maxFragmentSize < 1) {
            throw new IllegalArgumentException("maxFragmentSize must be positive: " + maxFragmentSize);
        }
        long sequence = takeSequence(streamId, unordered);
        int count = (message.length + maxFragmentSize - 1) / maxFragmentSize;
        List<OutboundFragment> fragments = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int from = i * maxFragmentSize;
            int to = Math.min(message.length, from + maxFragmentSize);
            fragments.add(new OutboundFragment(streamId, sequence, interleaving ? i : 0, ppid, unordered,
                    i == 0, i == count - 1, Arrays.copyOfRange(message, from, to)));
        }
        return fragments;
    }

    /** The SSN (DATA) or ordered MID (I-DATA) the next ordered message on a stream will get. */
    public long nextSequence(int streamId) {
        return nextOrdered.getOrDefault(streamId, 0L);
    }

    /**
     * Resets a stream's outgoing numbering once an Outgoing SSN Reset Request for it has been
     * performed (RFC 6525 §5.2.2: both ends set the stream's sequence number back to 0; RFC 8260
     * §3 does the same for MIDs).
     */
    public void resetStream(int streamId) {
        nextOrdered.remove(streamId);
        nextUnordered.remove(streamId);
    }

    private long takeSequence(int streamId, boolean unordered) {
        if (!interleaving) {
            if (unordered) {
                return 0;
            }
            long ssn = nextOrdered.getOrDefault(streamId, 0L);
            nextOrdered.put(streamId, (long) SerialNumbers.nextSsn((int) ssn));
            return ssn;
        }
        Map<Integer, Long> counters = unordered ? nextUnordered : nextOrdered;
        long mid = counters.getOrDefault(streamId, 0L);
        counters.put(streamId, SerialNumbers.nextTsn(mid)); // MIDs are 32-bit serial numbers too
        return mid;
    }
}
