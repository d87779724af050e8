package org.ortc4j.sctp;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.ortc4j.ice.InvalidStateException;
import org.ortc4j.ice.OperationException;
import org.ortc4j.sctp.internal.channel.ChannelEvents;
import org.ortc4j.sctp.internal.channel.DataChannelEndpoint;
import org.ortc4j.sctp.internal.channel.Listeners;
import org.ortc4j.sctp.internal.channel.OnceEvent;
import org.ortc4j.sctp.internal.dcep.PayloadProtocolId;

/**
 * A WebRTC data channel (W3C WebRTC §6.2 {@code RTCDataChannel}; RFC 8831, DCEP RFC 8832) on an
 * {@link RTCSctpTransport}, made ORTC-style with its constructor (what
 * {@code RTCPeerConnection.createDataChannel} does), or announced by
 * {@link RTCSctpTransport#onDataChannel} when the peer opens one.
 *
 * <p>A channel made before the transport connects opens when it does: a negotiated one with the
 * association, any other once its DATA_CHANNEL_OPEN is queued (RFC 8832 §6: the opener may send
 * before the ACK; those messages go ordered). Stream ids follow the DTLS role (client even,
 * server odd) and are known from {@link #id()} once assigned.
 *
 * <p>Threads: every method may be called from any thread. {@code send} and {@code close} check
 * the W3C rules on the calling thread and hand the work to the transport's loop; listeners run on
 * the loop and must not block. {@code onOpen}, {@code onError} and {@code onClose} listeners added
 * after their event are called at once, so a channel that opens while its maker registers listeners loses nothing.
 */
public final class RTCDataChannel {

    private final RTCSctpTransport transport;
    private final String label;
    private final RTCDataChannelInit init;
    private final DataChannelEndpoint endpoint;
    private final Events events = new Events();
    private final AtomicReference<RTCDataChannelState> readyState =
            new AtomicReference<>(RTCDataChannelState.CONNECTING);
    private final AtomicLong bufferedAmount = new AtomicLong();
    private volatile long bufferedAmountLowThreshold;
    private volatile int id = -1;

    private final OnceEvent<Void> openListeners;
    /** The most messages held for a listener not yet added. */
    public static final int MAX_HELD_MESSAGES = 1024;

    private final Listeners<RTCDataChannelMessage> messageListeners = new Listeners<>();
    /** Loop-confined: messages that arrived while no message listener was registered. */
    private final java.util.ArrayDeque<RTCDataChannelMessage> heldMessages = new java.util.ArrayDeque<>();
    private final Listeners<Void> bufferedAmountLowListeners = new Listeners<>();
    private final Listeners<Void> closingListeners = new Listeners<>();
    private final OnceEvent<Void> closeListeners;
    private final OnceEvent<RTCError> errorListeners;

