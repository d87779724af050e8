package org.ortc4j.rtp.interceptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.ortc4j.ice.net.VirtualScheduler;
import org.ortc4j.rtp.RTCRtcpParameters;
import org.ortc4j.rtp.RTCRtpCodecParameters;
import org.ortc4j.rtp.packet.Bye;
import org.ortc4j.rtp.packet.DlrrBlock;
import org.ortc4j.rtp.packet.ExtendedReport;
import org.ortc4j.rtp.packet.ReceiverReferenceTimeBlock;
import org.ortc4j.rtp.packet.ReceiverReport;
import org.ortc4j.rtp.packet.ReportBlock;
import org.ortc4j.rtp.packet.RtcpCompoundPacket;
import org.ortc4j.rtp.packet.RtcpPacket;
import org.ortc4j.rtp.packet.RtpHeaderExtensionMap;
import org.ortc4j.rtp.packet.RtpPacket;
import org.ortc4j.rtp.packet.RtpParseException;
import org.ortc4j.rtp.packet.SenderReport;
import org.ortc4j.rtp.packet.SourceDescription;

class RtcpReportInterceptorTest {

    /** 2026-11-24 12:00:00 UTC, in nanoseconds since the Unix epoch. */
    static final long WALL_START_NANOS = 1_795_521_600_000_000_000L;
    static final int VP8 = 96;
    static final int RTX = 97;

    final VirtualScheduler scheduler = new VirtualScheduler();
    final RtpInterceptorContext context = new RtpInterceptorContext(scheduler, WALL_START_NANOS);
    final List<List<RtcpPacket>> sent = new ArrayList<>();
    final RtcpReportInterceptor reports = new RtcpReportInterceptor(context, new RtcpReportConfig(),
            new SplittableRandom(7));

    RtcpReportInterceptorTest() {
        reports.bindRtcpOutput(packets -> sent.add(List.copyOf(packets)));
    }

    static RtpStreamInfo stream(int ssrc, String kind, Integer rtxSsrc) {
        RTCRtpCodecParameters media = kind.equals("video")
                ? RTCRtpCodecParameters.newBuilder("video/VP8", 90_000, VP8).build()
                : RTCRtpCodecParameters.newBuilder("audio/opus", 48_000, 111).channels(2).build();
        RTCRtpCodecParameters rtx = RTCRtpCodecParameters.newBuilder(kind + "/rtx", media.clockRate(), RTX)
                .parameter("apt", Integer.toString(media.payloadType())).build();
        return new RtpStreamInfo(ssrc, kind, List.of(media, rtx), RtpHeaderExtensionMap.of(List.of()),
                new RTCRtcpParameters("cname-" + ssrc), rtxSsrc, null, null);
    }

    static RtpPacket packet(int ssrc, int payloadType, int sequenceNumber, long timestamp, int payloadBytes) {
        return RtpPacket.builder().ssrc(ssrc).payloadType(payloadType).sequenceNumber(sequenceNumber & 0xFFFF)
                .timestamp(timestamp & 0xFFFF_FFFFL).payload(new byte[payloadBytes]).build();
    }

    /** The packets as the wire carries them: encoded as one compound and parsed back. */
    static List<RtcpPacket> onTheWire(List<RtcpPacket> packets) throws RtpParseException {
        return RtcpCompoundPacket.parse(ByteBuffer.wrap(new RtcpCompoundPacket(packets).encode())).packets();
    }

    List<RtcpPacket> lastSent() throws RtpParseException {
        assertThat(sent).isNotEmpty();
        return onTheWire(sent.get(sent.size() - 1));
    }

    static void advanceMillis(VirtualScheduler scheduler, long millis) {
        scheduler.advance(Duration.ofMillis(millis));
    }

