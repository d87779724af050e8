package org.ortc4j.sctp.internal.channel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.function.Supplier;
import org.ortc4j.dtls.RTCDtlsRole;
import org.ortc4j.ice.OperationException;
import org.ortc4j.ice.net.Scheduler;
import org.ortc4j.sctp.RTCDataChannelInit;
import org.ortc4j.sctp.RTCError;
import org.ortc4j.sctp.internal.association.Association;
import org.ortc4j.sctp.internal.association.AssociationListener;
import org.ortc4j.sctp.internal.control.PrPolicy;
import org.ortc4j.sctp.internal.dcep.DataChannelAck;
import org.ortc4j.sctp.internal.dcep.DataChannelIdAllocator;
import org.ortc4j.sctp.internal.dcep.DataChannelOpen;
import org.ortc4j.sctp.internal.dcep.DcepMessage;
import org.ortc4j.sctp.internal.dcep.DcepParseException;
import org.ortc4j.sctp.internal.dcep.PayloadProtocolId;

/**
 * The data channels of one association (RFC 8831, RFC 8832): which channel owns which stream, the
 * DCEP open/ack exchange, stream ids by DTLS role, message framing by PPID, and the close by
 * stream reset. It is the association's {@link AssociationListener}. Confined to the loop.
 *
 * <p>Bad input from the peer (malformed DCEP, data on a stream no channel owns, an OPEN on a
 * stream in use or of our parity, unknown PPIDs) is dropped and counted in
 * {@link #droppedMessages()}.
 */
public final class DataChannelRegistry implements AssociationListener {

    /** What the registry tells the transport that owns it. Called on the loop. */
    public interface TransportEvents {
        /** The association is established; {@code maxChannels} streams can be used each way. */
        void onEstablished(int maxChannels);

        /**
         * The association is closed.
         *
         * @param error why, or {@code null} after a graceful shutdown or {@link DataChannelRegistry#stop()}
         */
        void onClosed(String error);
    }

    /** Makes the public object for a channel the peer opened. Called on the loop. */
    public interface IncomingChannels {
        /**
         * A channel the peer opened by DATA_CHANNEL_OPEN, now acknowledged: make its public object,
         * announce it (W3C "datachannel" event) and return where its events go. The registry
         * announces it open right after.
         */
        ChannelEvents accept(DataChannelEndpoint endpoint, int id);
    }

    private static final System.Logger LOG = System.getLogger(DataChannelRegistry.class.getName());
    private static final byte[] ACK = DataChannelAck.INSTANCE.encode();

    private final Scheduler loop;
    private final Supplier<RTCDtlsRole> role;
    private final IncomingChannels incoming;
    private final TransportEvents transport;
    private final int maxReceiveMessageSize;

    private Association association;
    private DataChannelIdAllocator ids;
    /** Channels by stream id; grown on demand. */
    private DataChannelEndpoint[] byStream = new DataChannelEndpoint[16];
    /** Channels waiting for the association, in the order they were made. */
    private final List<DataChannelEndpoint> waiting = new ArrayList<>();
    private int[] resetBatch = new int[16];
    private int resetBatchSize;
    private boolean closed;
    private boolean silently;
    /** The bytes held by every channel's partial-message buffer together. */
    private long partialBytes;
    /** Set when we end the association ourselves: the reason channels see then, whatever abort says. */
    private boolean forced;
    private String forcedReason;
    /** Written on the loop only; read from any thread. */
    private volatile long droppedMessages;

    /**
     * @param loop the loop everything runs on
     * @param role our DTLS role, asked when the association is established
     * @param incoming makes public objects for channels the peer opens
     * @param transport told about establishment and closing
     * @param maxReceiveMessageSize the largest message we reassemble from the deprecated partial
     *     PPIDs (RFC 8831 §6.6); longer ones are dropped
     */
    public DataChannelRegistry(Scheduler loop, Supplier<RTCDtlsRole> role, IncomingChannels incoming,
            TransportEvents transport, int maxReceiveMessageSize) {
        this.loop = Objects.requireNonNull(loop, "loop");
        this.role = Objects.requireNonNull(role, "role");
        this.incoming = Objects.requireNonNull(incoming, "incoming");
        this.transport = Objects.requireNonNull(transport, "transport");
        this.maxReceiveMessageSize = maxReceiveMessageSize;
    }

