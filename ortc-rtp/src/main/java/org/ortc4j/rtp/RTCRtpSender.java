package org.ortc4j.rtp;

import java.security.SecureRandom;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.ortc4j.dtls.RTCDtlsTransport;
import org.ortc4j.dtls.RTCDtlsTransportState;
import org.ortc4j.ice.InvalidModificationException;
import org.ortc4j.ice.InvalidStateException;
import org.ortc4j.ice.RTCIceTransportState;
import org.ortc4j.ice.RTCStatsReport;
import org.ortc4j.ice.net.Scheduler;
import org.ortc4j.media.EncodedFrame;
import org.ortc4j.media.MediaStreamTrack;
import org.ortc4j.rtp.interceptor.RtpOutput;
import org.ortc4j.rtp.interceptor.RtpStreamInfo;
import org.ortc4j.rtp.internal.LoopCalls;
import org.ortc4j.rtp.internal.RtpStats;
import org.ortc4j.rtp.internal.SharedMediaCodecs;
import org.ortc4j.rtp.internal.SupportedCodecs;
import org.ortc4j.rtp.internal.sender.FramePump;
import org.ortc4j.rtp.internal.sender.RtpStreamSender;
import org.ortc4j.rtp.internal.session.RtpSession;
import org.ortc4j.rtp.packet.FullIntraRequest;
import org.ortc4j.rtp.packet.PictureLossIndication;
import org.ortc4j.rtp.packet.Remb;
import org.ortc4j.rtp.packet.RtcpPacket;
import org.ortc4j.rtp.packet.RtpHeaderExtensionMap;
import org.ortc4j.rtp.payload.RtpPacketizer;
import org.ortc4j.rtp.payload.RtpPayloadFormats;

/**
 * Sends one track as RTP over a DTLS transport (ORTC §6 {@code RTCRtpSender}; aiortc
 * {@code RTCRtpSender}): pulls frames from the track, encodes them through the ortc-media codec
 * SPI (or takes encoded frames as they are), packetizes them, and sends them through the
 * transport's SRTP session and its interceptors (NACK/RTX answers, reports, statistics). A PLI or
 * FIR from the peer asks the encoder for a key frame; REMB caps the encoder's bitrate.
 *
 * <pre>{@code
 * RTCRtpSender sender = new RTCRtpSender(track, dtlsTransport);
 * sender.send(RTCRtpSendParameters.of(parameters, "0", RTCRtpEncodingParameters.ofSsrc(1234, 1235)));
 * }</pre>
 *
 * <p>Thread-safe; the work happens on the transport's loop and on shared media threads.
 */
public final class RTCRtpSender {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String kind;
    // Change together when the sender moves to another transport (setTransport).
    private volatile RTCDtlsTransport transport;
    private volatile RtpSession session;
    private volatile Scheduler loop;
    // True between leaving the old transport's session and joining the new one's: frames dropped.
    private volatile boolean moving;
    private volatile MediaStreamTrack track;
    private volatile RTCRtpSendParameters parameters;
    private volatile boolean stopped;
    // Loop-confined.
    private RtpStreamInfo stream;
    private RtpStreamSender streamSender;
    private FramePump pump;
    private AutoCloseable rtcpListener;
    private AutoCloseable dtlsListener;
    private String lastTransactionId;
    private long rembBitrate;

    /**
     * A sender of {@code track} over {@code transport}; nothing is sent until {@link #send}.
     *
     * @throws NullPointerException if an argument is null
     */
    public RTCRtpSender(MediaStreamTrack track, RTCDtlsTransport transport) {
        this(Objects.requireNonNull(track, "track").kind().value(), transport);
        this.track = track;
    }

    /**
     * A sender of a kind with no track yet (W3C {@code addTransceiver(kind)}); {@link #replaceTrack}
     * gives it one.
     *
     * @throws IllegalArgumentException unless kind is audio or video
     */
    public RTCRtpSender(String kind, RTCDtlsTransport transport) {
        this.kind = checkKind(kind);
        this.transport = Objects.requireNonNull(transport, "transport");
        this.session = RtpSession.of(transport);
        this.loop = session.scheduler();
    }

