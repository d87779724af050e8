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
     * @param feedbackInterval how often feedback is sent; positive
     */
    public record Config(int senderSsrc, Duration feedbackInterval) {

        /** libwebrtc's default periodic feedback interval. */
        public static final Duration DEFAULT_FEEDBACK_INTERVAL = Duration.ofMillis(100);

        /** @throws IllegalArgumentException if the interval is not positive */
        public Config {
            Objects.requireNonNull(feedbackInterval, "feedbackInterval");
            if (feedbackInterval.isNegative() || feedbackInterval.isZero()) {
                throw new IllegalArgumentException("feedbackInterval must be positive");
            }
        }

        /** The defaults with this sender SSRC. */
        public static Config defaults(int senderSsrc) {
            return new Config(senderSsrc, DEFAULT_FEEDBACK_INTERVAL);
        }
    }

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

    private TransportFeedbackInterceptor(Config config, RtpInterceptorContext context) {
        this.config = config;
        this.scheduler = context.scheduler();
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
        startTimer();
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
        }
    }

    @Override
    public void unbindRemoteStream(RtpStreamInfo stream) {
        streams.remove(stream.ssrc());
    }

    private void startTimer() {
        if (timer == null && !closed) {
            timer = scheduler.schedule(this::sendFeedback, config.feedbackInterval().toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private void sendFeedback() {
        timer = null;
        if (closed || streams.isEmpty()) {
            return;
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
        startTimer();
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
