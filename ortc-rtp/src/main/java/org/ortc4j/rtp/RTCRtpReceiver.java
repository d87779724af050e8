package org.ortc4j.rtp;

import java.security.SecureRandom;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.ortc4j.dtls.RTCDtlsTransport;
import org.ortc4j.dtls.RTCDtlsTransportState;
import org.ortc4j.ice.InvalidStateException;
import org.ortc4j.ice.RTCStatsReport;
import org.ortc4j.ice.net.Scheduler;
import org.ortc4j.media.MediaKind;
import org.ortc4j.media.MediaStreamTrack;
import org.ortc4j.rtp.internal.LoopCalls;
import org.ortc4j.rtp.internal.RtpStats;
import org.ortc4j.rtp.internal.SharedMediaCodecs;
import org.ortc4j.rtp.internal.SupportedCodecs;
import org.ortc4j.rtp.internal.receiver.ReceiverStreams;
import org.ortc4j.rtp.internal.receiver.RemoteTrack;
import org.ortc4j.rtp.internal.session.RtpSession;

/**
 * Receives one RTP stream from a DTLS transport into a track (ORTC §7 {@code RTCRtpReceiver};
 * aiortc {@code RTCRtpReceiver}): packets are demultiplexed by SSRC, or by MID and RID when the
 * SSRC is not signalled; a jitter buffer reorders them, asks for retransmissions (through the
 * session's NACK interceptor) and for key frames when a frame cannot be completed, assembles
 * frames and hands them to the track, decoded through the ortc-media codec SPI or, for forwarding
 * and recording, still encoded.
 *
 * <pre>{@code
 * RTCRtpReceiver receiver = new RTCRtpReceiver("video", dtlsTransport);
 * receiver.receive(RTCRtpReceiveParameters.of(parameters, "1", List.of()));
 * MediaFrame frame = receiver.track().recv().get(5, TimeUnit.SECONDS);
 * }</pre>
 *
 * <p>Thread-safe; the work happens on the transport's loop and on shared media threads.
 */
public final class RTCRtpReceiver {

    private static final SecureRandom RANDOM = new SecureRandom();
    /** Frames waiting for a slow consumer before the oldest is dropped: ~1 s of audio or video. */
    private static final int TRACK_CAPACITY = 50;

    private final String kind;
    // Change together when the receiver moves to another transport (setTransport).
    private volatile RTCDtlsTransport transport;
    private volatile RtpSession session;
    private volatile Scheduler loop;
    private final boolean decode;
    private final RemoteTrack track;
    private volatile boolean stopped;
    private volatile RTCRtpReceiveParameters parameters;
    // Loop-confined.
    private ReceiverStreams streams;
    private AutoCloseable dtlsListener;

    /**
     * A receiver whose track gives decoded frames.
     *
     * @throws IllegalArgumentException unless kind is audio or video
     */
    public RTCRtpReceiver(String kind, RTCDtlsTransport transport) {
        this(kind, transport, true);
    }

    /**
     * A receiver whose track gives decoded frames, or, with {@code decode} false, the encoded
     * frames as they arrived (for forwarding and recording without a codec, like aiortc's
     * relays).
     *
     * @throws IllegalArgumentException unless kind is audio or video
     */
    public RTCRtpReceiver(String kind, RTCDtlsTransport transport, boolean decode) {
        this.kind = RTCRtpSender.checkKind(kind);
        this.transport = Objects.requireNonNull(transport, "transport");
        this.session = RtpSession.of(transport);
        this.loop = session.scheduler();
        this.decode = decode;
        this.track = new RemoteTrack(MediaKind.valueOf(kind.toUpperCase(java.util.Locale.ROOT)), TRACK_CAPACITY);
    }

    /**
     * What ortc4j can receive for a kind (W3C WebRTC §5.3 {@code getCapabilities}).
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

    /** The track the received media comes out of (W3C {@code track}); ends when the receiver stops. */
    public MediaStreamTrack track() {
        return track;
    }

    /** The transport the packets come from (W3C {@code transport}). */
    public RTCDtlsTransport transport() {
        return transport;
    }

    /** Whether the track gives decoded frames rather than encoded ones. */
    public boolean decodes() {
        return decode;
    }

    /**
     * Starts receiving (ORTC §7.3 {@code receive}): the codecs ortc4j can depacketize, the stream
     * of the first encoding (by its SSRC, or by MID/RID/payload type when it has none, or when
     * there is no encoding).
     *
     * @return completes when the stream is set up
     * @throws IllegalArgumentException if no codec can be received, a codec is of the other kind,
     *     or more than one encoding is given (simulcast reception is not supported)
     * @throws InvalidStateException if the receiver is stopped or already receiving
     */
    public CompletableFuture<Void> receive(RTCRtpReceiveParameters receiveParameters) {
        Objects.requireNonNull(receiveParameters, "parameters");
        if (stopped) {
            throw new InvalidStateException("the RTCRtpReceiver is stopped");
        }
        RtpSession preparedFor = session;
        // Made here so that bad parameters throw at once; made again if the receiver moved meanwhile.
        ReceiverStreams prepared = new ReceiverStreams(preparedFor, kind, receiveParameters, track, decode, SharedMediaCodecs.get(),
                feedbackSsrc());
        return LoopCalls.call(loop, () -> {
            if (stopped) {
                throw new InvalidStateException("the RTCRtpReceiver is stopped");
            }
            if (parameters != null) {
                throw new InvalidStateException("the RTCRtpReceiver is already receiving");
            }
            parameters = receiveParameters;
            startStreams(preparedFor == session ? prepared : null);
            return null;
        });
    }

