package org.ortc4j.sctp.internal.stream;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Puts received DATA fragments (RFC 9260; {@link InboundFragment#fragmentSequence()} 0 and a 16-bit
 * {@link InboundFragment#sequence()}) back together into user messages and hands them out in the
 * order RFC 9260 asks: ordered messages per stream strictly by SSN (§6.5, §6.6), unordered ones
 * as soon as they are complete (§6.6), fragments joined by consecutive TSNs from B to E (§6.9).
 *
 * <p>Resources are bounded: the payload bytes held and the number of held pieces (fragments
 * plus complete messages waiting for an earlier SSN) have limits per association; a fragment that
 * would exceed them is refused with {@link ReassemblyOutcome#LIMIT_EXCEEDED}, which the
 * association turns into an ABORT. Partial reliability (RFC 3758) and stream reset (RFC 6525) are
 * supported. Confined to the association's loop.
 *
 * <p>The association passes each new TSN once: it drops chunks at or below its cumulative TSN
 * and duplicates it has already acknowledged (RFC 9260 §6.2 has it report them as duplicates)
 * before they reach this class.
 */
public final class InboundReassembler implements Reassembler {

    private final int maxBufferedBytes;
    private final int maxBufferedMessages;

    // Every fragment held, of every stream, by TSN in serial order.
    private final NavigableMap<Long, InboundFragment> fragments = new TreeMap<>(SerialNumbers.TSN_ORDER);
    // Complete ordered messages waiting for an earlier SSN, per stream, by SSN.
    private final Map<Integer, Map<Integer, ReassembledMessage>> waiting = new HashMap<>();
    // The next SSN to deliver per stream; absent means 0.
    private final Map<Integer, Integer> nextSsn = new HashMap<>();

    private long bufferedBytes;
    private int bufferedMessages;

    /**
     * @param maxBufferedBytes the most payload bytes held at once (at least the receiver window
     *     we advertise, a_rwnd)
     * @param maxBufferedMessages the most pieces held at once: fragments plus complete messages
     *     waiting for an earlier SSN
     */
    public InboundReassembler(int maxBufferedBytes, int maxBufferedMessages) {
        if (maxBufferedBytes < 1 || maxBufferedMessages < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
        this.maxBufferedBytes = maxBufferedBytes;
        this.maxBufferedMessages = maxBufferedMessages;
    }

    /**
     * Takes one received fragment and delivers every message it makes deliverable, in order.
     *
     * @param fragment a fragment with a TSN the association has not passed before
     * @param deliver receives complete messages, on the calling thread, before this returns
     * @return what happened to the fragment
     */
    @Override
    public ReassemblyOutcome receive(InboundFragment fragment, Consumer<ReassembledMessage> deliver) {
        if (fragment.sequence() > 0xFFFF || fragment.fragmentSequence() != 0) {
            throw new IllegalArgumentException("not a DATA fragment: SSN " + fragment.sequence()
                    + ", FSN " + fragment.fragmentSequence());
        }
        if (!fragment.unordered()
                && SerialNumbers.ssnLessThan(ssnOf(fragment), expectedSsn(fragment.streamId()))) {
            return ReassemblyOutcome.STALE;
        }
        if (fragments.containsKey(fragment.tsn())) {
            return ReassemblyOutcome.DUPLICATE;
        }
        if (!fragment.unordered()) {
            Map<Integer, ReassembledMessage> ready = waiting.get(fragment.streamId());
            if (ready != null && ready.containsKey(ssnOf(fragment))) {
                return ReassemblyOutcome.STALE;
            }
        }
        if (bufferedBytes + fragment.payload().length > maxBufferedBytes
                || bufferedMessages + 1 > maxBufferedMessages) {
            return ReassemblyOutcome.LIMIT_EXCEEDED;
        }
        if (fragment.beginning() && fragment.ending() && deliverAtOnce(fragment, deliver)) {
            return ReassemblyOutcome.ACCEPTED;
        }
        fragments.put(fragment.tsn(), fragment);
        bufferedBytes += fragment.payload().length;
        bufferedMessages++;

        ReassembledMessage complete = completeMessageAround(fragment);
        if (complete == null) {
            return ReassemblyOutcome.ACCEPTED;
        }
        if (complete.unordered()) {
            // RFC 9260 §6.6: with the U bit set the receiver bypasses the ordering mechanism and
            // delivers the message immediately (after reassembly), whatever its SSN.
            deliver.accept(complete);
        } else {
            waiting.computeIfAbsent(complete.streamId(), s -> new HashMap<>()).put((int) complete.sequence(), complete);
            bufferedBytes += complete.payload().length;
            bufferedMessages++;
            deliverInOrder(complete.streamId(), deliver);
        }
        return ReassemblyOutcome.ACCEPTED;
    }

    /**
     * Applies a FORWARD-TSN (RFC 3758 §3.6): drops every fragment at or below the new cumulative
     * TSN, skips each listed stream past its SSN, and delivers what became deliverable.
     *
     * <p>RFC 3758 §3.6: the receiver "MUST first update its cumulative TSN point to the value
     * carried in the FORWARD TSN chunk"; partly received messages at or below it will never be
     * completed and are dropped. For each Stream/SSN pair, ordered messages up to that SSN that
     * are complete are delivered, in order, and the stream then expects the SSN after it (so
     * messages waiting behind the abandoned ones are delivered too).
     *
     * @param newCumulativeTsn the New Cumulative TSN field
     * @param skipped the chunk's Stream/Stream Sequence pairs
     * @param deliver receives the messages that became deliverable
     */
    @Override
    public void forwardTsn(long newCumulativeTsn, List<SkippedStream> skipped, Consumer<ReassembledMessage> deliver) {
        for (SkippedStream s : skipped) {
            // RFC 3758 §3.2: FORWARD-TSN lists ordered streams with a 16-bit SSN.
            if (s.unordered() || s.sequence() > 0xFFFF) {
                throw new IllegalArgumentException("not a FORWARD-TSN entry: " + s);
            }
        }
        Iterator<InboundFragment> abandoned = fragments.headMap(newCumulativeTsn, true).values().iterator();
        while (abandoned.hasNext()) {
            forget(abandoned.next());
            abandoned.remove();
        }
        for (SkippedStream s : skipped) {
            int stream = s.streamId();
            int skippedSsn = (int) s.sequence();
            int expected = expectedSsn(stream);
            if (SerialNumbers.ssnLessThan(skippedSsn, expected)) {
                continue; // an old FORWARD-TSN: this stream is already past it
            }
            // Complete messages up to the skipped SSN go out in SSN order, the gaps skipped.
            Map<Integer, ReassembledMessage> ready = waiting.get(stream);
            if (ready != null) {
                List<Integer> ssns = new ArrayList<>();
                for (int ssn : ready.keySet()) {
                    if (SerialNumbers.ssnAtMost(ssn, skippedSsn)) {
                        ssns.add(ssn);
                    }
                }
                ssns.sort((a, b) -> Integer.compare((a - expected) & 0xFFFF, (b - expected) & 0xFFFF));
                for (int ssn : ssns) {
                    ReassembledMessage m = ready.remove(ssn);
                    bufferedBytes -= m.payload().length;
                    bufferedMessages--;
                    deliver.accept(m);
                }
            }
            nextSsn.put(stream, SerialNumbers.nextSsn(skippedSsn));
            // Fragments of skipped ordered messages above the cumulative TSN can never complete.
            Iterator<InboundFragment> it = fragments.values().iterator();
            while (it.hasNext()) {
                InboundFragment f = it.next();
                if (f.streamId() == stream && !f.unordered() && SerialNumbers.ssnAtMost(ssnOf(f), skippedSsn)) {
                    forget(f);
                    it.remove();
                }
            }
            deliverInOrder(stream, deliver);
        }
    }

    /**
     * Resets an incoming stream (RFC 6525 §5.2.2, on performing an Outgoing SSN Reset Request
     * from the peer): the next SSN expected on the stream becomes 0. RFC 6525 has the reset
     * performed only once every TSN up to the request's Sender's Last Assigned TSN has arrived,
     * so nothing of the stream's old numbering is left to deliver; whatever is, is dropped.
     */
    @Override
    public void resetStream(int streamId) {
        nextSsn.remove(streamId);
        Map<Integer, ReassembledMessage> ready = waiting.remove(streamId);
        if (ready != null) {
            for (ReassembledMessage m : ready.values()) {
                bufferedBytes -= m.payload().length;
                bufferedMessages--;
            }
        }
        Iterator<InboundFragment> it = fragments.values().iterator();
        while (it.hasNext()) {
            InboundFragment f = it.next();
            if (f.streamId() == streamId && !f.unordered()) {
                forget(f);
                it.remove();
            }
        }
    }

    @Override
    public void resetAllStreams() {
        nextSsn.clear();
        for (Map<Integer, ReassembledMessage> ready : waiting.values()) {
            for (ReassembledMessage m : ready.values()) {
                bufferedBytes -= m.payload().length;
                bufferedMessages--;
            }
        }
        waiting.clear();
        // Unordered DATA messages have no SSN to reset; their fragments stay.
        Iterator<InboundFragment> it = fragments.values().iterator();
        while (it.hasNext()) {
            InboundFragment f = it.next();
            if (!f.unordered()) {
                forget(f);
                it.remove();
            }
        }
    }

    /** The SSN the next ordered message on a stream must carry to be delivered. */
    public int expectedSsn(int streamId) {
        return nextSsn.getOrDefault(streamId, 0);
    }

    /** Payload bytes held (fragments and waiting messages). */
    @Override
    public long bufferedBytes() {
        return bufferedBytes;
    }

    /** Pieces held: fragments plus complete messages waiting for an earlier SSN. */
    @Override
    public int bufferedMessages() {
        return bufferedMessages;
    }

    /**
     * The common case on the data path: a message in one chunk that is unordered or next on its
     * stream is delivered without being stored. Returns false if it has to wait.
     */
    private boolean deliverAtOnce(InboundFragment f, Consumer<ReassembledMessage> deliver) {
        int stream = f.streamId();
        if (f.unordered()) {
            deliver.accept(new ReassembledMessage(stream, 0, f.ppid(), true, f.payload()));
            return true;
        }
        int ssn = ssnOf(f);
        if (ssn != expectedSsn(stream)) {
            return false;
        }
        nextSsn.put(stream, SerialNumbers.nextSsn(ssn));
        deliver.accept(new ReassembledMessage(stream, ssn, f.ppid(), false, f.payload()));
        deliverInOrder(stream, deliver);
        return true;
    }

    private void forget(InboundFragment f) {
        bufferedBytes -= f.payload().length;
        bufferedMessages--;
    }

    private void deliverInOrder(int stream, Consumer<ReassembledMessage> deliver) {
        Map<Integer, ReassembledMessage> ready = waiting.get(stream);
        if (ready == null) {
            return;
        }
        int expected = expectedSsn(stream);
        ReassembledMessage m;
        // RFC 9260 §6.6: ordered messages of a stream are delivered in SSN order; a message
        // that arrives early waits until the ones before it have been delivered.
        while ((m = ready.remove(expected)) != null) {
            bufferedBytes -= m.payload().length;
            bufferedMessages--;
            expected = SerialNumbers.nextSsn(expected);
            deliver.accept(m);
        }
        nextSsn.put(stream, expected);
        if (ready.isEmpty()) {
            waiting.remove(stream);
        }
    }

    /**
     * If the fragment just added completes a message (B..E over consecutive TSNs, same stream,
     * same ordering and, when ordered, same SSN), removes its fragments and returns it.
     */
    private ReassembledMessage completeMessageAround(InboundFragment added) {
        // RFC 9260 §6.9: the receiver recognizes the fragments of a user message by their
        // consecutive TSNs, from the one with the B bit to the one with the E bit.
        // The immediate neighbours first: fragments mostly arrive in order, and then the next one
        // is missing, so a long message costs one lookup per fragment, not a walk to its start.
        if (!added.beginning() && !joinsAfter(added, fragments.get((added.tsn() - 1) & 0xFFFF_FFFFL))) {
            return null;
        }
        if (!added.ending() && !joinsBefore(added, fragments.get(SerialNumbers.nextTsn(added.tsn())))) {
            return null;
        }
        long first = added.tsn();
        InboundFragment f = added;
        while (!f.beginning()) {
            long prevTsn = (first - 1) & 0xFFFF_FFFFL;
            InboundFragment prev = fragments.get(prevTsn);
            if (prev == null || !sameMessage(prev, added) || prev.ending()) {
                return null;
            }
            first = prevTsn;
            f = prev;
        }
        long last = added.tsn();
        f = added;
        while (!f.ending()) {
            long nextTsn = SerialNumbers.nextTsn(last);
            InboundFragment next = fragments.get(nextTsn);
            if (next == null || !sameMessage(next, added) || next.beginning()) {
                return null;
            }
            last = nextTsn;
            f = next;
        }
        InboundFragment head = fragments.get(first);
        byte[] joined;
        if (first == last) {
            fragments.remove(first);
            forget(head);
            joined = head.payload(); // handed over, not copied: the caller gave it up (see InboundFragment)
        } else {
            List<byte[]> pieces = new ArrayList<>();
            int length = 0;
            for (long tsn = first; ; tsn = SerialNumbers.nextTsn(tsn)) {
                InboundFragment piece = fragments.remove(tsn);
                forget(piece);
                pieces.add(piece.payload());
                length += piece.payload().length;
                if (tsn == last) {
                    break;
                }
            }
            joined = new byte[length];
            int at = 0;
            for (byte[] p : pieces) {
                System.arraycopy(p, 0, joined, at, p.length);
                at += p.length;
            }
        }
        return new ReassembledMessage(head.streamId(), head.unordered() ? 0 : head.sequence(), head.ppid(),
                head.unordered(), joined);
    }

    private static boolean joinsAfter(InboundFragment added, InboundFragment prev) {
        return prev != null && sameMessage(prev, added) && !prev.ending();
    }

    private static boolean joinsBefore(InboundFragment added, InboundFragment next) {
        return next != null && sameMessage(next, added) && !next.beginning();
    }

    private static int ssnOf(InboundFragment f) {
        return (int) f.sequence();
    }

    private static boolean sameMessage(InboundFragment a, InboundFragment b) {
        return a.streamId() == b.streamId()
                && a.unordered() == b.unordered()
                && (a.unordered() || a.sequence() == b.sequence());
    }
}