    @Test
    void senderReportHasTheNtpTimeTheExtrapolatedRtpTimestampAndTheCounts() throws Exception {
        RtpOutput out = reports.bindLocalStream(stream(0x1111, "video", null), p -> { });
        out.write(packet(0x1111, VP8, 10, 1000, 100));
        advanceMillis(scheduler, 10);
        out.write(packet(0x1111, VP8, 11, 2000, 120));
        advanceMillis(scheduler, 10);
        out.write(packet(0x1111, VP8, 12, 3000, 80));
        advanceMillis(scheduler, 50);   // less than the first report's earliest time, T/4 = 250 ms

        assertThat(sent).isEmpty();
        reports.sendReport();

        List<RtcpPacket> compound = lastSent();
        SenderReport sr = (SenderReport) compound.get(0);
        assertThat(sr.ssrc()).isEqualTo(0x1111);
        // RFC 3550 §4: seconds since 1900 in the high word; the wall clock reads start + 70 ms.
        long unixSeconds = WALL_START_NANOS / 1_000_000_000L;
        assertThat(sr.ntpTimestamp() >>> 32).isEqualTo(unixSeconds + 2_208_988_800L);
        assertThat((sr.ntpTimestamp() & 0xFFFF_FFFFL) / 4_294_967_296.0).isCloseTo(0.070, within(1e-9));
        // 50 ms after the last packet (timestamp 3000) at 90 kHz: 3000 + 4500.
        assertThat(sr.rtpTimestamp()).isEqualTo(7500);
        assertThat(sr.packetCount()).isEqualTo(3);
        assertThat(sr.octetCount()).isEqualTo(300);
        assertThat(sr.reportBlocks()).isEmpty();
        SourceDescription sdes = (SourceDescription) compound.get(1);
        assertThat(sdes.chunks()).singleElement().satisfies(chunk -> {
            assertThat(chunk.ssrc()).isEqualTo(0x1111);
            assertThat(chunk.items().get(0).text()).isEqualTo("cname-4369");
        });
    }

    @Test
    void rtpTimestampExtrapolationWrapsAround32Bits() throws Exception {
        RtpOutput out = reports.bindLocalStream(stream(0x1111, "video", null), p -> { });
        out.write(packet(0x1111, VP8, 1, 0xFFFF_FF00L, 100));
        advanceMillis(scheduler, 100);
        reports.sendReport();
        assertThat(((SenderReport) lastSent().get(0)).rtpTimestamp()).isEqualTo(9000 - 0x100);
    }

    @Test
    void receiverReportCountsLossAcrossTheWrapAndDuplicatesMayMakeItNegative() throws Exception {
        RtpInput in = reports.bindRemoteStream(stream(0x2222, "video", null), (p, t) -> { });
        // 65532 and 1 are lost; 3 arrives twice.
        int[] arrivals = {65530, 65531, 65533, 65534, 65535, 0, 2, 3, 3};
        for (int seq : arrivals) {
            in.receive(packet(0x2222, VP8, seq, seq * 10L, 50), scheduler.nanoTime());
        }
        reports.sendReport();

        ReceiverReport rr = (ReceiverReport) lastSent().get(0);
        assertThat(rr.ssrc()).isEqualTo(1);   // the configured SSRC of a peer that sends nothing
        ReportBlock block = rr.reportBlocks().get(0);
        assertThat(block.ssrc()).isEqualTo(0x2222);
        // RFC 3550 A.1: one cycle, highest sequence number 3.
        assertThat(block.extendedHighestSequenceNumber()).isEqualTo(0x1_0003L);
        // RFC 3550 A.3: expected 65539 - 65530 + 1 = 10, received 9 (with the duplicate): lost 1;
        // fraction (1 << 8) / 10.
        assertThat(block.cumulativeLost()).isEqualTo(1);
        assertThat(block.fractionLost()).isEqualTo(256 / 10);
        assertThat(block.lastSenderReport()).isZero();
        assertThat(block.delaySinceLastSenderReport()).isZero();

        // Next interval: 4 and 5 expected, 5 arrivals (5 thrice more): no fraction lost, and the
        // cumulative count goes negative, 12 expected - 14 received.
        for (int seq : new int[] {4, 5, 5, 5, 5}) {
            in.receive(packet(0x2222, VP8, seq, seq * 10L, 50), scheduler.nanoTime());
        }
        reports.sendReport();
        ReportBlock next = ((ReceiverReport) lastSent().get(0)).reportBlocks().get(0);
        assertThat(next.fractionLost()).isZero();
        assertThat(next.cumulativeLost()).isEqualTo(-2);
        assertThat(next.extendedHighestSequenceNumber()).isEqualTo(0x1_0005L);
        assertThat(reports.inbound(0x2222).orElseThrow().packetsLost()).isEqualTo(-2);

        // A stream that received nothing since the last report gets no block.
        reports.sendReport();
        assertThat(((ReceiverReport) lastSent().get(0)).reportBlocks()).isEmpty();
    }

