package org.ortc4j.rtp.interceptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.ortc4j.rtp.interceptor.RtcpReportInterceptorTest.RTX;
import static org.ortc4j.rtp.interceptor.RtcpReportInterceptorTest.VP8;
import static org.ortc4j.rtp.interceptor.RtcpReportInterceptorTest.WALL_START_NANOS;
import static org.ortc4j.rtp.interceptor.RtcpReportInterceptorTest.packet;
import static org.ortc4j.rtp.interceptor.RtcpReportInterceptorTest.stream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.ortc4j.ice.net.VirtualScheduler;
import org.ortc4j.rtp.packet.Bye;
import org.ortc4j.rtp.packet.FullIntraRequest;
import org.ortc4j.rtp.packet.GenericNack;
import org.ortc4j.rtp.packet.PictureLossIndication;
import org.ortc4j.rtp.packet.ReceiverReport;
import org.ortc4j.rtp.packet.RtcpPacket;
import org.ortc4j.rtp.packet.RtpPacket;
import org.ortc4j.rtp.packet.SenderReport;

/** The W3C webrtc-stats counters the report interceptor keeps, as a user reads them. */
class StatsCountersTest {

    final VirtualScheduler scheduler = new VirtualScheduler();
    final RtpInterceptorContext context = new RtpInterceptorContext(scheduler, WALL_START_NANOS);
    final List<List<RtcpPacket>> sent = new ArrayList<>();
    final List<RtpPacket> wire = new ArrayList<>();
    final RtcpReportInterceptor reports = new RtcpReportInterceptor(context, new RtcpReportConfig(), new SplittableRandom(5));
    final RtcpOutput rtcpOut = reports.bindRtcpOutput(packets -> sent.add(List.copyOf(packets)));
    final RtcpInput rtcpIn = reports.bindRtcpInput((p, t) -> { });

    @Test
    void outboundCountsPayloadAndHeaderBytesAndRtxApart() throws Exception {
        RtpOutput out = reports.bindLocalStream(stream(0x10, "video", 0x11), wire::add);
        out.write(packet(0x10, VP8, 1, 100, 1000));
        out.write(packet(0x10, VP8, 2, 100, 800));
        scheduler.advance(Duration.ofMillis(30));
        // A retransmission on the RTX SSRC: 2 bytes of original sequence number and 800 of payload.
        out.write(packet(0x11, RTX, 1, 100, 802));
        // A packet of another SSRC passes through uncounted.
        out.write(packet(0x99, VP8, 1, 100, 50));

        assertThat(wire).hasSize(4);
        OutboundRtpCounters counters = reports.outbound(0x10).orElseThrow();
        assertThat(counters.packetsSent()).isEqualTo(3);
        assertThat(counters.bytesSent()).isEqualTo(1000 + 800 + 802);
        assertThat(counters.headerBytesSent()).isEqualTo(3 * 12);
        assertThat(counters.retransmittedPacketsSent()).isEqualTo(1);
        assertThat(counters.retransmittedBytesSent()).isEqualTo(800);
        assertThat(counters.lastPacketSentTimestamp().orElseThrow()).isCloseTo(WALL_START_NANOS / 1e6 + 30, within(1e-3));
        assertThat(reports.outbound(0x11)).isEmpty();

        // RFC 3550 §6.4.1: the sender report counts the media SSRC's own packets and payload.
        reports.sendReport();
        SenderReport sr = (SenderReport) RtcpReportInterceptorTest.onTheWire(sent.get(0)).get(0);
        assertThat(sr.packetCount()).isEqualTo(2);
        assertThat(sr.octetCount()).isEqualTo(1800);
    }

    @Test
    void outboundCountsFeedbackReceivedAboutItsSsrc() {
        reports.bindLocalStream(stream(0x10, "video", 0x11), p -> { });
        rtcpIn.receive(List.of(new ReceiverReport(0x77, List.of()), new GenericNack(0x77, 0x10, new int[] {5, 6}),
                new PictureLossIndication(0x77, 0x10), new PictureLossIndication(0x77, 0x10),
                new GenericNack(0x77, 0x55, new int[] {1})), scheduler.nanoTime());
        rtcpIn.receive(List.of(new FullIntraRequest(0x77, 0, List.of(new FullIntraRequest.Entry(0x10, 1),
                new FullIntraRequest.Entry(0x56, 1)))), scheduler.nanoTime());

        OutboundRtpCounters counters = reports.outbound(0x10).orElseThrow();
        assertThat(counters.nackCount()).isEqualTo(1);
        assertThat(counters.pliCount()).isEqualTo(2);
        assertThat(counters.firCount()).isEqualTo(1);
    }