    static String checkKind(String kind) {
        if (!"audio".equals(kind) && !"video".equals(kind)) {
            throw new IllegalArgumentException("kind must be audio or video, not " + kind);
        }
        return kind;
    }

    /**
     * What ortc4j can send for a kind (W3C WebRTC §5.2 {@code getCapabilities}): the codecs it
     * packetizes and the header extensions it writes.
     *
     * @throws IllegalArgumentException unless kind is audio or video
     */
    public static RTCRtpCapabilities getCapabilities(String kind) {
        return SupportedCodecs.capabilities(kind);
    }

    /** Audio or video. */
    public String kind() {
        return kind;
    }

    /** The track sent, if any (W3C {@code track}). */
    public Optional<MediaStreamTrack> track() {
        return Optional.ofNullable(track);
    }

    /** The transport the packets go over (W3C {@code transport}). */
    public RTCDtlsTransport transport() {
        return transport;
    }

    /**
     * Moves the sender to another transport (W3C §4.4.1.6 "set the RTCSessionDescription" sets
     * {@code sender.[[SenderTransport]]} to the transport of its section, e.g. when BUNDLE is
     * accepted or refused; aiortc's {@code setTransport}). A running stream goes on with the same
     * SSRC, sequence numbers and timestamps on the new transport's session; frames encoded during
     * the move are dropped, and a video encoder is asked for a key frame afterwards. Nothing
     * happens if {@code newTransport} is the current one.
     *
     * @return completes when the stream runs on the new transport
     * @throws InvalidStateException if the sender is stopped
     */
    public CompletableFuture<Void> setTransport(RTCDtlsTransport newTransport) {
        Objects.requireNonNull(newTransport, "transport");
        if (stopped) {
            throw new InvalidStateException("the RTCRtpSender is stopped");
        }
        RtpSession newSession = RtpSession.of(newTransport);
        Scheduler oldLoop = loop;
        return LoopCalls.call(oldLoop, () -> {
            if (stopped || transport == newTransport) {
                return false;
            }
            // Leave the old session: the stream is unbound there (its reports end with BYE).
            moving = true;
            closeQuietly(rtcpListener);
            rtcpListener = null;
            boolean waitingForDtls = dtlsListener != null;
            closeQuietly(dtlsListener);
            dtlsListener = null;
            if (stream != null) {
                session.unbindLocalStream(stream);
            }
            transport = newTransport;
            session = newSession;
            loop = newSession.scheduler();
            return waitingForDtls;
        }).thenCompose(waitingForDtls -> LoopCalls.call(loop, () -> {
            if (!moving) {
                return null;
            }
            moving = false;
            if (stopped || stream == null) {
                return null;
            }
            streamSender.rebind(session.bindLocalStream(stream), session.context());
            rtcpListener = session.addRtcpListener((packets, arrival) -> onRtcp(packets));
            if (waitingForDtls) {
                dtlsListener = transport.onStateChange(state -> loop.execute(this::startWhenConnected));
                startWhenConnected();
            } else if ("video".equals(kind)) {
                // The receiver on the other side may start a new stream: give it a key frame.
                pump.requestKeyFrame();
            }
            return null;
        }));
    }

