package org.ortc4j.rtp.internal.session;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.ortc4j.dtls.RTCDtlsRole;
import org.ortc4j.dtls.RTCDtlsTransport;
import org.ortc4j.dtls.RTCDtlsTransportState;
import org.ortc4j.ice.net.Scheduler;
import org.ortc4j.rtp.interceptor.RtcpInput;
import org.ortc4j.rtp.interceptor.RtcpOutput;
import org.ortc4j.rtp.interceptor.RtpInput;
import org.ortc4j.rtp.interceptor.RtpInterceptorChain;
import org.ortc4j.rtp.interceptor.RtpInterceptorContext;
import org.ortc4j.rtp.interceptor.RtpOutput;
import org.ortc4j.rtp.interceptor.RtpStreamInfo;
import org.ortc4j.rtp.packet.ReceiverReport;
import org.ortc4j.rtp.packet.RtcpCompoundPacket;
import org.ortc4j.rtp.packet.RtcpPacket;
import org.ortc4j.rtp.packet.RtpPacket;
import org.ortc4j.rtp.packet.RtpParseException;
import org.ortc4j.rtp.packet.SenderReport;
import org.ortc4j.srtp.DtlsSrtpKeys;
import org.ortc4j.srtp.SrtpInboundSession;
import org.ortc4j.srtp.SrtpOutboundSession;
import org.ortc4j.srtp.SrtpResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RTP session of one {@link RTCDtlsTransport}: every RTP stream and all RTCP that the
 * transport carries (one transport for every m-section under BUNDLE), with SRTP and SRTCP keyed
 * from the DTLS exporter (RFC 5764 §4.2), received packets routed to streams by SSRC, and the
 * interceptor chain between the streams and the wire.
 *
 * <p>ARCHITECTURE.md's data path: "128..191 RTP/RTCP ─► SRTP session (keys from DTLS exporter) ─►
 * RTCRtpReceiver by SSRC/MID/RID". The session is the transport's SRTP handler
 * ({@link RTCDtlsTransport#setSrtpHandler}), so there is one per transport: {@link #of} finds or
 * makes it. It closes when the transport closes or fails: the interceptor chain is closed, the
 * handler removed, and {@link #of} makes a new session afterwards.
 *
 * <p>Apart from {@link #of} and the accessors of what never changes, every method runs on the
 * transport's loop ({@link #scheduler()}). Bounded: at most {@value #MAX_BOUND_SSRCS} received
 * SSRCs (media and RTX) and as many sent streams; no state for an SSRC nobody claimed.
 */
public final class RtpSession {

    /** The most SSRCs of received streams (media and RTX counted apart), and of sent streams. */
    public static final int MAX_BOUND_SSRCS = 4096;

    private static final Logger LOG = LoggerFactory.getLogger(RtpSession.class);

    /**
     * Room after a packet for what SRTP and SRTCP append: the longest tag of the profiles
     * (AES-GCM's 16 bytes) and SRTCP's 4-byte E flag and index (RFC 3711 §3.4, RFC 7714 §9).
     */
    private static final int TRAILER_ROOM = 32;

    private static final Map<RTCDtlsTransport, RtpSession> SESSIONS = new ConcurrentHashMap<>();

    private final RTCDtlsTransport dtls;
    private final RtpSessionConfig config;
    private final Scheduler scheduler;
    private final RtpInterceptorContext context;
    private final RtpInterceptorChain chain;
    private final AutoCloseable stateSubscription;

    private final Map<Integer, RemoteBinding> remoteBySsrc = new HashMap<>();
    private final Map<Integer, LocalBinding> localBySsrc = new HashMap<>();
    private final List<UnknownSsrcHandler> unknownSsrcHandlers = new CopyOnWriteArrayList<>();
    private final List<RtcpInput> rtcpListeners = new CopyOnWriteArrayList<>();

    private RtcpInput rtcpInput;
    private RtcpOutput rtcpOutput;
    private SrtpOutboundSession outbound;
    private SrtpInboundSession inbound;
    private boolean keyed;
    private volatile boolean closed;

    private long rtpPacketsSent;
    private long rtpBytesSent;
    private long rtcpPacketsSent;
    private long rtpPacketsReceived;
    private long rtpBytesReceived;
    private long rtcpPacketsReceived;
    private long droppedNotConnected;
    private long srtpFailures;
    private long malformed;
    private long unknownSsrc;
    private long callbackFailures;

    /** A stream we receive: what its packets go through, and the SSRCs it holds. */
    private record RemoteBinding(RtpStreamInfo stream, RtpInput input) {
    }

    /** A stream we send; {@code bound} until unbound: checked per packet instead of a map lookup. */
    private static final class LocalBinding {
        final RtpStreamInfo stream;
        boolean bound = true;

        LocalBinding(RtpStreamInfo stream) {
            this.stream = stream;
        }

        RtpStreamInfo stream() {
            return stream;
        }
    }

    private RtpSession(RTCDtlsTransport dtls, RtpSessionConfig config) {
        this.dtls = dtls;
        this.config = config;
        this.scheduler = dtls.iceTransport().scheduler();
        this.context = new RtpInterceptorContext(scheduler);
        this.chain = RtpInterceptorChain.create(config.interceptors(), context);
        this.stateSubscription = dtls.onStateChange(this::onTransportState);
        // Binding RTCP and reading the transport's state happen on the loop, before anything a
        // caller hops there with after of() returns.
        onLoop(this::start);
    }

    /**
     * The session of this transport, made on first use with {@link RtpSessionConfig#defaults()};
     * the same object for every later caller until the transport closes or fails. Thread-safe.
     */
    public static RtpSession of(RTCDtlsTransport dtls) {
        return of(dtls, null);
    }

    /**
     * The session of this transport, made with {@code config} if this call makes it (a
     * {@code null} config stands for {@link RtpSessionConfig#defaults()}); otherwise {@code config}
     * is not used. Thread-safe. For a transport already closed or failed, a session that is closed.
     */
    public static RtpSession of(RTCDtlsTransport dtls, RtpSessionConfig config) {
        Objects.requireNonNull(dtls, "dtls");
        RtpSession existing = SESSIONS.get(dtls);
        if (existing != null) {
            return existing;
        }
        // Not computeIfAbsent: interceptor factories run in the constructor and may take time.
        synchronized (SESSIONS) {
            existing = SESSIONS.get(dtls);
            if (existing != null) {
                return existing;
            }
            RtpSession session = new RtpSession(dtls, config == null ? RtpSessionConfig.defaults() : config);
            SESSIONS.put(dtls, session);
            if (session.closed) {
                // The transport ended before the entry was made: close() found nothing to remove.
                SESSIONS.remove(dtls, session);
            }
            return session;
        }
    }

    /** The transport whose session this is. */
    public RTCDtlsTransport transport() {
        return dtls;
    }

    /** The transport's loop: {@code dtls.iceTransport().scheduler()}. */
    public Scheduler scheduler() {
        return scheduler;
    }

    /** What the interceptors were made with: the scheduler and the NTP clock. */
    public RtpInterceptorContext context() {
        return context;
    }

    /** The session's interceptors. */
    public RtpInterceptorChain interceptors() {
        return chain;
    }

    /** The configuration the session was made with. */
    public RtpSessionConfig config() {
        return config;
    }

    /** Whether the session has closed (its transport closed or failed). */
    public boolean isClosed() {
        return closed;
    }

    // ---- streams ----

    /**
     * Binds a stream we send through the interceptor chain. Packets written to the result are
     * SRTP-protected and sent on the ICE transport; while DTLS is not connected (or negotiated no
     * SRTP profile) they are dropped and counted. Writes after {@link #unbindLocalStream} are dropped.
     *
     * @throws IllegalStateException if a stream with this SSRC is bound, or {@value #MAX_BOUND_SSRCS} are
     */
    public RtpOutput bindLocalStream(RtpStreamInfo stream) {
        Objects.requireNonNull(stream, "stream");
        if (localBySsrc.containsKey(stream.ssrc())) {
            throw new IllegalStateException("a sent stream with SSRC " + Integer.toUnsignedString(stream.ssrc())
                    + " is bound already");
        }
        if (localBySsrc.size() >= MAX_BOUND_SSRCS) {
            throw new IllegalStateException("at most " + MAX_BOUND_SSRCS + " sent streams");
        }
        LocalBinding binding = new LocalBinding(stream);
        localBySsrc.put(stream.ssrc(), binding);
        RtpOutput output = chain.bindLocalStream(stream, this::sendRtp);
        return packet -> {
            if (binding.bound) {
                output.write(packet);
            }
        };
    }

    /** Forgets a stream we sent; the interceptors forget it too. Does nothing if it is not bound. */
    public void unbindLocalStream(RtpStreamInfo stream) {
        LocalBinding binding = localBySsrc.get(stream.ssrc());
        if (binding != null && binding.stream().equals(stream)) {
            binding.bound = false;
            localBySsrc.remove(stream.ssrc());
            chain.unbindLocalStream(stream);
        }
    }

    /**
     * Routes received packets whose SSRC is {@code stream.ssrc()} or, if set, {@code stream.rtxSsrc()}
     * through the chain-bound input to {@code sink}. RTX packets are passed unchanged: interceptors
     * and the receiver tell them by {@code ssrc == stream.rtxSsrc()}.
     *
     * @throws IllegalStateException if one of the SSRCs is taken, or binding them would pass
     *     {@value #MAX_BOUND_SSRCS}
     */
    public void bindRemoteStream(RtpStreamInfo stream, RtpInput sink) {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(sink, "sink");
        Integer rtx = stream.rtxSsrc();
        if (rtx != null && rtx == stream.ssrc()) {
            throw new IllegalArgumentException("the RTX SSRC equals the media SSRC " + Integer.toUnsignedString(rtx));
        }
        for (Integer ssrc : ssrcsOf(stream)) {
            if (remoteBySsrc.containsKey(ssrc)) {
                throw new IllegalStateException("SSRC " + Integer.toUnsignedString(ssrc) + " is bound already");
            }
        }
        if (remoteBySsrc.size() + ssrcsOf(stream).size() > MAX_BOUND_SSRCS) {
            throw new IllegalStateException("at most " + MAX_BOUND_SSRCS + " received SSRCs");
        }
        RtpInput input = chain.bindRemoteStream(stream, sink);
        RemoteBinding binding = new RemoteBinding(stream, input);
        for (Integer ssrc : ssrcsOf(stream)) {
            remoteBySsrc.put(ssrc, binding);
        }
    }

    /** Forgets a stream we received and its RTX SSRC; the interceptors forget it too. */
    public void unbindRemoteStream(RtpStreamInfo stream) {
        RemoteBinding binding = remoteBySsrc.get(stream.ssrc());
        if (binding == null || !binding.stream().equals(stream)) {
            return;
        }
        for (Integer ssrc : ssrcsOf(stream)) {
            remoteBySsrc.remove(ssrc, binding);
        }
        chain.unbindRemoteStream(stream);
    }

    private static List<Integer> ssrcsOf(RtpStreamInfo stream) {
        return stream.rtxSsrc() == null ? List.of(stream.ssrc()) : List.of(stream.ssrc(), stream.rtxSsrc());
    }

    /**
     * Adds a handler asked, after those added before it, about RTP packets of SSRCs nobody bound;
     * closing the result removes it. Unclaimed packets are dropped and counted.
     */
    public AutoCloseable addUnknownSsrcHandler(UnknownSsrcHandler handler) {
        Objects.requireNonNull(handler, "handler");
        unknownSsrcHandlers.add(handler);
        return () -> unknownSsrcHandlers.remove(handler);
    }

    // ---- RTCP ----

    /**
     * The chain-bound RTCP output: its end sends the packets as one compound packet, an empty
     * receiver report in front when RFC 3550 §6.1 needs one, protected with SRTCP.
     */
    public RtcpOutput rtcpOutput() {
        RtcpOutput output = rtcpOutput;
        if (output != null) {
            return output;
        }
        // Asked for before the loop bound the chain (or on a session closed before that).
        return packets -> onLoop(() -> {
            RtcpOutput bound = rtcpOutput;
            if (bound == null) {
                droppedNotConnected++;
            } else {
                bound.write(packets);
            }
        });
    }

    /**
     * Adds a listener of every received compound RTCP packet, after the chain; each listener
     * picks what concerns its SSRCs. Closing the result removes it.
     */
    public AutoCloseable addRtcpListener(RtcpInput listener) {
        Objects.requireNonNull(listener, "listener");
        rtcpListeners.add(listener);
        return () -> rtcpListeners.remove(listener);
    }

    // ---- counters ----

    /** The session's counters now. */
    public RtpSessionStats stats() {
        return new RtpSessionStats(rtpPacketsSent, rtpBytesSent, rtcpPacketsSent, rtpPacketsReceived,
                rtpBytesReceived, rtcpPacketsReceived, droppedNotConnected, srtpFailures, malformed, unknownSsrc);
    }

    /** How many times a sink, RTCP listener or unknown-SSRC handler threw (logged, not fatal). */
    public long callbackFailures() {
        return callbackFailures;
    }

    // ---- loop ----

    private void start() {
        if (closed) {
            // The transport ended before the loop got here: nothing to bind, no handler to set.
            return;
        }
        rtcpInput = chain.bindRtcpInput(this::deliverRtcp);
        rtcpOutput = chain.bindRtcpOutput(this::sendRtcp);
        dtls.setSrtpHandler(this::receive);
        onTransportState(dtls.state());
    }

    private void onTransportState(RTCDtlsTransportState state) {
        switch (state) {
            case CONNECTED -> key();
            case CLOSED, FAILED -> close();
            default -> { }
        }
    }

    /** On DTLS {@code connected}: the SRTP sessions, with the keys of the exporter. */
    private void key() {
        if (keyed || closed) {
            return;
        }
        keyed = true;
        DtlsSrtpKeys keys = dtls.srtpKeys().orElse(null);
        RTCDtlsRole role = dtls.role().orElse(null);
        if (keys == null || role == null) {
            // A connected transport without an SRTP profile: every write is dropped and counted.
            LOG.debug("DTLS connected without an SRTP profile: RTP is dropped");
            return;
        }
        // RFC 5764 §4.2: the client protects with the client write key, the server with the server's.
        boolean client = role == RTCDtlsRole.CLIENT;
        outbound = new SrtpOutboundSession(keys.outbound(client), config.srtpOptions());
        inbound = new SrtpInboundSession(keys.inbound(client), config.srtpOptions());
    }

    private void close() {
        if (closed) {
            return;
        }
        closed = true;
        SESSIONS.remove(dtls, this);
        dtls.setSrtpHandler(null);
        try {
            stateSubscription.close();
        } catch (Exception e) {
            LOG.debug("state listener not removed", e);
        }
        try {
            chain.close();
        } catch (RuntimeException e) {
            LOG.warn("an interceptor failed to close", e);
        }
        remoteBySsrc.clear();
        localBySsrc.values().forEach(binding -> binding.bound = false);
        localBySsrc.clear();
        unknownSsrcHandlers.clear();
        rtcpListeners.clear();
        outbound = null;
        inbound = null;
    }

    /** The SRTP handler: one RTP or RTCP datagram (RFC 7983: first byte 128–191), which it owns. */
    private void receive(ByteBuf datagram) {
        try {
            if (closed || inbound == null) {
                droppedNotConnected++;
                return;
            }
            if (datagram.readableBytes() < 2) {
                malformed++;
                return;
            }
            ByteBuffer packet = datagram.nioBuffer();
            long arrivalNanos = scheduler.nanoTime();
            if (RtpWireFormat.isRtcp(datagram.getByte(datagram.readerIndex() + 1))) {
                receiveRtcp(packet, arrivalNanos);
            } else {
                receiveRtp(packet, arrivalNanos);
            }
        } catch (RuntimeException e) {
            // Bad input is normal input: nothing escapes onto the loop.
            malformed++;
            LOG.warn("RTP datagram dropped", e);
        } finally {
            datagram.release();
        }
    }

    private void receiveRtp(ByteBuffer bytes, long arrivalNanos) {
        if (!unprotected(inbound.unprotectRtp(bytes))) {
            return;
        }
        RtpPacket packet;
        try {
            packet = RtpPacket.parse(bytes);
        } catch (RtpParseException e) {
            malformed++;
            return;
        }
        rtpPacketsReceived++;
        rtpBytesReceived += packet.size();
        RemoteBinding binding = remoteBySsrc.get(packet.ssrc());
        if (binding == null) {
            binding = claim(packet);
            if (binding == null) {
                unknownSsrc++;
                return;
            }
        }
        try {
            binding.input().receive(packet, arrivalNanos);
        } catch (RuntimeException e) {
            callbackFailures++;
            LOG.warn("the receiver of SSRC " + Integer.toUnsignedString(packet.ssrc())
                    + " threw", e);
        }
    }

    /** RFC 8843 §9.2: handlers recognise the stream of an unknown SSRC (MID, RID, payload type). */
    private RemoteBinding claim(RtpPacket packet) {
        for (UnknownSsrcHandler handler : unknownSsrcHandlers) {
            boolean claimed;
            try {
                claimed = handler.claim(packet);
            } catch (RuntimeException e) {
                callbackFailures++;
                LOG.warn("an unknown-SSRC handler threw", e);
                continue;
            }
            if (claimed) {
                // A handler that claimed but bound nothing leaves the packet unclaimed.
                return remoteBySsrc.get(packet.ssrc());
            }
        }
        return null;
    }

    private void receiveRtcp(ByteBuffer bytes, long arrivalNanos) {
        if (!unprotected(inbound.unprotectRtcp(bytes))) {
            return;
        }
        RtcpCompoundPacket compound;
        try {
            compound = RtcpCompoundPacket.parse(bytes);
        } catch (RtpParseException e) {
            malformed++;
            return;
        }
        rtcpPacketsReceived++;
        try {
            rtcpInput.receive(compound.packets(), arrivalNanos);
        } catch (RuntimeException e) {
            callbackFailures++;
            LOG.warn("an RTCP interceptor threw", e);
        }
    }

    /** Whether SRTP unprotected the packet; counts why not. */
    private boolean unprotected(SrtpResult result) {
        switch (result) {
            case OK -> {
                return true;
            }
            case TOO_SHORT, MALFORMED -> malformed++;
            default -> srtpFailures++;
        }
        return false;
    }

    /** The end of the RTCP input chain: every listener gets every compound packet. */
    private void deliverRtcp(List<RtcpPacket> packets, long arrivalNanos) {
        for (RtcpInput listener : rtcpListeners) {
            try {
                listener.receive(packets, arrivalNanos);
            } catch (RuntimeException e) {
                callbackFailures++;
                LOG.warn("an RTCP listener threw", e);
            }
        }
    }

    /** The end of a local stream's output chain: SRTP and the wire. */
    private void sendRtp(RtpPacket packet) {
        SrtpOutboundSession srtp = outbound;
        if (closed || srtp == null) {
            droppedNotConnected++;
            return;
        }
        int size = packet.size();
        ByteBuf buf = PooledByteBufAllocator.DEFAULT.heapBuffer(size + TRAILER_ROOM);
        try {
            // A view over the buffer's array with room for the tag: SRTP protects in place.
            ByteBuffer view = buf.nioBuffer(0, size + TRAILER_ROOM);
            RtpWireFormat.write(packet, view);
            view.flip();
            SrtpResult result = srtp.protectRtp(view);
            if (result != SrtpResult.OK) {
                srtpFailures++;
                LOG.debug("SRTP refused an RTP packet: {}", result);
                return;
            }
            buf.writerIndex(view.limit());
            rtpPacketsSent++;
            rtpBytesSent += size;
            dtls.iceTransport().send(buf);
            buf = null;
        } finally {
            if (buf != null) {
                buf.release();
            }
        }
    }

    /** The end of the RTCP output chain: one compound packet, SRTCP and the wire. */
    private void sendRtcp(List<RtcpPacket> packets) {
        if (packets.isEmpty()) {
            return;
        }
        SrtpOutboundSession srtp = outbound;
        if (closed || srtp == null) {
            droppedNotConnected++;
            return;
        }
        RtcpCompoundPacket compound = new RtcpCompoundPacket(withLeadingReport(packets));
        int size = compound.encodedLength();
        ByteBuf buf = PooledByteBufAllocator.DEFAULT.heapBuffer(size + TRAILER_ROOM);
        try {
            ByteBuffer view = buf.nioBuffer(0, size + TRAILER_ROOM);
            compound.writeTo(view);
            view.flip();
            SrtpResult result = srtp.protectRtcp(view);
            if (result != SrtpResult.OK) {
                srtpFailures++;
                LOG.debug("SRTCP refused an RTCP packet: {}", result);
                return;
            }
            buf.writerIndex(view.limit());
            rtcpPacketsSent++;
            dtls.iceTransport().send(buf);
            buf = null;
        } finally {
            if (buf != null) {
                buf.release();
            }
        }
    }

    /**
     * RFC 3550 §6.1: "The first RTCP packet in the compound packet MUST always be a report packet
     * to facilitate header validation ... even if no data has been sent or received, in which case
     * an empty RR MUST be sent". Reduced-size RTCP (RFC 5506 §3) lifts that rule.
     */
    private List<RtcpPacket> withLeadingReport(List<RtcpPacket> packets) {
        RtcpPacket first = packets.get(0);
        if (config.reducedSizeRtcp() || first instanceof SenderReport || first instanceof ReceiverReport) {
            return packets;
        }
        List<RtcpPacket> compound = new ArrayList<>(packets.size() + 1);
        compound.add(new ReceiverReport(config.rtcpSsrc(), List.of()));
        compound.addAll(packets);
        return compound;
    }

    private void onLoop(Runnable task) {
        if (scheduler.inLoop()) {
            task.run();
        } else {
            scheduler.execute(task);
        }
    }
}
