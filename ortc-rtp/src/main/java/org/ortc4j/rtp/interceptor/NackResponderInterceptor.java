package org.ortc4j.rtp.interceptor;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ThreadLocalRandom;
import org.ortc4j.ice.net.Scheduler;
import org.ortc4j.rtp.internal.nack.SendHistory;
import org.ortc4j.rtp.packet.GenericNack;
import org.ortc4j.rtp.packet.RtcpPacket;
import org.ortc4j.rtp.packet.RtpPacket;
import org.ortc4j.rtp.payload.RtxPayload;

/**
 * Sender-side NACK (RFC 4585 §6.2.1) with RTX (RFC 4588), pion's NACK responder: keeps copies of
 * the last packets of each sent stream whose codecs negotiated {@code a=rtcp-fb:* nack}, and when
 * a Generic NACK for the stream arrives, sends again each packet it still has — as an RTX packet
 * on the stream's RTX SSRC when the stream has RTX for the packet's payload type, else as the
 * original packet.
 *
 * <p>A packet is resent at most once per minimum interval, so that duplicate NACKs for one loss
 * (a receiver's compound and reduced-size copies, two NACKs crossing) cost one resend.
 * Retransmissions go to the output the stream was bound with, so interceptors after this one
 * (transport-wide sequence numbers, pacing) see them too. Answers {@link #counters(int)} for the
 * sender's statistics.
 */
public final class NackResponderInterceptor implements RtpInterceptor {

    /**
     * Configuration.
     *
     * @param historySize how many packets per stream are kept, 1 to 32768
     * @param minResendInterval how long after resending a packet a new NACK for it is ignored
     */
    public record Config(int historySize, Duration minResendInterval) {

        /** pion's default send buffer: 1,024 packets, about a second of 8 Mbit/s video. */
        public static final int DEFAULT_HISTORY_SIZE = 1024;
        /**
         * 10 ms: a resend cannot be lost and asked for again sooner than one round trip after it
         * went out, and our generator waits at least 20 ms before asking again; so a second NACK
         * within 10 ms is the same loss reported twice, never a new one, on any real path.
         */
        public static final Duration DEFAULT_MIN_RESEND_INTERVAL = Duration.ofMillis(10);

        /**
         * @throws IllegalArgumentException if historySize is outside 1..32768 or the interval negative
         */
        public Config {
            Objects.requireNonNull(minResendInterval, "minResendInterval");
            if (historySize < 1 || historySize > 32768) {
                throw new IllegalArgumentException("historySize must be 1 to 32768, not " + historySize);
            }
            if (minResendInterval.isNegative()) {
                throw new IllegalArgumentException("minResendInterval must not be negative");
            }
        }

        /** The defaults. */
        public static Config defaults() {
            return new Config(DEFAULT_HISTORY_SIZE, DEFAULT_MIN_RESEND_INTERVAL);
        }
    }

    /**
     * What the responder did for one sent stream.
     *
     * @param ssrc the stream's SSRC
     * @param nackCount Generic NACKs received for it (W3C {@code RTCOutboundRtpStreamStats.nackCount})
     * @param retransmittedPacketsSent packets resent (W3C {@code retransmittedPacketsSent})
     * @param retransmittedBytesSent payload bytes of the original packets resent, without RTP
     *     headers, padding or the RTX OSN (W3C {@code retransmittedBytesSent})
     * @param packetsNotInHistory sequence numbers asked for that were no longer kept
     */
    public record Counters(int ssrc, long nackCount, long retransmittedPacketsSent, long retransmittedBytesSent,
            long packetsNotInHistory) {
    }

    /** One sent stream's history, RTX state and counters. */
    private static final class Stream {
        final RtpStreamInfo info;
        final RtpOutput output;
        final SendHistory history;
        int rtxSequenceNumber;
        long nackCount;
        long retransmittedPackets;
        long retransmittedBytes;
        long notInHistory;