    @Test
    void cumulativeLossBeyond24BitsIsClampedAsTheFieldSays() throws Exception {
        RtpInput in = reports.bindRemoteStream(stream(0x2222, "video", null), (p, t) -> { });
        long seq = 0;
        int packets = 3_000;
        for (int i = 0; i < packets; i++) {
            in.receive(packet(0x2222, VP8, (int) seq, i, 10), scheduler.nanoTime());
            seq += 2_999;   // RFC 3550 A.1: a gap below MAX_DROPOUT (3000): 2998 lost each time
        }
        reports.sendReport();
        ReportBlock block = ((ReceiverReport) lastSent().get(0)).reportBlocks().get(0);
        long lost = (packets - 1) * 2_998L;
        assertThat(lost).isGreaterThan(0x7F_FFFF);
        assertThat(reports.inbound(0x2222).orElseThrow().packetsLost()).isEqualTo(lost);
        // RFC 3550 A.3: "clamp it to 0x7fffff for positive loss".
        assertThat(block.cumulativeLost()).isEqualTo(0x7F_FFFF);
        assertThat(block.extendedHighestSequenceNumber()).isEqualTo((packets - 1) * 2_999L);
        assertThat(block.fractionLost()).isEqualTo((int) ((lost << 8) / ((packets - 1) * 2_999L + 1)));
    }

    @Test
    void aSenderThatRestartsItsSequenceIsFollowedAfterTwoSequentialPackets() throws Exception {
        RtpInput in = reports.bindRemoteStream(stream(0x2323, "video", null), (p, t) -> { });
        for (int seq = 100; seq < 110; seq++) {
            in.receive(packet(0x2323, VP8, seq, seq, 10), scheduler.nanoTime());
        }
        // RFC 3550 A.1: a very large jump is not counted ...
        in.receive(packet(0x2323, VP8, 40_000, 1, 10), scheduler.nanoTime());
        assertThat(reports.inbound(0x2323).orElseThrow().packetsLost()).isZero();
        // ... until the next packet follows it: then the counts restart from there.
        in.receive(packet(0x2323, VP8, 40_001, 2, 10), scheduler.nanoTime());
        in.receive(packet(0x2323, VP8, 40_003, 3, 10), scheduler.nanoTime());
        reports.sendReport();
        ReportBlock block = ((ReceiverReport) lastSent().get(0)).reportBlocks().get(0);
        assertThat(block.extendedHighestSequenceNumber()).isEqualTo(40_003);
        assertThat(block.cumulativeLost()).isEqualTo(1);
    }

    @Test
    void jitterIsRfc3550A8ForACraftedArrivalPattern() throws Exception {
        RtpInput in = reports.bindRemoteStream(stream(0x3333, "video", null), (p, t) -> { });
        // 30 frames per second at 90 kHz: timestamps 3000 apart; arrivals wobble around 33.3 ms.
        long[] arrivalMicros = {0, 31_000, 70_500, 99_000, 140_000, 166_000, 205_000, 231_250, 270_000, 300_000};
        long start = scheduler.nanoTime();
        double expected = 0;
        long lastTransit = 0;
        for (int i = 0; i < arrivalMicros.length; i++) {
            long timestamp = 5_000 + 3_000L * i;
            in.receive(packet(0x3333, VP8, i, timestamp, 100), start + arrivalMicros[i] * 1_000);
            // RFC 3550 A.8, by hand: arrival in 90 kHz units, transit, |D|, J += (|D| - J) / 16.
            long transit = (start + arrivalMicros[i] * 1_000) * 90_000 / 1_000_000_000L - timestamp;
            if (i > 0) {
                expected += (Math.abs(transit - lastTransit) - expected) / 16.0;
            }
            lastTransit = transit;
        }
        assertThat(expected).isGreaterThan(100);
        reports.sendReport();
        ReportBlock block = ((ReceiverReport) lastSent().get(0)).reportBlocks().get(0);
        assertThat(block.jitter()).isEqualTo(Math.round(expected));
        assertThat(reports.inbound(0x3333).orElseThrow().jitter()).isCloseTo(expected / 90_000, within(1e-12));
    }

