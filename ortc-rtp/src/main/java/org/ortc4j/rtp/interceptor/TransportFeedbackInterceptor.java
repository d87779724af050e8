package org.ortc4j.rtp.interceptor;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.ortc4j.ice.net.Scheduler;
import org.ortc4j.rtp.internal.twcc.PacketArrivals;
import org.ortc4j.rtp.packet.RtpPacket;
import org.ortc4j.rtp.packet.RtpParseException;
import org.ortc4j.rtp.packet.TransportSequenceNumberExtension;
import org.ortc4j.rtp.packet.TransportWideFeedback;

/**
 * Receiver side of transport-wide congestion control
 * (draft-holmer-rmcat-transport-wide-cc-extensions-01 §3; libwebrtc's {@code RemoteEstimatorProxy},
 * pion's TWCC sender interceptor): records when each packet of the received streams that
 * negotiated {@code a=rtcp-fb:* transport-cc} and the transport-wide sequence number extension
 * arrived, and every feedback interval sends {@link TransportWideFeedback} reporting what arrived
 * since the last, with the feedback packet count incrementing from one packet to the next.
 *
 * <p>One per transport: its streams share one sequence number space. RTX packets that pass through
 * a bound stream's input are recorded too.
 */
public final class TransportFeedbackInterceptor implements RtpInterceptor {

    /**
     * Configuration.
     *
     * @param senderSsrc the SSRC the feedback is sent from
     * @param feedbackInterval how often feedback is sent; positive. With {@code adaptToBitrate},
     *     the interval until the received bitrate is known
     * @param adaptToBitrate whether the interval follows the received bitrate as libwebrtc's
     *     ({@link #MIN_ADAPTIVE_INTERVAL} to {@link #MAX_ADAPTIVE_INTERVAL})
     */
    public record Config(int senderSsrc, Duration feedbackInterval, boolean adaptToBitrate) {

        /** libwebrtc's default periodic feedback interval. */
        public static final Duration DEFAULT_FEEDBACK_INTERVAL = Duration.ofMillis(100);
        /** libwebrtc's shortest interval (RemoteEstimatorProxy's min_interval). */
        public static final Duration MIN_ADAPTIVE_INTERVAL = Duration.ofMillis(50);
        /** libwebrtc's longest interval (RemoteEstimatorProxy's max_interval). */
        public static final Duration MAX_ADAPTIVE_INTERVAL = Duration.ofMillis(250);

        /** @throws IllegalArgumentException if the interval is not positive */
        public Config {
            Objects.requireNonNull(feedbackInterval, "feedbackInterval");
            if (feedbackInterval.isNegative() || feedbackInterval.isZero()) {
                throw new IllegalArgumentException("feedbackInterval must be positive");
            }
        }

        /** A fixed interval. */
        public Config(int senderSsrc, Duration feedbackInterval) {
            this(senderSsrc, feedbackInterval, false);
        }

        /** The defaults with this sender SSRC: a fixed interval of {@link #DEFAULT_FEEDBACK_INTERVAL}. */
        public static Config defaults(int senderSsrc) {
            return new Config(senderSsrc, DEFAULT_FEEDBACK_INTERVAL);
        }

        /**
         * libwebrtc's interval with this sender SSRC: {@link #DEFAULT_FEEDBACK_INTERVAL} at first,
         * then what lets feedback take 5 % of the received bitrate, within 50 to 250 ms.
         */
        public static Config adaptive(int senderSsrc) {
            return new Config(senderSsrc, DEFAULT_FEEDBACK_INTERVAL, true);
        }
    }

    /**
     * libwebrtc's estimate of one feedback packet on the wire, in bits: IPv4 (20 bytes), UDP (8),
     * SRTP (10) and an average transport-wide feedback packet (30).
     */
    private static final long FEEDBACK_BITS = 8 * (20 + 8 + 10 + 30);
    /** libwebrtc's share of the bitrate that feedback may take: 5 %, as 1 / 20. */
    private static final long BITRATE_FRACTION_DIVISOR = 20;

    /**
     * What the interceptor did for its transport.
     *
     * @param packetsRecorded arrivals recorded
     * @param packetsIgnored arrivals ignored: duplicates, too late, or a malformed extension
     * @param feedbackPacketsSent transport-wide feedback packets sent
     */
    public record Counters(long packetsRecorded, long packetsIgnored, long feedbackPacketsSent) {
    }

    private final Config config;
    private final Scheduler scheduler;
    private final PacketArrivals arrivals = new PacketArrivals();
    private final Set<Integer> streams = new HashSet<>();
    private RtcpOutput rtcpOutput;
    private Scheduler.Cancellable timer;
    private boolean closed;
    private int mediaSsrc;
    private int feedbackCount;
    private long recorded;
    private long malformed;
    private long feedbackSent;
    // Bytes of the packets recorded since windowStartNanos (when the running timer was set): the
    // received bitrate the adaptive interval follows.
    private long windowBytes;
    private long windowStartNanos;
    private long intervalNanos;