        Stream(RtpStreamInfo info, RtpOutput output, int historySize) {
            this.info = info;
            this.output = output;
            this.history = new SendHistory(historySize);
            // RFC 3550 §5.1: "The initial value of the sequence number SHOULD be random"; the RTX
            // stream is an RTP stream of its own (RFC 4588 §4, SSRC-multiplexing).
            this.rtxSequenceNumber = ThreadLocalRandom.current().nextInt(0x10000);
        }
    }

    private final Config config;
    private final Scheduler scheduler;
    private final Map<Integer, Stream> streams = new HashMap<>();

    private NackResponderInterceptor(Config config, RtpInterceptorContext context) {
        this.config = config;
        this.scheduler = context.scheduler();
    }

    /** A factory of responders with this configuration. */
    public static RtpInterceptorFactory factory(Config config) {
        Objects.requireNonNull(config, "config");
        return context -> new NackResponderInterceptor(config, context);
    }

    /** A factory of responders with the defaults. */
    public static RtpInterceptorFactory factory() {
        return factory(Config.defaults());
    }

    @Override
    public RtpOutput bindLocalStream(RtpStreamInfo info, RtpOutput next) {
        if (!info.hasFeedback("nack", null)) {
            return next;
        }
        Stream stream = new Stream(info, next, config.historySize());
        streams.put(info.ssrc(), stream);
        return packet -> {
            if (packet.ssrc() == info.ssrc()) {
                // The caller's buffer is its own after this call: keep a copy.
                stream.history.add(packet.toBuilder().build());
            }
            next.write(packet);
        };
    }

    @Override
    public void unbindLocalStream(RtpStreamInfo info) {
        streams.remove(info.ssrc());
    }

    @Override
    public RtcpInput bindRtcpInput(RtcpInput next) {
        return (packets, arrivalNanos) -> {
            for (RtcpPacket packet : packets) {
                if (packet instanceof GenericNack nack) {
                    answer(nack);
                }
            }
            next.receive(packets, arrivalNanos);
        };
    }

    private void answer(GenericNack nack) {
        Stream stream = streams.get(nack.mediaSsrc());
        if (stream == null) {
            return;
        }
        stream.nackCount++;
        long now = scheduler.nanoTime();
        long minInterval = config.minResendInterval().toNanos();
        for (int seq : nack.lostPackets()) {
            SendHistory.Entry entry = stream.history.get(seq);
            if (entry == null) {
                stream.notInHistory++;
                continue;
            }
            if (entry.resentWithin(now, minInterval)) {
                continue;
            }
            entry.markResent(now);
            RtpPacket original = entry.packet();
            stream.retransmittedPackets++;
            stream.retransmittedBytes += original.payloadLength();
            stream.output.write(retransmission(stream, original));
        }
    }

    private static RtpPacket retransmission(Stream stream, RtpPacket original) {
        Integer rtxSsrc = stream.info.rtxSsrc();
        OptionalInt rtxPayloadType = stream.info.rtxPayloadType(original.payloadType());
        if (rtxSsrc == null || rtxPayloadType.isEmpty()) {
            // RFC 4585 §6.2.1 alone: the lost packet is sent again as it was.
            return original;
        }
        int seq = stream.rtxSequenceNumber;
        stream.rtxSequenceNumber = (seq + 1) & 0xFFFF;
        // RFC 4588 §4: the RTX packet keeps the original's timestamp (and marker, CSRCs and header
        // extensions), has the RTX payload type whose apt is the original's, the RTX stream's SSRC
        // and its own next sequence number; its payload is the OSN followed by the original payload.
        return original.toBuilder()
                .payloadType(rtxPayloadType.getAsInt())
                .ssrc(rtxSsrc)
                .sequenceNumber(seq)
                .paddingLength(0)
                .payload(RtxPayload.build(original.sequenceNumber(), original.payload()))
                .build();
    }

    /** The counters of a sent stream this responder serves, if it serves it. */
    public Optional<Counters> counters(int ssrc) {
        Stream stream = streams.get(ssrc);
        return stream == null ? Optional.empty()
                : Optional.of(new Counters(ssrc, stream.nackCount, stream.retransmittedPackets,
                        stream.retransmittedBytes, stream.notInHistory));
    }

    @Override
    public void close() {
        streams.clear();
    }
}
