package org.ortc4j.rtp.interceptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.ortc4j.rtp.interceptor.RtcpReportInterceptorTest.VP8;
import static org.ortc4j.rtp.interceptor.RtcpReportInterceptorTest.WALL_START_NANOS;
import static org.ortc4j.rtp.interceptor.RtcpReportInterceptorTest.packet;
import static org.ortc4j.rtp.interceptor.RtcpReportInterceptorTest.stream;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.ortc4j.ice.net.VirtualScheduler;
import org.ortc4j.rtp.packet.RtcpCompoundPacket;
import org.ortc4j.rtp.packet.RtcpPacket;
import org.ortc4j.rtp.packet.RtpPacket;
import org.ortc4j.rtp.packet.RtpParseException;

/**
 * Two report interceptors facing each other over a link with a fixed one-way delay, on one
 * virtual clock: each measures the round trip from the other's report blocks (RFC 3550 §6.4.1).
 */
class RtcpReportBackToBackTest {

    static final long ONE_WAY_MILLIS = 40;

    final VirtualScheduler scheduler = new VirtualScheduler();
    // The two peers' wall clocks disagree by an hour: RTT does not depend on synchronized clocks.
    final RtpInterceptorContext contextA = new RtpInterceptorContext(scheduler, WALL_START_NANOS);
    final RtpInterceptorContext contextB = new RtpInterceptorContext(scheduler, WALL_START_NANOS + 3_600_000_000_000L);
    final RtcpReportInterceptor a = new RtcpReportInterceptor(contextA, new RtcpReportConfig(), new SplittableRandom(1));
    // B sends XR receiver reference time when it only receives (RFC 3611 §4.4).
    final RtcpReportInterceptor b = new RtcpReportInterceptor(contextB,
            new RtcpReportConfig().withReceiverReferenceTime(true), new SplittableRandom(2));

    /** Delivers after the one-way delay, through the wire format. */
    void later(Runnable delivery) {
        scheduler.schedule(delivery, ONE_WAY_MILLIS, TimeUnit.MILLISECONDS);
    }

    static List<RtcpPacket> wire(List<RtcpPacket> packets) {
        try {
            return RtcpCompoundPacket.parse(ByteBuffer.wrap(new RtcpCompoundPacket(packets).encode())).packets();
        } catch (RtpParseException e) {
            throw new AssertionError("sent an RTCP compound that does not parse", e);
        }
    }

    void connect(RtcpReportInterceptor from, RtcpReportInterceptor to) {
        RtcpInput toInput = to.bindRtcpInput((p, t) -> { });
        from.bindRtcpOutput(packets -> {
            List<RtcpPacket> onWire = wire(packets);
            later(() -> toInput.receive(onWire, scheduler.nanoTime()));
        });
    }

    /** A media stream from one to the other, 50 packets a second, 3000 ticks apart at 90 kHz. */
    void mediaFlow(RtcpReportInterceptor from, RtcpReportInterceptor to, int ssrc, long durationMillis) {
        RtpInput receiving = to.bindRemoteStream(stream(ssrc, "video", null), (p, t) -> { });
        RtpOutput sending = from.bindLocalStream(stream(ssrc, "video", null), packet -> {
            RtpPacket copy = packet.toBuilder().build();
            later(() -> receiving.receive(copy, scheduler.nanoTime()));
        });
        for (int i = 0; i < durationMillis / 20; i++) {
            int seq = i;
            scheduler.schedule(() -> sending.write(packet(ssrc, VP8, seq, 1800L * seq, 500)), 20L * i, TimeUnit.MILLISECONDS);
        }
    }

    @Test
    void bothSidesMeasureTwiceTheOneWayDelay() {
        connect(a, b);
        connect(b, a);
        mediaFlow(a, b, 0xA1, 10_000);
        mediaFlow(b, a, 0xB2, 10_000);
        scheduler.advance(Duration.ofSeconds(10));

        double expected = 2 * ONE_WAY_MILLIS / 1000.0;
        RemoteInboundCounters atA = a.remoteInbound(0xA1).orElseThrow();
        RemoteInboundCounters atB = b.remoteInbound(0xB2).orElseThrow();
        // DLSR and the arrival are truncated to 1/65536 s each.
        assertThat(atA.roundTripTime().orElseThrow()).isCloseTo(expected, within(3 / 65536.0));
        assertThat(atB.roundTripTime().orElseThrow()).isCloseTo(expected, within(3 / 65536.0));
        assertThat(atA.roundTripTimeMeasurements()).isGreaterThan(5);
        assertThat(atA.totalRoundTripTime() / atA.roundTripTimeMeasurements()).isCloseTo(expected, within(3 / 65536.0));
        assertThat(atA.packetsLost()).isZero();

        // Each side's view of the other's sender reports.
        RemoteOutboundCounters bSeenByA = a.remoteOutbound(0xB2).orElseThrow();
        assertThat(bSeenByA.packetsSent()).isBetween(400L, 500L);
        assertThat(bSeenByA.bytesSent()).isEqualTo(500 * bSeenByA.packetsSent());
        assertThat(bSeenByA.reportsSent()).isGreaterThan(5);
        // A sends SRs, so no RRTR, so no DLRR comes back to it.
        assertThat(bSeenByA.roundTripTime()).isEmpty();
        // B's clock runs an hour ahead: its remote timestamp says so.
        assertThat(bSeenByA.remoteTimestamp() - bSeenByA.timestamp()).isCloseTo(3_600_000.0 - ONE_WAY_MILLIS, within(0.01));
    }

    @Test
    void aReceiveOnlySideMeasuresTheRoundTripThroughXrDlrr() {
        connect(a, b);
        connect(b, a);
        mediaFlow(a, b, 0xA1, 5_000);
        scheduler.advance(Duration.ofSeconds(5));

        assertThat(a.remoteInbound(0xA1).orElseThrow().roundTripTime().orElseThrow())
                .isCloseTo(2 * ONE_WAY_MILLIS / 1000.0, within(3 / 65536.0));
        // RFC 3611 §4.5: B's RRTR answered by A's DLRR gives B the round trip too.
        RemoteOutboundCounters aSeenByB = b.remoteOutbound(0xA1).orElseThrow();
        assertThat(aSeenByB.roundTripTime().orElseThrow()).isCloseTo(2 * ONE_WAY_MILLIS / 1000.0, within(3 / 65536.0));
        assertThat(aSeenByB.roundTripTimeMeasurements()).isPositive();
        assertThat(a.remoteOutbound(0xA1)).isEmpty();
        assertThat(b.inbound(0xA1).orElseThrow().packetsReceived()).isBetween(240L, 250L);
    }
}
