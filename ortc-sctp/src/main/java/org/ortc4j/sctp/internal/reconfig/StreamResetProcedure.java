package org.ortc4j.sctp.internal.reconfig;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.ortc4j.ice.net.Scheduler;
import org.ortc4j.sctp.internal.packet.IncomingSsnResetRequestParameter;
import org.ortc4j.sctp.internal.packet.OutgoingSsnResetRequestParameter;
import org.ortc4j.sctp.internal.packet.Parameter;
import org.ortc4j.sctp.internal.packet.ParameterType;
import org.ortc4j.sctp.internal.packet.ReconfigChunk;
import org.ortc4j.sctp.internal.packet.ReconfigurationResponseParameter;
import org.ortc4j.sctp.internal.packet.UnknownParameter;

/**
 * Both sides of the RFC 6525 stream reset for the Outgoing SSN Reset Request, the only
 * re-configuration WebRTC uses: RFC 8831 §6.7 closes a data channel by resetting the streams of
 * both directions, each side resetting its outgoing stream.
 *
 * <p><b>Sender side.</b> {@link #requestReset} queues streams; {@link #sendPending} sends one
 * request for all of them (several calls coalesce) when none is in flight, because RFC 6525 §5.1
 * allows one outstanding request at a time; the request is retransmitted on a timer
 * (RTO, doubled per timeout) until answered, and after too many timeouts {@link Output#failed} is
 * called. "Performed" ends with {@link Output#outgoingReset}; "In progress" makes it retry the
 * same request after an RTO; "Denied" and the errors end with {@link Output#outgoingResetFailed}.
 *
 * <p><b>Receiver side.</b> An Outgoing SSN Reset Request from the peer is performed when every
 * TSN up to its Sender's Last Assigned TSN has arrived ({@link Output#incomingReset}), else it is
 * answered "In progress" and performed as soon as {@link #onCumulativeTsnAdvanced} sees that TSN;
 * meanwhile {@link #holdsBack} tells the association which newer DATA to hold. A retransmitted
 * request gets the same answer again. An Incoming SSN Reset Request, and the re-configurations
 * WebRTC does not use (SSN/TSN reset, adding streams), are answered "Denied": data channels are
 * closed by each side resetting its own outgoing stream (RFC 8831 §6.7), never by asking the peer
 * to. A RE-CONFIG chunk with a combination of parameters RFC 6525 §3.1 does not allow is dropped
 * and counted.
 *
 * <p>Pure: no I/O; time only from the injected {@link Scheduler}; confined to the association's
 * loop. Bounded: at most {@link #MAX_STREAMS_PER_REQUEST} streams go in one request (the rest wait
 * for the next), at most {@link #MAX_DEFERRED_RESETS} deferred incoming resets are kept.
 */
public final class StreamResetProcedure {

    /**
     * The most streams one Outgoing SSN Reset Request lists, so that the RE-CONFIG chunk (16 bytes
     * of parameter header and fields plus 2 per stream) fits a packet of the smallest MTU WebRTC
     * uses; further streams go in the next request.
     */
    public static final int MAX_STREAMS_PER_REQUEST = 500;

    /** The most incoming resets waiting for their Sender's Last Assigned TSN at once. */
    public static final int MAX_DEFERRED_RESETS = 16;

    private static final long MAX_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(60);

    /** What the procedure needs from the association. All calls happen on the loop. */
    public interface Output {
        /** Sends a RE-CONFIG chunk (a request, a retransmission, or responses) to the peer. */
        void send(ReconfigChunk chunk);

        /**
         * The peer performed our request: these outgoing streams start again at SSN/MID 0 (RFC
         * 6525 §5.1.4 via §5.2.2) and may carry data again.
         */
        void outgoingReset(int[] streams);

        /**
         * The peer answered our request for these streams with something other than success or
         * "In progress" (one of the {@code ReconfigurationResponseParameter.RESULT_*} codes): the
         * streams were not reset.
         */
        void outgoingResetFailed(int[] streams, int result);

        /**
         * We performed the peer's request: these incoming streams start again at SSN/MID 0 (the
         * association resets them in its reassembler, then releases held data, then tells the
         * data-channel layer). An empty array means all incoming streams (RFC 6525 §4.1 and §5.2.2:
         * a request that lists no streams resets all of them).
         */
        void incomingReset(int[] streams);