    private TransportFeedbackInterceptor(Config config, RtpInterceptorContext context) {
        this.config = config;
        this.scheduler = context.scheduler();
        this.intervalNanos = config.feedbackInterval().toNanos();
    }

    /** A factory of feedback senders with this configuration. */
    public static RtpInterceptorFactory factory(Config config) {
        Objects.requireNonNull(config, "config");
        return context -> new TransportFeedbackInterceptor(config, context);
    }

    /** A factory of feedback senders with the defaults and a random sender SSRC. */
    public static RtpInterceptorFactory factory() {
        return factory(Config.defaults(ThreadLocalRandom.current().nextInt()));
    }

    @Override
    public RtcpOutput bindRtcpOutput(RtcpOutput next) {
        rtcpOutput = next;
        return next;
    }

    @Override
    public RtpInput bindRemoteStream(RtpStreamInfo stream, RtpInput next) {
        int id = stream.headerExtensions().id(TransportSequenceNumberExtension.URI);
        // Feedback only where the peer asked for it: "a=rtcp-fb:* transport-cc" (RFC 4585 §4.2)
        // and the extension's extmap (RFC 8285 §5) were both negotiated.
        if (closed || id == 0 || !stream.hasFeedback("transport-cc", null)) {
            return next;
        }
        streams.add(stream.ssrc());
        return (packet, arrivalNanos) -> {
            if (streams.contains(stream.ssrc())) {
                observe(packet, id, arrivalNanos);
            }
            next.receive(packet, arrivalNanos);
        };
    }

    private void observe(RtpPacket packet, int id, long arrivalNanos) {
        ByteBuffer data = packet.extension(id);
        if (data == null) {
            return;
        }
        int seq;
        try {
            seq = TransportSequenceNumberExtension.readSequenceNumber(data);
        } catch (RtpParseException e) {
            malformed++;
            return;
        }
        if (arrivals.record(seq, arrivalNanos)) {
            recorded++;
            // As libwebrtc: the feedback names the media source of the latest packet.
            mediaSsrc = packet.ssrc();
            if (timer == null) {
                // The bitrate's window opens with the first packet the coming feedback reports.
                windowStartNanos = scheduler.nanoTime();
                windowBytes = 0;
            }
            windowBytes += packet.size();
            // The timer runs only while there is something to report: none for a stream that
            // stopped or a transport that receives nothing (libwebrtc sends no feedback then).
            startTimer();
        }
    }

    @Override
    public void unbindRemoteStream(RtpStreamInfo stream) {
        streams.remove(stream.ssrc());
    }

    private void startTimer() {
        if (timer == null && !closed) {
            timer = scheduler.schedule(this::sendFeedback, intervalNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void sendFeedback() {
        timer = null;
        if (closed || streams.isEmpty()) {
            return;
        }
        if (config.adaptToBitrate()) {
            adaptInterval();
        }
        if (rtcpOutput != null) {
            List<TransportWideFeedback> feedback = arrivals.takeFeedback(config.senderSsrc(), mediaSsrc, feedbackCount,
                    scheduler.nanoTime());
            for (TransportWideFeedback packet : feedback) {
                // §3.1: the 8-bit feedback packet count goes up by one per feedback packet sent, so
                // that the sender can tell a lost feedback packet.
                feedbackCount = (feedbackCount + 1) & 0xFF;
                feedbackSent++;
                rtcpOutput.write(List.of(packet));
            }
        }
    }

    /**
     * libwebrtc's {@code RemoteEstimatorProxy::OnBitrateChanged}: the interval at which one
     * feedback packet takes 5 % of the bitrate, clamped to 50–250 ms; here the bitrate is what
     * arrived since the last feedback (an audio stream of ~50 kbit/s gets feedback every ~220 ms,
     * a video stream of 1 Mbit/s every 50 ms).
     */
    private void adaptInterval() {
        long now = scheduler.nanoTime();
        long elapsed = now - windowStartNanos;
        long min = Config.MIN_ADAPTIVE_INTERVAL.toNanos();
        long max = Config.MAX_ADAPTIVE_INTERVAL.toNanos();
        if (elapsed > 0) {
            // FEEDBACK_BITS / (bitrate / 20) with bitrate = 8 * windowBytes / elapsed.
            double bitsPerSecond = 8.0 * windowBytes * 1e9 / elapsed;
            double nanos = bitsPerSecond <= 0 ? max : FEEDBACK_BITS * BITRATE_FRACTION_DIVISOR * 1e9 / bitsPerSecond;
            intervalNanos = (long) Math.max(min, Math.min(max, nanos));
        }
    }

    /** The counters of this transport's feedback. */
    public Counters counters() {
        return new Counters(recorded, arrivals.ignored() + malformed, feedbackSent);
    }

    @Override
    public void close() {
        closed = true;
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
        streams.clear();
    }
}
