package org.ortc4j.rtp.interceptor;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.ortc4j.ice.net.Scheduler;
import org.ortc4j.rtp.internal.nack.MissingPackets;
import org.ortc4j.rtp.packet.GenericNack;
import org.ortc4j.rtp.packet.RtpPacket;
import org.ortc4j.rtp.payload.RtpPayloadException;
import org.ortc4j.rtp.payload.RtxPayload;

/**
 * Receiver-side NACK (RFC 4585 §6.2.1, libwebrtc's {@code NackRequester}, pion's NACK generator):
 * for each received stream whose codecs negotiated {@code a=rtcp-fb:* nack}, finds the sequence
 * numbers that did not arrive and asks the sender for them with Generic NACKs, again after the
 * retry interval while they stay missing, up to a number of times.
 *
 * <p>Every 20 ms it checks the streams and sends, per stream, the sequence numbers due. A packet
 * that arrives late, or as an RTX retransmission on the stream's RTX SSRC (its original sequence
 * number, RFC 4588 §4), is no longer asked for. Missing packets more than 1,000 behind the newest,
 * or missing for longer than the configured age, are forgotten; a jump forward of more than 1,000
 * is a restart.
 *
 * <p>Place it before the receivers' other interceptors in the chain: it passes every packet on
 * unchanged. Answers {@link #counters(int)} for the receiver's statistics.
 */
public final class NackGeneratorInterceptor implements RtpInterceptor {

    /** How often the missing packets are checked: libwebrtc's NACK process interval. */
    static final Duration CHECK_INTERVAL = Duration.ofMillis(20);

    /** At most this many sequence numbers per Generic NACK, to keep each RTCP packet small. */
    static final int MAX_SEQUENCE_NUMBERS_PER_NACK = 64;

    /**
     * Configuration.
     *
     * @param senderSsrc the SSRC the NACKs are sent from (RFC 4585 §6.1 "packet sender")
     * @param retryInterval how long to wait before asking for the same packet again; about one
     *     round-trip time. Never less than the 20 ms check interval in effect
     * @param maxRequests how many times a packet is asked for before it is given up, at least 1
     * @param maxAge how long a packet may stay missing before it is given up
     */
    public record Config(int senderSsrc, Duration retryInterval, int maxRequests, Duration maxAge) {

        /** libwebrtc's default round-trip time before one is measured. */
        public static final Duration DEFAULT_RETRY_INTERVAL = Duration.ofMillis(100);
        /** libwebrtc's {@code kMaxNackRetries}. */
        public static final int DEFAULT_MAX_REQUESTS = 10;
        /** About what a video jitter buffer waits for a frame. */
        public static final Duration DEFAULT_MAX_AGE = Duration.ofSeconds(1);

        /**
         * @throws NullPointerException if a duration is null
         * @throws IllegalArgumentException if maxRequests is below 1 or a duration is not positive
         */
        public Config {
            Objects.requireNonNull(retryInterval, "retryInterval");
            Objects.requireNonNull(maxAge, "maxAge");
            if (maxRequests < 1) {
                throw new IllegalArgumentException("maxRequests must be at least 1, not " + maxRequests);
            }
            if (retryInterval.isNegative() || retryInterval.isZero() || maxAge.isNegative() || maxAge.isZero()) {
                throw new IllegalArgumentException("retryInterval and maxAge must be positive");
            }
        }

        /** The defaults with this sender SSRC. */
        public static Config defaults(int senderSsrc) {
            return new Config(senderSsrc, DEFAULT_RETRY_INTERVAL, DEFAULT_MAX_REQUESTS, DEFAULT_MAX_AGE);
        }
    }

    /**
     * What the generator did for one received stream.
     *
     * @param ssrc the stream's SSRC
     * @param nackPacketsSent Generic NACK packets sent (W3C {@code RTCInboundRtpStreamStats.nackCount})
     * @param sequenceNumbersRequested sequence numbers asked for, each request counted
     * @param sequenceNumbersAbandoned missing packets given up without arriving
     */
    public record Counters(int ssrc, long nackPacketsSent, long sequenceNumbersRequested, long sequenceNumbersAbandoned) {
    }