        /** The association's current retransmission timeout, in nanoseconds. */
        long rtoNanos();

        /** Our request went unanswered too many times; the association should abort. */
        void failed(String why);
    }

    private final Scheduler scheduler;
    private final Output out;
    private final int maxRetransmissions;

    // Sender side.
    private final LinkedHashSet<Integer> queued = new LinkedHashSet<>();
    private long nextRequestSequence;
    private Request inFlight;
    private Scheduler.Cancellable timer;

    // Receiver side.
    private long lastPeerRequestSequence; // the last request sequence number processed
    private boolean peerRequestProcessed; // false until the first request
    private int lastPeerResult;
    private final List<DeferredReset> deferred = new ArrayList<>();
    private DeferredReset lastPerformedDeferred;

    private long droppedChunks;
    private long ignoredResponses;

    /**
     * @param scheduler the association's loop and clock
     * @param initialRequestSequence our first Re-configuration Request Sequence Number: RFC 6525
     *     §4.1 "initialized to the same value as the initial TSN" we announced (unsigned 32-bit)
     * @param peerInitialRequestSequence the peer's initial TSN, the first request sequence number
     *     we expect from it (unsigned 32-bit)
     * @param maxRetransmissions how many timeouts of one request are tolerated before {@link
     *     Output#failed} (Association.Max.Retrans, RFC 9260 §8.1)
     * @param out the association
     */
    public StreamResetProcedure(Scheduler scheduler, long initialRequestSequence, long peerInitialRequestSequence,
            int maxRetransmissions, Output out) {
        if ((initialRequestSequence >>> 32) != 0 || (peerInitialRequestSequence >>> 32) != 0) {
            throw new IllegalArgumentException("request sequence numbers are unsigned 32-bit values");
        }
        if (maxRetransmissions < 0) {
            throw new IllegalArgumentException("maxRetransmissions must not be negative");
        }
        this.scheduler = scheduler;
        this.out = out;
        this.maxRetransmissions = maxRetransmissions;
        this.nextRequestSequence = initialRequestSequence;
        this.lastPeerRequestSequence = (peerInitialRequestSequence - 1) & 0xFFFF_FFFFL;
    }

    // ---------------------------------------------------------------- sender side

    /**
     * Queues outgoing streams for reset; they are sent by {@link #sendPending}. A stream already
     * queued or in flight is not queued twice. The association must send no new data on a stream
     * from here on ({@link #isResetting}) until {@link Output#outgoingReset}.
     *
     * @param streams stream identifiers, 0 to 65535
     */
    public void requestReset(int[] streams) {
        for (int s : streams) {
            if (s < 0 || s > 0xFFFF) {
                throw new IllegalArgumentException("stream out of range 0..65535: " + s);
            }
        }
        for (int s : streams) {
            if (inFlight == null || !inFlight.contains(s)) {
                queued.add(s);
            }
        }
    }

    /**
     * Sends one Outgoing SSN Reset Request for the queued streams, if any are queued and no request
     * is in flight. The association calls this when the queued streams have no unsent data (RFC
     * 6525 §4.1 has the request name the last TSN assigned; the streams' data before it is sent
     * and will be acknowledged as usual), and again after {@link Output#outgoingReset} or {@link
     * Output#outgoingResetFailed} while {@link #hasPending()}.
     *
     * @param senderLastAssignedTsn RFC 6525 §4.1: "the next TSN minus 1 -- in other words, the
     *     last TSN that this sender assigned" (unsigned 32-bit)
     */
    public void sendPending(long senderLastAssignedTsn) {
        if (inFlight != null || queued.isEmpty()) {
            return;
        }
        int n = Math.min(queued.size(), MAX_STREAMS_PER_REQUEST);
        int[] streams = new int[n];
        Iterator<Integer> it = queued.iterator();
        for (int i = 0; i < n; i++) {
            streams[i] = it.next();
            it.remove();
        }
        // RFC 6525 §4.1: the Re-configuration Request Sequence Number "is increased by 1 whenever
        // sending a new Re-configuration Request Parameter" (retransmissions keep theirs).
        inFlight = new Request(nextRequestSequence, senderLastAssignedTsn & 0xFFFF_FFFFL, streams);
        nextRequestSequence = (nextRequestSequence + 1) & 0xFFFF_FFFFL;
        transmit();
    }

