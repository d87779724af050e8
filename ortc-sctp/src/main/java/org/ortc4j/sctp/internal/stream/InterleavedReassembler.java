package org.ortc4j.sctp.internal.stream;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Puts received I-DATA fragments (RFC 8260 §2.1) back together into user messages. Unlike DATA,
 * the fragments of different messages may be interleaved in TSN order, so a message is
 * identified by its stream, its U bit and its Message Identifier (MID), and its fragments are
 * ordered by their Fragment Sequence Number (FSN), not by TSN adjacency. Ordered messages of a
 * stream are handed out strictly by MID (32-bit serial arithmetic), unordered ones as soon as they
 * are complete.
 *
 * <p>Resources are bounded exactly as in {@link InboundReassembler}: payload bytes held and held
 * pieces (fragments plus complete ordered messages waiting for an earlier MID); a fragment that
 * would exceed them is refused with {@link ReassemblyOutcome#LIMIT_EXCEEDED}, which the
 * association turns into an ABORT. Fragments that contradict what is held (a second fragment
 * with the same FSN, an FSN past the message's last fragment) are ignored, so a lying peer can
 * neither corrupt a message nor hold more than the limits. Confined to the association's loop.
 *
 * <p>The association passes each new TSN once, and on each fragment with the B bit passes
 * {@link InboundFragment#fragmentSequence()} 0 and the PPID; on the others the FSN and PPID 0
 * (RFC 8260 §2.1: the PPID/FSN field holds the PPID "if the B bit is set" and the FSN otherwise).
 */
public final class InterleavedReassembler implements Reassembler {

    private final int maxBufferedBytes;
    private final int maxBufferedMessages;

    // Messages with some fragments held, by (stream, U, MID).
    private final Map<Long, PartialMessage> partials = new HashMap<>();
    // Per stream: the next ordered MID and the complete ordered messages waiting for an earlier one.
    private final Map<Integer, OrderedStream> ordered = new HashMap<>();

    private long bufferedBytes;
    private int bufferedMessages;

    /**
     * @param maxBufferedBytes the most payload bytes held at once (at least the receiver window
     *     we advertise, a_rwnd)
     * @param maxBufferedMessages the most pieces held at once: fragments plus complete messages
     *     waiting for an earlier MID
     */
    public InterleavedReassembler(int maxBufferedBytes, int maxBufferedMessages) {
        if (maxBufferedBytes < 1 || maxBufferedMessages < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
        this.maxBufferedBytes = maxBufferedBytes;
        this.maxBufferedMessages = maxBufferedMessages;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Returns {@link ReassemblyOutcome#DUPLICATE} for a second fragment with the same (stream,
     * U, MID, FSN), and {@link ReassemblyOutcome#STALE} for an ordered fragment whose MID was
     * already delivered or skipped, or one that does not fit the fragments held for its message.
     */
    @Override
    public ReassemblyOutcome receive(InboundFragment fragment, Consumer<ReassembledMessage> deliver) {
        if (fragment.beginning() && fragment.fragmentSequence() != 0) {
            throw new IllegalArgumentException("a fragment with the B bit has FSN 0: " + fragment.fragmentSequence());
        }
        int stream = fragment.streamId();
        long mid = fragment.sequence();
        OrderedStream os = null;
        if (!fragment.unordered()) {
            os = ordered.get(stream);
            long expected = os == null ? 0 : os.nextMid;
            // RFC 8260 §2.1: MIDs are compared with serial number arithmetic, SERIAL_BITS = 32.
            if (SerialNumbers.midLessThan(mid, expected) || (os != null && os.waiting.containsKey(mid))) {
                return ReassemblyOutcome.STALE;
            }
        }
        if (!fragment.beginning() && fragment.fragmentSequence() == 0) {
            // RFC 8260 §2.1: "The first fragment MUST have an FSN of 0" -- and only it has the B bit.
            return ReassemblyOutcome.STALE;
        }
        long key = key(stream, fragment.unordered(), mid);
        PartialMessage partial = partials.isEmpty() ? null : partials.get(key);
        if (partial != null) {
            ReassemblyOutcome fit = partial.check(fragment);
            if (fit != ReassemblyOutcome.ACCEPTED) {
                return fit;
            }
        }
        int length = fragment.payload().length;
        if (bufferedBytes + length > maxBufferedBytes || bufferedMessages + 1 > maxBufferedMessages) {
            return ReassemblyOutcome.LIMIT_EXCEEDED;
        }

        ReassembledMessage complete;
        if (partial == null && fragment.beginning() && fragment.ending()) {
            // The common case: a message in one chunk is complete at once, without being stored.
            complete = new ReassembledMessage(stream, mid, fragment.ppid(), fragment.unordered(), fragment.payload());
        } else {
            if (partial == null) {
                partial = new PartialMessage();
                partials.put(key, partial);
            }
            partial.add(fragment);
            bufferedBytes += length;
            bufferedMessages++;
            if (!partial.isComplete()) {
                return ReassemblyOutcome.ACCEPTED;
            }
            partials.remove(key);
            bufferedBytes -= partial.bytes;
            bufferedMessages -= partial.fragments.size();
            complete = partial.join(stream, mid, fragment.unordered());
        }

        if (complete.unordered()) {
            // RFC 8260 §2.1 keeps RFC 9260 §6.6: an unordered message is delivered as soon as it
            // is reassembled, whatever its MID.
            deliver.accept(complete);
            return ReassemblyOutcome.ACCEPTED;
        }
        if (os == null) {
            os = new OrderedStream();
            ordered.put(stream, os);
        }
        if (mid == os.nextMid) {
            os.nextMid = SerialNumbers.nextMid(mid);
            deliver.accept(complete);
            deliverInOrder(stream, os, deliver);
        } else {
            // RFC 9260 §6.6 (RFC 8260 with MIDs in place of SSNs): an ordered message that is
            // complete early waits until the ones before it on its stream have been delivered.
            os.waiting.put(mid, complete);
            bufferedBytes += complete.payload().length;
            bufferedMessages++;
        }
        return ReassemblyOutcome.ACCEPTED;
    }

    /**
     * Applies an I-FORWARD-TSN (RFC 8260 §2.3.1). Each entry names a stream, the U bit and "the
     * largest Message Identifier for ordered or unordered messages indicated by the U bit that was
     * skipped": the held fragments of those messages are dropped; for ordered entries, complete
     * messages up to that MID are delivered in order and the stream then expects the MID after
     * it (so messages waiting behind the abandoned ones are delivered too).
     *
     * <p>The New Cumulative TSN is the association's business (its cumulative TSN ack point);
     * unlike with DATA it says nothing about which fragments are abandoned, because a message's
     * fragments are not consecutive in TSN when messages interleave.
     */
    @Override
    public void forwardTsn(long newCumulativeTsn, List<SkippedStream> skipped, Consumer<ReassembledMessage> deliver) {
        for (SkippedStream s : skipped) {
            int stream = s.streamId();
            long skippedMid = s.sequence();
            if (s.unordered()) {
                dropPartials(p -> streamOf(p) == stream && unorderedOf(p)
                        && SerialNumbers.midAtMost(midOf(p), skippedMid));
                continue;
            }
            OrderedStream os = ordered.get(stream);
            long expected = os == null ? 0 : os.nextMid;
            if (SerialNumbers.midLessThan(skippedMid, expected)) {
                continue; // an old I-FORWARD-TSN: this stream is already past it
            }
            if (os == null) {
                os = new OrderedStream();
                ordered.put(stream, os);
            }
            if (!os.waiting.isEmpty()) {
                // Complete messages up to the skipped MID go out in MID order, the gaps skipped.
                List<Long> mids = new ArrayList<>();
                for (long mid : os.waiting.keySet()) {
                    if (SerialNumbers.midAtMost(mid, skippedMid)) {
                        mids.add(mid);
                    }
                }
                mids.sort((a, b) -> Long.compare((a - expected) & 0xFFFF_FFFFL, (b - expected) & 0xFFFF_FFFFL));
                for (long mid : mids) {
                    ReassembledMessage m = os.waiting.remove(mid);
                    bufferedBytes -= m.payload().length;
                    bufferedMessages--;
                    deliver.accept(m);
                }
            }
            os.nextMid = SerialNumbers.nextMid(skippedMid);
            // Fragments of skipped ordered messages can never complete.
            dropPartials(p -> streamOf(p) == stream && !unorderedOf(p) && SerialNumbers.midAtMost(midOf(p), skippedMid));
            deliverInOrder(stream, os, deliver);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>RFC 8260 §3 applies RFC 6525's reset to both MID counters of the stream, so held
     * fragments of ordered and unordered messages of the stream are dropped. RFC 6525 performs a
     * reset only once every TSN up to the request's Sender's Last Assigned TSN has arrived, so
     * nothing of the old numbering is still to come.
     */
    @Override
    public void resetStream(int streamId) {
        OrderedStream os = ordered.remove(streamId);
        if (os != null) {
            for (ReassembledMessage m : os.waiting.values()) {
                bufferedBytes -= m.payload().length;
                bufferedMessages--;
            }
        }
        dropPartials(p -> streamOf(p) == streamId);
    }

    @Override
    public void resetAllStreams() {
        ordered.clear();
        partials.clear();
        // Everything held was of the old numbering (fragments and waiting messages alike).
        bufferedBytes = 0;
        bufferedMessages = 0;
    }

    /** The MID the next ordered message on a stream must carry to be delivered. */
    public long expectedMid(int streamId) {
        OrderedStream os = ordered.get(streamId);
        return os == null ? 0 : os.nextMid;
    }

    @Override
    public long bufferedBytes() {
        return bufferedBytes;
    }

    @Override
    public int bufferedMessages() {
        return bufferedMessages;
    }

    private void deliverInOrder(int stream, OrderedStream os, Consumer<ReassembledMessage> deliver) {
        ReassembledMessage m;
        while (!os.waiting.isEmpty() && (m = os.waiting.remove(os.nextMid)) != null) {
            bufferedBytes -= m.payload().length;
            bufferedMessages--;
            os.nextMid = SerialNumbers.nextMid(os.nextMid);
            deliver.accept(m);
        }
    }

    private interface KeyTest {
        boolean matches(long key);
    }

    private void dropPartials(KeyTest test) {
        Iterator<Map.Entry<Long, PartialMessage>> it = partials.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Long, PartialMessage> e = it.next();
            if (test.matches(e.getKey())) {
                bufferedBytes -= e.getValue().bytes;
                bufferedMessages -= e.getValue().fragments.size();
                it.remove();
            }
        }
    }

    private static long key(int stream, boolean unordered, long mid) {
        return ((long) stream << 33) | (unordered ? 1L << 32 : 0) | mid;
    }

    private static int streamOf(long key) {
        return (int) (key >>> 33);
    }

    private static boolean unorderedOf(long key) {
        return (key & (1L << 32)) != 0;
    }

    private static long midOf(long key) {
        return key & 0xFFFF_FFFFL;
    }

    /** The complete ordered state of one incoming stream. */
    private static final class OrderedStream {
        long nextMid;
        final Map<Long, ReassembledMessage> waiting = new HashMap<>();
    }

    /**
     * The fragments held of one message, sorted by FSN (they mostly arrive in order, so adding is
     * an append), with what is known of its first and last fragment.
     */
    private static final class PartialMessage {
        final List<InboundFragment> fragments = new ArrayList<>(4);
        long bytes;
        int ppid;
        boolean hasBeginning;
        long endFsn = -1; // FSN of the fragment with the E bit, -1 while unknown

        /** Whether the fragment fits what is held: ACCEPTED, DUPLICATE or STALE. */
        ReassemblyOutcome check(InboundFragment f) {
            long fsn = f.fragmentSequence();
            if (indexOf(fsn) >= 0) {
                return ReassemblyOutcome.DUPLICATE;
            }
            // RFC 8260 §2.1: fragments are numbered from 0 (B) to the one with the E bit; nothing
            // lies past the end.
            if (endFsn >= 0 && fsn > endFsn) {
                return ReassemblyOutcome.STALE;
            }
            if (f.ending() && fragments.get(fragments.size() - 1).fragmentSequence() > fsn) {
                return ReassemblyOutcome.STALE;
            }
            return ReassemblyOutcome.ACCEPTED;
        }

        void add(InboundFragment f) {
            int at = indexOf(f.fragmentSequence());
            fragments.add(-at - 1, f);
            bytes += f.payload().length;
            if (f.beginning()) {
                hasBeginning = true;
                ppid = f.ppid();
            }
            if (f.ending()) {
                endFsn = f.fragmentSequence();
            }
        }

        boolean isComplete() {
            // Distinct FSNs, none past endFsn: all of 0..endFsn are here when there are endFsn + 1.
            return hasBeginning && endFsn >= 0 && fragments.size() == endFsn + 1;
        }

        ReassembledMessage join(int stream, long mid, boolean unordered) {
            byte[] joined = new byte[Math.toIntExact(bytes)];
            int at = 0;
            for (InboundFragment f : fragments) {
                byte[] p = f.payload();
                System.arraycopy(p, 0, joined, at, p.length);
                at += p.length;
            }
            return new ReassembledMessage(stream, mid, ppid, unordered, joined);
        }

        /**
         * Binary search by FSN: the index of the fragment with this FSN, or {@code -(insertion
         * point) - 1}. Appending in order costs one comparison.
         */
        private int indexOf(long fsn) {
            int high = fragments.size() - 1;
            if (high < 0 || fragments.get(high).fragmentSequence() < fsn) {
                return -(high + 1) - 1;
            }
            int low = 0;
            while (low <= high) {
                int mid = (low + high) >>> 1;
                long at = fragments.get(mid).fragmentSequence();
                if (at < fsn) {
                    low = mid + 1;
                } else if (at > fsn) {
                    high = mid - 1;
                } else {
                    return mid;
                }
            }
            return -low - 1;
        }
    }
}
