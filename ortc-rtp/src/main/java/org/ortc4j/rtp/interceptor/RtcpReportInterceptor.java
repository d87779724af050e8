package org.ortc4j.rtp.interceptor;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.ortc4j.ice.net.Scheduler;
import org.ortc4j.rtp.internal.report.NtpTime;
import org.ortc4j.rtp.internal.report.ReceptionStatistics;
import org.ortc4j.rtp.packet.Bye;
import org.ortc4j.rtp.packet.DlrrBlock;
import org.ortc4j.rtp.packet.ExtendedReport;
import org.ortc4j.rtp.packet.FullIntraRequest;
import org.ortc4j.rtp.packet.GenericNack;
import org.ortc4j.rtp.packet.PictureLossIndication;
import org.ortc4j.rtp.packet.ReceiverReferenceTimeBlock;
import org.ortc4j.rtp.packet.ReceiverReport;
import org.ortc4j.rtp.packet.XrBlock;
import org.ortc4j.rtp.packet.ReportBlock;
import org.ortc4j.rtp.packet.RtcpPacket;
import org.ortc4j.rtp.packet.RtpPacket;
import org.ortc4j.rtp.packet.SdesChunk;
import org.ortc4j.rtp.packet.SdesItem;
import org.ortc4j.rtp.packet.SenderReport;
import org.ortc4j.rtp.packet.SourceDescription;

/**
 * RTCP sender and receiver reports (RFC 3550 §6) and the RTP statistics behind them, as libwebrtc's
 * RTCPSender/RTCPReceiver do for Chromium: counts what each local stream sends and each remote
 * stream receives, sends a compound report on a randomized timer, reads the reports the remote side
 * sends, and answers {@link #outbound}, {@link #inbound}, {@link #remoteInbound} and
 * {@link #remoteOutbound} with W3C webrtc-stats values.
 *
 * <p>Bind it last in the chain, nearest the wire: then its outputs see the RTX packets and the
 * feedback other interceptors send, and its inputs see what arrives before anything repairs it.
 *
 * <pre>{@code
 * RtpInterceptorChain chain = RtpInterceptorChain.create(
 *         List.of(nack, rtx, RtcpReportInterceptor.factory()), context);   // reports last
 * RtcpReportInterceptor reports = (RtcpReportInterceptor) chain.interceptors().get(2);
 * reports.remoteInbound(ssrc).flatMap(r -> ...r.roundTripTime()...);
 * }</pre>
 *
 * <p>What it sends per interval: an SR for each local stream that sent since the last report (the
 * first carries up to 31 report blocks) or else an RR from {@link RtcpReportConfig#senderSsrc()};
 * extra RRs for more than 31 remote streams; SDES CNAME; and XR (RRTR when configured, DLRR
 * answering received RRTRs). Remote streams get a block only if they received since the last
 * report. Not done: report blocks about remote RTX SSRCs (libwebrtc sends them), RFC 3550 §6.3's
 * bandwidth-scaled interval (libwebrtc's fixed T instead), splitting a compound larger than the MTU.
 *
 * <p>Every method runs on the transport's loop; the query methods too.
 */
public final class RtcpReportInterceptor implements RtpInterceptor {

    /** RFC 3550 §6.4.1: the 5-bit RC field: at most 31 report blocks per SR or RR. */
    static final int MAX_BLOCKS_PER_REPORT = 31;
    /** RFC 3550 §6.5: the 5-bit SC field: at most 31 chunks per SDES packet. */
    private static final int MAX_CHUNKS_PER_SDES = 31;
    /** How many remote senders' last SRs are remembered (bounded; the oldest is forgotten). */
    static final int MAX_REMOTE_SENDERS = 1024;
    private static final long MASK_32 = 0xFFFF_FFFFL;