    /** Whether streams are queued for reset or a request is in flight. */
    public boolean hasPending() {
        return inFlight != null || !queued.isEmpty();
    }

    /** Whether this outgoing stream is queued for reset or in a request in flight: send nothing new on it. */
    public boolean isResetting(int streamId) {
        return queued.contains(streamId) || (inFlight != null && inFlight.contains(streamId));
    }

    /** Stops the retransmission timer (the association is closing); nothing is sent afterwards. */
    public void close() {
        cancelTimer();
        inFlight = null;
        queued.clear();
    }

    private void transmit() {
        // RFC 6525 §4.1: the Re-configuration Response Sequence Number of an Outgoing SSN Reset
        // Request not answering an Incoming one "holds the next expected Re-configuration Request
        // Sequence Number minus 1".
        List<Integer> streams = new ArrayList<>(inFlight.streams.length);
        for (int s : inFlight.streams) {
            streams.add(s);
        }
        out.send(new ReconfigChunk(List.of(new OutgoingSsnResetRequestParameter((int) inFlight.sequence,
                (int) lastPeerRequestSequence, (int) inFlight.senderLastAssignedTsn, streams))));
        startTimer(timeoutNanos(inFlight.timeouts), this::onTimeout);
    }

    private void onTimeout() {
        timer = null;
        Request request = inFlight;
        if (request == null) {
            return;
        }
        if (request.retryAfterInProgress) {
            // Not a loss: the peer said "In progress"; ask again, with the same sequence number.
            request.retryAfterInProgress = false;
            transmit();
            return;
        }
        // RFC 6525 §5.1 (in substance): an unanswered request is retransmitted when its timer
        // expires, the timer backed off as T3-rtx (RFC 9260 §6.3.3), and the association fails
        // after Association.Max.Retrans consecutive timeouts.
        request.timeouts++;
        if (request.timeouts > maxRetransmissions) {
            inFlight = null;
            out.failed("stream reset request " + request.sequence + " unanswered after "
                    + maxRetransmissions + " retransmissions");
            return;
        }
        transmit();
    }

    private void onResponse(ReconfigurationResponseParameter response) {
        Request request = inFlight;
        if (request == null || Integer.toUnsignedLong(response.responseSequenceNumber()) != request.sequence) {
            ignoredResponses++; // answers nothing we have outstanding (a late duplicate, or garbage)
            return;
        }
        cancelTimer();
        switch (response.result()) {
            case ReconfigurationResponseParameter.RESULT_SUCCESS_PERFORMED,
                    ReconfigurationResponseParameter.RESULT_SUCCESS_NOTHING_TO_DO -> {
                inFlight = null;
                out.outgoingReset(request.streams.clone());
            }
            case ReconfigurationResponseParameter.RESULT_IN_PROGRESS -> {
                // RFC 6525 §5.2.2: the peer is waiting for our data up to the Sender's Last
                // Assigned TSN; ask again after an RTO. The peer is alive: timeouts start over.
                request.timeouts = 0;
                request.retryAfterInProgress = true;
                startTimer(out.rtoNanos(), this::onTimeout);
            }
            default -> {
                inFlight = null;
                out.outgoingResetFailed(request.streams.clone(), response.result());
            }
        }
    }

    private long timeoutNanos(int timeouts) {
        long rto = Math.max(1, out.rtoNanos());
        long t = rto;
        for (int i = 0; i < timeouts && t < MAX_TIMEOUT_NANOS; i++) {
            t <<= 1;
        }
        return Math.min(t, Math.max(rto, MAX_TIMEOUT_NANOS));
    }

    private void startTimer(long delayNanos, Runnable task) {
        cancelTimer();
        timer = scheduler.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }

    // ---------------------------------------------------------------- receiver side

