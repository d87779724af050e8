package org.ortc4j.sctp;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.ortc4j.dtls.RTCDtlsTransport;
import org.ortc4j.dtls.RTCDtlsTransportState;
import org.ortc4j.ice.InvalidStateException;
import org.ortc4j.ice.net.Scheduler;
import org.ortc4j.sctp.internal.association.Association;
import org.ortc4j.sctp.internal.association.AssociationConfig;
import org.ortc4j.sctp.internal.association.AssociationState;
import org.ortc4j.sctp.internal.association.AssociationStats;
import org.ortc4j.sctp.internal.channel.ChannelEvents;
import org.ortc4j.sctp.internal.channel.DataChannelEndpoint;
import org.ortc4j.sctp.internal.channel.DataChannelRegistry;
import org.ortc4j.sctp.internal.channel.Listeners;
import org.ortc4j.sctp.internal.channel.SctpTransports;

/**
 * SCTP over DTLS (RFC 8261) carrying WebRTC data channels (RFC 8831): the W3C WebRTC §6.1
 * {@code RTCSctpTransport}, usable on its own as ORTC §12 describes.
 *
 * <pre>{@code
 * RTCSctpTransport sctp = new RTCSctpTransport(dtls);
 * sctp.onDataChannel(channel -> channel.onMessage(m -> System.out.println(m.text())));
 * signaling.send(RTCSctpTransport.getCapabilities(), sctp.port());
 * sctp.start(remoteCapabilities, remotePort);           // connects once DTLS is connected
 * RTCDataChannel chat = new RTCDataChannel(sctp, "chat", RTCDataChannelInit.defaults());
 * chat.onOpen(() -> chat.send("hello"));
 * }</pre>
 *
 * <p>Both sides open the association (SCTP simultaneous open, as browsers do) once the DTLS
 * transport is connected and {@link #start} was called. When the DTLS transport closes or
 * fails, the association ends, the state becomes {@link RTCSctpTransportState#CLOSED} and every
 * data channel closes.
 *
 * <p>Threads: every method may be called from any thread; the protocol runs on the ICE
 * transport's loop ({@code dtls.iceTransport().scheduler()}), where listeners are called (they
 * must not block).
 */
public final class RTCSctpTransport {

    /** Chromium's maximum message size, which we advertise (W3C §6.1.1 {@code maxMessageSize}). */
    public static final long MAX_MESSAGE_SIZE = 262_144;

    /** The SCTP port WebRTC uses unless SDP says otherwise (RFC 8841 §5). */
    public static final int DEFAULT_PORT = 5000;

    /** W3C §6.1.1: [[MaxMessageSize]] is "initialized to 65536" until the remote value is known. */
    private static final long INITIAL_MAX_MESSAGE_SIZE = 65_536;

    /** Packets from the peer kept until {@link #start} creates the association. */
    private static final int EARLY_PACKETS = 16;

    static {
        SctpTransports.setConstructor(RTCSctpTransport::new);
    }

    // Changes only before start (setTransport), on the same loop.
    private volatile RTCDtlsTransport dtls;
    private final Scheduler loop;
    private final int port;
    private final AssociationConfig baseConfig;
    private final DataChannelRegistry registry;
    private final Listeners<RTCSctpTransportState> stateListeners = new Listeners<>();
    private final Listeners<RTCDataChannel> dataChannelListeners = new Listeners<>();
    private final AtomicBoolean started = new AtomicBoolean();
    /** Bytes of user messages queued on all channels (for the synchronous send-buffer check). */
    private final AtomicLong queuedBytes = new AtomicLong();
    /** Ids of negotiated channels in use, checked when one is made (W3C §6.2 createDataChannel). */
    private final Set<Integer> negotiatedIds = ConcurrentHashMap.newKeySet();
    private volatile AutoCloseable dtlsSubscription;

    private volatile RTCSctpTransportState state = RTCSctpTransportState.CONNECTING;
    private volatile long maxMessageSize = INITIAL_MAX_MESSAGE_SIZE;
    private volatile int maxChannels;
    private volatile int remotePort;