    /** One received stream's gaps and counters. */
    private static final class Stream {
        final RtpStreamInfo info;
        final MissingPackets missing = new MissingPackets();
        long nackPacketsSent;
        long sequenceNumbersRequested;

        Stream(RtpStreamInfo info) {
            this.info = info;
        }
    }

    private final Config config;
    private final Scheduler scheduler;
    private final Map<Integer, Stream> streams = new LinkedHashMap<>();
    private RtcpOutput rtcpOutput;
    private Scheduler.Cancellable timer;
    private boolean closed;

    private NackGeneratorInterceptor(Config config, RtpInterceptorContext context) {
        this.config = config;
        this.scheduler = context.scheduler();
    }

    /** A factory of generators with this configuration. */
    public static RtpInterceptorFactory factory(Config config) {
        Objects.requireNonNull(config, "config");
        return context -> new NackGeneratorInterceptor(config, context);
    }

    /** A factory of generators with the defaults and a random sender SSRC. */
    public static RtpInterceptorFactory factory() {
        return factory(Config.defaults(ThreadLocalRandom.current().nextInt()));
    }

    @Override
    public RtcpOutput bindRtcpOutput(RtcpOutput next) {
        rtcpOutput = next;
        return next;
    }

    @Override
    public RtpInput bindRemoteStream(RtpStreamInfo info, RtpInput next) {
        // RFC 4585 §4.2: NACKs are sent only where "a=rtcp-fb:... nack" was negotiated.
        if (closed || !info.hasFeedback("nack", null)) {
            return next;
        }
        Stream stream = new Stream(info);
        streams.put(info.ssrc(), stream);
        startTimer();
        return (packet, arrivalNanos) -> {
            observe(stream, packet);
            next.receive(packet, arrivalNanos);
        };
    }

    private void observe(Stream stream, RtpPacket packet) {
        if (streams.get(stream.info.ssrc()) != stream) {
            return;
        }
        if (packet.ssrc() == stream.info.ssrc()) {
            stream.missing.received(packet.sequenceNumber(), scheduler.nanoTime());
        } else if (stream.info.rtxSsrc() != null && packet.ssrc() == stream.info.rtxSsrc()) {
            try {
                // RFC 4588 §4: the RTX payload starts with the original sequence number (OSN).
                stream.missing.recovered(RtxPayload.originalSequenceNumber(packet.payload()));
            } catch (RtpPayloadException e) {
                // Padding-only RTX (a bandwidth probe) carries no OSN: nothing was recovered.
            }
        }
    }

    @Override
    public void unbindRemoteStream(RtpStreamInfo info) {
        streams.remove(info.ssrc());
    }

    /** The counters of a received stream this generator serves, if it serves it. */
    public Optional<Counters> counters(int ssrc) {
        Stream stream = streams.get(ssrc);
        return stream == null ? Optional.empty()
                : Optional.of(new Counters(ssrc, stream.nackPacketsSent, stream.sequenceNumbersRequested,
                        stream.missing.abandoned()));
    }

    private void startTimer() {
        if (timer == null && !closed) {
            timer = scheduler.schedule(this::check, CHECK_INTERVAL.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private void check() {
        timer = null;
        if (closed || streams.isEmpty()) {
            return;
        }
        long now = scheduler.nanoTime();
        long retry = Math.max(config.retryInterval().toNanos(), CHECK_INTERVAL.toNanos());
        for (Stream stream : List.copyOf(streams.values())) {
            if (rtcpOutput == null) {
                break;
            }
            int[] due = stream.missing.due(now, retry, config.maxRequests(), config.maxAge().toNanos());
            for (int from = 0; from < due.length; from += MAX_SEQUENCE_NUMBERS_PER_NACK) {
                int[] part = Arrays.copyOfRange(due, from, Math.min(due.length, from + MAX_SEQUENCE_NUMBERS_PER_NACK));
                // RFC 4585 §6.2.1: the Generic NACK names the media source whose packets were lost.
                GenericNack nack = new GenericNack(config.senderSsrc(), stream.info.ssrc(), part);
                stream.nackPacketsSent++;
                stream.sequenceNumbersRequested += part.length;
                rtcpOutput.write(List.of(nack));
            }
        }
        startTimer();
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