    @Test
    void reportBlocksCarryLsrAndDlsrOfTheLastSenderReport() throws Exception {
        RtpInput in = reports.bindRemoteStream(stream(0x4444, "video", null), (p, t) -> { });
        RtcpInput rtcpIn = reports.bindRtcpInput((p, t) -> { });
        long theirNtp = 0xE2A1_2345_6789_ABCDL;
        rtcpIn.receive(List.of(new SenderReport(0x4444, theirNtp, 1234, 10, 1000, List.of())), scheduler.nanoTime());
        advanceMillis(scheduler, 250);
        in.receive(packet(0x4444, VP8, 1, 1, 10), scheduler.nanoTime());
        reports.sendReport();

        ReportBlock block = ((ReceiverReport) lastSent().get(0)).reportBlocks().get(0);
        // RFC 3550 §6.4.1: LSR is the middle 32 bits of the SR's NTP timestamp; DLSR 250 ms in 1/65536 s.
        assertThat(block.lastSenderReport()).isEqualTo(0x2345_6789L);
        assertThat(block.delaySinceLastSenderReport()).isEqualTo(65_536 / 4);
    }

    @Test
    void roundTripTimeIsArrivalMinusLsrMinusDlsr() throws Exception {
        RtpOutput out = reports.bindLocalStream(stream(0x5555, "video", null), p -> { });
        RtcpInput rtcpIn = reports.bindRtcpInput((p, t) -> { });
        out.write(packet(0x5555, VP8, 1, 1, 100));
        reports.sendReport();
        SenderReport sr = (SenderReport) lastSent().get(0);
        long lsr = RtpInterceptorContext.compactNtp(sr.ntpTimestamp()) & 0xFFFF_FFFFL;

        advanceMillis(scheduler, 300);
        long dlsr = 13_107;   // 0.2 s in 1/65536 s: the RR says it held the SR that long
        ReportBlock aboutUs = new ReportBlock(0x5555, 64, 7, 1, 900, lsr, dlsr);
        rtcpIn.receive(List.of(new ReceiverReport(0x9999, List.of(aboutUs))), scheduler.nanoTime());

        long arrival = RtpInterceptorContext.compactNtp(context.ntpTime()) & 0xFFFF_FFFFL;
        RemoteInboundCounters remote = reports.remoteInbound(0x5555).orElseThrow();
        assertThat(remote.roundTripTime().orElseThrow()).isEqualTo((arrival - lsr - dlsr) / 65536.0);
        assertThat(remote.roundTripTime().orElseThrow()).isCloseTo(0.1, within(2 / 65536.0));
        assertThat(remote.packetsLost()).isEqualTo(7);
        assertThat(remote.fractionLost()).isEqualTo(0.25);
        assertThat(remote.jitter()).isEqualTo(900 / 90_000.0);
        assertThat(remote.reportsReceived()).isEqualTo(1);
        assertThat(remote.roundTripTimeMeasurements()).isEqualTo(1);
        assertThat(remote.timestamp()).isEqualTo(context.wallClockNanos() / 1e6);

        // RFC 3550 §6.4.1: LSR 0 means no SR arrived yet: no RTT from that block.
        rtcpIn.receive(List.of(new ReceiverReport(0x9999, List.of(new ReportBlock(0x5555, 0, 8, 2, 0, 0, 0)))),
                scheduler.nanoTime());
        RemoteInboundCounters later = reports.remoteInbound(0x5555).orElseThrow();
        assertThat(later.reportsReceived()).isEqualTo(2);
        assertThat(later.roundTripTimeMeasurements()).isEqualTo(1);
        assertThat(later.packetsLost()).isEqualTo(8);
        assertThat(later.totalRoundTripTime()).isEqualTo(remote.totalRoundTripTime());
    }

    @Test
    void videoReportsComeEvery05To15SecondsRandomizedAndTheFirstSoonAfterTheFirstPacket() {
        List<Long> times = new ArrayList<>();
        RtcpReportInterceptor timed = new RtcpReportInterceptor(context, new RtcpReportConfig(), new SplittableRandom(42));
        timed.bindRtcpOutput(p -> times.add(scheduler.nanoTime()));
        RtpOutput out = timed.bindLocalStream(stream(0x6666, "video", null), p -> { });
        advanceMillis(scheduler, 3_000);
        assertThat(times).as("no report before the first packet").isEmpty();
        long first = scheduler.nanoTime();
        out.write(packet(0x6666, VP8, 1, 1, 10));
        advanceMillis(scheduler, 100_000);

        assertThat(times.get(0) - first).isBetween(250_000_000L, 750_000_000L);
        Set<Long> gaps = new HashSet<>();
        for (int i = 1; i < times.size(); i++) {
            long gap = times.get(i) - times.get(i - 1);
            assertThat(gap).isBetween(500_000_000L, 1_500_000_000L);
            gaps.add(gap);
        }
        assertThat(times.size()).isBetween(67, 200);
        assertThat(gaps.size()).as("intervals are randomized").isGreaterThan(times.size() / 2);
    }