    // Loop-confined.
    private Association association;
    private final ArrayDeque<ByteBuffer> early = new ArrayDeque<>();

    /**
     * A transport on SCTP port 5000 over {@code transport}.
     *
     * @throws InvalidStateException if the DTLS transport is closed or failed
     */
    public RTCSctpTransport(RTCDtlsTransport transport) {
        this(transport, DEFAULT_PORT);
    }

    /**
     * A transport on local SCTP port {@code port} over {@code transport} (ORTC §12.2). It takes
     * over the DTLS transport's data handler.
     *
     * @throws InvalidStateException if the DTLS transport is closed or failed
     * @throws IllegalArgumentException if {@code port} is outside 1 to 65535
     */
    public RTCSctpTransport(RTCDtlsTransport transport, int port) {
        this(transport, port, AssociationConfig.builder().build());
    }

    private RTCSctpTransport(RTCDtlsTransport transport, int port, AssociationConfig config) {
        this.dtls = Objects.requireNonNull(transport, "transport");
        this.baseConfig = Objects.requireNonNull(config, "config");
        checkPort(port);
        this.port = port;
        RTCDtlsTransportState dtlsState = transport.state();
        if (dtlsState == RTCDtlsTransportState.CLOSED || dtlsState == RTCDtlsTransportState.FAILED) {
            throw new InvalidStateException("the RTCDtlsTransport is " + dtlsState);
        }
        this.loop = transport.iceTransport().scheduler();
        this.registry = new DataChannelRegistry(loop, () -> dtls.role().orElse(null), this::acceptIncoming,
                new DataChannelRegistry.TransportEvents() {
                    @Override
                    public void onEstablished(int channels) {
                        maxChannels = channels;
                        setState(RTCSctpTransportState.CONNECTED);
                    }

                    @Override
                    public void onClosed(String error) {
                        setState(RTCSctpTransportState.CLOSED);
                    }
                }, config.maxReassemblyBytes());
        transport.setDataHandler(this::receive);
        this.dtlsSubscription = transport.onStateChange(this::onDtlsState);
    }

    /**
     * What this implementation can receive: {@code maxMessageSize} 262144, Chromium's value
     * (W3C §6.1.1, ORTC §12.2 {@code getCapabilities}).
     */
    public static RTCSctpCapabilities getCapabilities() {
        return new RTCSctpCapabilities(MAX_MESSAGE_SIZE);
    }

    /**
     * Starts the association with the peer's capabilities and SCTP port (ORTC §12.2
     * {@code start}): at once if the DTLS transport is connected, else when it connects. Also
     * sets {@link #maxMessageSize()} (W3C §6.1.1).
     *
     * @throws InvalidStateException if {@code start} was called before or the transport is closed
     * @throws IllegalArgumentException if {@code remotePort} is outside 1 to 65535
     */
    public void start(RTCSctpCapabilities remoteCapabilities, int remotePort) {
        Objects.requireNonNull(remoteCapabilities, "remoteCapabilities");
        checkPort(remotePort);
        if (state == RTCSctpTransportState.CLOSED) {
            throw new InvalidStateException("the RTCSctpTransport is closed");
        }
        if (!started.compareAndSet(false, true)) {
            throw new InvalidStateException("start was already called on this RTCSctpTransport");
        }
        this.remotePort = remotePort;
        this.maxMessageSize = maxMessageSize(remoteCapabilities.maxMessageSize(), baseConfig.maxSendBufferBytes());
        onLoop(() -> onDtlsState(dtls.state()));
    }

    /**
     * Moves a transport that has not started to another DTLS transport on the same loop (W3C
     * §4.4.1.6: applying a description sets the SCTP transport's {@code transport} to the data
     * section's; a peer connection's data channels may exist before it knows which transport
     * that is). Its channels stay as they are.
     *
     * @throws InvalidStateException if {@link #start} was called or the transport is closed
     * @throws IllegalArgumentException if {@code transport} runs on another loop
     */
    public void setTransport(RTCDtlsTransport transport) {
        Objects.requireNonNull(transport, "transport");
        if (transport.iceTransport().scheduler() != loop) {
            throw new IllegalArgumentException("the new DTLS transport runs on another loop");
        }
        if (started.get() || state == RTCSctpTransportState.CLOSED) {
            throw new InvalidStateException("an RTCSctpTransport moves only before it starts");
        }
        if (transport == dtls) {
            return;
        }
        RTCDtlsTransport old = dtls;
        closeQuietly(dtlsSubscription);
        old.setDataHandler(null);
        dtls = transport;
        transport.setDataHandler(this::receive);
        dtlsSubscription = transport.onStateChange(this::onDtlsState);
    }