    /**
     * Handles a received RE-CONFIG chunk: answers the peer's requests (one RE-CONFIG chunk with up
     * to two responses) and takes the responses to ours. Never throws for bad input: a chunk RFC
     * 6525 §3.1 does not allow is dropped and counted ({@link #droppedChunks()}).
     *
     * @param chunk the chunk
     * @param cumulativeTsnAck our cumulative TSN ack point for the peer's DATA (unsigned 32-bit)
     */
    public void onChunk(ReconfigChunk chunk, long cumulativeTsnAck) {
        if (!allowedCombination(chunk.parameters())) {
            droppedChunks++;
            return;
        }
        // A retransmitted deferred request is re-evaluated against the current ack point.
        onCumulativeTsnAdvanced(cumulativeTsnAck);
        List<Parameter> responses = new ArrayList<>(2);
        for (Parameter p : chunk.parameters()) {
            if (p instanceof OutgoingSsnResetRequestParameter request) {
                responses.add(onOutgoingRequest(request, cumulativeTsnAck & 0xFFFF_FFFFL));
            } else if (p instanceof IncomingSsnResetRequestParameter request) {
                responses.add(onUnsupportedRequest(Integer.toUnsignedLong(request.requestSequenceNumber())));
            } else if (p instanceof ReconfigurationResponseParameter response) {
                onResponse(response);
            } else if (p instanceof UnknownParameter unknown) {
                // SSN/TSN Reset and Add Streams requests (RFC 6525 §4.3, §4.5, §4.6): all begin
                // with the Re-configuration Request Sequence Number.
                responses.add(onUnsupportedRequest(Integer.toUnsignedLong(unknown.value().getInt())));
            }
        }
        if (!responses.isEmpty()) {
            out.send(new ReconfigChunk(responses));
        }
    }

    /**
     * Performs the deferred incoming resets whose Sender's Last Assigned TSN the cumulative TSN
     * ack point has reached (RFC 6525 §5.2.2), through {@link Output#incomingReset}. The
     * association calls this whenever its cumulative TSN ack point advances (cheap when nothing is
     * deferred).
     *
     * @param cumulativeTsnAck our cumulative TSN ack point for the peer's DATA (unsigned 32-bit)
     */
    public void onCumulativeTsnAdvanced(long cumulativeTsnAck) {
        if (deferred.isEmpty()) {
            return;
        }
        long cum = cumulativeTsnAck & 0xFFFF_FFFFL;
        List<DeferredReset> due = new ArrayList<>(1);
        Iterator<DeferredReset> it = deferred.iterator();
        while (it.hasNext()) {
            DeferredReset d = it.next();
            if (tsnAtMost(d.senderLastAssignedTsn, cum)) {
                it.remove();
                due.add(d);
            }
        }
        // State first, callbacks last: the association may call back into this object.
        for (DeferredReset d : due) {
            lastPerformedDeferred = d;
            if (d.requestSequence == lastPeerRequestSequence) {
                // A retransmission of that request now gets the final answer.
                lastPeerResult = ReconfigurationResponseParameter.RESULT_SUCCESS_PERFORMED;
            }
        }
        for (DeferredReset d : due) {
            perform(d);
        }
    }

    /**
     * Whether a received DATA/I-DATA chunk must be held back rather than reassembled: RFC 6525
     * §5.2.2 "any data arriving with a TSN larger than the Sender's Last Assigned TSN for the
     * affected stream(s) MUST be queued locally and held until the cumulative acknowledgment point
     * reaches the Sender's Last Assigned TSN". The association acknowledges such chunks as usual,
     * keeps them (bounded by its receive window), and hands them to the reassembler after the
     * {@link Output#incomingReset} of their stream.
     *
     * @param streamId the chunk's stream
     * @param tsn the chunk's TSN (unsigned 32-bit)
     */
    public boolean holdsBack(int streamId, long tsn) {
        for (int i = 0; i < deferred.size(); i++) {
            DeferredReset d = deferred.get(i);
            if (d.covers(streamId) && tsnLessThan(d.senderLastAssignedTsn, tsn & 0xFFFF_FFFFL)) {
                return true;
            }
        }
        return false;
    }

    /** RE-CONFIG chunks dropped whole: a combination of parameters RFC 6525 §3.1 does not allow. */
    public long droppedChunks() {
        return droppedChunks;
    }

    /** Responses ignored because they answer no request of ours in flight (late duplicates, garbage). */
    public long ignoredResponses() {
        return ignoredResponses;
    }