    @Test
    void audioOnlyReportsComeEvery25To75Seconds() {
        List<Long> times = new ArrayList<>();
        RtcpReportInterceptor timed = new RtcpReportInterceptor(context, new RtcpReportConfig(), new SplittableRandom(3));
        timed.bindRtcpOutput(p -> times.add(scheduler.nanoTime()));
        RtpInput in = timed.bindRemoteStream(stream(0x7777, "audio", null), (p, t) -> { });
        in.receive(packet(0x7777, 111, 1, 1, 10), scheduler.nanoTime());
        advanceMillis(scheduler, 200_000);

        assertThat(times.get(0)).isBetween(1_250_000_000L, 3_750_000_000L);
        for (int i = 1; i < times.size(); i++) {
            assertThat(times.get(i) - times.get(i - 1)).isBetween(2_500_000_000L, 7_500_000_000L);
        }
        assertThat(times.size()).isGreaterThan(25);
    }

    @Test
    void unbindingALocalStreamSendsBye() throws Exception {
        RtpStreamInfo info = stream(0x1212, "audio", null);
        reports.bindLocalStream(info, p -> { });
        reports.unbindLocalStream(info);

        List<RtcpPacket> compound = lastSent();
        assertThat(compound.get(0)).isInstanceOf(ReceiverReport.class);
        assertThat(compound).last().isEqualTo(new Bye(List.of(0x1212), Optional.empty()));
        assertThat(reports.outbound(0x1212)).isEmpty();
    }

    @Test
    void moreThan31RemoteStreamsSpillIntoExtraReceiverReports() throws Exception {
        RtpOutput out = reports.bindLocalStream(stream(0x0100, "video", null), p -> { });
        out.write(packet(0x0100, VP8, 1, 1, 10));
        for (int ssrc = 1000; ssrc < 1040; ssrc++) {
            reports.bindRemoteStream(stream(ssrc, "video", null), (p, t) -> { })
                    .receive(packet(ssrc, VP8, 1, 1, 10), scheduler.nanoTime());
        }
        reports.sendReport();

        List<RtcpPacket> compound = lastSent();
        SenderReport sr = (SenderReport) compound.get(0);
        ReceiverReport extra = (ReceiverReport) compound.get(1);
        assertThat(sr.reportBlocks()).hasSize(31);
        assertThat(extra.ssrc()).isEqualTo(0x0100);
        assertThat(extra.reportBlocks()).hasSize(9);
        Set<Integer> reported = new HashSet<>();
        sr.reportBlocks().forEach(b -> reported.add(b.ssrc()));
        extra.reportBlocks().forEach(b -> reported.add(b.ssrc()));
        assertThat(reported).hasSize(40).allMatch(ssrc -> ssrc >= 1000 && ssrc < 1040);
        assertThat(compound.get(2)).isInstanceOf(SourceDescription.class);
    }

    @Test
    void eachLocalStreamThatSentGetsItsOwnSenderReportAndCname() throws Exception {
        RtpOutput a = reports.bindLocalStream(stream(0x0A, "video", null), p -> { });
        RtpOutput b = reports.bindLocalStream(stream(0x0B, "audio", null), p -> { });
        reports.bindLocalStream(stream(0x0C, "audio", null), p -> { });   // sends nothing
        a.write(packet(0x0A, VP8, 1, 1, 10));
        b.write(packet(0x0B, 111, 1, 1, 20));
        reports.sendReport();

        List<RtcpPacket> compound = lastSent();
        assertThat(compound).hasSize(3);
        assertThat(((SenderReport) compound.get(0)).ssrc()).isEqualTo(0x0A);
        assertThat(((SenderReport) compound.get(1)).ssrc()).isEqualTo(0x0B);
        assertThat(((SenderReport) compound.get(1)).octetCount()).isEqualTo(20);
        assertThat(((SourceDescription) compound.get(2)).chunks()).extracting(c -> c.ssrc()).containsExactly(0x0A, 0x0B);
    }