    /** Sets the association this registry listens to and sends through, before it connects. */
    public void attach(Association association) {
        this.association = Objects.requireNonNull(association, "association");
    }

    /** Messages from the peer dropped as bad input (any thread). */
    public long droppedMessages() {
        return droppedMessages;
    }

    /** How many channels have a stream (open or closing). For tests. */
    public int channelsWithStream() {
        int n = 0;
        for (DataChannelEndpoint e : byStream) {
            if (e != null) {
                n++;
            }
        }
        return n;
    }

    // ---- from the public objects ----

    /**
     * A channel the application made. It opens when the association is established (at once if
     * it is); until then it waits.
     */
    public void add(DataChannelEndpoint endpoint) {
        if (closed) {
            endpoint.phase = DataChannelEndpoint.Phase.CLOSED;
            endpoint.events().onClosed(null);
            return;
        }
        if (ids == null) {
            waiting.add(endpoint);
        } else {
            assign(endpoint);
        }
    }

    /**
     * Queues a user message of an open channel.
     *
     * @param ppid the PPID (RFC 8831 §8)
     * @param payload the SCTP payload (one zero byte for an empty message, RFC 8831 §6.6)
     * @param userBytes what the message counts in {@code bufferedAmount}
     */
    public void send(DataChannelEndpoint endpoint, int ppid, byte[] payload, int userBytes) {
        if (endpoint.phase != DataChannelEndpoint.Phase.OPEN) {
            // Closed between the caller's check and now (W3C §6.2 send checks on the caller's
            // thread); the message goes nowhere, and bufferedAmount gives it back.
            endpoint.events().onSent(userBytes);
            return;
        }
        // Noted before the send: the association may transmit at once and report it sent within.
        endpoint.pending.add(userBytes);
        if (!association.send(endpoint.id, ppid, payload, endpoint.sendUnordered(), endpoint.policy())) {
            endpoint.pending.removeNewest();
            endpoint.events().onSent(userBytes);
            // W3C §6.2 send: "If channel's underlying data transport cannot queue data ... throw
            // an OperationError"; as Chromium, the channel then closes.
            abruptClose(endpoint, new RTCError(RTCError.DATA_CHANNEL_FAILURE,
                    "the SCTP send buffer is full; the data channel is closed"));
        }
    }

    /**
     * Closes a channel at once with {@code error} (W3C "announce closed" with an error event):
     * for a send the caller refused because the send buffer is full (W3C §6.2 send).
     */
    public void fail(DataChannelEndpoint endpoint, RTCError error) {
        abruptClose(endpoint, error);
    }

    /**
     * Closes a channel (W3C §6.2 close; RFC 8831 §6.7: "Closing of a data channel MUST be signaled
     * by resetting the corresponding outgoing streams").
     */
    public void close(DataChannelEndpoint endpoint) {
        switch (endpoint.phase) {
            case WAITING -> {
                waiting.remove(endpoint);
                endpoint.phase = DataChannelEndpoint.Phase.CLOSED;
                endpoint.events().onClosed(null);
            }
            case OPEN -> {
                endpoint.phase = DataChannelEndpoint.Phase.CLOSING;
                requestOutgoingReset(endpoint);
            }
            default -> {
                // closing or closed already
            }
        }
    }

    /** The transport stops: every channel closes, without error, and the association aborts. */
    public void stop() {
        stop(false);
    }

