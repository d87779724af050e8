package org.ortc4j.sctp.internal.association;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.ortc4j.ice.net.Scheduler;
import org.ortc4j.sctp.internal.control.CongestionController;
import org.ortc4j.sctp.internal.control.ForwardTsn;
import org.ortc4j.sctp.internal.control.GapAckBlock;
import org.ortc4j.sctp.internal.control.OutboundChunk;
import org.ortc4j.sctp.internal.control.PrPolicy;
import org.ortc4j.sctp.internal.control.RetransmissionQueue;
import org.ortc4j.sctp.internal.control.RtoEstimator;
import org.ortc4j.sctp.internal.control.SackInfo;
import org.ortc4j.sctp.internal.control.SackOutcome;
import org.ortc4j.sctp.internal.control.SackTracker;
import org.ortc4j.sctp.internal.packet.AbortChunk;
import org.ortc4j.sctp.internal.packet.Chunk;
import org.ortc4j.sctp.internal.packet.ChunkType;
import org.ortc4j.sctp.internal.packet.CookieAckChunk;
import org.ortc4j.sctp.internal.packet.CookieEchoChunk;
import org.ortc4j.sctp.internal.packet.DataChunk;
import org.ortc4j.sctp.internal.packet.ErrorCause;
import org.ortc4j.sctp.internal.packet.ErrorChunk;
import org.ortc4j.sctp.internal.packet.ForwardTsnChunk;
import org.ortc4j.sctp.internal.packet.ForwardTsnSupportedParameter;
import org.ortc4j.sctp.internal.packet.HeartbeatAckChunk;
import org.ortc4j.sctp.internal.packet.HeartbeatChunk;
import org.ortc4j.sctp.internal.packet.IDataChunk;
import org.ortc4j.sctp.internal.packet.IForwardTsnChunk;
import org.ortc4j.sctp.internal.packet.InitAckChunk;
import org.ortc4j.sctp.internal.packet.InitChunk;
import org.ortc4j.sctp.internal.packet.Parameter;
import org.ortc4j.sctp.internal.packet.ReconfigChunk;
import org.ortc4j.sctp.internal.packet.SackChunk;
import org.ortc4j.sctp.internal.packet.SctpPacket;
import org.ortc4j.sctp.internal.packet.SctpParseException;
import org.ortc4j.sctp.internal.packet.SerialNumbers;
import org.ortc4j.sctp.internal.packet.ShutdownAckChunk;
import org.ortc4j.sctp.internal.packet.ShutdownChunk;
import org.ortc4j.sctp.internal.packet.ShutdownCompleteChunk;
import org.ortc4j.sctp.internal.packet.StateCookieParameter;
import org.ortc4j.sctp.internal.packet.SupportedExtensionsParameter;
import org.ortc4j.sctp.internal.packet.UnknownChunk;
import org.ortc4j.sctp.internal.packet.UnknownParameter;
import org.ortc4j.sctp.internal.packet.UnrecognizedAction;
import org.ortc4j.sctp.internal.packet.ZeroChecksumAcceptableParameter;
import org.ortc4j.sctp.internal.reconfig.StreamResetProcedure;
import org.ortc4j.sctp.internal.stream.DeferredResetReassembler;
import org.ortc4j.sctp.internal.stream.InboundFragment;
import org.ortc4j.sctp.internal.stream.InboundReassembler;
import org.ortc4j.sctp.internal.stream.InterleavedReassembler;
import org.ortc4j.sctp.internal.stream.MessageFragmenter;
import org.ortc4j.sctp.internal.stream.OutboundFragment;
import org.ortc4j.sctp.internal.stream.ReassembledMessage;
import org.ortc4j.sctp.internal.stream.Reassembler;
import org.ortc4j.sctp.internal.stream.ReassemblyOutcome;
import org.ortc4j.sctp.internal.stream.SkippedStream;

/**
 * One SCTP association (RFC 9260) carried over DTLS (RFC 8261): the four-way handshake with a
 * signed state cookie, INIT collisions and peer restarts (§5.2), reliable and partially reliable
 * (RFC 3758) data transfer with congestion control, heartbeats, graceful shutdown and ABORT,
 * stream reset (RFC 6525, through {@code StreamResetProcedure}), I-DATA (RFC 8260) when both sides
 * offer it, and zero checksums (RFC 9653).
 *
 * <p>Single-homed, one path: the DTLS transport below. All methods run on the scheduler's
 * thread (the layer above hops onto it); time comes only from the {@link Scheduler}. Packets from
 * the network never make a method throw: bad ones are dropped and counted in {@link #stats()},
 * and a peer that breaks the protocol or floods us gets an ABORT.
 */
public final class Association {

    /** Parameter type of Unrecognized Parameter in INIT ACK (RFC 9260 §3.3.3.1). */
    private static final int UNRECOGNIZED_PARAMETER = 8;
    /** Error cause Stale Cookie (RFC 9260 §3.3.10.3). */
    private static final int STALE_COOKIE = 3;
    /** Error cause Cookie Received While Shutting Down (RFC 9260 §3.3.10.10). */
    private static final int COOKIE_WHILE_SHUTTING_DOWN = 10;
    private static final int HEARTBEAT_INFO_LENGTH = 16;
    private static final long DELAYED_SACK_NANOS = 200_000_000L;

    private final Scheduler scheduler;
    private final AssociationConfig config;
    private final SctpPacketSink sink;
    private final AssociationListener listener;
    private final SecureRandom random = new SecureRandom();
    private final StateCookie.Signer cookieSigner;
    private final PacketBuilder out;
    private final RtoEstimator rto;
    private final SendQueue sendQueue = new SendQueue();
    private int maxFragmentSize;
    /** Per stream, the MID of the last ordered message sent (I-DATA), to name it in I-FORWARD-TSN. */
    private final java.util.Map<Integer, Long> lastOrderedMid = new java.util.HashMap<>();
    /**
     * Per stream, the unordered partially reliable messages sent with I-DATA and not yet passed by
     * the peer's cumulative ack, as {MID, last TSN}: I-FORWARD-TSN must name the abandoned ones
     * (RFC 8260 §2.3.1) so that the receiver drops their fragments.
     */
    private final java.util.Map<Integer, ArrayDeque<long[]>> unorderedPrSent = new java.util.HashMap<>();
    private final long heartbeatNonce;

    private final ProtocolTimer initTimer;
    private final ProtocolTimer t2Shutdown;
    private final ProtocolTimer t3Rtx;
    private final ProtocolTimer t5Guard;
    private final ProtocolTimer heartbeatTimer;
    private final ProtocolTimer heartbeatTimeout;

    private AssociationState state = AssociationState.CLOSED;
    /** CLOSED after having been used: no new association in this object. */
    private boolean terminated;

    // Handshake (RFC 9260 §5.1).
    private int localTag;
    private int peerTag;
    private int localInitialTsn;
    private int initRetransmissions;
    private long t1RtoNanos;
    private byte[] cookieToEcho;
    private List<ErrorCause> reportWithCookieEcho = List.of();

    // Transmission Control Block, valid while tcb is true.
    private boolean tcb;
    private int outboundStreams;
    private int inboundStreams;
    private boolean forwardTsnNegotiated;
    private boolean zeroChecksumSend;
    private RetransmissionQueue retransmissions;
    private CongestionController congestion;
    private SackTracker sackTracker;
    private DeferredResetReassembler reassembler;
    private MessageFragmenter fragmenter;
    /** RFC 6525 both ways, when the peer supports RE-CONFIG; else {@code null}. */
    private StreamResetProcedure streamReset;
    private boolean interleavingNegotiated;
    /** Payload bytes the SackTracker counts as held, kept equal to the reassembler's. */
    private long trackerHeldBytes;
    private int errorCount;
    private long lastDataSentNanos;
    private boolean anyLifetimePolicy;

    // Transmission scheduling.
    private int depth;
    private boolean transmitRequested;
    private boolean sackPending;
    private boolean forwardTsnPending;
    private boolean forceRetransmitPacket;
    private final List<SendQueue.Message> sentMessages = new ArrayList<>();
    /** RE-CONFIG chunks the stream reset procedure asked to send, bundled into the next packet. */
    private final List<ReconfigChunk> reconfigToSend = new ArrayList<>();
    /** Messages sent on a stream while its reset is pending: they wait for the new numbering. */
    private final ArrayDeque<SendQueue.Message> waitingForReset = new ArrayDeque<>();
    private long waitingForResetBytes;

    // Statistics.
    private long packetsSent;
    private long packetsReceived;
    private long droppedBadChecksum;
    private long droppedBadVerificationTag;
    private long droppedMalformed;
    private long droppedOutOfTheBlue;
    private long dataChunksSent;
    private long dataChunksRetransmitted;
    private long fastRetransmits;
    private long t3Expirations;
    private long dataChunksReceived;
    private long messagesDelivered;