    @Test
    void receivedReceiverReferenceTimeIsAnsweredWithDlrr() throws Exception {
        RtpOutput out = reports.bindLocalStream(stream(0x0E, "video", null), p -> { });
        RtcpInput rtcpIn = reports.bindRtcpInput((p, t) -> { });
        out.write(packet(0x0E, VP8, 1, 1, 10));
        long theirNtp = 0x1111_2222_3333_4444L;
        rtcpIn.receive(List.of(new ReceiverReport(0x77, List.of()),
                new ExtendedReport(0x77, List.of(new ReceiverReferenceTimeBlock(theirNtp)))), scheduler.nanoTime());
        advanceMillis(scheduler, 125);
        reports.sendReport();

        ExtendedReport xr = (ExtendedReport) lastSent().stream().filter(p -> p instanceof ExtendedReport)
                .findFirst().orElseThrow();
        assertThat(xr.ssrc()).isEqualTo(0x0E);
        // RFC 3611 §4.5: LRR the middle 32 bits of the RRTR's NTP timestamp; DLRR 125 ms in 1/65536 s.
        assertThat(xr.blocks()).singleElement().isEqualTo(
                new DlrrBlock(List.of(new DlrrBlock.SubBlock(0x77, 0x2222_3333L, 65_536 / 8))));
        // Answered once.
        reports.sendReport();
        assertThat(lastSent()).noneMatch(p -> p instanceof ExtendedReport);
    }

    @Test
    void receiveOnlyReportsCarryReceiverReferenceTimeWhenConfigured() throws Exception {
        RtcpReportInterceptor withRrtr = new RtcpReportInterceptor(context,
                new RtcpReportConfig(0x42, "me", Duration.ofSeconds(1), Duration.ofSeconds(5), true), new SplittableRandom(1));
        withRrtr.bindRtcpOutput(packets -> sent.add(List.copyOf(packets)));
        withRrtr.bindRemoteStream(stream(0x2222, "video", null), (p, t) -> { })
                .receive(packet(0x2222, VP8, 1, 1, 10), scheduler.nanoTime());
        withRrtr.sendReport();

        List<RtcpPacket> compound = lastSent();
        assertThat(((ReceiverReport) compound.get(0)).ssrc()).isEqualTo(0x42);
        assertThat(((SourceDescription) compound.get(1)).chunks().get(0).items().get(0).text()).isEqualTo("me");
        assertThat(compound.get(2)).isEqualTo(new ExtendedReport(0x42, List.of(new ReceiverReferenceTimeBlock(context.ntpTime()))));
    }

    @Test
    void extremeReportBlocksAboutUsGiveNoImpossibleRoundTrip() {
        RtpOutput out = reports.bindLocalStream(stream(0x0F, "video", null), p -> { });
        RtcpInput rtcpIn = reports.bindRtcpInput((p, t) -> { });
        out.write(packet(0x0F, VP8, 1, 1, 10));
        // An LSR from the future and a DLSR of 18 hours: A - LSR - DLSR is negative, no RTT.
        long now = RtpInterceptorContext.compactNtp(context.ntpTime()) & 0xFFFF_FFFFL;
        rtcpIn.receive(List.of(new ReceiverReport(0x99, List.of(
                new ReportBlock(0x0F, 255, -(1 << 23), 0xFFFF_FFFFL, 0xFFFF_FFFFL, (now + 65_536) & 0xFFFF_FFFFL, 0),
                new ReportBlock(0x0F, 0, 0, 0, 0, now, 0x7FFF_0000L),
                new ReportBlock(0x12345, 0, 0, 0, 0, now, 0)))), scheduler.nanoTime());

        RemoteInboundCounters remote = reports.remoteInbound(0x0F).orElseThrow();
        assertThat(remote.reportsReceived()).isEqualTo(2);
        assertThat(remote.roundTripTime()).isEmpty();
        assertThat(reports.remoteInbound(0x12345)).isEmpty();
    }

    @Test
    void aCnameTooLongForSdesIsRefusedUpFront() {
        assertThatThrownBy(() -> new RtcpReportConfig(1, "x".repeat(256), Duration.ofSeconds(1), Duration.ofSeconds(5), false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RtcpReportConfig(1, null, Duration.ZERO, Duration.ofSeconds(5), false))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void closeStopsTheTimer() {
        RtpOutput out = reports.bindLocalStream(stream(0x0D, "video", null), p -> { });
        out.write(packet(0x0D, VP8, 1, 1, 10));
        reports.close();
        advanceMillis(scheduler, 10_000);
        assertThat(sent).isEmpty();
        assertThat(scheduler.pendingTasks()).isZero();
    }
}