    /**
     * Starts sending (ORTC §6.3 {@code send}): the first media codec of {@code parameters} that
     * ortc4j can packetize is sent on the first encoding's SSRC (a random one if it has none),
     * with RTX on the encoding's RTX SSRC when the codecs include RTX for it. Frames flow once the
     * transport is connected.
     *
     * @return completes when the stream is set up
     * @throws IllegalArgumentException if no codec can be sent, a codec is of the other kind, or
     *     there is not exactly one encoding (simulcast is not supported)
     * @throws InvalidStateException if the sender is stopped or already sending
     */
    public CompletableFuture<Void> send(RTCRtpSendParameters parameters) {
        Objects.requireNonNull(parameters, "parameters");
        if (stopped) {
            throw new InvalidStateException("the RTCRtpSender is stopped");
        }
        RTCRtpCodecParameters codec = sendableCodec(parameters);
        if (parameters.encodings().size() != 1) {
            throw new IllegalArgumentException("a sender sends exactly one encoding (simulcast is not supported), not "
                    + parameters.encodings().size());
        }
        RTCRtpEncodingParameters encoding = parameters.encodings().get(0);
        int ssrc = encoding.ssrc() != null ? encoding.ssrc() : randomSsrc();
        Integer rtxSsrc = encoding.rtx() == null ? null : encoding.rtx().ssrc();
        RTCRtpEncodingParameters settled = encoding.toBuilder().ssrc(ssrc).build();
        RTCRtpSendParameters sent = parameters.withEncodings(List.of(settled)).withTransactionId(null);
        RtpPacketizer packetizer = RtpPayloadFormats.packetizer(codec.mimeType(), codec.parameters()).orElseThrow();
        return LoopCalls.call(loop, () -> {
            if (stopped) {
                throw new InvalidStateException("the RTCRtpSender is stopped");
            }
            if (this.parameters != null) {
                throw new InvalidStateException("the RTCRtpSender is already sending; use setParameters");
            }
            RtpHeaderExtensionMap extensions = RtpHeaderExtensionMap.of(sent.headerExtensions());
            stream = new RtpStreamInfo(ssrc, kind, sent.codecs(), extensions, sent.rtcp(), rtxSsrc, sent.mid(), encoding.rid());
            RtpOutput output = session.bindLocalStream(stream);
            streamSender = new RtpStreamSender(ssrc, codec, packetizer, extensions, sent.mid(), encoding.rid(), output,
                    session.context());
            pump = new FramePump(SupportedCodecs.codecInfo(codec), SharedMediaCodecs.get(), new FramePump.Sink() {
                @Override
                public void onEncoded(EncodedFrame frame, int audioLevel) {
                    RTCRtpSender.this.onEncoded(frame, audioLevel, null);
                }

                @Override
                public void onEncoded(EncodedFrame frame, int audioLevel, Runnable then) {
                    RTCRtpSender.this.onEncoded(frame, audioLevel, then);
                }
            }, this::transportUsable);
            apply(settled);
            rtcpListener = session.addRtcpListener((packets, arrival) -> onRtcp(packets));
            this.parameters = sent;
            dtlsListener = transport.onStateChange(state -> loop.execute(this::startWhenConnected));
            startWhenConnected();
            return null;
        });
    }

    private RTCRtpCodecParameters sendableCodec(RTCRtpSendParameters parameters) {
        for (RTCRtpCodecParameters codec : parameters.codecs()) {
            if (!codec.kind().equals(kind)) {
                throw new IllegalArgumentException("codec " + codec.mimeType() + " is not " + kind);
            }
        }
        for (RTCRtpCodecParameters codec : parameters.codecs()) {
            if (!RtpStreamInfo.isRtx(codec) && RtpPayloadFormats.packetizer(codec.mimeType(), codec.parameters()).isPresent()) {
                return codec;
            }
        }
        throw new IllegalArgumentException("none of the codecs " + parameters.codecs().stream().map(RTCRtpCodecParameters::mimeType).toList()
                + " can be sent; ortc4j sends " + getCapabilities(kind).codecs().stream().map(RTCRtpCodecCapability::mimeType).toList());
    }

    private static int randomSsrc() {
        int ssrc;
        do {
            ssrc = RANDOM.nextInt();
        } while (ssrc == 0);
        return ssrc;
    }

    private void startWhenConnected() {
        if (stopped || pump == null) {
            return;
        }
        if (transport.state() == RTCDtlsTransportState.CONNECTED) {
            closeQuietly(dtlsListener);
            dtlsListener = null;
            pump.start(track);
        }
    }

