package org.ortc4j.sctp.internal.stream;

import java.util.List;
import java.util.function.Consumer;

/**
 * Puts received fragments back together into user messages and hands them out in the order the
 * stream asks for. {@link InboundReassembler} does it for DATA chunks (RFC 9260), {@link
 * InterleavedReassembler} for I-DATA chunks (RFC 8260); the association picks one when the
 * association is set up, by whether both ends support I-DATA. Confined to the association's loop.
 *
 * <p>The association passes each new TSN once: it drops chunks at or below its cumulative TSN
 * and duplicates it has already acknowledged before they reach the reassembler.
 */
public interface Reassembler {

    /**
     * Takes one received fragment and delivers every message it makes deliverable, in order.
     *
     * @param fragment a fragment with a TSN the association has not passed before
     * @param deliver receives complete messages, on the calling thread, before this returns
     * @return what happened to the fragment; {@link ReassemblyOutcome#LIMIT_EXCEEDED} means the
     *     association should ABORT
     */
    ReassemblyOutcome receive(InboundFragment fragment, Consumer<ReassembledMessage> deliver);

    /**
     * Applies a FORWARD-TSN (RFC 3758 §3.6) or I-FORWARD-TSN (RFC 8260 §2.3.1): drops what is
     * abandoned, skips the listed streams past their sequence, and delivers what became
     * deliverable.
     *
     * @param newCumulativeTsn the New Cumulative TSN field (unsigned 32-bit)
     * @param skipped the chunk's stream entries
     * @param deliver receives the messages that became deliverable
     */
    void forwardTsn(long newCumulativeTsn, List<SkippedStream> skipped, Consumer<ReassembledMessage> deliver);

    /**
     * Resets an incoming stream (RFC 6525 §5.2.2): the next ordered SSN/MID expected becomes 0,
     * and whatever of the stream is held is dropped.
     *
     * @param streamId the stream (0 to 65535)
     */
    void resetStream(int streamId);

    /**
     * Resets every incoming stream (RFC 6525 §5.2.2 for a request that lists no streams): as
     * {@link #resetStream} for each, in one pass.
     */
    void resetAllStreams();

    /** Payload bytes held (fragments and complete messages waiting for an earlier one). */
    long bufferedBytes();

    /** Pieces held: fragments plus complete messages waiting for an earlier one. */
    int bufferedMessages();
}