    /** On the loop: binds the stream in the current transport's session; stops with the transport. */
    private void startStreams(ReceiverStreams prepared) {
        streams = prepared != null ? prepared
                : new ReceiverStreams(session, kind, parameters, track, decode, SharedMediaCodecs.get(), feedbackSsrc());
        streams.start();
        RTCDtlsTransport current = transport;
        dtlsListener = current.onStateChange(state -> {
            if (transport == current && (state == RTCDtlsTransportState.CLOSED || state == RTCDtlsTransportState.FAILED)) {
                stop();
            }
        });
    }

    /**
     * Moves the receiver to another transport (W3C §4.4.1.6 "set the RTCSessionDescription" sets
     * {@code receiver.[[ReceiverTransport]]} to the transport of its section, e.g. when BUNDLE is
     * accepted or refused; aiortc's {@code setTransport}). A receiving stream is unbound from the
     * old transport's session and bound in the new one's with the same parameters; the track goes
     * on (a video stream restarts at the next key frame, which the receiver asks for). Nothing
     * happens if {@code newTransport} is the current one.
     *
     * @return completes when the receiver listens on the new transport
     * @throws InvalidStateException if the receiver is stopped
     */
    public CompletableFuture<Void> setTransport(RTCDtlsTransport newTransport) {
        Objects.requireNonNull(newTransport, "transport");
        if (stopped) {
            throw new InvalidStateException("the RTCRtpReceiver is stopped");
        }
        RtpSession newSession = RtpSession.of(newTransport);
        return LoopCalls.call(loop, () -> {
            if (stopped || transport == newTransport) {
                return false;
            }
            boolean receiving = streams != null;
            if (streams != null) {
                streams.stop();
                streams = null;
            }
            closeQuietly(dtlsListener);
            dtlsListener = null;
            transport = newTransport;
            session = newSession;
            loop = newSession.scheduler();
            return receiving;
        }).thenCompose(receiving -> LoopCalls.call(loop, () -> {
            if (receiving && !stopped && streams == null) {
                startStreams(null);
            }
            return null;
        }));
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

    private static int feedbackSsrc() {
        int ssrc;
        do {
            ssrc = RANDOM.nextInt();
        } while (ssrc == 0);
        return ssrc;
    }

    /** The parameters being received (W3C {@code getParameters}); {@code null} before {@link #receive}. */
    public RTCRtpReceiveParameters getParameters() {
        return parameters;
    }

    /**
     * The SSRCs seen in the last 10 seconds, most recent first, with their last packet's time,
     * RTP timestamp and audio level (W3C §5.3 {@code getSynchronizationSources}).
     */
    public List<RTCRtpContributingSource> getSynchronizationSources() {
        ReceiverStreams current = streams;
        return current == null ? List.of() : current.synchronizationSources(now());
    }

    /** The CSRCs seen in the last 10 seconds (W3C §5.3 {@code getContributingSources}). */
    public List<RTCRtpContributingSource> getContributingSources() {
        ReceiverStreams current = streams;
        return current == null ? List.of() : current.contributingSources(now());
    }

    private double now() {
        return session.context().wallClockNanos() / 1e6;
    }

    /**
     * Statistics of what this receiver receives (W3C §5.3 {@code getStats}): inbound-rtp,
     * remote-outbound-rtp (from the peer's sender reports) and codec entries.
     */
    public CompletableFuture<RTCStatsReport> getStats() {
        return LoopCalls.call(loop, () -> {
            ReceiverStreams current = streams;
            return current == null || current.stream() == null
                    ? new RTCStatsReport(List.of())
                    : RtpStats.forReceiver(session, current.stream(), track);
        });
    }

    /** Stops receiving for good (ORTC §7.3 {@code stop}): the stream is unbound and the track ends. Idempotent. */
    public void stop() {
        stopped = true;
        // W3C §5.4 stop the RTCRtpTransceiver: the receiver's track ends at once, not later on the loop.
        track.finish();
        LoopCalls.run(loop, () -> {
            if (streams != null) {
                streams.stop();
            }
            closeQuietly(dtlsListener);
            dtlsListener = null;
        });
    }

    @Override
    public String toString() {
        return "RTCRtpReceiver[" + kind + ", " + (stopped ? "stopped" : parameters == null ? "new" : "receiving") + "]";
    }
}