    /**
     * A new channel on {@code transport} (W3C §6.2 {@code createDataChannel}, ORTC §13).
     *
     * @param transport the SCTP transport
     * @param label the label, at most 65535 bytes of UTF-8
     * @param init the options, checked already by {@link RTCDataChannelInit}
     * @throws InvalidStateException if the transport is closed
     * @throws IllegalArgumentException if the label is longer than 65535 bytes (W3C TypeError)
     * @throws OperationException if {@code init} is negotiated with an id another negotiated
     *     channel of this transport uses, or an id at or beyond {@code maxChannels}
     */
    public RTCDataChannel(RTCSctpTransport transport, String label, RTCDataChannelInit init) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.label = RTCDataChannelInit.checkStringLength("label", label);
        this.init = Objects.requireNonNull(init, "init");
        this.openListeners = new OnceEvent<>(transport::onLoop);
        this.errorListeners = new OnceEvent<>(transport::onLoop);
        this.closeListeners = new OnceEvent<>(transport::onLoop);
        // W3C §6.2 createDataChannel: "If connection.[[IsClosed]] is true, throw an InvalidStateError."
        if (transport.state() == RTCSctpTransportState.CLOSED) {
            throw new InvalidStateException("the RTCSctpTransport is closed");
        }
        if (init.negotiated()) {
            int wanted = init.id();
            OptionalInt max = transport.maxChannels();
            // W3C §6.2: "If [[DataChannelId]] is not null, transport is in the "connected" state and
            // [[DataChannelId]] is greater or equal to the transport's [[MaxChannels]] slot, throw
            // an OperationError."
            if (max.isPresent() && wanted >= max.getAsInt()) {
                throw new OperationException("data channel id " + wanted + " is not below maxChannels "
                        + max.getAsInt());
            }
            if (!transport.claimNegotiatedId(wanted)) {
                throw new OperationException("data channel id " + wanted + " is in use");
            }
            this.id = wanted;
        }
        this.endpoint = new DataChannelEndpoint(label, init, events);
        transport.onLoop(() -> transport.registry().add(endpoint));
    }

    /** A channel the peer opened with DATA_CHANNEL_OPEN on stream {@code id}; on the loop. */
    RTCDataChannel(RTCSctpTransport transport, DataChannelEndpoint endpoint, int id) {
        this.transport = transport;
        this.label = endpoint.label();
        this.init = endpoint.init();
        this.endpoint = endpoint;
        this.id = id;
        // W3C §6.2 "announcing a data channel": "Set channel.[[ReadyState]] to "open" (but do not
        // fire the open event yet)", so the datachannel listener may send at once.
        this.readyState.set(RTCDataChannelState.OPEN);
        this.openListeners = new OnceEvent<>(transport::onLoop);
        this.errorListeners = new OnceEvent<>(transport::onLoop);
        this.closeListeners = new OnceEvent<>(transport::onLoop);
    }

    ChannelEvents events() {
        return events;
    }

    /** The transport the channel runs on. */
    public RTCSctpTransport transport() {
        return transport;
    }

    /** The label (W3C {@code label}). */
    public String label() {
        return label;
    }

    /** Whether messages arrive in order (W3C {@code ordered}). */
    public boolean ordered() {
        return init.ordered();
    }

    /** The retransmission time limit in milliseconds, or {@code null} (W3C {@code maxPacketLifeTime}). */
    public Integer maxPacketLifeTime() {
        return init.maxPacketLifeTime();
    }

    /** The retransmission count limit, or {@code null} (W3C {@code maxRetransmits}). */
    public Integer maxRetransmits() {
        return init.maxRetransmits();
    }

    /** The subprotocol (W3C {@code protocol}). */
    public String protocol() {
        return init.protocol();
    }

    /** Whether the channel was negotiated by the application (W3C {@code negotiated}). */
    public boolean negotiated() {
        return init.negotiated();
    }

    /** The SCTP stream id, or {@code null} until one is assigned (W3C {@code id}). */
    public Integer id() {
        int n = id;
        return n < 0 ? null : n;
    }

    /** The priority (W3C {@code priority}). */
    public RTCPriorityType priority() {
        return init.priority();
    }

    /** The state (W3C {@code readyState}). */
    public RTCDataChannelState readyState() {
        return readyState.get();
    }

    /**
     * Bytes of messages queued by {@code send} and not yet handed to the network (W3C
     * {@code bufferedAmount}): UTF-8 bytes for strings. It grows in {@code send} and shrinks as
     * messages leave the SCTP send queue; it does not drop to zero when the channel closes.
     */
    public long bufferedAmount() {
        return bufferedAmount.get();
    }

    /** The threshold of the {@code bufferedamountlow} event (W3C {@code bufferedAmountLowThreshold}). */
    public long bufferedAmountLowThreshold() {
        return bufferedAmountLowThreshold;
    }

    /**
     * Sets the threshold of the {@code bufferedamountlow} event.
     *
     * @throws IllegalArgumentException if negative (W3C: an unsigned long)
     */
    public void setBufferedAmountLowThreshold(long threshold) {
        if (threshold < 0) {
            throw new IllegalArgumentException("bufferedAmountLowThreshold must not be negative: " + threshold);
        }
        this.bufferedAmountLowThreshold = threshold;
    }

    /**
     * Sends a string as UTF-8 (PPID 51, or 56 when empty; RFC 8831 §6.6).
     *
     * @throws InvalidStateException unless the channel is open
     * @throws IllegalArgumentException if its UTF-8 is longer than the transport's maxMessageSize
     *     (W3C: a TypeError)
     * @throws OperationException if the send buffer is full; the channel then closes (as Chromium)
     */
    public void send(String data) {
        Objects.requireNonNull(data, "data");
        send(data.getBytes(StandardCharsets.UTF_8), false);
    }

    /**
     * Sends binary data (PPID 53, or 57 when empty); the bytes are copied.
     *
     * @throws InvalidStateException unless the channel is open
     * @throws IllegalArgumentException if longer than the transport's maxMessageSize
     * @throws OperationException if the send buffer is full; the channel then closes
     */
    public void send(byte[] data) {
        Objects.requireNonNull(data, "data");
        send(data.clone(), true);
    }

    /**
     * Sends the bytes from {@code data}'s position to its limit as binary data; they are copied and
     * the position does not move.
     *
     * @throws InvalidStateException unless the channel is open
     * @throws IllegalArgumentException if longer than the transport's maxMessageSize
     * @throws OperationException if the send buffer is full; the channel then closes
     */
    public void send(ByteBuffer data) {
        Objects.requireNonNull(data, "data");
        byte[] bytes = new byte[data.remaining()];
        data.duplicate().get(bytes);
        send(bytes, true);
    }

    private void send(byte[] bytes, boolean binary) {
        // W3C §6.2 send: "If channel.[[ReadyState]] is not "open", throw an InvalidStateError."
        RTCDataChannelState now = readyState.get();
        if (now != RTCDataChannelState.OPEN) {
            throw new InvalidStateException("the RTCDataChannel is " + now + ", not open");
        }
        // W3C §6.2 send: "If the byte size of data exceeds the value of maxMessageSize on
        // channel.[[SctpTransport]], throw a TypeError."
        long max = transport.maxMessageSize();
        if (bytes.length > max) {
            throw new IllegalArgumentException("a message of " + bytes.length + " bytes exceeds maxMessageSize " + max);
        }
        // W3C §6.2 send: "If channel's underlying data transport cannot queue data ... throw an
        // OperationError." Chromium closes the channel as well.
        if (!transport.reserveSendBuffer(bytes.length)) {
            transport.onLoop(() -> transport.registry().fail(endpoint,
                    new RTCError(RTCError.DATA_CHANNEL_FAILURE, "the send buffer is full")));
            throw new OperationException("the send buffer is full; the data channel closes");
        }
        bufferedAmount.addAndGet(bytes.length);
        int ppid = PayloadProtocolId.forMessage(binary, bytes.length);
        byte[] payload = PayloadProtocolId.payloadFor(bytes);
        int userBytes = bytes.length;
        transport.onLoop(() -> transport.registry().send(endpoint, ppid, payload, userBytes));
    }

    /**
     * Closes the channel (W3C §6.2 {@code close}): closing at once, closed when the stream is
     * reset both ways (RFC 8831 §6.7). Messages sent before are still delivered. Idempotent.
     */
    public void close() {
        RTCDataChannelState now = readyState.get();
        while (now == RTCDataChannelState.CONNECTING || now == RTCDataChannelState.OPEN) {
            if (readyState.compareAndSet(now, RTCDataChannelState.CLOSING)) {
                transport.onLoop(() -> transport.registry().close(endpoint));
                return;
            }
            now = readyState.get();
        }
    }

    /**
     * Calls {@code listener} on the loop when the channel opens (W3C {@code open}). Added after
     * the channel opened, it is called at once (on the loop), so no open is missed to a race.
     */
    public AutoCloseable onOpen(Runnable listener) {
        return openListeners.add(listener);
    }

    /**
     * Calls {@code listener} on the loop with each message (W3C {@code message}). Messages that
     * arrive while the channel has no message listener are held, up to {@value #MAX_HELD_MESSAGES}
     * (then the oldest goes), and given to the next listener added: a browser likewise queues
     * message events until the script that made the channel has run, so a peer that answers at
     * once is not lost to a listener added a moment after the channel was made.
     */
    public AutoCloseable onMessage(Consumer<RTCDataChannelMessage> listener) {
        AutoCloseable registration = messageListeners.add(listener);
        transport.onLoop(this::releaseHeldMessages);
        return registration;
    }

    /** On the loop: hands held messages to the listeners, in order, once there are any. */
    private void releaseHeldMessages() {
        while (!heldMessages.isEmpty() && !messageListeners.isEmpty()) {
            messageListeners.fire(heldMessages.poll());
        }
    }

    /**
     * Calls {@code listener} on the loop when {@link #bufferedAmount()} falls from above
     * {@link #bufferedAmountLowThreshold()} to at or below it (W3C {@code bufferedamountlow}).
     */
    public AutoCloseable onBufferedAmountLow(Runnable listener) {
        return bufferedAmountLowListeners.add(listener);
    }

    /** Calls {@code listener} on the loop when the peer starts closing the channel (W3C {@code closing}). */
    public AutoCloseable onClosing(Runnable listener) {
        return closingListeners.add(listener);
    }

    /**
     * Calls {@code listener} on the loop when the channel is closed (W3C {@code close}); added
     * after that, it is called at once (on the loop).
     */
    public AutoCloseable onClose(Runnable listener) {
        return closeListeners.add(listener);
    }

    /**
     * Calls {@code listener} on the loop when the channel closes abruptly (W3C {@code error}, an
     * {@code RTCErrorEvent}), just before {@code close}; added after that, it is called at once
     * (on the loop).
     */
    public AutoCloseable onError(Consumer<RTCError> listener) {
        return errorListeners.add(listener);
    }

    @Override
    public String toString() {
        return "RTCDataChannel[" + label + ", id " + id() + ", " + readyState.get() + "]";
    }

    /** The loop's side: the registry's events become the W3C attributes and events. */
    private final class Events implements ChannelEvents {
        private boolean sendBufferReleased;

        @Override
        public void onIdAssigned(int streamId) {
            id = streamId;
        }

        @Override
        public void onOpen() {
            // W3C §6.2 "announce open": "If channel.[[ReadyState]] is "closing" or "closed", abort".
            readyState.compareAndSet(RTCDataChannelState.CONNECTING, RTCDataChannelState.OPEN);
            if (readyState.get() == RTCDataChannelState.OPEN) {
                openListeners.fire(null);
            }
        }

        @Override
        public void onMessage(boolean binary, byte[] data) {
            if (readyState.get() != RTCDataChannelState.OPEN) {
                return;
            }
            RTCDataChannelMessage message = new RTCDataChannelMessage(binary, data);
            if (messageListeners.isEmpty() || !heldMessages.isEmpty()) {
                if (heldMessages.size() == MAX_HELD_MESSAGES) {
                    heldMessages.poll();
                }
                heldMessages.add(message);
                releaseHeldMessages();
                return;
            }
            messageListeners.fire(message);
        }

        @Override
        public void onSent(long userBytes) {
            long after = bufferedAmount.addAndGet(-userBytes);
            if (!sendBufferReleased) {
                transport.releaseSendBuffer(userBytes);
            }
            long threshold = bufferedAmountLowThreshold;
            // W3C §6.2: "fired when the bufferedAmount decreases from above its
            // bufferedAmountLowThreshold to less than or equal to its bufferedAmountLowThreshold".
            if (after + userBytes > threshold && after <= threshold) {
                bufferedAmountLowListeners.fire(null);
            }
        }

        @Override
        public void onClosing() {
            // W3C §6.2.3: the peer started the closing procedure: closing, then the "closing" event.
            if (readyState.compareAndSet(RTCDataChannelState.OPEN, RTCDataChannelState.CLOSING)) {
                closingListeners.fire(null);
            }
        }

        @Override
        public void onClosedSilently() {
            if (readyState.getAndSet(RTCDataChannelState.CLOSED) == RTCDataChannelState.CLOSED) {
                return;
            }
            release();
        }

        /** What a closed channel frees: its negotiated id and its share of the send buffer. */
        private void release() {
            if (init.negotiated()) {
                transport.releaseNegotiatedId(init.id());
            }
            sendBufferReleased = true;
            transport.releaseSendBuffer(bufferedAmount.get());
        }

        @Override
        public void onClosed(RTCError error) {
            if (readyState.getAndSet(RTCDataChannelState.CLOSED) == RTCDataChannelState.CLOSED) {
                return;
            }
            if (init.negotiated()) {
                transport.releaseNegotiatedId(init.id());
            }
            // What is still counted will not be reported sent: free the transport's share now.
            sendBufferReleased = true;
            transport.releaseSendBuffer(bufferedAmount.get());
            // W3C §6.2 "announce closed": an error event if the transport "was closed with an
            // error", then "close".
            if (error != null) {
                errorListeners.fire(error);
            }
            closeListeners.fire(null);
        }
    }
}