    private ReconfigurationResponseParameter onOutgoingRequest(OutgoingSsnResetRequestParameter request, long cum) {
        long seq = Integer.toUnsignedLong(request.requestSequenceNumber());
        if (peerRequestProcessed && seq == lastPeerRequestSequence) {
            // RFC 6525 §5.2.1 (in substance): a retransmitted request is not performed again; the
            // receiver sends the same result again (its first answer was lost). A deferred one has
            // been re-evaluated by onCumulativeTsnAdvanced: "Performed" once its TSN arrived,
            // "In progress" until then.
            return new ReconfigurationResponseParameter(request.requestSequenceNumber(), lastPeerResult);
        }
        if (seq != nextPeerRequestSequence()) {
            // RFC 6525 §5.2.1: neither the expected request nor the last one.
            return new ReconfigurationResponseParameter(request.requestSequenceNumber(),
                    ReconfigurationResponseParameter.RESULT_ERROR_BAD_SEQUENCE_NUMBER);
        }
        int[] streams = request.streams().stream().mapToInt(Integer::intValue).toArray();
        Arrays.sort(streams);
        DeferredReset reset = new DeferredReset(seq, Integer.toUnsignedLong(request.sendersLastAssignedTsn()), streams);
        int result;
        boolean performNow = false;
        if (reset.sameAs(lastPerformedDeferred)) {
            // A peer that asks again under a new sequence number after "In progress" (older
            // dcsctp did) rather than retransmitting: that reset was performed when its TSN
            // arrived; it is not performed (nor reported to the data channels) twice.
            result = ReconfigurationResponseParameter.RESULT_SUCCESS_PERFORMED;
        } else if (tsnAtMost(reset.senderLastAssignedTsn, cum)) {
            // RFC 6525 §5.2.2: everything up to the Sender's Last Assigned TSN has arrived, so the
            // streams are reset now.
            performNow = true;
            result = ReconfigurationResponseParameter.RESULT_SUCCESS_PERFORMED;
        } else if (isDeferred(reset)) {
            result = ReconfigurationResponseParameter.RESULT_IN_PROGRESS;
        } else if (deferred.size() >= MAX_DEFERRED_RESETS) {
            result = ReconfigurationResponseParameter.RESULT_ERROR_REQUEST_ALREADY_IN_PROGRESS;
        } else {
            // RFC 6525 §5.2.2: "If the Sender's Last Assigned TSN is greater than the cumulative
            // acknowledgment point, then the endpoint MUST enter 'deferred reset processing'", and
            // answers "In progress".
            deferred.add(reset);
            result = ReconfigurationResponseParameter.RESULT_IN_PROGRESS;
        }
        accept(seq, result);
        if (performNow) {
            perform(reset); // last: the association may call back into this object
        }
        return new ReconfigurationResponseParameter(request.requestSequenceNumber(), result);
    }

    private ReconfigurationResponseParameter onUnsupportedRequest(long seq) {
        int wire = (int) seq;
        if (peerRequestProcessed && seq == lastPeerRequestSequence) {
            return new ReconfigurationResponseParameter(wire, lastPeerResult);
        }
        if (seq != nextPeerRequestSequence()) {
            return new ReconfigurationResponseParameter(wire, ReconfigurationResponseParameter.RESULT_ERROR_BAD_SEQUENCE_NUMBER);
        }
        accept(seq, ReconfigurationResponseParameter.RESULT_DENIED);
        return new ReconfigurationResponseParameter(wire, ReconfigurationResponseParameter.RESULT_DENIED);
    }

    private void accept(long seq, int result) {
        lastPeerRequestSequence = seq;
        lastPeerResult = result;
        peerRequestProcessed = true;
    }

    private long nextPeerRequestSequence() {
        return (lastPeerRequestSequence + 1) & 0xFFFF_FFFFL;
    }

    private boolean isDeferred(DeferredReset reset) {
        for (DeferredReset d : deferred) {
            if (d.sameAs(reset)) {
                return true;
            }
        }
        return false;
    }

    private void perform(DeferredReset reset) {
        out.incomingReset(reset.streams.clone());
    }