    private final RtpInterceptorContext context;
    private final RtcpReportConfig config;
    private final RandomGenerator random;
    private final Map<Integer, LocalStream> localStreams = new LinkedHashMap<>();
    private final Map<Integer, RemoteStream> remoteStreams = new LinkedHashMap<>();
    private final Map<Integer, RemoteSender> remoteSenders = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, RemoteSender> eldest) {
            return size() > MAX_REMOTE_SENDERS;
        }
    };
    /** RRTRs received (RFC 3611 §4.4), by their sender's SSRC, to answer with DLRR; bounded. */
    private final Map<Integer, long[]> receivedReferenceTimes = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, long[]> eldest) {
            return size() > MAX_BLOCKS_PER_REPORT;
        }
    };
    private RtcpOutput output;
    private Scheduler.Cancellable timer;
    private boolean closed;

    /** A report interceptor for one transport, with an unpredictable interval randomization. */
    public RtcpReportInterceptor(RtpInterceptorContext context, RtcpReportConfig config) {
        this(context, config, new SplittableRandom());
    }

    /** As above, randomizing intervals with {@code random} (for reproducible tests). */
    RtcpReportInterceptor(RtpInterceptorContext context, RtcpReportConfig config, RandomGenerator random) {
        this.context = context;
        this.config = config;
        this.random = random;
    }

    /** A factory of report interceptors with this configuration. */
    public static RtpInterceptorFactory factory(RtcpReportConfig config) {
        return context -> new RtcpReportInterceptor(context, config);
    }

    /** A factory of report interceptors with libwebrtc's defaults ({@link RtcpReportConfig#RtcpReportConfig()}). */
    public static RtpInterceptorFactory factory() {
        return factory(new RtcpReportConfig());
    }

    // ------------------------------------------------------------------------------------ binding

    @Override
    public RtcpInput bindRtcpInput(RtcpInput next) {
        return (packets, arrivalNanos) -> {
            onRtcpReceived(packets, arrivalNanos);
            next.receive(packets, arrivalNanos);
        };
    }

    @Override
    public RtcpOutput bindRtcpOutput(RtcpOutput next) {
        this.output = next;
        return packets -> {
            onRtcpSent(packets);
            next.write(packets);
        };
    }

    @Override
    public RtpOutput bindLocalStream(RtpStreamInfo stream, RtpOutput next) {
        LocalStream state = new LocalStream(stream);
        localStreams.put(stream.ssrc(), state);
        return packet -> {
            if (state.bound) {
                onSent(state, packet);
            }
            next.write(packet);
        };
    }

    @Override
    public void unbindLocalStream(RtpStreamInfo stream) {
        LocalStream state = localStreams.remove(stream.ssrc());
        if (state != null) {
            state.bound = false;
        }
        if (state == null || output == null || closed) {
            return;
        }
        // RFC 3550 §6.6: "The BYE packet indicates that one or more sources are no longer active."
        // §6.1: a compound packet starts with a report, here an empty one from the leaving source.
        output.write(List.of(new ReceiverReport(stream.ssrc(), List.of()), new Bye(List.of(stream.ssrc()), Optional.empty())));
    }

    @Override
    public RtpInput bindRemoteStream(RtpStreamInfo stream, RtpInput next) {
        RemoteStream state = new RemoteStream(stream);
        remoteStreams.put(stream.ssrc(), state);
        return (packet, arrivalNanos) -> {
            if (state.bound) {
                onReceived(state, packet, arrivalNanos);
            }
            next.receive(packet, arrivalNanos);
        };
    }

    @Override
    public void unbindRemoteStream(RtpStreamInfo stream) {
        RemoteStream state = remoteStreams.remove(stream.ssrc());
        if (state != null) {
            state.bound = false;
        }
    }

    @Override
    public void close() {
        closed = true;
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
        localStreams.values().forEach(s -> s.bound = false);
        remoteStreams.values().forEach(s -> s.bound = false);
        localStreams.clear();
        remoteStreams.clear();
        remoteSenders.clear();
    }

    // ------------------------------------------------------------------------------------ queries

    /** What we sent on the local stream with this media SSRC, if it is bound. */
    public Optional<OutboundRtpCounters> outbound(int ssrc) {
        LocalStream s = localStreams.get(ssrc);
        if (s == null) {
            return Optional.empty();
        }
        return Optional.of(new OutboundRtpCounters(ssrc, s.totalPackets, s.totalPayloadBytes, s.totalHeaderBytes,
                s.totalPackets == 0 ? OptionalDouble.empty() : OptionalDouble.of(wallNanosAt(s.lastPacketSentNanos) / 1e6),
                s.rtxPackets, s.rtxBytes, s.feedback.nack, s.feedback.fir, s.feedback.pli));
    }

    /** What we received on the remote stream with this media SSRC, if it is bound. */
    public Optional<InboundRtpCounters> inbound(int ssrc) {
        RemoteStream s = remoteStreams.get(ssrc);
        if (s == null) {
            return Optional.empty();
        }
        return Optional.of(new InboundRtpCounters(ssrc, s.totalPackets, s.statistics.cumulativeLost(),
                s.clockRate > 0 ? s.statistics.jitter() / s.clockRate : 0.0, s.totalPayloadBytes, s.totalHeaderBytes,
                s.totalPackets == 0 ? OptionalDouble.empty() : OptionalDouble.of(wallNanosAt(s.lastPacketArrivalNanos) / 1e6),
                s.rtxPackets, s.rtxBytes, s.feedback.nack, s.feedback.fir, s.feedback.pli));
    }

    /** What the remote side reported about our local stream with this SSRC, once a report block arrived. */
    public Optional<RemoteInboundCounters> remoteInbound(int ssrc) {
        LocalStream s = localStreams.get(ssrc);
        if (s == null || s.reportsReceived == 0) {
            return Optional.empty();
        }
        return Optional.of(new RemoteInboundCounters(ssrc, s.remoteLost, s.remoteFractionLost, s.remoteJitter,
                s.roundTripTime, s.totalRoundTripTime, s.roundTripTimeMeasurements, s.reportsReceived,
                s.lastReportWallMillis));
    }

    /** What the remote sender with this SSRC said in its last sender report, once one arrived. */
    public Optional<RemoteOutboundCounters> remoteOutbound(int ssrc) {
        RemoteSender s = remoteSenders.get(ssrc);
        if (s == null) {
            return Optional.empty();
        }
        return Optional.of(new RemoteOutboundCounters(ssrc, s.packetCount, s.octetCount, NtpTime.toUnixMillis(s.ntp),
                s.reports, s.roundTripTime, s.totalRoundTripTime, s.roundTripTimeMeasurements, s.arrivalWallMillis));
    }

    // ------------------------------------------------------------------------------------ RTP

    private void onSent(LocalStream s, RtpPacket packet) {
        long now = context.nanoTime();
        int payload = packet.payloadLength();
        int header = packet.size() - payload;
        if (packet.ssrc() == s.info.ssrc()) {
            // RFC 3550 §6.4.1: "sender's packet count: The total number of RTP data packets
            // transmitted by the sender since starting transmission"; "sender's octet count: ...
            // payload octets (i.e., not including header or padding)".
            s.packets++;
            s.payloadOctets += payload;
            s.lastRtpTimestamp = packet.timestamp();
            s.lastSentNanos = now;
            int rate = s.info.clockRate(packet.payloadType());
            s.lastClockRate = rate > 0 ? rate : s.lastClockRate;
            s.sentSinceReport = true;
        } else if (s.info.rtxSsrc() != null && packet.ssrc() == s.info.rtxSsrc()) {
            // RFC 4588 §4: the RTX payload starts with the 2-byte original sequence number.
            s.rtxPackets++;
            s.rtxBytes += Math.max(0, payload - 2);
        } else {
            return;
        }
        s.totalPackets++;
        s.totalPayloadBytes += payload;
        s.totalHeaderBytes += header;
        // Monotonic, turned into wall-clock time when asked for: no clock read or object per packet.
        s.lastPacketSentNanos = now;
        ensureTimer();
    }

    private void onReceived(RemoteStream s, RtpPacket packet, long arrivalNanos) {
        int payload = packet.payloadLength();
        int header = packet.size() - payload;
        if (packet.ssrc() == s.info.ssrc()) {
            int rate = s.info.clockRate(packet.payloadType());
            // RFC 3550 A.8: "arrival ... in the same units" as the RTP timestamp.
            long arrivalUnits = rate > 0 ? NtpTime.toClockUnits(arrivalNanos, rate) : Long.MIN_VALUE;
            s.statistics.onPacket(packet.sequenceNumber(), packet.timestamp(), arrivalUnits);
            s.receivedSinceReport = true;
        } else if (s.info.rtxSsrc() != null && packet.ssrc() == s.info.rtxSsrc()) {
            // Retransmissions are counted apart: they say nothing about the media stream's loss or jitter.
            s.rtxPackets++;
            s.rtxBytes += Math.max(0, payload - 2);
        } else {
            return;
        }
        s.totalPackets++;
        s.totalPayloadBytes += payload;
        s.totalHeaderBytes += header;
        s.lastPacketArrivalNanos = arrivalNanos;
        ensureTimer();
    }

    // ------------------------------------------------------------------------------------ RTCP in

    private void onRtcpReceived(List<RtcpPacket> packets, long arrivalNanos) {
        if (closed) {
            return;
        }
        long arrivalWallNanos = wallNanosAt(arrivalNanos);
        long arrivalCompact = RtpInterceptorContext.compactNtp(RtpInterceptorContext.toNtp(arrivalWallNanos)) & MASK_32;
        for (RtcpPacket packet : packets) {
            if (packet instanceof SenderReport sr) {
                RemoteSender sender = remoteSenders.computeIfAbsent(sr.ssrc(), ssrc -> new RemoteSender());
                sender.ntp = sr.ntpTimestamp();
                sender.arrivalNanos = arrivalNanos;
                sender.arrivalWallMillis = arrivalWallNanos / 1e6;
                sender.packetCount = sr.packetCount();
                sender.octetCount = sr.octetCount();
                sender.reports++;
                onReportBlocks(sr.reportBlocks(), arrivalCompact, arrivalWallNanos);
            } else if (packet instanceof ReceiverReport rr) {
                onReportBlocks(rr.reportBlocks(), arrivalCompact, arrivalWallNanos);
            } else if (packet instanceof ExtendedReport xr) {
                onExtendedReport(xr, arrivalNanos, arrivalCompact);
            } else if (packet instanceof Bye bye) {
                // RFC 3550 §6.6: the sources are leaving: their last SR no longer makes an LSR.
                for (int ssrc : bye.ssrcs()) {
                    remoteSenders.remove(ssrc);
                    receivedReferenceTimes.remove(ssrc);
                }
            } else {
                countFeedback(packet, ssrc -> {
                    LocalStream s = localStreams.get(ssrc);
                    return s == null ? null : s.feedback;
                });
            }
        }
    }

    private void onExtendedReport(ExtendedReport xr, long arrivalNanos, long arrivalCompact) {
        for (XrBlock block : xr.blocks()) {
            if (block instanceof ReceiverReferenceTimeBlock rrtr) {
                // RFC 3611 §4.5: LRR is "The middle 32 bits of the NTP timestamp received in the
                // most recent Receiver Reference Time Report Block from this receiver".
                receivedReferenceTimes.put(xr.ssrc(),
                        new long[] {RtpInterceptorContext.compactNtp(rrtr.ntpTimestamp()) & MASK_32, arrivalNanos});
            } else if (block instanceof DlrrBlock dlrr) {
                RemoteSender sender = remoteSenders.get(xr.ssrc());
                for (DlrrBlock.SubBlock sub : dlrr.subBlocks()) {
                    if (sub.ssrc() != config.senderSsrc() || sub.lastReceiverReport() == 0 || sender == null) {
                        continue;
                    }
                    // RFC 3611 §4.5: the receiver "can compute the round-trip propagation delay"
                    // as A - LRR - DLRR, as RFC 3550 §6.4.1 does with LSR and DLSR.
                    long rtt = (arrivalCompact - sub.lastReceiverReport() - sub.delaySinceLastReceiverReport()) & MASK_32;
                    if ((int) rtt < 0) {
                        continue;
                    }
                    double seconds = NtpTime.compactToSeconds(rtt);
                    sender.roundTripTime = OptionalDouble.of(seconds);
                    sender.totalRoundTripTime += seconds;
                    sender.roundTripTimeMeasurements++;
                }
            }
        }
    }

    private void onReportBlocks(List<ReportBlock> blocks, long arrivalCompact, long arrivalWallNanos) {
        for (ReportBlock block : blocks) {
            LocalStream s = localStreams.get(block.ssrc());
            if (s == null) {
                continue;
            }
            s.reportsReceived++;
            s.remoteLost = block.cumulativeLost();
            s.remoteFractionLost = block.fractionLost() / 256.0;
            s.remoteJitter = s.lastClockRate > 0 ? (double) block.jitter() / s.lastClockRate : 0.0;
            s.lastReportWallMillis = arrivalWallNanos / 1e6;
            // RFC 3550 §6.4.1: "If no SR has been received yet, the field is set to zero." and
            // the sender "can compute the total round-trip propagation delay to that receiver ...
            // A - LSR - DLSR", all in compact NTP units of 1/65536 s.
            if (block.lastSenderReport() == 0) {
                continue;
            }
            long rtt = (arrivalCompact - block.lastSenderReport() - block.delaySinceLastSenderReport()) & MASK_32;
            if ((int) rtt < 0) {
                continue; // the clocks disagree: arrival before LSR + DLSR; no measurement
            }
            double seconds = NtpTime.compactToSeconds(rtt);
            s.roundTripTime = OptionalDouble.of(seconds);
            s.totalRoundTripTime += seconds;
            s.roundTripTimeMeasurements++;
        }
    }

    // ------------------------------------------------------------------------------------ RTCP out

    private void onRtcpSent(List<RtcpPacket> packets) {
        for (RtcpPacket packet : packets) {
            countFeedback(packet, ssrc -> {
                RemoteStream s = remoteStreams.get(ssrc);
                return s == null ? null : s.feedback;
            });
        }
    }

    /**
     * Counts a NACK, PLI or FIR against the stream it is about (W3C nackCount, pliCount,
     * firCount), in whichever direction it went.
     */
    private static void countFeedback(RtcpPacket packet, java.util.function.IntFunction<FeedbackCounts> streams) {
        if (packet instanceof GenericNack nack) {
            FeedbackCounts counts = streams.apply(nack.mediaSsrc());
            if (counts != null) {
                counts.nack++;
            }
        } else if (packet instanceof PictureLossIndication pli) {
            FeedbackCounts counts = streams.apply(pli.mediaSsrc());
            if (counts != null) {
                counts.pli++;
            }
        } else if (packet instanceof FullIntraRequest fir) {
            // RFC 5104 §4.3.1.2: the media sender's SSRC is in each FCI entry, not in the header.
            for (int ssrc : firTargets(fir)) {
                FeedbackCounts counts = streams.apply(ssrc);
                if (counts != null) {
                    counts.fir++;
                }
            }
        }
    }

    /** NACK, PLI and FIR packets about one stream. */
    private static final class FeedbackCounts {
        long nack;
        long pli;
        long fir;
    }

    private static Set<Integer> firTargets(FullIntraRequest fir) {
        Set<Integer> targets = new HashSet<>();
        for (FullIntraRequest.Entry entry : fir.entries()) {
            targets.add(entry.ssrc());
        }
        return targets;
    }

    // ------------------------------------------------------------------------------------ timer

    private void ensureTimer() {
        if (timer == null && !closed) {
            // RFC 3550 §6.2: "For the first RTCP packet sent, ... the interval ... is halved"
            // (libwebrtc sends its first report after half an interval, too).
            timer = context.scheduler().schedule(this::onTimer, randomized(interval() / 2), TimeUnit.NANOSECONDS);
        }
    }

    private void onTimer() {
        timer = null;
        if (closed || localStreams.isEmpty() && remoteStreams.isEmpty()) {
            return; // the next packet starts the timer again
        }
        sendReport();
        timer = context.scheduler().schedule(this::onTimer, randomized(interval()), TimeUnit.NANOSECONDS);
    }

    /** T: libwebrtc's video interval while any video stream is bound, else its audio interval. */
    private long interval() {
        for (LocalStream s : localStreams.values()) {
            if (s.info.kind().equals("video")) {
                return config.videoInterval().toNanos();
            }
        }
        for (RemoteStream s : remoteStreams.values()) {
            if (s.info.kind().equals("video")) {
                return config.videoInterval().toNanos();
            }
        }
        return config.audioInterval().toNanos();
    }

    /**
     * RFC 3550 §6.3.1: "the resulting value of T is divided by e-3/2=1.21828 ..." is left out, as
     * libwebrtc does; the interval is "a random number uniformly distributed between 0.5 and 1.5
     * times" T, "to avoid unintended synchronization".
     */
    private long randomized(long t) {
        return (long) (t * (0.5 + random.nextDouble()));
    }

    // ------------------------------------------------------------------------------------ reports

    /** Builds and sends one compound report now (the timer calls it; tests may too). */
    void sendReport() {
        if (output == null) {
            return;
        }
        long now = context.nanoTime();
        long ntp = context.ntpTime();
        List<ReportBlock> blocks = new ArrayList<>();
        for (RemoteStream s : remoteStreams.values()) {
            if (s.receivedSinceReport) {
                s.receivedSinceReport = false;
                blocks.add(reportBlock(s, now));
            }
        }
        List<LocalStream> senders = new ArrayList<>();
        for (LocalStream s : localStreams.values()) {
            if (s.sentSinceReport) {
                s.sentSinceReport = false;
                senders.add(s);
            }
        }
        List<RtcpPacket> packets = new ArrayList<>();
        int reporter;
        int taken = Math.min(MAX_BLOCKS_PER_REPORT, blocks.size());
        // RFC 3550 §6.1: "The first RTCP packet in the compound packet MUST always be a report
        // packet"; an SR when we sent since the last report (§6.4), else an RR.
        if (senders.isEmpty()) {
            reporter = config.senderSsrc();
            packets.add(new ReceiverReport(reporter, blocks.subList(0, taken)));
        } else {
            reporter = senders.get(0).info.ssrc();
            packets.add(senderReport(senders.get(0), now, ntp, blocks.subList(0, taken)));
        }
        // RFC 3550 §6.1: "If the number of sources for which received statistics are being
        // reported exceeds 31, ... additional RR packets SHOULD follow the initial report packet."
        for (int from = taken; from < blocks.size(); from += MAX_BLOCKS_PER_REPORT) {
            packets.add(new ReceiverReport(reporter,
                    blocks.subList(from, Math.min(blocks.size(), from + MAX_BLOCKS_PER_REPORT))));
        }
        for (int i = 1; i < senders.size(); i++) {
            packets.add(senderReport(senders.get(i), now, ntp, List.of()));
        }
        packets.addAll(sourceDescriptions(senders.isEmpty() ? List.of() : senders, reporter));
        List<XrBlock> xrBlocks = new ArrayList<>();
        if (senders.isEmpty() && config.receiverReferenceTime()) {
            // RFC 3611 §4.4: "the receiver-end counterpart to the NTP timestamp of the SR".
            xrBlocks.add(new ReceiverReferenceTimeBlock(ntp));
        }
        if (!receivedReferenceTimes.isEmpty()) {
            List<DlrrBlock.SubBlock> subBlocks = new ArrayList<>();
            receivedReferenceTimes.forEach((ssrc, lrr) ->
                    subBlocks.add(new DlrrBlock.SubBlock(ssrc, lrr[0], NtpTime.toCompactDuration(now - lrr[1]))));
            receivedReferenceTimes.clear();
            xrBlocks.add(new DlrrBlock(subBlocks));
        }
        if (!xrBlocks.isEmpty()) {
            packets.add(new ExtendedReport(reporter, xrBlocks));
        }
        output.write(packets);
    }

    private SenderReport senderReport(LocalStream s, long now, long ntp, List<ReportBlock> blocks) {
        // RFC 3550 §6.4.1: the RTP timestamp "corresponds to the same time as the NTP timestamp
        // ... calculated from the corresponding NTP timestamp using the relationship between the
        // RTP timestamp counter and real time": the last packet's plus the time since × the clock.
        long rtp = (s.lastRtpTimestamp + NtpTime.toClockUnits(now - s.lastSentNanos, s.lastClockRate)) & MASK_32;
        return new SenderReport(s.info.ssrc(), ntp, rtp, s.packets & MASK_32, s.payloadOctets & MASK_32, blocks);
    }

    private ReportBlock reportBlock(RemoteStream s, long now) {
        ReceptionStatistics st = s.statistics;
        long lsr = 0;
        long dlsr = 0;
        RemoteSender sender = remoteSenders.get(s.info.ssrc());
        if (sender != null) {
            // RFC 3550 §6.4.1: LSR "The middle 32 bits out of 64 in the NTP timestamp ... received
            // as part of the most recent RTCP sender report (SR) packet from source SSRC_n";
            // DLSR "The delay, expressed in units of 1/65536 seconds, between receiving the last
            // SR packet from source SSRC_n and sending this reception report block."
            lsr = RtpInterceptorContext.compactNtp(sender.ntp) & MASK_32;
            dlsr = NtpTime.toCompactDuration(now - sender.arrivalNanos);
        }
        long jitter = Math.min(MASK_32, Math.round(st.jitter()));
        return new ReportBlock(s.info.ssrc(), st.takeFractionLost(), st.cumulativeLostField(),
                st.extendedHighestSequenceNumber(), jitter, lsr, dlsr);
    }

    /** RFC 3550 §6.1: "Each compound RTCP packet MUST include an SDES CNAME item". */
    private List<RtcpPacket> sourceDescriptions(List<LocalStream> senders, int reporter) {
        List<SdesChunk> chunks = new ArrayList<>();
        if (senders.isEmpty()) {
            String cname = reporterCname();
            if (cname != null) {
                chunks.add(new SdesChunk(reporter, List.of(SdesItem.cname(cname))));
            }
        } else {
            for (LocalStream s : senders) {
                String cname = s.info.rtcp().cname() != null ? s.info.rtcp().cname() : reporterCname();
                if (cname != null) {
                    chunks.add(new SdesChunk(s.info.ssrc(), List.of(SdesItem.cname(cname))));
                }
            }
        }
        List<RtcpPacket> packets = new ArrayList<>();
        for (int from = 0; from < chunks.size(); from += MAX_CHUNKS_PER_SDES) {
            packets.add(new SourceDescription(chunks.subList(from, Math.min(chunks.size(), from + MAX_CHUNKS_PER_SDES))));
        }
        return packets;
    }

    private String reporterCname() {
        if (config.cname() != null) {
            return config.cname();
        }
        for (LocalStream s : localStreams.values()) {
            if (s.info.rtcp().cname() != null) {
                return s.info.rtcp().cname();
            }
        }
        return null;
    }

    /** The stream's media clock rate, or 0 when it has no media codec (then no jitter and no extrapolation). */
    private static int mediaClockRate(RtpStreamInfo info) {
        for (var codec : info.codecs()) {
            if (!RtpStreamInfo.isRtx(codec)) {
                return Math.max(0, codec.clockRate());
            }
        }
        return 0;
    }

    private long wallNanosAt(long monotonicNanos) {
        return context.wallClockNanos() - (context.nanoTime() - monotonicNanos);
    }

    // ------------------------------------------------------------------------------------ state

    /** A stream we send. */
    private static final class LocalStream {
        final RtpStreamInfo info;
        /** Whether this is still the bound state of its SSRC: checked per packet instead of a map lookup. */
        boolean bound = true;
        // Sender info for SRs: the media SSRC's own packets.
        long packets;
        long payloadOctets;
        long lastRtpTimestamp;
        long lastSentNanos;
        int lastClockRate;
        boolean sentSinceReport;
        // W3C outbound-rtp: RTX included.
        long totalPackets;
        long totalPayloadBytes;
        long totalHeaderBytes;
        /** Scheduler time of the last packet sent, media or RTX; meaningful once totalPackets > 0. */
        long lastPacketSentNanos;
        long rtxPackets;
        long rtxBytes;
        final FeedbackCounts feedback = new FeedbackCounts();
        // W3C remote-inbound-rtp: report blocks about this SSRC.
        long reportsReceived;
        long remoteLost;
        double remoteFractionLost;
        double remoteJitter;
        OptionalDouble roundTripTime = OptionalDouble.empty();
        double totalRoundTripTime;
        long roundTripTimeMeasurements;
        double lastReportWallMillis;

        LocalStream(RtpStreamInfo info) {
            this.info = info;
            this.lastClockRate = mediaClockRate(info);
        }
    }

    /** A stream we receive. */
    private static final class RemoteStream {
        final RtpStreamInfo info;
        /** Whether this is still the bound state of its SSRC: checked per packet instead of a map lookup. */
        boolean bound = true;
        final int clockRate;
        final ReceptionStatistics statistics = new ReceptionStatistics();
        boolean receivedSinceReport;
        long totalPackets;
        long totalPayloadBytes;
        long totalHeaderBytes;
        /** Scheduler time of the last packet received, media or RTX; meaningful once totalPackets > 0. */
        long lastPacketArrivalNanos;
        long rtxPackets;
        long rtxBytes;
        final FeedbackCounts feedback = new FeedbackCounts();

        RemoteStream(RtpStreamInfo info) {
            this.info = info;
            this.clockRate = mediaClockRate(info);
        }
    }

    /** The last sender report of a remote SSRC. */
    private static final class RemoteSender {
        long ntp;
        long arrivalNanos;
        double arrivalWallMillis;
        long packetCount;
        long octetCount;
        long reports;
        OptionalDouble roundTripTime = OptionalDouble.empty();
        double totalRoundTripTime;
        long roundTripTimeMeasurements;
    }
}