    /**
     * Whether packets can leave: not once ICE failed (RFC 7675 §5.2: without consent "the agent
     * MUST cease transmission"; an ICE restart brings it back) or the transport closed; read by
     * the frame pump before it encodes or hands on a frame.
     */
    private boolean transportUsable() {
        RTCIceTransportState ice = transport.iceTransport().state();
        return ice != RTCIceTransportState.FAILED && ice != RTCIceTransportState.CLOSED && !session.isClosed();
    }

    /** On the media lane, or the thread that gave a passed-through frame: hop to the loop with it. */
    private void onEncoded(EncodedFrame frame, int audioLevel, Runnable then) {
        Scheduler target = loop;
        target.execute(() -> {
            try {
                // A frame queued on the old loop of a sender that moved, or during the move, is dropped.
                if (!stopped && !moving && loop == target && streamSender != null) {
                    streamSender.send(frame, audioLevel, audioLevel >= 0 && audioLevel < 127);
                }
            } finally {
                if (then != null) {
                    // The pump asks for the next frame only now that this one is sent (back-pressure).
                    then.run();
                }
            }
        });
    }

    private void onRtcp(List<RtcpPacket> packets) {
        int ssrc = stream.ssrc();
        for (RtcpPacket packet : packets) {
            if (packet instanceof PictureLossIndication pli && pli.mediaSsrc() == ssrc) {
                pump.requestKeyFrame();
            } else if (packet instanceof FullIntraRequest fir
                    && fir.entries().stream().anyMatch(entry -> entry.ssrc() == ssrc)) {
                pump.requestKeyFrame();
            } else if (packet instanceof Remb remb && remb.ssrcs().contains(ssrc)) {
                rembBitrate = remb.bitrate();
                updateBitrate();
            }
        }
    }

    private void apply(RTCRtpEncodingParameters encoding) {
        pump.setActive(encoding.active());
        pump.setMaxFramerate(encoding.maxFramerate() == null ? 0 : encoding.maxFramerate());
        pump.setScaleResolutionDownBy(encoding.scaleResolutionDownBy() == null ? 1 : encoding.scaleResolutionDownBy());
        updateBitrate(encoding);
    }

    private void updateBitrate() {
        updateBitrate(parameters.encodings().get(0));
    }

    private void updateBitrate(RTCRtpEncodingParameters encoding) {
        // The encoder gets the lower of the user's cap and the receiver's estimate (REMB).
        long target = encoding.maxBitrate() == null ? 0 : encoding.maxBitrate();
        if (rembBitrate > 0) {
            target = target == 0 ? rembBitrate : Math.min(target, rembBitrate);
        }
        pump.setTargetBitrate((int) Math.min(Integer.MAX_VALUE, target));
    }

    /**
     * The parameters being sent (W3C §5.2 {@code getParameters}), with a fresh transaction id
     * that {@link #setParameters} checks; before {@link #send}, parameters with no codecs and no
     * encodings.
     */
    public RTCRtpSendParameters getParameters() {
        String transactionId = UUID.randomUUID().toString();
        RTCRtpSendParameters current = parameters;
        RTCRtpSendParameters result = current == null
                ? new RTCRtpSendParameters(null, null, null, null, null, transactionId)
                : current.withTransactionId(transactionId);
        LoopCalls.run(loop, () -> lastTransactionId = transactionId);
        return result;
    }