    /**
     * RFC 6525 §3.1: "each RE-CONFIG chunk holds at least one parameter and at most two
     * parameters. Only the following combinations are allowed": one Outgoing, Incoming, SSN/TSN
     * Reset, Add Outgoing/Incoming Streams request or Response; Outgoing + Incoming; Add Outgoing +
     * Add Incoming; Response + Outgoing; Response + Response.
     */
    private static boolean allowedCombination(List<Parameter> parameters) {
        if (parameters.size() == 1) {
            int t = parameters.get(0).type();
            return (isRequest(t) || t == ParameterType.RECONFIGURATION_RESPONSE) && wellFormed(parameters.get(0));
        }
        if (parameters.size() != 2 || !wellFormed(parameters.get(0)) || !wellFormed(parameters.get(1))) {
            return false;
        }
        int a = parameters.get(0).type();
        int b = parameters.get(1).type();
        return pair(a, b, ParameterType.OUTGOING_SSN_RESET_REQUEST, ParameterType.INCOMING_SSN_RESET_REQUEST)
                || pair(a, b, ADD_OUTGOING_STREAMS_REQUEST, ADD_INCOMING_STREAMS_REQUEST)
                || pair(a, b, ParameterType.RECONFIGURATION_RESPONSE, ParameterType.OUTGOING_SSN_RESET_REQUEST)
                || (a == ParameterType.RECONFIGURATION_RESPONSE && b == ParameterType.RECONFIGURATION_RESPONSE);
    }

    // RFC 6525 §4.3, §4.5, §4.6: the request types the codec keeps as unknown parameters.
    private static final int SSN_TSN_RESET_REQUEST = 15;
    private static final int ADD_OUTGOING_STREAMS_REQUEST = 17;
    private static final int ADD_INCOMING_STREAMS_REQUEST = 18;

    private static boolean isRequest(int type) {
        return type == ParameterType.OUTGOING_SSN_RESET_REQUEST || type == ParameterType.INCOMING_SSN_RESET_REQUEST
                || type == SSN_TSN_RESET_REQUEST || type == ADD_OUTGOING_STREAMS_REQUEST
                || type == ADD_INCOMING_STREAMS_REQUEST;
    }

    /** The typed ones were checked by the codec; the unknown ones must at least hold a request sequence number. */
    private static boolean wellFormed(Parameter p) {
        if (p instanceof UnknownParameter u) {
            return (u.type() == SSN_TSN_RESET_REQUEST && u.valueLength() == 4)
                    || ((u.type() == ADD_OUTGOING_STREAMS_REQUEST || u.type() == ADD_INCOMING_STREAMS_REQUEST)
                            && u.valueLength() == 8);
        }
        return p instanceof OutgoingSsnResetRequestParameter || p instanceof IncomingSsnResetRequestParameter
                || p instanceof ReconfigurationResponseParameter;
    }

    private static boolean pair(int a, int b, int x, int y) {
        return (a == x && b == y) || (a == y && b == x);
    }

    private static boolean tsnLessThan(long a, long b) {
        long d = (b - a) & 0xFFFF_FFFFL;
        return d != 0 && d < 0x8000_0000L;
    }

    private static boolean tsnAtMost(long a, long b) {
        return a == b || tsnLessThan(a, b);
    }

    /** Our request in flight. */
    private static final class Request {
        final long sequence;
        final long senderLastAssignedTsn;
        final int[] streams;
        final Set<Integer> streamSet = new HashSet<>();
        int timeouts;
        boolean retryAfterInProgress;

        Request(long sequence, long senderLastAssignedTsn, int[] streams) {
            this.sequence = sequence;
            this.senderLastAssignedTsn = senderLastAssignedTsn;
            this.streams = streams;
            for (int s : streams) {
                streamSet.add(s);
            }
        }

        boolean contains(int stream) {
            return streamSet.contains(stream);
        }
    }

    /** A peer's request we answered "In progress" (or performed), by its TSN and sorted streams. */
    private record DeferredReset(long requestSequence, long senderLastAssignedTsn, int[] streams) {

        boolean covers(int stream) {
            return streams.length == 0 || Arrays.binarySearch(streams, stream) >= 0;
        }

        boolean sameAs(DeferredReset other) {
            return other != null && other.senderLastAssignedTsn == senderLastAssignedTsn
                    && Arrays.equals(other.streams, streams);
        }
    }
}