    /**
     * W3C §6.1.1 "update the data max message size": {@code canSendSize} is what we can queue
     * (the send buffer); "If remoteMaxMessageSize is 0 and canSendSize is 0, set [[MaxMessageSize]]
     * to the value positive Infinity. Otherwise, if remoteMaxMessageSize is 0, set [[MaxMessageSize]]
     * to canSendSize. Otherwise, if canSendSize is 0, set [[MaxMessageSize]] to remoteMaxMessageSize.
     * Otherwise, set [[MaxMessageSize]] to the smaller of remoteMaxMessageSize or canSendSize."
     */
    static long maxMessageSize(long remoteMaxMessageSize, long canSendSize) {
        if (remoteMaxMessageSize == 0 && canSendSize == 0) {
            return Long.MAX_VALUE;
        } else if (remoteMaxMessageSize == 0) {
            return canSendSize;
        } else if (canSendSize == 0) {
            return remoteMaxMessageSize;
        }
        return Math.min(remoteMaxMessageSize, canSendSize);
    }

    /** The DTLS transport this transport runs over (W3C §6.1.1 {@code transport}). */
    public RTCDtlsTransport transport() {
        return dtls;
    }

    /** The current state (W3C §6.1.1 {@code state}). */
    public RTCSctpTransportState state() {
        return state;
    }

    /** Calls {@code listener} on the loop with each new state ({@code statechange}). */
    public AutoCloseable onStateChange(Consumer<RTCSctpTransportState> listener) {
        return stateListeners.add(listener);
    }

    /**
     * The largest message {@link RTCDataChannel#send} accepts (W3C §6.1.1 {@code maxMessageSize}):
     * 65536 before {@link #start}, then from the peer's capabilities and our send buffer;
     * {@link Long#MAX_VALUE} stands for unlimited.
     */
    public long maxMessageSize() {
        return maxMessageSize;
    }

    /**
     * How many data channels can be open at once (W3C §6.1.1 {@code maxChannels}): empty until
     * connected, then the smaller of the negotiated inbound and outbound stream counts.
     */
    public OptionalInt maxChannels() {
        int n = maxChannels;
        return n == 0 ? OptionalInt.empty() : OptionalInt.of(n);
    }

    /** Our SCTP port (ORTC §12.1 {@code port}). */
    public int port() {
        return port;
    }

    /** The peer's SCTP port, once {@link #start} was called, else 0. */
    public int remotePort() {
        return remotePort;
    }

    /**
     * Calls {@code listener} on the loop with each data channel the peer opens by DCEP (W3C §6.2
     * {@code datachannel}): already {@code open}, so the listener may send, and before its
     * {@code open} event, so listeners it registers see that event.
     */
    public AutoCloseable onDataChannel(Consumer<RTCDataChannel> listener) {
        return dataChannelListeners.add(listener);
    }

    /**
     * Stops the transport (ORTC §12.2 {@code stop}): aborts the association (an ABORT chunk to
     * the peer), closes every data channel, state closed. Idempotent.
     */
    public void stop() {
        onLoop(() -> {
            registry.stop();
            setState(RTCSctpTransportState.CLOSED);
            closeQuietly(dtlsSubscription);
        });
    }

    /**
     * Stops the transport as W3C §4.4.1.5 "close the connection" does: the association aborts
     * (an ABORT chunk to the peer, whose channels close), every channel's readyState becomes
     * closed at once without closing, error or close events ("The RTCDataChannels will be
     * closed abruptly and the closing procedure will not be invoked"), state closed. For an
     * RTCPeerConnection's close; {@link #stop()} announces the channels' closing. Idempotent.
     */
    public void stopSilently() {
        onLoop(() -> {
            registry.stop(true);
            setState(RTCSctpTransportState.CLOSED);
            closeQuietly(dtlsSubscription);
        });
    }

