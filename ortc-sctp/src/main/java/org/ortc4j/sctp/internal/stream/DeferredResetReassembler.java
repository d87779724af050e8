package org.ortc4j.sctp.internal.stream;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;

/**
 * A {@link Reassembler} in front of another that holds back the data RFC 6525 §5.2.2 says to hold
 * while an incoming stream reset is deferred: "any data arriving with a TSN larger than the
 * Sender's Last Assigned TSN for the affected stream(s) MUST be queued locally and held until the
 * cumulative acknowledgment point reaches the Sender's Last Assigned TSN". Such data is numbered
 * from SSN/MID 0 again; given to the reassembler before the reset it would be taken as stale (a
 * data channel reopened on the same stream would lose its DATA_CHANNEL_OPEN).
 *
 * <p>Which fragments to hold is the stream reset procedure's answer ({@link HoldBack}, e.g.
 * {@code StreamResetProcedure::holdsBack}). After the association has reset the streams
 * ({@link #resetStream}/{@link #resetAllStreams}) it calls {@link #releaseHeld} to reassemble what
 * is no longer held back. Held fragments count in {@link #bufferedBytes()} and
 * {@link #bufferedMessages()} and against the same limits as the reassembler's. Nothing is held
 * (and the cost per fragment is one call of the predicate) while no reset is deferred.
 */
public final class DeferredResetReassembler implements Reassembler {

    /** Whether a received fragment must wait for a deferred incoming stream reset. */
    @FunctionalInterface
    public interface HoldBack {
        /**
         * @param streamId the fragment's stream
         * @param tsn the fragment's TSN (unsigned 32-bit)
         * @return true to hold the fragment until its stream is reset
         */
        boolean holdsBack(int streamId, long tsn);
    }

    private final Reassembler inner;
    private final HoldBack holdBack;
    private final long maxBufferedBytes;
    private final int maxBufferedMessages;
    private final List<InboundFragment> held = new ArrayList<>();
    private long heldBytes;

    /**
     * @param inner the reassembler that gets the fragments (now or once released)
     * @param holdBack the stream reset procedure's verdict per fragment
     * @param maxBufferedBytes the same byte limit as {@code inner}'s, for held and reassembling data together
     * @param maxBufferedMessages the same piece limit as {@code inner}'s, for both together
     */
    public DeferredResetReassembler(Reassembler inner, HoldBack holdBack, int maxBufferedBytes,
            int maxBufferedMessages) {
        if (maxBufferedBytes < 1 || maxBufferedMessages < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
        this.inner = inner;
        this.holdBack = holdBack;
        this.maxBufferedBytes = maxBufferedBytes;
        this.maxBufferedMessages = maxBufferedMessages;
    }

    /**
     * Holds the fragment if a deferred reset covers it, else passes it on.
     *
     * @return as {@link Reassembler#receive}; a held fragment is {@link ReassemblyOutcome#ACCEPTED},
     *     or {@link ReassemblyOutcome#LIMIT_EXCEEDED} when holding it would exceed the limits (as
     *     everywhere, the association passes each TSN once)
     */
    @Override
    public ReassemblyOutcome receive(InboundFragment fragment, Consumer<ReassembledMessage> deliver) {
        if (!holdBack.holdsBack(fragment.streamId(), fragment.tsn())) {
            return inner.receive(fragment, deliver);
        }
        if (bufferedBytes() + fragment.payload().length > maxBufferedBytes
                || bufferedMessages() + 1 > maxBufferedMessages) {
            return ReassemblyOutcome.LIMIT_EXCEEDED;
        }
        held.add(fragment);
        heldBytes += fragment.payload().length;
        return ReassemblyOutcome.ACCEPTED;
    }

    /**
     * Reassembles the held fragments no longer held back, in the order they arrived; call it
     * after resetting the streams a deferred reset covered.
     *
     * @param deliver receives the messages they complete
     * @return {@link ReassemblyOutcome#LIMIT_EXCEEDED} if the reassembler refused one of them
     *     (the association should ABORT), else {@link ReassemblyOutcome#ACCEPTED}
     */
    public ReassemblyOutcome releaseHeld(Consumer<ReassembledMessage> deliver) {
        if (held.isEmpty()) {
            return ReassemblyOutcome.ACCEPTED;
        }
        List<InboundFragment> released = new ArrayList<>();
        Iterator<InboundFragment> it = held.iterator();
        while (it.hasNext()) {
            InboundFragment f = it.next();
            if (!holdBack.holdsBack(f.streamId(), f.tsn())) {
                it.remove();
                heldBytes -= f.payload().length;
                released.add(f);
            }
        }
        ReassemblyOutcome outcome = ReassemblyOutcome.ACCEPTED;
        for (InboundFragment f : released) {
            if (inner.receive(f, deliver) == ReassemblyOutcome.LIMIT_EXCEEDED) {
                outcome = ReassemblyOutcome.LIMIT_EXCEEDED;
            }
        }
        return outcome;
    }

    /**
     * Passes the FORWARD-TSN / I-FORWARD-TSN on; held fragments are not touched. The association
     * applies it first and only then tells the stream reset procedure the new cumulative TSN
     * (which may perform a deferred reset, then {@link #releaseHeld}): the skipped sequence
     * numbers of a stream being reset are of its old numbering, since the peer sends nothing new
     * on it before the reset is performed.
     */
    @Override
    public void forwardTsn(long newCumulativeTsn, List<SkippedStream> skipped, Consumer<ReassembledMessage> deliver) {
        inner.forwardTsn(newCumulativeTsn, skipped, deliver);
    }

    @Override
    public void resetStream(int streamId) {
        inner.resetStream(streamId);
    }

    @Override
    public void resetAllStreams() {
        inner.resetAllStreams();
    }

    /** The reassembler's bytes plus the held fragments'. */
    @Override
    public long bufferedBytes() {
        return inner.bufferedBytes() + heldBytes;
    }

    /** The reassembler's pieces plus the held fragments. */
    @Override
    public int bufferedMessages() {
        return inner.bufferedMessages() + held.size();
    }

    /** Fragments held back now. */
    public int heldFragments() {
        return held.size();
    }
}