    /**
     * The transport stops and the association aborts; every channel closes, announced (closed
     * events) or, with {@code silently}, without events.
     */
    public void stop(boolean silently) {
        this.silently = silently;
        forced = true;
        forcedReason = null;
        if (association != null) {
            try {
                association.abort("the RTCSctpTransport was stopped");
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "abort failed", e);
            }
        }
        closeAll(null);
    }

    /** The layer below went away (DTLS closed or failed): every channel closes. */
    public void transportGone(String error) {
        if (!closed && !forced) {
            forced = true;
            forcedReason = error;
        }
        if (association != null && !closed) {
            try {
                association.abort(error == null ? "the DTLS transport closed" : error);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "abort failed", e);
            }
        }
        closeAll(error);
    }

    // ---- AssociationListener ----

    @Override
    public void onEstablished() {
        if (closed || ids != null) {
            return;
        }
        // RFC 8831 §6.2: the number of streams is negotiated in INIT/INIT-ACK; a data channel
        // can use a stream id below both counts.
        int maxChannels = Math.min(association.outboundStreams(), association.inboundStreams());
        RTCDtlsRole ourRole = role.get();
        if (ourRole == null || ourRole == RTCDtlsRole.AUTO) {
            // Cannot happen over DTLS (the handshake decided the role); refuse rather than guess.
            transportGone("the DTLS role is not known");
            return;
        }
        ids = new DataChannelIdAllocator(ourRole, maxChannels);
        transport.onEstablished(maxChannels);
        List<DataChannelEndpoint> now = new ArrayList<>(waiting);
        waiting.clear();
        for (DataChannelEndpoint endpoint : now) {
            if (!closed) {
                assign(endpoint);
            }
        }
    }

    @Override
    public void onMessage(int streamId, int ppid, byte[] payload, boolean unordered) {
        if (closed) {
            return;
        }
        DataChannelEndpoint endpoint = streamId < byStream.length ? byStream[streamId] : null;
        if (ppid == PayloadProtocolId.DCEP) {
            onDcep(streamId, endpoint, payload);
            return;
        }
        if (endpoint == null) {
            // RFC 8832 §6: "receiving a message containing user data on an unused stream indicates
            // an error"; there is no channel to close, so the message is dropped.
            droppedMessages++;
            return;
        }
        // RFC 8832 §6: after "the DATA_CHANNEL_ACK or any other message has been received on the
        // data channel", messages are sent as the channel says.
        endpoint.awaitingAck = false;
        if (endpoint.phase != DataChannelEndpoint.Phase.OPEN) {
            // W3C §6.2 "receiving messages": "If channel.[[ReadyState]] is not "open", abort these
            // steps and discard the data."
            droppedMessages++;
            return;
        }
        if (PayloadProtocolId.isDeprecatedPartial(ppid)) {
            appendPartial(endpoint, ppid == PayloadProtocolId.BINARY_PARTIAL, payload);
            return;
        }
        boolean binary;
        if (PayloadProtocolId.isBinary(ppid)) {
            binary = true;
        } else if (PayloadProtocolId.isString(ppid)) {
            binary = false;
        } else {
            droppedMessages++;
            return;
        }
        byte[] message = PayloadProtocolId.messageFrom(ppid, payload);
        if (endpoint.partialDiscarding) {
            // The last piece of a message dropped for its size.
            endpoint.partialDiscarding = false;
            droppedMessages++;
            return;
        }
        if (endpoint.partial != null) {
            message = completePartial(endpoint, binary, message);
            if (message == null) {
                return;
            }
        }
        endpoint.events().onMessage(binary, message);
    }

    @Override
    public void onMessageSent(int streamId, int messageLength) {
        DataChannelEndpoint endpoint = streamId < byStream.length ? byStream[streamId] : null;
        if (endpoint == null) {
            return;
        }
        int userBytes = endpoint.pending.poll();
        if (userBytes > 0) {
            endpoint.events().onSent(userBytes);
        }
    }

    @Override
    public void onIncomingStreamsReset(int[] streamIds) {
        for (int id : streamIds) {
            DataChannelEndpoint endpoint = id >= 0 && id < byStream.length ? byStream[id] : null;
            if (endpoint == null || endpoint.phase == DataChannelEndpoint.Phase.CLOSED) {
                continue;
            }
            endpoint.incomingResetDone = true;
            dropPartial(endpoint);
            if (endpoint.phase == DataChannelEndpoint.Phase.OPEN) {
                // RFC 8831 §6.7: "When the peer sees that an incoming stream was reset, it also
                // resets its corresponding outgoing stream." W3C §6.2.3: closing, then "closing".
                endpoint.phase = DataChannelEndpoint.Phase.CLOSING;
                endpoint.events().onClosing();
                requestOutgoingReset(endpoint);
            }
            finishIfBothReset(endpoint);
        }
    }

    @Override
    public void onOutgoingStreamsReset(int[] streamIds) {
        for (int id : streamIds) {
            DataChannelEndpoint endpoint = id >= 0 && id < byStream.length ? byStream[id] : null;
            if (endpoint == null || !endpoint.outgoingResetRequested) {
                continue;
            }
            endpoint.outgoingResetDone = true;
            finishIfBothReset(endpoint);
        }
    }

    @Override
    public void onOutgoingStreamsResetFailed(int[] streamIds, String reason) {
        // RFC 6525 §5.2.2: the peer denied the request or the association gave up on it.
        LOG.log(System.Logger.Level.WARNING, "stream reset failed (" + reason + "); closing the channels locally");
        closeLocally(streamIds);
    }

    @Override
    public void onRestarted() {
        // RFC 9260 §5.2.4: the peer restarted; what was queued is lost, so bufferedAmount gives it back.
        for (DataChannelEndpoint endpoint : byStream) {
            if (endpoint != null) {
                long lost = endpoint.pending.clear();
                if (lost > 0) {
                    endpoint.events().onSent(lost);
                }
                dropPartial(endpoint);
            }
        }
    }

    @Override
    public void onClosed(String error) {
        closeAll(error);
    }

    // ---- inside ----

    /** Gives a waiting channel its stream and opens it (W3C §6.2, RFC 8832 §6). */
    private void assign(DataChannelEndpoint endpoint) {
        RTCDataChannelInit init = endpoint.init();
        int id;
        if (init.negotiated()) {
            id = init.id();
            if (!ids.reserve(id)) {
                abruptClose(endpoint, new RTCError(RTCError.DATA_CHANNEL_FAILURE,
                        "stream id " + id + " is in use or beyond the negotiated stream count"));
                return;
            }
        } else {
            OptionalInt free = ids.allocate();
            if (free.isEmpty()) {
                // W3C §6.2: "If no available ID could be generated, ... throw an OperationError".
                abruptClose(endpoint, new RTCError(RTCError.DATA_CHANNEL_FAILURE, "no free stream id is left"));
                return;
            }
            id = free.getAsInt();
        }
        bind(endpoint, id);
        endpoint.events().onIdAssigned(id);
        if (!init.negotiated()) {
            // RFC 8832 §6: "The DATA_CHANNEL_OPEN message is sent on the stream ... ordered and
            // reliably" and the opener "MAY start sending messages containing user data without
            // waiting for the reception of the corresponding DATA_CHANNEL_ACK message".
            byte[] open = DataChannelOpen.fromInit(endpoint.label(), init).encode();
            endpoint.pending.add(0);
            if (!association.send(id, PayloadProtocolId.DCEP, open, false, PrPolicy.RELIABLE)) {
                endpoint.pending.removeNewest();
                abruptClose(endpoint, new RTCError(RTCError.DATA_CHANNEL_FAILURE,
                        "the SCTP send buffer is full; DATA_CHANNEL_OPEN could not be queued"));
                return;
            }
            endpoint.awaitingAck = true;
        }
        endpoint.phase = DataChannelEndpoint.Phase.OPEN;
        endpoint.events().onOpen();
    }

    private void onDcep(int streamId, DataChannelEndpoint endpoint, byte[] payload) {
        DcepMessage message;
        try {
            message = DcepMessage.decode(payload);
        } catch (DcepParseException e) {
            droppedMessages++;
            return;
        }
        if (message instanceof DataChannelOpen open) {
            onOpenMessage(streamId, endpoint, open);
        } else if (endpoint != null && endpoint.awaitingAck) {
            // RFC 8832 §6: the ACK completes the opener's side of the handshake.
            endpoint.awaitingAck = false;
        } else {
            droppedMessages++;
        }
    }

    private void onOpenMessage(int streamId, DataChannelEndpoint existing, DataChannelOpen open) {
        // RFC 8832 §6: the DTLS client "MUST choose an even stream identifier", the server "an odd
        // one": an OPEN on a stream of our parity, or one in use, breaks that and is refused.
        if (ids == null || existing != null || ids.isOurs(streamId) || !ids.reserve(streamId)) {
            droppedMessages++;
            return;
        }
        RTCDataChannelInit init = open.toInit(streamId);
        DataChannelEndpoint endpoint = new DataChannelEndpoint(open.label(), init, NO_EVENTS);
        bind(endpoint, streamId);
        endpoint.phase = DataChannelEndpoint.Phase.OPEN;
        // RFC 8832 §6: "... the peer ... MUST respond with a DATA_CHANNEL_ACK message on the stream
        // used ...". Ordered and reliable like the OPEN.
        endpoint.pending.add(0);
        if (!association.send(streamId, PayloadProtocolId.DCEP, ACK, false, PrPolicy.RELIABLE)) {
            // The send buffer is full: the channel cannot be acknowledged; close its stream.
            endpoint.pending.removeNewest();
            endpoint.setEvents(NO_EVENTS);
            endpoint.phase = DataChannelEndpoint.Phase.CLOSING;
            requestOutgoingReset(endpoint);
            return;
        }
        ChannelEvents events = incoming.accept(endpoint, streamId);
        endpoint.setEvents(events);
        if (endpoint.phase == DataChannelEndpoint.Phase.OPEN) {
            events.onOpen();
        }
    }

    private void bind(DataChannelEndpoint endpoint, int id) {
        if (id >= byStream.length) {
            byStream = Arrays.copyOf(byStream, Math.max(id + 1, Math.min(byStream.length * 2, 65536)));
        }
        byStream[id] = endpoint;
        endpoint.id = id;
    }

    private void requestOutgoingReset(DataChannelEndpoint endpoint) {
        if (endpoint.outgoingResetRequested) {
            return;
        }
        endpoint.outgoingResetRequested = true;
        // Channels closed in one turn of the loop (say, 1000 at once) share one RE-CONFIG request.
        if (resetBatchSize == 0) {
            loop.execute(this::flushResets);
        }
        if (resetBatchSize == resetBatch.length) {
            resetBatch = Arrays.copyOf(resetBatch, resetBatch.length * 2);
        }
        resetBatch[resetBatchSize++] = endpoint.id;
    }

    private void flushResets() {
        if (resetBatchSize == 0) {
            return;
        }
        int[] streams = Arrays.copyOf(resetBatch, resetBatchSize);
        resetBatchSize = 0;
        if (closed) {
            return;
        }
        // RFC 8831 §6.7: "When one side decides to close the data channel, it resets the
        // corresponding outgoing stream."
        try {
            association.resetOutgoingStreams(streams);
        } catch (RuntimeException e) {
            // The association refused (it cannot reset streams now): the channels still close,
            // here, rather than hang in closing; their streams stay bound so no id is reused.
            LOG.log(System.Logger.Level.WARNING, "stream reset refused; closing the channels locally", e);
            closeLocally(streams);
        }
    }

    /**
     * Channels whose outgoing reset cannot happen still close for the application, rather than
     * hang in closing; their streams stay bound (and their ids taken) since the peer may still use
     * them.
     */
    private void closeLocally(int[] streams) {
        for (int id : streams) {
            DataChannelEndpoint endpoint = id >= 0 && id < byStream.length ? byStream[id] : null;
            if (endpoint != null && endpoint.phase != DataChannelEndpoint.Phase.CLOSED) {
                endpoint.phase = DataChannelEndpoint.Phase.CLOSED;
                ChannelEvents events = endpoint.events();
                endpoint.setEvents(NO_EVENTS);
                events.onClosed(null);
            }
        }
    }

    private void finishIfBothReset(DataChannelEndpoint endpoint) {
        // RFC 8831 §6.7: "... it also resets its corresponding outgoing stream. Once this is
        // completed, the data channel is closed."
        if (endpoint.incomingResetDone && endpoint.outgoingResetDone) {
            unbind(endpoint);
            endpoint.phase = DataChannelEndpoint.Phase.CLOSED;
            endpoint.events().onClosed(null);
        }
    }

    private void unbind(DataChannelEndpoint endpoint) {
        if (endpoint.id >= 0 && endpoint.id < byStream.length && byStream[endpoint.id] == endpoint) {
            byStream[endpoint.id] = null;
            if (ids != null) {
                // The stream is reset both ways: its id may serve a new channel (RFC 8831 §6.7).
                ids.release(endpoint.id);
            }
        }
    }

    /** Closes a channel at once, with an error (W3C "announce closed" with an RTCErrorEvent). */
    private void abruptClose(DataChannelEndpoint endpoint, RTCError error) {
        if (endpoint.phase == DataChannelEndpoint.Phase.CLOSED) {
            return;
        }
        if (endpoint.id >= 0 && endpoint.phase != DataChannelEndpoint.Phase.WAITING && !closed) {
            // Still tell the peer: its side of the channel closes by our reset; we keep the stream
            // bound until both resets are done, so a new channel cannot take the id meanwhile.
            requestOutgoingReset(endpoint);
            endpoint.phase = DataChannelEndpoint.Phase.CLOSING;
            ChannelEvents events = endpoint.events();
            endpoint.setEvents(NO_EVENTS);
            events.onClosed(error);
            return;
        }
        waiting.remove(endpoint);
        endpoint.phase = DataChannelEndpoint.Phase.CLOSED;
        endpoint.events().onClosed(error);
    }

    private void closeAll(String error) {
        if (closed) {
            return;
        }
        closed = true;
        String reason = forced ? forcedReason : error;
        // W3C §6.1.1: the transport is closed first, then each of its channels.
        transport.onClosed(reason);
        RTCError cause = reason == null ? null : new RTCError(RTCError.SCTP_FAILURE, reason);
        List<DataChannelEndpoint> all = new ArrayList<>(waiting);
        waiting.clear();
        for (DataChannelEndpoint endpoint : byStream) {
            if (endpoint != null) {
                all.add(endpoint);
            }
        }
        Arrays.fill(byStream, null);
        for (DataChannelEndpoint endpoint : all) {
            if (endpoint.phase != DataChannelEndpoint.Phase.CLOSED) {
                endpoint.phase = DataChannelEndpoint.Phase.CLOSED;
                if (silently) {
                    endpoint.events().onClosedSilently();
                } else {
                    endpoint.events().onClosed(cause);
                }
            }
        }
    }

    /** Where events of a channel nobody sees go (refused, or already announced closed). */
    private static final ChannelEvents NO_EVENTS = new ChannelEvents() {
        @Override
        public void onIdAssigned(int id) {
        }

        @Override
        public void onOpen() {
        }

        @Override
        public void onMessage(boolean binary, byte[] data) {
        }

        @Override
        public void onSent(long userBytes) {
        }

        @Override
        public void onClosing() {
        }

        @Override
        public void onClosed(RTCError error) {
        }
    };

    // ---- deprecated PPID-based fragmentation (RFC 8831 §6.6) ----

    private void appendPartial(DataChannelEndpoint endpoint, boolean binary, byte[] part) {
        if (endpoint.partialDiscarding) {
            return;
        }
        if (endpoint.partial != null && endpoint.partialBinary != binary) {
            dropPartial(endpoint);
            droppedMessages++;
            return;
        }
        if (endpoint.partial == null) {
            endpoint.partialBinary = binary;
            endpoint.partialLength = 0;
        }
        appendBytes(endpoint, part);
    }

    private byte[] completePartial(DataChannelEndpoint endpoint, boolean binary, byte[] last) {
        if (endpoint.partialBinary != binary) {
            dropPartial(endpoint);
            droppedMessages++;
            return null;
        }
        if (!appendBytes(endpoint, last)) {
            endpoint.partialDiscarding = false;
            droppedMessages++;
            return null;
        }
        byte[] whole = Arrays.copyOf(endpoint.partial, endpoint.partialLength);
        dropPartial(endpoint);
        return whole;
    }

    /**
     * Appends to a channel's partial message. The buffers of all channels together hold at most
     * {@code maxReceiveMessageSize} bytes: a peer that sends more in pieces than we accept in one
     * message gets the message dropped, not our memory.
     */
    private boolean appendBytes(DataChannelEndpoint endpoint, byte[] part) {
        long needed = (long) endpoint.partialLength + part.length;
        int capacity = endpoint.partial == null ? 0 : endpoint.partial.length;
        if (needed > capacity) {
            long grown = Math.min(maxReceiveMessageSize, Math.max(needed, Math.max(1024, 2L * capacity)));
            if (needed > maxReceiveMessageSize || partialBytes - capacity + grown > maxReceiveMessageSize) {
                dropPartial(endpoint);
                endpoint.partialDiscarding = true;
                return false;
            }
            byte[] bigger = new byte[(int) grown];
            if (endpoint.partial != null) {
                System.arraycopy(endpoint.partial, 0, bigger, 0, endpoint.partialLength);
            }
            partialBytes += grown - capacity;
            endpoint.partial = bigger;
        }
        System.arraycopy(part, 0, endpoint.partial, endpoint.partialLength, part.length);
        endpoint.partialLength += part.length;
        return true;
    }

    private void dropPartial(DataChannelEndpoint endpoint) {
        if (endpoint.partial != null) {
            partialBytes -= endpoint.partial.length;
            endpoint.partial = null;
            endpoint.partialLength = 0;
        }
    }
}