    /**
     * Changes what the encodings may do (W3C §5.2 {@code setParameters}): {@code active},
     * {@code maxBitrate}, {@code maxFramerate} and {@code scaleResolutionDownBy} of each encoding;
     * nothing else may change.
     *
     * @return completes when applied; fails with {@link InvalidStateException} when not sending or
     *     stopped, {@link InvalidModificationException} when the transaction id is not the last
     *     {@link #getParameters}' or something other than those four fields changed
     */
    public CompletableFuture<Void> setParameters(RTCRtpSendParameters newParameters) {
        Objects.requireNonNull(newParameters, "parameters");
        return LoopCalls.call(loop, () -> {
            RTCRtpSendParameters current = parameters;
            if (stopped || current == null) {
                throw new InvalidStateException("the RTCRtpSender is " + (stopped ? "stopped" : "not sending"));
            }
            // W3C §5.2 setParameters: "If transactionId is empty or does not match, reject with
            // InvalidModificationError"; then "If encodings.length ... or any read-only field
            // changed, reject with InvalidModificationError."
            if (lastTransactionId == null || !lastTransactionId.equals(newParameters.transactionId())) {
                throw new InvalidModificationException("the transactionId is not the one getParameters returned last");
            }
            if (!current.codecs().equals(newParameters.codecs()) || !current.headerExtensions().equals(newParameters.headerExtensions())
                    || !current.rtcp().equals(newParameters.rtcp()) || !Objects.equals(current.mid(), newParameters.mid())) {
                throw new InvalidModificationException("codecs, header extensions, rtcp and mid cannot be changed");
            }
            if (newParameters.encodings().size() != current.encodings().size()) {
                throw new InvalidModificationException("the number of encodings cannot be changed");
            }
            RTCRtpEncodingParameters was = current.encodings().get(0);
            RTCRtpEncodingParameters wanted = newParameters.encodings().get(0);
            if (!Objects.equals(was.ssrc(), wanted.ssrc()) || !Objects.equals(was.rtx(), wanted.rtx())
                    || !Objects.equals(was.rid(), wanted.rid())) {
                throw new InvalidModificationException("an encoding's ssrc, rtx and rid cannot be changed");
            }
            lastTransactionId = null;
            parameters = newParameters.withTransactionId(null);
            apply(wanted);
            return null;
        });
    }

    /**
     * Sends another track from the next frame on (W3C §5.2 {@code replaceTrack}), without
     * renegotiation; {@code null} stops sending media but keeps the stream.
     *
     * @throws IllegalArgumentException if the track is of the other kind (W3C: TypeError)
     * @throws InvalidStateException if the sender is stopped
     */
    public CompletableFuture<Void> replaceTrack(MediaStreamTrack newTrack) {
        if (newTrack != null && !newTrack.kind().value().equals(kind)) {
            throw new IllegalArgumentException("a " + kind + " sender cannot send a " + newTrack.kind().value() + " track");
        }
        if (stopped) {
            throw new InvalidStateException("the RTCRtpSender is stopped");
        }
        return LoopCalls.call(loop, () -> {
            track = newTrack;
            if (pump != null && transport.state() == RTCDtlsTransportState.CONNECTED) {
                pump.start(newTrack);
            }
            return null;
        });
    }

    /**
     * Statistics of what this sender sends (W3C §5.2 {@code getStats}): outbound-rtp,
     * remote-inbound-rtp (from the peer's receiver reports), codec and media-source entries.
     */
    public CompletableFuture<RTCStatsReport> getStats() {
        return LoopCalls.call(loop, () -> stream == null || stopped
                ? new RTCStatsReport(List.of())
                : RtpStats.forSender(session, stream, streamSender, pump, track));
    }

    /** The SSRC sent, once {@link #send} has set it up. */
    public Optional<Integer> ssrc() {
        RTCRtpSendParameters current = parameters;
        return current == null ? Optional.empty() : Optional.ofNullable(current.encodings().get(0).ssrc());
    }

    /**
     * Stops sending for good (ORTC §6.3 {@code stop}): the stream is unbound (its reports end
     * with an RTCP BYE), the encoder closed; the track is left running. Idempotent.
     */
    public void stop() {
        stopped = true;
        LoopCalls.run(loop, () -> {
            if (pump != null) {
                pump.stop();
            }
            closeQuietly(rtcpListener);
            closeQuietly(dtlsListener);
            rtcpListener = null;
            dtlsListener = null;
            if (stream != null) {
                session.unbindLocalStream(stream);
            }
            streamSender = null;
        });
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable != null) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // Listener handles only remove themselves.
            }
        }
    }

    @Override
    public String toString() {
        return "RTCRtpSender[" + kind + ", " + (stopped ? "stopped" : parameters == null ? "new" : "sending") + "]";
    }
}