    /** Messages from the peer dropped as bad input (malformed DCEP, unknown streams or PPIDs). */
    public long droppedMessages() {
        return registry.droppedMessages();
    }

    /**
     * The association's counters (on the loop), or {@code null} before it exists. For tests and,
     * later, {@code RTCStats}.
     */
    AssociationStats associationStats() {
        return association == null ? null : association.stats();
    }

    // ---- for RTCDataChannel (any thread unless noted) ----

    Scheduler loop() {
        return loop;
    }

    void onLoop(Runnable task) {
        if (loop.inLoop()) {
            task.run();
        } else {
            loop.execute(task);
        }
    }

    DataChannelRegistry registry() {
        return registry;
    }

    /** Claims a negotiated id, or returns false if a channel of this transport uses it. */
    boolean claimNegotiatedId(int id) {
        return negotiatedIds.add(id);
    }

    void releaseNegotiatedId(int id) {
        negotiatedIds.remove(id);
    }

    /** Counts {@code bytes} into the queued total unless the send buffer would overflow. */
    boolean reserveSendBuffer(long bytes) {
        long limit = baseConfig.maxSendBufferBytes();
        while (true) {
            long now = queuedBytes.get();
            if (now + bytes > limit) {
                return false;
            }
            if (queuedBytes.compareAndSet(now, now + bytes)) {
                return true;
            }
        }
    }

    void releaseSendBuffer(long bytes) {
        queuedBytes.addAndGet(-bytes);
    }

    // ---- loop ----

    private ChannelEvents acceptIncoming(DataChannelEndpoint endpoint, int id) {
        RTCDataChannel channel = new RTCDataChannel(this, endpoint, id);
        dataChannelListeners.fire(channel);
        return channel.events();
    }

    private void receive(ByteBuffer packet) {
        if (association != null) {
            association.receive(packet);
        } else if (state != RTCSctpTransportState.CLOSED && early.size() < EARLY_PACKETS) {
            // The peer may start first; its INIT waits here instead of costing it a retransmission.
            early.add(packet);
        }
    }

    private void onDtlsState(RTCDtlsTransportState dtlsState) {
        if (state == RTCSctpTransportState.CLOSED) {
            return;
        }
        switch (dtlsState) {
            case CONNECTED -> {
                if (started.get() && association == null) {
                    begin();
                }
            }
            // W3C §6.1.1: the SCTP transport is closed when its DTLS transport is.
            case CLOSED -> registry.transportGone(null);
            case FAILED -> registry.transportGone("the DTLS transport failed");
            default -> {
                // new, connecting: wait
            }
        }
    }

    private void begin() {
        AssociationConfig config = baseConfig.toBuilder()
                .localPort(port)
                .remotePort(remotePort)
                // RFC 9653 §5 with the DTLS error detection method: DTLS protects SCTP already.
                .zeroChecksumAcceptable(true)
                .build();
        association = new Association(loop, config, this::sendPacket, registry);
        registry.attach(association);
        // Both sides send INIT (simultaneous open, RFC 9260 §5.2.1), as browsers do.
        association.connect();
        while (!early.isEmpty() && association.state() != AssociationState.CLOSED) {
            association.receive(early.poll());
        }
        early.clear();
    }

    private void sendPacket(ByteBuffer packet) {
        if (dtls.state() != RTCDtlsTransportState.CONNECTED) {
            return;
        }
        try {
            dtls.send(packet);
        } catch (InvalidStateException e) {
            // DTLS closed between the check and the send; its state change closes us.
        }
    }

    private void setState(RTCSctpTransportState next) {
        if (state == next || state == RTCSctpTransportState.CLOSED) {
            return;
        }
        state = next;
        stateListeners.fire(next);
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // a listener removal does not fail
        }
    }

    private static void checkPort(int port) {
        if (port < 1 || port > 0xFFFF) {
            throw new IllegalArgumentException("SCTP port out of range 1..65535: " + port);
        }
    }
}