    @Test
    void inboundCountsRtxApartFromLossAndJitter() throws Exception {
        RtpInput in = reports.bindRemoteStream(stream(0x20, "video", 0x21), (p, t) -> { });
        in.receive(packet(0x20, VP8, 1, 3000, 500), scheduler.nanoTime());
        scheduler.advance(Duration.ofMillis(20));
        in.receive(packet(0x20, VP8, 3, 6000, 500), scheduler.nanoTime());   // 2 is lost
        scheduler.advance(Duration.ofMillis(40));
        // 2 comes back on the RTX SSRC, late: it neither makes up the media loss nor moves jitter.
        in.receive(packet(0x21, RTX, 1, 4500, 502), scheduler.nanoTime());

        InboundRtpCounters counters = reports.inbound(0x20).orElseThrow();
        assertThat(counters.packetsReceived()).isEqualTo(3);
        assertThat(counters.packetsLost()).isEqualTo(1);
        assertThat(counters.bytesReceived()).isEqualTo(1502);
        assertThat(counters.headerBytesReceived()).isEqualTo(36);
        assertThat(counters.retransmittedPacketsReceived()).isEqualTo(1);
        assertThat(counters.retransmittedBytesReceived()).isEqualTo(500);
        assertThat(counters.lastPacketReceivedTimestamp().orElseThrow()).isCloseTo(WALL_START_NANOS / 1e6 + 60, within(1e-3));
        // RFC 3550 A.8 over the two media packets only: |D| = 20 ms * 90 kHz - 3000 = 1200; J = 1200 / 16.
        assertThat(counters.jitter()).isCloseTo(1200 / 16.0 / 90_000, within(1e-12));

        reports.sendReport();
        ReceiverReport rr = (ReceiverReport) RtcpReportInterceptorTest.onTheWire(sent.get(0)).get(0);
        assertThat(rr.reportBlocks()).singleElement().satisfies(block -> {
            assertThat(block.ssrc()).isEqualTo(0x20);
            assertThat(block.cumulativeLost()).isEqualTo(1);
            assertThat(block.jitter()).isEqualTo(75);
        });
    }

    @Test
    void inboundCountsFeedbackWeSendThroughTheChain() {
        reports.bindRemoteStream(stream(0x20, "video", 0x21), (p, t) -> { });
        rtcpOut.write(List.of(new GenericNack(1, 0x20, new int[] {2}), new PictureLossIndication(1, 0x20)));
        rtcpOut.write(List.of(new FullIntraRequest(1, 0, List.of(new FullIntraRequest.Entry(0x20, 3)))));
        rtcpOut.write(List.of(new PictureLossIndication(1, 0x30)));

        assertThat(sent).hasSize(3);
        InboundRtpCounters counters = reports.inbound(0x20).orElseThrow();
        assertThat(counters.nackCount()).isEqualTo(1);
        assertThat(counters.pliCount()).isEqualTo(1);
        assertThat(counters.firCount()).isEqualTo(1);
        assertThat(counters.lastPacketReceivedTimestamp()).isEmpty();
    }

    @Test
    void remoteOutboundIsTheirLastSenderReport() {
        long ntp = RtpInterceptorContext.toNtp(WALL_START_NANOS - 5_000_000_000L);
        scheduler.advance(Duration.ofMillis(10));
        rtcpIn.receive(List.of(new SenderReport(0x40, ntp, 999, 17, 1700, List.of())), scheduler.nanoTime());
        rtcpIn.receive(List.of(new SenderReport(0x40, ntp, 999, 18, 1800, List.of())), scheduler.nanoTime());

        RemoteOutboundCounters counters = reports.remoteOutbound(0x40).orElseThrow();
        assertThat(counters.packetsSent()).isEqualTo(18);
        assertThat(counters.bytesSent()).isEqualTo(1800);
        assertThat(counters.reportsSent()).isEqualTo(2);
        assertThat(counters.remoteTimestamp()).isCloseTo(WALL_START_NANOS / 1e6 - 5000, within(1e-3));
        assertThat(counters.timestamp()).isCloseTo(WALL_START_NANOS / 1e6 + 10, within(1e-3));
        assertThat(reports.remoteOutbound(0x41)).isEmpty();
    }

    @Test
    void aRemoteSenderThatSaysByeIsForgotten() {
        rtcpIn.receive(List.of(new SenderReport(0x40, 1L << 32, 0, 1, 1, List.of())), scheduler.nanoTime());
        assertThat(reports.remoteOutbound(0x40)).isPresent();
        rtcpIn.receive(List.of(new ReceiverReport(0x40, List.of()), new Bye(List.of(0x40), Optional.empty())),
                scheduler.nanoTime());
        assertThat(reports.remoteOutbound(0x40)).isEmpty();
    }

    @Test
    void rememberedRemoteSendersAreBounded() {
        for (int ssrc = 0; ssrc < RtcpReportInterceptor.MAX_REMOTE_SENDERS + 10; ssrc++) {
            rtcpIn.receive(List.of(new SenderReport(ssrc, 1L << 32, 0, 1, 1, List.of())), scheduler.nanoTime());
        }
        assertThat(reports.remoteOutbound(0)).isEmpty();
        assertThat(reports.remoteOutbound(RtcpReportInterceptor.MAX_REMOTE_SENDERS + 9)).isPresent();
    }

    @Test
    void unknownStreamsHaveNoCounters() {
        assertThat(reports.outbound(1)).isEmpty();
        assertThat(reports.inbound(1)).isEmpty();
        assertThat(reports.remoteInbound(1)).isEmpty();
    }
}