    /**
     * An association in CLOSED. It answers an INIT (the passive side) or, after
     * {@link #connect()}, starts one.
     *
     * @param scheduler the loop all calls come on, and the clock
     * @param config the settings
     * @param sink where packets go (DTLS)
     * @param listener what the layer above is told
     */
    public Association(Scheduler scheduler, AssociationConfig config, SctpPacketSink sink,
            AssociationListener listener) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.config = Objects.requireNonNull(config, "config");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.cookieSigner = new StateCookie.Signer(random);
        this.out = new PacketBuilder(config.maxPacketSize(), config.localPort(), config.remotePort());
        this.rto = new RtoEstimator(config.rto());
        // A DATA chunk's user data is sized so that the chunk, with the common header, fills the
        // packet; a multiple of 4 leaves no padding.
        this.maxFragmentSize = (config.maxPacketSize() - SctpPacket.HEADER_LENGTH - PacketBuilder.DATA_HEADER) & ~3;
        this.heartbeatNonce = random.nextLong();
        this.initTimer = new ProtocolTimer(scheduler, this::onInitTimerExpired);
        this.t2Shutdown = new ProtocolTimer(scheduler, this::onT2ShutdownExpired);
        this.t3Rtx = new ProtocolTimer(scheduler, this::onT3RtxExpired);
        this.t5Guard = new ProtocolTimer(scheduler, this::onT5GuardExpired);
        this.heartbeatTimer = new ProtocolTimer(scheduler, this::onHeartbeatTimer);
        this.heartbeatTimeout = new ProtocolTimer(scheduler, this::onHeartbeatTimeout);
    }

    // ---------------------------------------------------------------- API

    /**
     * Starts the association: sends INIT and enters COOKIE_WAIT (RFC 9260 §5.1 A). Both sides
     * may call this at once (WebRTC does); the INIT collision is resolved by §5.2. Does nothing
     * once the handshake has started or the peer's INIT has already established the association.
     *
     * @throws IllegalStateException once the association has closed
     */
    public void connect() {
        if (terminated) {
            throw new IllegalStateException("connect() on a closed association");
        }
        if (state != AssociationState.CLOSED) {
            return;
        }
        // RFC 9260 §5.3.1: "Verification Tags SHOULD be selected randomly", and §5.1: the
        // Initial TSN "SHOULD be set to a random value".
        localTag = randomTag();
        localInitialTsn = random.nextInt();
        initRetransmissions = 0;
        t1RtoNanos = config.rto().initial().toNanos();
        state = AssociationState.COOKIE_WAIT;
        sendInit();
        // §5.1 A: "After sending the INIT chunk, "A" starts the T1-init timer and enters the
        // COOKIE-WAIT state."
        initTimer.start(t1RtoNanos);
    }

    /**
     * Handles one SCTP packet from below (a DTLS record's plaintext), position to limit. Never
     * throws: bad packets are dropped and counted.
     */
    public void receive(ByteBuffer packet) {
        packetsReceived++;
        depth++;
        try {
            handlePacket(packet);
        } catch (RuntimeException e) {
            // A chunk whose content breaks a record's checks (a bad gap block, a stream id out of
            // range) surfaces here: the packet is dropped, the association goes on.
            droppedMalformed++;
        } finally {
            depth--;
        }
        runTransmit();
    }

    /**
     * Queues a user message (RFC 9260 §10.1 SEND). Messages wait in COOKIE_WAIT and
     * COOKIE_ECHOED until the association is established.
     *
     * @param streamId the outgoing stream, below {@link #outboundStreams()}
     * @param ppid the payload protocol identifier
     * @param message the bytes, at least one; the association takes ownership
     * @param unordered whether the message may be delivered out of order
     * @param policy its partial reliability ({@link PrPolicy#RELIABLE} for none); ignored when the
     *     peer does not support RFC 3758
     * @return {@code false} if the send buffer ({@code maxSendBufferBytes}) would overflow
     * @throws IllegalStateException unless COOKIE_WAIT, COOKIE_ECHOED or ESTABLISHED
     * @throws IllegalArgumentException for an empty message or a stream out of range
     */
    public boolean send(int streamId, int ppid, byte[] message, boolean unordered, PrPolicy policy) {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(policy, "policy");
        if (state != AssociationState.ESTABLISHED && state != AssociationState.COOKIE_WAIT
                && state != AssociationState.COOKIE_ECHOED) {
            throw new IllegalStateException("cannot send in state " + state);
        }
        if (message.length == 0) {
            throw new IllegalArgumentException("an SCTP user message has at least one byte (RFC 9260 §6.2)");
        }
        if (streamId < 0 || streamId >= outboundStreams()) {
            throw new IllegalArgumentException("stream " + streamId + " out of range 0.." + (outboundStreams() - 1));
        }
        if (bufferedBytes() + message.length > config.maxSendBufferBytes()) {
            return false;
        }
        SendQueue.Message m = new SendQueue.Message(streamId, ppid, message, unordered, policy, scheduler.nanoTime());
        if (streamReset != null && streamReset.isResetting(streamId)) {
            // RFC 6525 §5.1.2: after the request "the sender MUST NOT send new data on the
            // stream" until it is answered; the message takes the stream's new numbering.
            waitingForReset.add(m);
            waitingForResetBytes += message.length;
            return true;
        }
        sendQueue.add(m);
        runTransmit();
        return true;
    }

    /**
     * Resets outgoing streams (RFC 6525 §5.1.2, how RFC 8831 §6.7 closes a data channel): an
     * Outgoing SSN Reset Request is sent once the messages queued on these streams so far have
     * been sent; messages sent on them afterwards wait for the reset and take SSN 0 on. The
     * outcome comes through {@link AssociationListener#onOutgoingStreamsReset} (or
     * {@link AssociationListener#onOutgoingStreamsResetFailed}).
     *
     * @throws IllegalStateException unless ESTABLISHED, or if the peer does not support RE-CONFIG
     * @throws IllegalArgumentException for a stream id out of range
     */
    public void resetOutgoingStreams(int[] streamIds) {
        Objects.requireNonNull(streamIds, "streamIds");
        if (state != AssociationState.ESTABLISHED) {
            throw new IllegalStateException("cannot reset streams in state " + state);
        }
        if (streamReset == null) {
            throw new IllegalStateException("the peer does not support RE-CONFIG (RFC 6525)");
        }
        for (int id : streamIds) {
            if (id < 0 || id >= outboundStreams) {
                throw new IllegalArgumentException("stream " + id + " out of range 0.." + (outboundStreams - 1));
            }
        }
        if (streamIds.length == 0) {
            return;
        }
        streamReset.requestReset(streamIds.clone());
        runTransmit();
    }

    /**
     * Closes gracefully (RFC 9260 §9.2): queued and outstanding data is delivered first, then
     * SHUTDOWN, SHUTDOWN ACK, SHUTDOWN COMPLETE; {@link AssociationListener#onClosed} with
     * {@code null} at the end. Before the association is established it simply closes.
     */
    public void shutdown() {
        switch (state) {
            case CLOSED -> {
                if (!terminated) {
                    close(null);
                }
            }
            case COOKIE_WAIT, COOKIE_ECHOED -> close(null);
            case ESTABLISHED -> {
                // §9.2: "Upon receipt of the SHUTDOWN primitive from its upper layer, the endpoint
                // enters the SHUTDOWN-PENDING state and remains there until all outstanding data
                // has been acknowledged by its peer."
                state = AssociationState.SHUTDOWN_PENDING;
                runTransmit();
            }
            default -> {
                // already shutting down
            }
        }
    }

    /**
     * Aborts (RFC 9260 §9.1): sends ABORT with a User-Initiated Abort cause, enters CLOSED and
     * calls {@link AssociationListener#onClosed} with {@code reason}. Does nothing once closed.
     */
    public void abort(String reason) {
        String why = reason == null ? "aborted" : reason;
        if (terminated) {
            return;
        }
        if (peerTag != 0 && state != AssociationState.CLOSED && state != AssociationState.COOKIE_WAIT) {
            sendChunks(peerTag, new AbortChunk(false, List.of(ErrorCause.userInitiatedAbort(why))));
        }
        close(why);
    }

    /** The current state. */
    public AssociationState state() {
        return state;
    }

    /** Outbound streams: min(our OS, the peer's MIS) once negotiated, before that the config's. */
    public int outboundStreams() {
        return tcb ? outboundStreams : config.outboundStreams();
    }

    /** Inbound streams: min(our MIS, the peer's OS) once negotiated, before that the config's. */
    public int inboundStreams() {
        return tcb ? inboundStreams : config.inboundStreams();
    }

    /** Whether I-DATA (RFC 8260) is in use: both sides listed it in Supported Extensions. */
    public boolean interleaving() {
        return tcb && interleavingNegotiated;
    }

    /** Whether we send packets with a zero checksum (RFC 9653 negotiated both ways). */
    public boolean zeroChecksum() {
        return tcb && zeroChecksumSend;
    }

    /** Bytes of user messages not yet sent once. */
    public long bufferedBytes() {
        return sendQueue.bufferedBytes() + waitingForResetBytes;
    }

    /** Counters and current values. */
    public AssociationStats stats() {
        return new AssociationStats(packetsSent, packetsReceived, droppedBadChecksum, droppedBadVerificationTag,
                droppedMalformed, droppedOutOfTheBlue, dataChunksSent, dataChunksRetransmitted, fastRetransmits,
                t3Expirations, dataChunksReceived, messagesDelivered,
                rto.srtt().map(d -> d.toNanos()).orElse(-1L), rto.rtoNanos(),
                tcb ? congestion.cwnd() : 0, tcb ? congestion.peerRwnd() : 0,
                tcb ? sackTracker.advertisedRwnd() : config.receiveWindow(),
                tcb ? congestion.minRttNanos() : -1, tcb ? congestion.growthHeldBySacks() : 0);
    }

    // ---------------------------------------------------------------- receiving

    private void handlePacket(ByteBuffer buffer) {
        SctpPacket packet;
        try {
            // RFC 9653 §5.4: a receiver that announced Zero Checksum Acceptable accepts a zero
            // checksum; RFC 9260 §6.8 otherwise: "If the received and calculated CRC32c
            // checksums do not match, the receiver MUST silently discard the packet."
            packet = SctpPacket.decode(buffer, config.zeroChecksumAcceptable());
        } catch (SctpParseException e) {
            if (e.getMessage() != null && e.getMessage().contains("checksum")) {
                droppedBadChecksum++;
            } else {
                droppedMalformed++;
            }
            return;
        }
        List<Chunk> chunks = packet.chunks();
        if (chunks.isEmpty() || packet.destinationPort() != config.localPort()
                || packet.sourcePort() != config.remotePort()) {
            droppedMalformed++;
            return;
        }
        Chunk first = chunks.get(0);
        int firstType = first.type();
        // RFC 9260 §6.10: "INIT, INIT ACK, and SHUTDOWN COMPLETE chunks MUST NOT be bundled with
        // any other chunk in a packet."
        if (chunks.size() > 1) {
            for (Chunk c : chunks) {
                int t = c.type();
                if (t == ChunkType.INIT || t == ChunkType.INIT_ACK || t == ChunkType.SHUTDOWN_COMPLETE) {
                    droppedMalformed++;
                    return;
                }
            }
        }
        int vtag = packet.verificationTag();
        if (firstType == ChunkType.INIT) {
            // §8.5.1 A: "the Verification Tag field of the packet MUST be set to 0" for INIT.
            if (vtag != 0) {
                droppedBadVerificationTag++;
                return;
            }
            handleInit((InitChunk) first);
            return;
        }
        if (!tcb && firstType != ChunkType.COOKIE_ECHO && !(state == AssociationState.COOKIE_WAIT
                && (firstType == ChunkType.INIT_ACK || firstType == ChunkType.ABORT))) {
            if (state == AssociationState.COOKIE_WAIT && vtag == localTag) {
                // Early packets of the association we are setting up (the peer established on
                // a collision before our INIT ACK came): not out of the blue; dropped, the peer
                // retransmits.
                droppedOutOfTheBlue++;
                return;
            }
            handleOutOfTheBlue(first, vtag);
            return;
        }
        if (firstType == ChunkType.ABORT || firstType == ChunkType.SHUTDOWN_COMPLETE) {
            // §8.5.1 B, C: accepted with our tag, or with the T bit and the peer's tag.
            boolean reflected = first instanceof AbortChunk a ? a.tagReflected()
                    : ((ShutdownCompleteChunk) first).tagReflected();
            boolean ok = reflected ? (peerTag != 0 && vtag == peerTag) : vtag == localTag;
            if (!ok) {
                droppedBadVerificationTag++;
                return;
            }
        } else if (firstType != ChunkType.COOKIE_ECHO && vtag != localTag) {
            // §8.5: "the receiver MUST silently discard the packet" when the tag is not ours.
            droppedBadVerificationTag++;
            return;
        }
        boolean data = false;
        boolean immediate = false;
        boolean forwarded = false;
        for (Chunk chunk : chunks) {
            if (state == AssociationState.CLOSED && terminated) {
                return;
            }
            switch (chunk.type()) {
                case ChunkType.DATA -> {
                    DataChunk d = (DataChunk) chunk;
                    if (tcb && interleavingNegotiated) {
                        // RFC 8260 §2.1: with I-DATA negotiated, "DATA chunks MUST NOT be used";
                        // a peer that sends them anyway breaks the protocol.
                        abortWith(ErrorCause.protocolViolation("DATA chunk while I-DATA was negotiated"),
                                "peer sent DATA after negotiating I-DATA");
                        return;
                    }
                    if (!handleData(d.tsn(), d.streamIdentifier(), d.streamSequenceNumber(), 0,
                            d.payloadProtocolIdentifier(), d.unordered(), d.beginning(), d.ending(), d.userData())) {
                        return;
                    }
                    data = true;
                    immediate |= d.immediate();
                }
                case ChunkType.I_DATA -> {
                    if (!tcb || !interleavingNegotiated) {
                        // RFC 8260 §2.1: I-DATA "MUST NOT be sent" unless negotiated; receiving
                        // it anyway is a protocol violation.
                        abortWith(ErrorCause.protocolViolation("I-DATA was not negotiated"),
                                "peer sent I-DATA without negotiating it");
                        return;
                    }
                    IDataChunk d = (IDataChunk) chunk;
                    // RFC 8260 §2.1: the first fragment carries the PPID, the others their FSN.
                    long fsn = d.beginning() ? 0 : Integer.toUnsignedLong(d.fragmentSequenceNumber());
                    int ppid = d.beginning() ? d.payloadProtocolIdentifier() : 0;
                    if (!handleData(d.tsn(), d.streamIdentifier(), Integer.toUnsignedLong(d.messageIdentifier()),
                            fsn, ppid, d.unordered(), d.beginning(), d.ending(), d.userData())) {
                        return;
                    }
                    data = true;
                    immediate |= d.immediate();
                }
                case ChunkType.I_FORWARD_TSN -> {
                    if (tcb && interleavingNegotiated && forwardTsnNegotiated) {
                        handleIForwardTsn((IForwardTsnChunk) chunk);
                        forwarded = true;
                    } else if (!handleUnrecognized(chunk)) {
                        return;
                    }
                }
                case ChunkType.RE_CONFIG -> {
                    if (streamReset != null && state != AssociationState.COOKIE_WAIT
                            && state != AssociationState.COOKIE_ECHOED) {
                        // RFC 6525 §5.2: requests are answered, responses taken, in the procedure.
                        streamReset.onChunk((ReconfigChunk) chunk, sackTracker.cumulativeTsnAck());
                    } else if (!handleUnrecognized(chunk)) {
                        return;
                    }
                }
                case ChunkType.SACK -> {
                    if (!handleSack((SackChunk) chunk)) {
                        return;
                    }
                }
                case ChunkType.INIT_ACK -> handleInitAck((InitAckChunk) chunk);
                case ChunkType.COOKIE_ECHO -> {
                    if (!handleCookieEcho((CookieEchoChunk) chunk, vtag)) {
                        return;
                    }
                }
                case ChunkType.COOKIE_ACK -> handleCookieAck();
                case ChunkType.HEARTBEAT -> handleHeartbeat((HeartbeatChunk) chunk);
                case ChunkType.HEARTBEAT_ACK -> handleHeartbeatAck((HeartbeatAckChunk) chunk);
                case ChunkType.ABORT -> {
                    handleAbort((AbortChunk) chunk);
                    return;
                }
                case ChunkType.ERROR -> handleError((ErrorChunk) chunk);
                case ChunkType.SHUTDOWN -> handleShutdown((ShutdownChunk) chunk);
                case ChunkType.SHUTDOWN_ACK -> handleShutdownAck();
                case ChunkType.SHUTDOWN_COMPLETE -> handleShutdownComplete();
                case ChunkType.FORWARD_TSN -> {
                    if (forwardTsnNegotiated && !interleavingNegotiated) {
                        handleForwardTsn((ForwardTsnChunk) chunk);
                        forwarded = true;
                    } else if (!handleUnrecognized(chunk)) {
                        return;
                    }
                }
                default -> {
                    if (!handleUnrecognized(chunk)) {
                        return;
                    }
                }
            }
        }
        if ((data || forwarded) && tcb && streamReset != null) {
            // RFC 6525 §5.2.2: deferred incoming resets are performed once the cumulative TSN
            // reaches their Sender's Last Assigned TSN.
            streamReset.onCumulativeTsnAdvanced(sackTracker.cumulativeTsnAck());
        }
        if (data && tcb) {
            sackTracker.onPacketEnd(immediate);
            if (state == AssociationState.SHUTDOWN_SENT) {
                // §9.2: "While in the SHUTDOWN-SENT state, the SHUTDOWN sender MUST immediately
                // respond to each received packet containing one or more DATA chunks with a
                // SHUTDOWN chunk and restart the T2-shutdown timer."
                sackPending = true;
                sendChunks(peerTag, new ShutdownChunk((int) sackTracker.cumulativeTsnAck()));
                t2Shutdown.start(rto.rtoNanos());
            }
        }
    }

    /** RFC 9260 §8.4: a packet for no association. */
    private void handleOutOfTheBlue(Chunk first, int vtag) {
        droppedOutOfTheBlue++;
        switch (first.type()) {
            // §8.4 (2): "If the OOTB packet contains an ABORT chunk, the receiver MUST silently
            // discard the OOTB packet and take no further action." (5), (6) likewise for SHUTDOWN
            // COMPLETE and a COOKIE ERROR.
            case ChunkType.ABORT, ChunkType.SHUTDOWN_COMPLETE, ChunkType.ERROR, ChunkType.INIT_ACK,
                    ChunkType.COOKIE_ACK -> {
            }
            // §8.4 (5): "If the packet contains a SHUTDOWN ACK chunk, the receiver SHOULD respond
            // to the sender of the OOTB packet with a SHUTDOWN COMPLETE chunk. When sending the
            // SHUTDOWN COMPLETE chunk, the receiver of the OOTB packet MUST fill in the
            // Verification Tag field of the outbound packet with the Verification Tag received in
            // the SHUTDOWN ACK chunk and set the T bit".
            case ChunkType.SHUTDOWN_ACK -> sendChunks(vtag, new ShutdownCompleteChunk(true));
            // §8.4 (8): "the receiver SHOULD respond to the sender of the OOTB packet with an ABORT
            // chunk ... fill in the Verification Tag field of the outbound packet with the value
            // found in the Verification Tag field of the OOTB packet and set the T bit".
            default -> sendChunks(vtag, new AbortChunk(true, List.of()));
        }
    }

    /** RFC 9260 §3.2: a chunk type we do not handle; returns whether processing goes on. */
    private boolean handleUnrecognized(Chunk chunk) {
        // §3.2: "Chunk Types are encoded such that the highest-order 2 bits specify the action
        // that is taken if the processing endpoint does not recognize the Chunk Type."
        UnrecognizedAction action = chunk instanceof UnknownChunk u ? u.action()
                : UnrecognizedActionOf.chunkType(chunk.type());
        if (action.reports() && tcb) {
            sendChunks(peerTag, new ErrorChunk(List.of(ErrorCause.unrecognizedChunkType(chunk))));
        }
        return action.continues();
    }

    private void handleInit(InitChunk init) {
        // §3.3.2: "If the value of the Initiate Tag in a received INIT chunk is found to be 0,
        // the receiver MUST silently discard the packet." OS and MIS of 0 likewise ("SHOULD
        // discard").
        if (init.initiateTag() == 0 || init.outboundStreams() == 0 || init.inboundStreams() == 0) {
            droppedMalformed++;
            return;
        }
        if (terminated) {
            droppedOutOfTheBlue++;
            return;
        }
        int tag;
        int initialTsn;
        int localTie = 0;
        int peerTie = 0;
        switch (state) {
            case CLOSED -> {
                // §5.1 B: a new association; nothing is kept until the COOKIE ECHO comes back.
                tag = randomTag();
                initialTsn = random.nextInt();
            }
            case COOKIE_WAIT, COOKIE_ECHOED -> {
                // §5.2.1: "Upon receipt of an INIT chunk in the COOKIE-WAIT state, an endpoint
                // MUST respond with an INIT ACK chunk using the same parameters it sent in its
                // original INIT chunk (including its Initiate Tag, unchanged)" (likewise in
                // COOKIE-ECHOED) ... "the endpoint MUST NOT change its state, the T1-init timer
                // MUST be left running, and the corresponding TCB MUST NOT be destroyed."
                tag = localTag;
                initialTsn = localInitialTsn;
            }
            case SHUTDOWN_ACK_SENT -> {
                // §9.2: "If an endpoint is in the SHUTDOWN-ACK-SENT state and receives an INIT
                // chunk ... it MUST discard the INIT chunk and retransmit the SHUTDOWN ACK chunk."
                sendChunks(peerTag, new ShutdownAckChunk());
                return;
            }
            default -> {
                // §5.2.2: an unexpected INIT in an established association: "the INIT ACK chunk
                // MUST contain a new Initiate Tag (randomly generated)" and the State Cookie holds
                // the current tags as Tie-Tags.
                tag = randomTag();
                initialTsn = random.nextInt();
                localTie = localTag;
                peerTie = peerTag;
            }
        }
        List<ByteBuffer> unrecognized = new ArrayList<>();
        boolean stopped = false;
        for (Parameter p : init.parameters()) {
            if (stopped) {
                break;
            }
            if (p instanceof UnknownParameter u) {
                UnrecognizedAction action = u.action();
                if (action.reports()) {
                    unrecognized.add(encodeParameter(u));
                }
                // §3.2.1: 00 and 01: "Stop processing this parameter and do not process any
                // further parameters within this chunk."
                stopped = !action.continues();
            }
        }
        PeerFeatures features = PeerFeatures.of(init.parameters());
        StateCookie cookie = new StateCookie(scheduler.nanoTime(), tag, init.initiateTag(), initialTsn,
                init.initialTsn(), init.advertisedReceiverWindowCredit(), init.outboundStreams(),
                init.inboundStreams(), localTie, peerTie, features.bits());
        List<Parameter> params = new ArrayList<>(localParameters());
        params.add(new StateCookieParameter(ByteBuffer.wrap(cookieSigner.sign(cookie))));
        int room = config.maxPacketSize() - SctpPacket.HEADER_LENGTH - 4 - 16 - 64;
        for (Parameter p : params) {
            room -= 4 + p.valueLength() + 3;
        }
        for (ByteBuffer u : unrecognized) {
            // §3.3.3.1 Unrecognized Parameter: "This parameter is returned to the originator of the
            // INIT chunk when the INIT contains an unrecognized parameter".
            if (u.remaining() + 4 > room) {
                break;
            }
            room -= u.remaining() + 4;
            params.add(new UnknownParameter(UNRECOGNIZED_PARAMETER, u));
        }
        // §5.1 B: "the outbound SCTP packet containing this INIT ACK chunk MUST carry a
        // Verification Tag value equal to the Initiate Tag found in the unexpected INIT chunk."
        sendChunks(init.initiateTag(), new InitAckChunk(tag, (int) config.receiveWindow(), config.outboundStreams(),
                config.inboundStreams(), initialTsn, params));
    }

    private void handleInitAck(InitAckChunk ack) {
        // §5.2.3: "If an INIT ACK chunk is received by an endpoint in any state other than the
        // COOKIE-WAIT or CLOSED state, the endpoint SHOULD discard the INIT ACK chunk."
        if (state != AssociationState.COOKIE_WAIT) {
            return;
        }
        if (ack.initiateTag() == 0 || ack.outboundStreams() == 0 || ack.inboundStreams() == 0) {
            droppedMalformed++;
            return;
        }
        Optional<StateCookieParameter> cookie = ack.parameter(StateCookieParameter.class);
        if (cookie.isEmpty()) {
            // §5.1 C / §3.3.10.2: the State Cookie is mandatory in INIT ACK.
            int tag = ack.initiateTag();
            sendChunks(tag, new AbortChunk(false,
                    List.of(ErrorCause.missingMandatoryParameter(List.of(7)))));
            close("INIT ACK without a State Cookie");
            return;
        }
        List<ErrorCause> report = new ArrayList<>();
        for (Parameter p : ack.parameters()) {
            if (p instanceof UnknownParameter u && u.type() != UNRECOGNIZED_PARAMETER) {
                UnrecognizedAction action = u.action();
                if (action.reports()) {
                    // §3.2.1: "the unrecognized parameter is reported ... in an ERROR chunk
                    // bundled with the COOKIE ECHO chunk".
                    report.add(new ErrorCause(ErrorCause.UNRECOGNIZED_PARAMETERS, encodeParameter(u)));
                }
                if (!action.continues()) {
                    break;
                }
            }
        }
        peerTag = ack.initiateTag();
        createTcb(ack.initialTsn(), ack.advertisedReceiverWindowCredit(), ack.outboundStreams(),
                ack.inboundStreams(), PeerFeatures.of(ack.parameters()));
        ByteBuffer c = cookie.get().cookie();
        cookieToEcho = new byte[c.remaining()];
        c.get(cookieToEcho);
        reportWithCookieEcho = report;
        // §5.1 C: "Upon reception of the INIT ACK chunk from "Z", "A" stops the T1-init timer and
        // leaves the COOKIE-WAIT state. "A" then sends the State Cookie received in the INIT ACK
        // chunk in a COOKIE ECHO chunk, starts the T1-cookie timer, and enters the COOKIE-ECHOED
        // state."
        state = AssociationState.COOKIE_ECHOED;
        initRetransmissions = 0;
        t1RtoNanos = config.rto().initial().toNanos();
        sendCookieEcho();
        initTimer.start(t1RtoNanos);
    }

    private boolean handleCookieEcho(CookieEchoChunk echo, int vtag) {
        StateCookie c = cookieSigner.verify(echo.cookie());
        // §5.1.5 step 1: a MAC mismatch: "the receiver MUST silently discard the COOKIE ECHO
        // chunk"; step 2/3: the packet's tag must be the one in the cookie.
        if (c == null || vtag != c.localTag()) {
            droppedMalformed++;
            return false;
        }
        if (terminated) {
            droppedOutOfTheBlue++;
            return false;
        }
        long age = scheduler.nanoTime() - c.createdNanos();
        long life = config.validCookieLife().toNanos();
        if (age > life) {
            // §5.1.5 step 3: "If the State Cookie is expired ... the endpoint MUST send back an
            // ERROR chunk with a 'Stale Cookie' error cause to the peer endpoint and discard the
            // COOKIE ECHO chunk." The cause holds the staleness in microseconds (§3.3.10.3).
            ByteBuffer staleness = ByteBuffer.allocate(4).putInt(0, (int) Math.min(0xFFFF_FFFFL, (age - life) / 1000));
            sendChunks(c.peerTag(), new ErrorChunk(List.of(new ErrorCause(STALE_COOKIE, staleness))));
            return false;
        }
        if (!tcb && state == AssociationState.CLOSED) {
            // §5.1 D: "Upon reception of the COOKIE ECHO chunk, endpoint "Z" replies with a
            // COOKIE ACK chunk after building a TCB and moving to the ESTABLISHED state."
            establishFromCookie(c);
            sendChunks(peerTag, new CookieAckChunk());
            becomeEstablished();
            return true;
        }
        boolean localMatch = c.localTag() == localTag;
        boolean peerMatch = c.peerTag() == peerTag;
        if (!localMatch && !peerMatch && c.localTieTag() == localTag && c.peerTieTag() == peerTag
                && c.localTieTag() != 0) {
            // §5.2.4 action A: the peer restarted.
            if (state == AssociationState.SHUTDOWN_ACK_SENT) {
                // "... the endpoint MUST NOT restart ... and SHOULD respond with a SHUTDOWN ACK
                // chunk and an ERROR chunk with cause Cookie Received While Shutting Down."
                sendChunks(c.peerTag(), new ShutdownAckChunk(),
                        new ErrorChunk(List.of(new ErrorCause(COOKIE_WHILE_SHUTTING_DOWN, ByteBuffer.allocate(0)))));
                return false;
            }
            restart(c);
            return true;
        }
        if (localMatch && !peerMatch) {
            // §5.2.4 action B: "the endpoint SHOULD always enter the ESTABLISHED state, if it
            // has not already done so. It SHOULD stop any cookie timer that may be running and
            // send a COOKIE ACK chunk."
            if (state == AssociationState.COOKIE_WAIT || state == AssociationState.COOKIE_ECHOED) {
                establishFromCookie(c);
                sendChunks(peerTag, new CookieAckChunk());
                becomeEstablished();
            } else {
                peerTag = c.peerTag();
                sendChunks(peerTag, new CookieAckChunk());
            }
            return true;
        }
        if (!localMatch && peerMatch && c.localTieTag() == 0 && c.peerTieTag() == 0) {
            // §5.2.4 action C: "the endpoint MUST silently discard the cookie".
            return false;
        }
        if (localMatch && peerMatch) {
            // §5.2.4 action D: "the endpoint SHOULD enter the ESTABLISHED state if it has not
            // already done so ... and SHOULD send a COOKIE ACK chunk."
            sendChunks(peerTag, new CookieAckChunk());
            if (state == AssociationState.COOKIE_WAIT || state == AssociationState.COOKIE_ECHOED) {
                becomeEstablished();
            }
            return true;
        }
        // §5.2.4: "If the tag values do not match the tag values in table 7, the COOKIE ECHO MUST
        // be silently discarded."
        return false;
    }

    private void handleCookieAck() {
        // §5.1 E: "Upon reception of the COOKIE ACK chunk, endpoint "A" moves from the
        // COOKIE-ECHOED state to the ESTABLISHED state, stopping the T1-cookie timer."
        if (state == AssociationState.COOKIE_ECHOED) {
            becomeEstablished();
        }
    }

    /** One received DATA or I-DATA chunk; returns whether the packet's processing goes on. */
    private boolean handleData(int wireTsn, int streamId, long sequence, long fsn, int ppid, boolean unordered,
            boolean beginning, boolean ending, ByteBuffer userData) {
        dataChunksReceived++;
        if (!acceptsData()) {
            return true;
        }
        int length = userData.remaining();
        if (length == 0) {
            // §6.2: "If an endpoint receives a DATA chunk with no user data (i.e., the Length
            // field is set to 16), it MUST send an ABORT chunk with a "No User Data" error cause."
            abortWith(ErrorCause.noUserData(wireTsn), "peer sent a DATA chunk with no user data");
            return false;
        }
        long tsn = Integer.toUnsignedLong(wireTsn);
        SackTracker.Received r = sackTracker.onDataChunk(tsn, length);
        if (r != SackTracker.Received.NEW) {
            return true;
        }
        trackerHeldBytes += length;
        if (streamId >= inboundStreams) {
            // §6.5: "If an endpoint receives a DATA chunk with an invalid stream identifier, it
            // MUST acknowledge the reception of the DATA chunk following the normal procedure,
            // immediately send an ERROR chunk with cause set to "Invalid Stream Identifier" ...
            // and discard the DATA chunk."
            sendChunks(peerTag, new ErrorChunk(List.of(ErrorCause.invalidStreamIdentifier(streamId))));
            syncHeldBytes();
            return true;
        }
        byte[] payload = new byte[length];
        userData.get(payload);
        InboundFragment fragment = new InboundFragment(tsn, streamId, sequence, fsn, ppid, unordered, beginning,
                ending, payload);
        ReassemblyOutcome outcome = reassembler.receive(fragment, this::deliver);
        if (outcome == ReassemblyOutcome.LIMIT_EXCEEDED) {
            // The peer sent more than our window allowed and filled the reassembly buffers.
            abortWith(ErrorCause.protocolViolation("reassembly limit exceeded"),
                    "peer exceeded the reassembly limits");
            return false;
        }
        syncHeldBytes();
        return tcb;
    }

    private boolean acceptsData() {
        return tcb && (state == AssociationState.ESTABLISHED || state == AssociationState.SHUTDOWN_PENDING
                || state == AssociationState.SHUTDOWN_SENT);
    }

    private void deliver(ReassembledMessage m) {
        messagesDelivered++;
        listener.onMessage(m.streamId(), m.ppid(), m.payload(), m.unordered());
    }

    /** Tells the SackTracker the bytes reassembly no longer holds, so that a_rwnd reopens. */
    private void syncHeldBytes() {
        if (!tcb) {
            return;
        }
        long held = reassembler.bufferedBytes();
        if (trackerHeldBytes > held) {
            sackTracker.onBytesConsumed(trackerHeldBytes - held);
            trackerHeldBytes = held;
        }
    }

    private boolean handleSack(SackChunk sack) {
        if (!tcb || state == AssociationState.COOKIE_WAIT || state == AssociationState.COOKIE_ECHOED) {
            return true;
        }
        int highestSent = (int) ((retransmissions.nextTsn() - 1) & 0xFFFF_FFFFL);
        int cum = sack.cumulativeTsnAck();
        List<GapAckBlock> gaps = new ArrayList<>(sack.gapAckBlocks().size());
        int highestAcked = cum;
        for (SackChunk.GapAckBlock b : sack.gapAckBlocks()) {
            gaps.add(new GapAckBlock(b.start(), b.end()));
            highestAcked = SerialNumbers.tsnGreaterThan(cum + b.end(), highestAcked) ? cum + b.end() : highestAcked;
        }
        if (SerialNumbers.tsnGreaterThan(highestAcked, highestSent)) {
            // §6.2.1 D i drops a SACK acknowledging what was never sent; it can only come from a
            // peer that lies, so the association ends.
            abortWith(ErrorCause.protocolViolation("SACK acknowledges TSNs never sent"),
                    "peer acknowledged TSNs never sent");
            return false;
        }
        SackOutcome o = retransmissions.onSack(Integer.toUnsignedLong(cum), gaps, congestion.inFastRecovery());
        if (o.stale()) {
            return true;
        }
        if (o.rttNanos() >= 0) {
            // §6.3.1 C3: "When a new RTT measurement R' is made ..." Before the congestion
            // controller sees the SACK: it holds cwnd while the round trip shows a long queue.
            rto.onRttMeasurement(o.rttNanos(), false);
            congestion.onRttMeasurement(o.rttNanos(), rto.srtt().orElseThrow().toNanos(), scheduler.nanoTime());
        }
        congestion.onSack(Integer.toUnsignedLong(cum), o.cumulativeAdvanced(), o.newlyAckedBytes(),
                o.flightSizeBefore(), o.flightSizeAfter(), Integer.toUnsignedLong(sack.advertisedReceiverWindowCredit()));
        if (o.newlyAckedBytes() > 0) {
            // §8.3: "When an outstanding TSN is acknowledged ... the endpoint SHOULD clear the
            // error counter of the destination transport address".
            errorCount = 0;
        }
        if (!o.fastRetransmitTsns().isEmpty()) {
            fastRetransmits += o.fastRetransmitTsns().size();
            // §7.2.4 rule 2: adjust ssthresh and cwnd, enter Fast Recovery; rule 3: retransmit
            // the marked chunks in one packet "without regard to cwnd".
            congestion.onFastRetransmit(o.highestOutstandingTsn());
            forceRetransmitPacket = true;
        }
        if (!retransmissions.hasOutstanding()) {
            // §6.3.2 R2: "Whenever all outstanding data sent to an address have been
            // acknowledged, turn off the T3-rtx timer of that address."
            t3Rtx.stop();
        } else if (o.earliestOutstandingAcked()) {
            // R3: "Whenever a SACK chunk is received that acknowledges the DATA chunk with the
            // earliest outstanding TSN for that address, restart the T3-rtx timer for that
            // address with its current RTO".
            t3Rtx.start(rto.rtoNanos());
        }
        forwardTsnPending = forwardTsnNegotiated;
        if (!unorderedPrSent.isEmpty()) {
            pruneUnorderedPrSent(retransmissions.cumulativeTsnAck());
        }
        return true;
    }

    /** Forgets unordered PR messages the peer's cumulative ack has passed: nothing to name. */
    private void pruneUnorderedPrSent(long cumulativeAck) {
        java.util.Iterator<ArrayDeque<long[]>> it = unorderedPrSent.values().iterator();
        while (it.hasNext()) {
            ArrayDeque<long[]> q = it.next();
            while (!q.isEmpty() && (int) (q.peekFirst()[1] - cumulativeAck) <= 0) {
                q.pollFirst();
            }
            if (q.isEmpty()) {
                it.remove();
            }
        }
    }

    private void handleForwardTsn(ForwardTsnChunk f) {
        if (!acceptsData()) {
            return;
        }
        long newCum = Integer.toUnsignedLong(f.newCumulativeTsn());
        List<SkippedStream> skipped = new ArrayList<>(f.streams().size());
        for (ForwardTsnChunk.StreamSequence s : f.streams()) {
            skipped.add(new SkippedStream(s.streamIdentifier(), false, s.streamSequenceNumber()));
        }
        // RFC 3758 §3.6: "Upon the reception of the FORWARD TSN chunk, the data receiver MUST
        // first update its cumulative TSN point to the value carried in the FORWARD TSN chunk" and
        // then deliver what became deliverable.
        if (sackTracker.onForwardTsn(newCum)) {
            reassembler.forwardTsn(newCum, skipped, this::deliver);
        }
        syncHeldBytes();
    }

    private void handleIForwardTsn(IForwardTsnChunk f) {
        if (!acceptsData()) {
            return;
        }
        long newCum = Integer.toUnsignedLong(f.newCumulativeTsn());
        List<SkippedStream> skipped = new ArrayList<>(f.streams().size());
        for (IForwardTsnChunk.StreamMessage s : f.streams()) {
            skipped.add(new SkippedStream(s.streamIdentifier(), s.unordered(),
                    Integer.toUnsignedLong(s.messageIdentifier())));
        }
        // RFC 8260 §2.3.1: as FORWARD-TSN, with the skipped messages named by stream, U flag and
        // MID.
        if (sackTracker.onForwardTsn(newCum)) {
            reassembler.forwardTsn(newCum, skipped, this::deliver);
        }
        syncHeldBytes();
    }

    private void handleHeartbeat(HeartbeatChunk hb) {
        // §8.3: "The receiver of the HEARTBEAT chunk SHOULD immediately respond with a HEARTBEAT
        // ACK chunk that contains the Heartbeat Information TLV, together with any other chunks
        // it needs to send".
        if (tcb) {
            sendChunks(peerTag, new HeartbeatAckChunk(hb.heartbeatInformation()));
        }
    }

    private void handleHeartbeatAck(HeartbeatAckChunk ack) {
        ByteBuffer info = ack.heartbeatInformation();
        if (!tcb || info.remaining() != HEARTBEAT_INFO_LENGTH || info.getLong(info.position() + 8) != heartbeatNonce) {
            return;
        }
        long sent = info.getLong(info.position());
        long now = scheduler.nanoTime();
        if (sent > now || now - sent > config.rto().max().toNanos() * 4) {
            return;
        }
        // §8.3: "Upon the receipt of the HEARTBEAT ACK ... the sender of the HEARTBEAT chunk
        // SHOULD clear the error counter of the destination transport address ... The endpoint
        // SHOULD also perform an RTT measurement".
        errorCount = 0;
        heartbeatTimeout.stop();
        rto.onRttMeasurement(now - sent, false);
        congestion.onRttMeasurement(now - sent, rto.srtt().orElseThrow().toNanos(), now);
    }

    private void handleAbort(AbortChunk abort) {
        // §9.1: "Upon receipt of the ABORT chunk, the receiving endpoint MUST delete the TCB and
        // report the termination to its upper layer."
        StringBuilder why = new StringBuilder("peer aborted the association");
        for (ErrorCause c : abort.errorCauses()) {
            why.append("; cause ").append(c.code());
            if (c.code() == ErrorCause.USER_INITIATED_ABORT || c.code() == ErrorCause.PROTOCOL_VIOLATION) {
                why.append(": ").append(c.informationText());
            }
        }
        close(why.toString());
    }

    private void handleError(ErrorChunk error) {
        for (ErrorCause c : error.errorCauses()) {
            if (c.code() == STALE_COOKIE && state == AssociationState.COOKIE_ECHOED) {
                // §5.2.6: the cookie was too old; start over with a fresh INIT. (The Cookie
                // Preservative is optional; a new handshake is simpler.)
                if (++initRetransmissions > config.maxInitRetransmissions()) {
                    close("handshake failed: stale cookies");
                    return;
                }
                dropTcb();
                peerTag = 0;
                state = AssociationState.COOKIE_WAIT;
                sendInit();
                initTimer.start(t1RtoNanos);
                return;
            }
        }
    }

    private void handleShutdown(ShutdownChunk s) {
        if (!tcb) {
            return;
        }
        switch (state) {
            case ESTABLISHED, SHUTDOWN_PENDING -> {
                // §9.2: "Upon reception of the SHUTDOWN chunk, the peer endpoint MUST enter the
                // SHUTDOWN-RECEIVED state, stop accepting new data from its SCTP user, and verify,
                // by checking the Cumulative TSN Ack field of the chunk, that all its outstanding
                // DATA chunks have been received by the SHUTDOWN sender."
                state = AssociationState.SHUTDOWN_RECEIVED;
                ackFromShutdown(s);
            }
            case SHUTDOWN_RECEIVED -> ackFromShutdown(s);
            case SHUTDOWN_SENT -> {
                // §9.2: "If an endpoint is in the SHUTDOWN-SENT state and receives a SHUTDOWN
                // chunk from its peer, the endpoint SHOULD respond immediately with a SHUTDOWN ACK
                // to its peer, and move into the SHUTDOWN-ACK-SENT state restarting its
                // T2-shutdown timer."
                state = AssociationState.SHUTDOWN_ACK_SENT;
                sendChunks(peerTag, new ShutdownAckChunk());
                t2Shutdown.start(rto.rtoNanos());
            }
            default -> {
            }
        }
    }

    private void ackFromShutdown(ShutdownChunk s) {
        int highestSent = (int) ((retransmissions.nextTsn() - 1) & 0xFFFF_FFFFL);
        if (SerialNumbers.tsnGreaterThan(s.cumulativeTsnAck(), highestSent)) {
            abortWith(ErrorCause.protocolViolation("SHUTDOWN acknowledges TSNs never sent"),
                    "peer acknowledged TSNs never sent");
            return;
        }
        SackOutcome o = retransmissions.onSack(Integer.toUnsignedLong(s.cumulativeTsnAck()), List.of(),
                congestion.inFastRecovery());
        if (!o.stale() && !retransmissions.hasOutstanding()) {
            t3Rtx.stop();
        }
    }

    private void handleShutdownAck() {
        // §9.2: "Upon the receipt of the SHUTDOWN ACK chunk, the SHUTDOWN sender MUST stop the
        // T2-shutdown timer, send a SHUTDOWN COMPLETE chunk to its peer, and remove all record of
        // the association."
        if (state == AssociationState.SHUTDOWN_SENT || state == AssociationState.SHUTDOWN_ACK_SENT) {
            sendChunks(peerTag, new ShutdownCompleteChunk(false));
            close(null);
        } else if (state == AssociationState.COOKIE_WAIT || state == AssociationState.COOKIE_ECHOED) {
            // §8.5.1 E: a SHUTDOWN ACK in COOKIE-WAIT or COOKIE-ECHOED is treated as OOTB.
            handleOutOfTheBlue(new ShutdownAckChunk(), peerTag);
        }
    }

    private void handleShutdownComplete() {
        // §9.2: "Upon reception of the SHUTDOWN COMPLETE chunk, the endpoint verifies that it is
        // in the SHUTDOWN-ACK-SENT state; if it is not, the chunk SHOULD be discarded."
        if (state == AssociationState.SHUTDOWN_ACK_SENT) {
            close(null);
        }
    }

    // ---------------------------------------------------------------- handshake helpers

    private List<Parameter> localParameters() {
        List<Parameter> params = new ArrayList<>();
        List<Integer> extensions = new ArrayList<>();
        // RFC 6525 §3.1 / RFC 5061 §4.2.7: RE-CONFIG is announced in Supported Extensions.
        extensions.add(ChunkType.RE_CONFIG);
        if (config.partialReliability()) {
            extensions.add(ChunkType.FORWARD_TSN);
        }
        if (config.interleaving()) {
            // RFC 8260 §2.2: "both I-DATA and I-FORWARD-TSN" are listed when I-DATA is supported.
            extensions.add(ChunkType.I_DATA);
            if (config.partialReliability()) {
                extensions.add(ChunkType.I_FORWARD_TSN);
            }
        }
        if (!extensions.isEmpty()) {
            params.add(new SupportedExtensionsParameter(extensions));
        }
        if (config.partialReliability()) {
            params.add(new ForwardTsnSupportedParameter());
        }
        if (config.zeroChecksumAcceptable()) {
            params.add(new ZeroChecksumAcceptableParameter(ZeroChecksumAcceptableParameter.DTLS));
        }
        return params;
    }

    private void sendInit() {
        // §5.1 A: "endpoint "A" first sends an INIT chunk to "Z". In the INIT chunk, "A" MUST
        // provide its Verification Tag (Tag_A) in the Initiate Tag field." §8.5.1 A: the packet's
        // Verification Tag is 0.
        sendChunks(0, new InitChunk(localTag, (int) config.receiveWindow(), config.outboundStreams(),
                config.inboundStreams(), localInitialTsn, localParameters()));
    }

    private void sendCookieEcho() {
        List<Chunk> chunks = new ArrayList<>();
        chunks.add(new CookieEchoChunk(ByteBuffer.wrap(cookieToEcho)));
        if (!reportWithCookieEcho.isEmpty()) {
            chunks.add(new ErrorChunk(reportWithCookieEcho));
        }
        sendChunks(peerTag, chunks.toArray(new Chunk[0]));
    }

    private void onInitTimerExpired() {
        if (state != AssociationState.COOKIE_WAIT && state != AssociationState.COOKIE_ECHOED) {
            return;
        }
        // §5.1 C, D: "If the T1-init timer expires, the endpoint MUST retransmit INIT and restart
        // the T1-init timer without changing state. This MUST be repeated up to
        // 'Max.Init.Retransmits' times. After that, the endpoint MUST abort the initialization
        // process and report the error to the SCTP user." Likewise T1-cookie with COOKIE ECHO.
        if (++initRetransmissions > config.maxInitRetransmissions()) {
            close("handshake failed: no answer to " + (state == AssociationState.COOKIE_WAIT ? "INIT" : "COOKIE ECHO")
                    + " after " + config.maxInitRetransmissions() + " retransmissions");
            return;
        }
        // §6.3.3 E2 applies to T1 too (§5.1): the timer backs off.
        t1RtoNanos = Math.min(t1RtoNanos * 2, config.rto().max().toNanos());
        if (state == AssociationState.COOKIE_WAIT) {
            sendInit();
        } else {
            sendCookieEcho();
        }
        initTimer.start(t1RtoNanos);
    }

    private void establishFromCookie(StateCookie c) {
        localTag = c.localTag();
        peerTag = c.peerTag();
        localInitialTsn = c.localInitialTsn();
        createTcb(c.peerInitialTsn(), c.peerRwnd(), c.peerOutboundStreams(), c.peerInboundStreams(),
                PeerFeatures.ofBits(c.peerFeatures()));
    }

    private void createTcb(int peerInitialTsn, int peerRwnd, int peerOutbound, int peerInbound,
            PeerFeatures peer) {
        // §5.1.1: "the sender of the INIT ... MUST use the min(requested outbound streams, peer's
        // MIS)" as its outbound stream count; the inbound count is the peer's OS within our MIS.
        outboundStreams = Math.min(config.outboundStreams(), peerInbound);
        inboundStreams = Math.min(config.inboundStreams(), peerOutbound);
        forwardTsnNegotiated = config.partialReliability() && peer.forwardTsn();
        // RFC 9653 §5: send zero checksums only to a peer that announced it accepts them with
        // the DTLS method, and only as a DTLS user that announced it too.
        zeroChecksumSend = config.zeroChecksumAcceptable() && peer.zeroChecksum();
        // RFC 8260 §2.2: I-DATA is used only when both sides listed it.
        interleavingNegotiated = config.interleaving() && peer.interleaving();
        retransmissions = new RetransmissionQueue(scheduler, Integer.toUnsignedLong(localInitialTsn));
        congestion = new CongestionController(config.maxPacketSize(), Integer.toUnsignedLong(peerRwnd));
        sackTracker = new SackTracker(scheduler,
                new SackTracker.Config(config.receiveWindow(), 16, 16, java.time.Duration.ofNanos(DELAYED_SACK_NANOS)),
                Integer.toUnsignedLong(peerInitialTsn), this::onSackDue);
        if (streamReset != null) {
            streamReset.close();
        }
        // RFC 6525 §4.1: request sequence numbers start at each side's initial TSN.
        streamReset = peer.reconfig() ? new StreamResetProcedure(scheduler, Integer.toUnsignedLong(localInitialTsn),
                Integer.toUnsignedLong(peerInitialTsn), config.maxRetransmissions(), new ResetOutput()) : null;
        StreamResetProcedure procedure = streamReset;
        Reassembler inner = interleavingNegotiated
                ? new InterleavedReassembler(config.maxReassemblyBytes(), config.maxReassemblyMessages())
                : new InboundReassembler(config.maxReassemblyBytes(), config.maxReassemblyMessages());
        reassembler = new DeferredResetReassembler(inner,
                (streamId, tsn) -> procedure != null && procedure.holdsBack(streamId, tsn),
                config.maxReassemblyBytes(), config.maxReassemblyMessages());
        fragmenter = new MessageFragmenter(interleavingNegotiated);
        lastOrderedMid.clear();
        unorderedPrSent.clear();
        maxFragmentSize = (config.maxPacketSize() - SctpPacket.HEADER_LENGTH
                - (interleavingNegotiated ? PacketBuilder.I_DATA_HEADER : PacketBuilder.DATA_HEADER)) & ~3;
        reconfigToSend.clear();
        trackerHeldBytes = 0;
        errorCount = 0;
        anyLifetimePolicy = false;
        sackPending = false;
        forwardTsnPending = false;
        forceRetransmitPacket = false;
        tcb = true;
    }

    private void dropTcb() {
        tcb = false;
        if (streamReset != null) {
            streamReset.close();
            streamReset = null;
        }
        reconfigToSend.clear();
        t3Rtx.cancel();
        t2Shutdown.cancel();
        t5Guard.cancel();
        heartbeatTimer.cancel();
        heartbeatTimeout.cancel();
    }

    private void becomeEstablished() {
        initTimer.cancel();
        state = AssociationState.ESTABLISHED;
        cookieToEcho = null;
        // Messages queued for streams the peer does not accept are dropped.
        for (SendQueue.Message m : sendQueue.removeIf(m -> m.streamId() >= outboundStreams)) {
            listener.onMessageSent(m.streamId(), m.data().length);
        }
        lastDataSentNanos = scheduler.nanoTime();
        heartbeatTimer.start(heartbeatDelay());
        listener.onEstablished();
    }

    private void restart(StateCookie c) {
        // §5.2.4 A: "the endpoint MUST ... reset its congestion control and stream state; it
        // SHOULD notify the ULP of the restart".
        dropTcb();
        for (SendQueue.Message m : sendQueue.clear()) {
            listener.onMessageSent(m.streamId(), m.data().length);
        }
        for (SendQueue.Message m : waitingForReset) {
            listener.onMessageSent(m.streamId(), m.data().length);
        }
        waitingForReset.clear();
        waitingForResetBytes = 0;
        establishFromCookie(c);
        state = AssociationState.ESTABLISHED;
        sendChunks(peerTag, new CookieAckChunk());
        lastDataSentNanos = scheduler.nanoTime();
        heartbeatTimer.start(heartbeatDelay());
        listener.onRestarted();
    }

    // ---------------------------------------------------------------- timers

    private void onT3RtxExpired() {
        if (!tcb || !retransmissions.hasOutstanding()) {
            return;
        }
        t3Expirations++;
        // §8.2 / §8.1: each T3-rtx expiry counts towards Association.Max.Retrans.
        if (++errorCount > config.maxRetransmissions()) {
            fail("too many retransmissions: the peer is unreachable");
            return;
        }
        // §6.3.3 E1: "For the destination address for which the timer expires, adjust its
        // ssthresh with rules defined in Section 7.2.3 and set the cwnd <- MTU." E2: "For the
        // destination address for which the timer expires, set RTO <- RTO * 2 ("back off the
        // timer")." E3: retransmit the earliest outstanding chunks that fit one packet.
        congestion.onT3RtxTimeout();
        rto.backOff();
        retransmissions.onT3RtxExpired();
        // Karn's rule (§6.3.1 C5) leaves no RTT sample while only retransmissions are in flight,
        // so the backed-off RTO would stay high through a long recovery. A HEARTBEAT gives a clean
        // sample (§8.3: "The endpoint SHOULD also perform an RTT measurement"); this probe does
        // not count towards the error counter, the T3-rtx expiry already did.
        if (!heartbeatTimeout.isRunning()) {
            sendChunks(peerTag, new HeartbeatChunk(heartbeatInfo(scheduler.nanoTime())));
        }
        forceRetransmitPacket = true;
        forwardTsnPending = forwardTsnNegotiated;
        // E3: "Start the retransmission timer T3-rtx on the destination address to which the
        // retransmission is sent, if rule R1 above indicates to do so."
        t3Rtx.start(rto.rtoNanos());
        runTransmit();
    }

    private void onT2ShutdownExpired() {
        if (state != AssociationState.SHUTDOWN_SENT && state != AssociationState.SHUTDOWN_ACK_SENT) {
            return;
        }
        // §9.2: "If the timer expires, the endpoint MUST resend the SHUTDOWN chunk with the
        // updated last sequential TSN received from its peer." ... counts as a retransmission.
        if (++errorCount > config.maxRetransmissions()) {
            fail("shutdown failed: no answer from the peer");
            return;
        }
        rto.backOff();
        if (state == AssociationState.SHUTDOWN_SENT) {
            sendChunks(peerTag, new ShutdownChunk((int) sackTracker.cumulativeTsnAck()));
        } else {
            sendChunks(peerTag, new ShutdownAckChunk());
        }
        t2Shutdown.start(rto.rtoNanos());
    }

    private void onT5GuardExpired() {
        // §9.2: "If the T5-shutdown-guard timer expires, the endpoint SHOULD abort the
        // association".
        if (state == AssociationState.SHUTDOWN_SENT || state == AssociationState.SHUTDOWN_ACK_SENT) {
            abortWith(ErrorCause.userInitiatedAbort("shutdown guard timer expired"), "shutdown timed out");
        }
    }

    private long heartbeatDelay() {
        // §8.3: "On an idle destination address that is allowed to heartbeat, it is recommended
        // that a HEARTBEAT chunk is sent once per RTO of that destination address plus the
        // protocol parameter 'HB.interval', with jittering of +/- 50% of the RTO value".
        long r = rto.rtoNanos();
        long jitter = (long) ((random.nextDouble() - 0.5) * r);
        return config.heartbeatInterval().toNanos() + r + jitter;
    }

    private void onHeartbeatTimer() {
        if (!tcb || state == AssociationState.COOKIE_WAIT || state == AssociationState.COOKIE_ECHOED) {
            return;
        }
        long now = scheduler.nanoTime();
        long interval = config.heartbeatInterval().toNanos();
        if ((now - lastDataSentNanos < interval || retransmissions.hasOutstanding()) && !heartbeatTimeout.isRunning()) {
            // Data flowed recently or is outstanding: the path is not idle; T3-rtx watches it.
            heartbeatTimer.start(Math.max(0, interval - (now - lastDataSentNanos)) + rto.rtoNanos());
            return;
        }
        sendChunks(peerTag, new HeartbeatChunk(heartbeatInfo(now)));
        if (!heartbeatTimeout.isRunning()) {
            heartbeatTimeout.start(rto.rtoNanos());
        }
        heartbeatTimer.start(heartbeatDelay());
    }

    /** Heartbeat Information: our send time and a nonce of this association. */
    private ByteBuffer heartbeatInfo(long now) {
        return ByteBuffer.allocate(HEARTBEAT_INFO_LENGTH).putLong(now).putLong(heartbeatNonce).flip();
    }

    private void onHeartbeatTimeout() {
        if (!tcb) {
            return;
        }
        // §8.3: "the sender of the HEARTBEAT chunk SHOULD increment the respective error counter
        // of the destination transport address each time a HEARTBEAT is sent to that address and
        // not acknowledged within one RTO." and back off the RTO.
        rto.backOff();
        if (++errorCount > config.maxRetransmissions()) {
            fail("heartbeats unanswered: the peer is unreachable");
            return;
        }
        // Probe again at once rather than after a whole interval.
        heartbeatTimer.start(0);
    }

    private void onSackDue() {
        if (!tcb) {
            return;
        }
        sackPending = true;
        runTransmit();
    }

    // ---------------------------------------------------------------- transmitting

    /** Sends what may be sent now, unless already inside a call that will. */
    private void runTransmit() {
        if (depth > 0) {
            transmitRequested = true;
            return;
        }
        depth++;
        try {
            do {
                transmitRequested = false;
                transmitOnce();
                for (int i = 0; i < sentMessages.size(); i++) {
                    SendQueue.Message m = sentMessages.get(i);
                    listener.onMessageSent(m.streamId(), m.data().length);
                }
                sentMessages.clear();
            } while (transmitRequested && tcb);
        } finally {
            depth--;
        }
    }

    private void transmitOnce() {
        if (!tcb) {
            return;
        }
        boolean dataAllowed = state == AssociationState.ESTABLISHED || state == AssociationState.SHUTDOWN_PENDING
                || state == AssociationState.SHUTDOWN_RECEIVED;
        if (dataAllowed && anyLifetimePolicy) {
            retransmissions.abandonExpired();
            forwardTsnPending = forwardTsnNegotiated;
        }
        if (state == AssociationState.ESTABLISHED && streamReset != null && streamReset.hasPending()
                && !sendQueue.hasMessagesFor(streamReset::isResetting)) {
            // RFC 6525 §5.1.2 / RFC 8831 §6.7: the request goes once the streams' queued data has
            // been sent; it names the last TSN assigned so the peer can wait for all of it.
            streamReset.sendPending((retransmissions.nextTsn() - 1) & 0xFFFF_FFFFL);
        }
        // The sink may close the association while a packet goes out (a DTLS failure): then
        // nothing more is sent.
        while (tcb) {
            out.begin(peerTag);
            if (sackPending) {
                // §6.4 (bundling): the SACK goes first, ahead of DATA.
                sackPending = false;
                out.add(sackChunk(sackTracker.buildSack()));
            }
            while (!reconfigToSend.isEmpty()) {
                ReconfigChunk r = reconfigToSend.get(0);
                if (!out.fits(r)) {
                    if (out.isEmpty()) {
                        reconfigToSend.remove(0); // larger than a packet: cannot be sent
                        continue;
                    }
                    break;
                }
                out.add(reconfigToSend.remove(0));
            }
            if (forwardTsnPending && dataAllowed) {
                forwardTsnPending = false;
                Optional<ForwardTsn> f = retransmissions.forwardTsn();
                if (f.isPresent()) {
                    Chunk chunk = interleavingNegotiated ? iForwardTsnChunk(f.get()) : forwardTsnChunk(f.get());
                    if (out.fits(chunk)) {
                        out.add(chunk);
                    }
                }
            }
            if (dataAllowed) {
                addRetransmissions();
                addNewData();
            }
            if (out.isEmpty()) {
                break;
            }
            flushPacket();
        }
        if (state == AssociationState.SHUTDOWN_PENDING || state == AssociationState.SHUTDOWN_RECEIVED) {
            proceedShutdown();
        }
    }

    private void addRetransmissions() {
        if (!retransmissions.hasChunksToRetransmit()) {
            return;
        }
        long budget;
        if (forceRetransmitPacket) {
            // §6.3.3 E3 / §7.2.4 rule 3: one packet's worth, whatever cwnd says.
            forceRetransmitPacket = false;
            budget = out.remaining();
        } else {
            // §6.1 C: retransmissions go before new data, within cwnd.
            budget = Math.min(out.remaining(), congestion.cwnd() - retransmissions.flightSize());
        }
        if (budget <= PacketBuilder.DATA_HEADER) {
            return;
        }
        List<OutboundChunk> chunks = retransmissions.takeChunksToRetransmit(budget - PacketBuilder.DATA_HEADER);
        long lowestOutstanding = (retransmissions.cumulativeTsnAck() + 1) & 0xFFFF_FFFFL;
        boolean restartT3 = false;
        for (OutboundChunk c : chunks) {
            restartT3 |= c.tsn() == lowestOutstanding;
            OutboundFragment f = (OutboundFragment) c.payload();
            if (!fitsData(c.payloadLength())) {
                flushPacket();
                out.begin(peerTag);
            }
            writeData(c.flags(), (int) c.tsn(), f);
            congestion.onDataSent(c.payloadLength());
            dataChunksRetransmitted++;
        }
        if (!chunks.isEmpty()) {
            lastDataSentNanos = scheduler.nanoTime();
            if (restartT3) {
                // §7.2.4 rule 4: "Restart the T3-rtx timer only if the last SACK acknowledged the
                // lowest outstanding TSN number sent to that address, or the endpoint is
                // retransmitting the first outstanding DATA chunk sent to that address."
                t3Rtx.start(rto.rtoNanos());
            } else {
                t3Rtx.startIfStopped(rto.rtoNanos());
            }
        }
    }

    private void addNewData() {
        if (retransmissions.hasChunksToRetransmit()) {
            // §6.1 C: no new data while retransmissions wait.
            return;
        }
        boolean sentAny = false;
        long now = scheduler.nanoTime();
        if (retransmissions.flightSize() == 0) {
            // §7.2.1: "When the endpoint does not transmit data on a given transport address,
            // the cwnd of the transport address SHOULD be adjusted to max(cwnd/2, 4*MTU) per RTO."
            long rtoNanos = rto.rtoNanos();
            for (long idle = now - lastDataSentNanos; idle >= rtoNanos && congestion.cwnd() > 4L * congestion.mtu();
                    idle -= rtoNanos) {
                congestion.onIdleRto();
                lastDataSentNanos += rtoNanos;
            }
        }
        while (true) {
            if (forwardTsnNegotiated) {
                dropExpiredHead(now);
            }
            OutboundFragment f = sendQueue.peek(fragmenter, maxFragmentSize);
            if (f == null) {
                break;
            }
            int length = f.payload().length;
            if (!congestion.maySendNewData(length, retransmissions.flightSize())) {
                break;
            }
            if (!fitsData(length)) {
                if (out.isEmpty()) {
                    break; // cannot happen: fragments fit an empty packet
                }
                flushPacket();
                out.begin(peerTag);
                continue;
            }
            SendQueue.Message m = sendQueue.current();
            PrPolicy policy = forwardTsnNegotiated ? remaining(m, now) : PrPolicy.RELIABLE;
            anyLifetimePolicy |= policy.lifetimeNanos() >= 0;
            long tsn = retransmissions.nextTsn();
            // The retransmission queue keeps 16 bits of the SSN or MID; the whole MID stays in
            // the fragment.
            int ssn = (int) (f.sequence() & 0xFFFF);
            if (interleavingNegotiated && f.beginning() && !f.unordered()) {
                lastOrderedMid.put(f.streamId(), f.sequence());
            }
            int flags = (f.unordered() ? OutboundChunk.UNORDERED : 0) | (f.beginning() ? OutboundChunk.BEGINNING : 0)
                    | (f.ending() ? OutboundChunk.ENDING : 0);
            retransmissions.onSent(new OutboundChunk(tsn, f.streamId(), ssn, length, flags, f), policy);
            congestion.onDataSent(length);
            writeData(flags, (int) tsn, f);
            dataChunksSent++;
            sentAny = true;
            if (interleavingNegotiated && f.unordered() && f.ending() && !policy.reliable()) {
                unorderedPrSent.computeIfAbsent(f.streamId(), k -> new ArrayDeque<>())
                        .add(new long[] {f.sequence(), tsn});
            }
            SendQueue.Message done = sendQueue.poll();
            if (done != null) {
                sentMessages.add(done);
            }
        }
        if (sentAny) {
            lastDataSentNanos = scheduler.nanoTime();
            // §6.3.2 R1: "Every time a DATA chunk is sent to any address (including a
            // retransmission), if the T3-rtx timer of that address is not running, start it
            // running so that it will expire after the RTO of that address."
            t3Rtx.startIfStopped(rto.rtoNanos());
        }
    }

    /**
     * Drops messages at the head of the queue whose lifetime ran out before they were sent
     * (W3C maxPacketLifeTime counts from the send call; RFC 3758 §4 "timed reliability").
     */
    private void dropExpiredHead(long now) {
        SendQueue.Message m;
        while ((m = sendQueue.expiredHead(now)) != null) {
            sentMessages.add(m);
        }
    }

    /** The message's policy with the lifetime left after its wait in the queue. */
    private static PrPolicy remaining(SendQueue.Message m, long now) {
        PrPolicy p = m.policy();
        if (p.lifetimeNanos() < 0) {
            return p;
        }
        return new PrPolicy(p.maxRetransmits(), Math.max(0, p.lifetimeNanos() - (now - m.queuedNanos())));
    }

    private void proceedShutdown() {
        if (!sendQueue.isEmpty() || retransmissions.hasOutstanding()) {
            return;
        }
        if (state == AssociationState.SHUTDOWN_PENDING) {
            // §9.2: "Once all its outstanding data has been acknowledged, the endpoint MUST send a
            // SHUTDOWN chunk to its peer including in the Cumulative TSN Ack field the last
            // sequential TSN it has received from the peer. It MUST then start the T2-shutdown
            // timer and enter the SHUTDOWN-SENT state." And "the sender of the SHUTDOWN MAY also
            // start an overall guard timer 'T5-shutdown-guard'" (5 * RTO.Max suggested).
            state = AssociationState.SHUTDOWN_SENT;
            sendChunks(peerTag, new ShutdownChunk((int) sackTracker.cumulativeTsnAck()));
            t2Shutdown.start(rto.rtoNanos());
            t5Guard.start(5 * config.rto().max().toNanos());
        } else {
            // §9.2: "If there are no more outstanding DATA chunks, the SHUTDOWN receiver MUST
            // send a SHUTDOWN ACK chunk and start a T2-shutdown timer of its own, entering the
            // SHUTDOWN-ACK-SENT state."
            state = AssociationState.SHUTDOWN_ACK_SENT;
            sendChunks(peerTag, new ShutdownAckChunk());
            t2Shutdown.start(rto.rtoNanos());
            t5Guard.start(5 * config.rto().max().toNanos());
        }
        heartbeatTimer.stop();
        heartbeatTimeout.stop();
    }

    private SackChunk sackChunk(SackInfo info) {
        List<SackChunk.GapAckBlock> gaps = new ArrayList<>(info.gapAckBlocks().size());
        for (GapAckBlock g : info.gapAckBlocks()) {
            gaps.add(new SackChunk.GapAckBlock(g.start(), g.end()));
        }
        List<Integer> dups = new ArrayList<>(info.duplicateTsns().size());
        for (long d : info.duplicateTsns()) {
            dups.add((int) d);
        }
        return new SackChunk((int) info.cumulativeTsnAck(), (int) Math.min(info.advertisedRwnd(), 0xFFFF_FFFFL),
                gaps, dups);
    }

    private boolean fitsData(int payloadLength) {
        return interleavingNegotiated ? out.fitsIData(payloadLength) : out.fitsData(payloadLength);
    }

    private void writeData(int flags, int tsn, OutboundFragment f) {
        if (interleavingNegotiated) {
            // RFC 8260 §2.1: the first fragment carries the PPID, the others their FSN.
            out.addIData(flags, tsn, f.streamId(), (int) f.sequence(),
                    f.beginning() ? f.ppid() : (int) f.fragmentSequence(), f.payload());
        } else {
            out.addData(flags, tsn, f.streamId(), (int) f.sequence(), f.ppid(), f.payload());
        }
    }

    private IForwardTsnChunk iForwardTsnChunk(ForwardTsn f) {
        // RFC 8260 §2.3.1: each skipped ordered message is named by its stream and whole MID;
        // the retransmission queue kept its low 16 bits, the rest comes from the last MID sent.
        List<IForwardTsnChunk.StreamMessage> streams = new ArrayList<>(f.skippedStreams().size());
        for (ForwardTsn.SkippedStream s : f.skippedStreams()) {
            long last = lastOrderedMid.getOrDefault(s.streamId(), (long) s.ssn());
            long mid = (last - ((last - s.ssn()) & 0xFFFF)) & 0xFFFF_FFFFL;
            streams.add(new IForwardTsnChunk.StreamMessage(s.streamId(), false, (int) mid));
        }
        // Unordered messages: the largest MID per stream whose fragments all lie at or below the
        // New Cumulative TSN (MIDs and TSNs grow together, so every smaller MID there is done).
        for (java.util.Map.Entry<Integer, ArrayDeque<long[]>> e : unorderedPrSent.entrySet()) {
            long mid = -1;
            for (long[] sent : e.getValue()) {
                if ((int) (sent[1] - f.newCumulativeTsn()) > 0) {
                    break;
                }
                mid = sent[0];
            }
            if (mid >= 0) {
                streams.add(new IForwardTsnChunk.StreamMessage(e.getKey(), true, (int) mid));
            }
        }
        return new IForwardTsnChunk((int) f.newCumulativeTsn(), streams);
    }

    private static ForwardTsnChunk forwardTsnChunk(ForwardTsn f) {
        List<ForwardTsnChunk.StreamSequence> streams = new ArrayList<>(f.skippedStreams().size());
        for (ForwardTsn.SkippedStream s : f.skippedStreams()) {
            streams.add(new ForwardTsnChunk.StreamSequence(s.streamId(), s.ssn()));
        }
        return new ForwardTsnChunk((int) f.newCumulativeTsn(), streams);
    }

    /** Sends the packet being built. */
    private void flushPacket() {
        if (!tcb) {
            return;
        }
        boolean zero = zeroChecksumSend && tcb && state != AssociationState.COOKIE_WAIT
                && state != AssociationState.COOKIE_ECHOED;
        packetsSent++;
        sink.send(out.finish(zero));
    }

    /** Sends control chunks now, in as few packets as they fit. */
    private void sendChunks(int vtag, Chunk... chunks) {
        // Packets carrying INIT, INIT ACK, COOKIE ECHO or a reflected tag always get a CRC32c
        // (RFC 9653 §5.2: zero checksums only within an established association).
        boolean zero = zeroChecksumSend && tcb && vtag == peerTag && state != AssociationState.COOKIE_WAIT
                && state != AssociationState.COOKIE_ECHOED;
        out.begin(vtag);
        for (Chunk c : chunks) {
            if (!out.fits(c)) {
                if (!out.isEmpty()) {
                    packetsSent++;
                    sink.send(out.finish(zero));
                    out.begin(vtag);
                }
                if (!out.fits(c)) {
                    continue; // larger than a packet: not sent
                }
            }
            out.add(c);
        }
        if (!out.isEmpty()) {
            packetsSent++;
            sink.send(out.finish(zero));
        }
    }

    // ---------------------------------------------------------------- stream reset (RFC 6525)

    /** What the stream reset procedure asks of the association. */
    private final class ResetOutput implements StreamResetProcedure.Output {

        @Override
        public void send(ReconfigChunk chunk) {
            reconfigToSend.add(chunk);
            runTransmit();
        }

        @Override
        public void outgoingReset(int[] streams) {
            // RFC 6525 §5.1.4 / §5.2.2: the streams start again at SSN (or MID) 0.
            for (int s : streams) {
                fragmenter.resetStream(s);
                if (interleavingNegotiated) {
                    lastOrderedMid.remove(s);
                }
            }
            releaseWaitingForReset();
            listener.onOutgoingStreamsReset(streams.clone());
            runTransmit();
        }

        @Override
        public void outgoingResetFailed(int[] streams, int result) {
            releaseWaitingForReset();
            listener.onOutgoingStreamsResetFailed(streams.clone(),
                    "the peer answered the stream reset with result " + result);
            runTransmit();
        }

        @Override
        public void incomingReset(int[] streams) {
            // The old numbering ends, the layer above closes the channels, then the data held for
            // the streams' new numbering is reassembled (RFC 6525 §5.2.2).
            if (streams.length == 0) {
                reassembler.resetAllStreams();
            } else {
                for (int s : streams) {
                    reassembler.resetStream(s);
                }
            }
            syncHeldBytes();
            listener.onIncomingStreamsReset(streams.clone());
            if (tcb && reassembler.releaseHeld(Association.this::deliver) == ReassemblyOutcome.LIMIT_EXCEEDED) {
                abortWith(ErrorCause.protocolViolation("reassembly limit exceeded"),
                        "peer exceeded the reassembly limits");
                return;
            }
            syncHeldBytes();
        }

        @Override
        public long rtoNanos() {
            return rto.rtoNanos();
        }

        @Override
        public void failed(String why) {
            fail(why);
        }
    }

    /** Messages that waited for their stream's reset go to the send queue, in order. */
    private void releaseWaitingForReset() {
        int n = waitingForReset.size();
        for (int i = 0; i < n; i++) {
            SendQueue.Message m = waitingForReset.poll();
            if (streamReset != null && streamReset.isResetting(m.streamId())) {
                waitingForReset.add(m);
            } else {
                waitingForResetBytes -= m.data().length;
                sendQueue.add(m);
            }
        }
    }

    // ---------------------------------------------------------------- closing

    private void abortWith(ErrorCause cause, String reason) {
        if (peerTag != 0 && !terminated) {
            sendChunks(peerTag, new AbortChunk(false, List.of(cause)));
        }
        close(reason);
    }

    private void fail(String reason) {
        // §8.1: "the endpoint MUST consider the peer endpoint unreachable and MUST stop
        // transmitting any more data to it (and thus the association enters the CLOSED state)."
        // An ABORT tells the peer, should it still hear us.
        abortWith(ErrorCause.userInitiatedAbort(reason), reason);
    }

    private void close(String error) {
        if (terminated) {
            return;
        }
        terminated = true;
        state = AssociationState.CLOSED;
        initTimer.cancel();
        dropTcb();
        sendQueue.clear();
        sentMessages.clear();
        waitingForReset.clear();
        waitingForResetBytes = 0;
        listener.onClosed(error);
    }

    // ---------------------------------------------------------------- helpers

    private int randomTag() {
        int tag;
        do {
            tag = random.nextInt();
        } while (tag == 0);
        return tag;
    }

    /** A parameter as its TLV bytes with padding (RFC 9260 §3.2.1), for reporting it back. */
    private static ByteBuffer encodeParameter(UnknownParameter p) {
        ByteBuffer value = p.value();
        int length = 4 + value.remaining();
        ByteBuffer b = ByteBuffer.allocate(PacketBuilder.pad4(length));
        b.putShort((short) p.type()).putShort((short) length).put(value);
        b.clear();
        return b;
    }

    /** §3.2 actions of known chunk types this association does not handle (not negotiated). */
    private static final class UnrecognizedActionOf {
        static UnrecognizedAction chunkType(int type) {
            return UnrecognizedAction.values()[(type >>> 6) & 0x3];
        }
    }
}
