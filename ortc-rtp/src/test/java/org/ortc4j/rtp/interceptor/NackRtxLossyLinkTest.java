package org.ortc4j.rtp.interceptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ortc4j.rtp.interceptor.NackGeneratorTest.MEDIA_SSRC;
import static org.ortc4j.rtp.interceptor.NackGeneratorTest.RTX_SSRC;
import static org.ortc4j.rtp.interceptor.NackGeneratorTest.media;
import static org.ortc4j.rtp.interceptor.NackGeneratorTest.stream;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.ortc4j.ice.net.VirtualScheduler;
import org.ortc4j.rtp.RTCRtcpFeedback;
import org.ortc4j.rtp.packet.RtcpPacket;
import org.ortc4j.rtp.packet.RtpPacket;
import org.ortc4j.rtp.payload.RtpPayloadException;
import org.ortc4j.rtp.payload.RtxPayload;

/**
 * A sender's responder and a receiver's generator back to back, through chains as a session builds
 * them, over an in-memory link that drops 10 % of RTP and RTCP each way (seeded) with 20 ms delay.
 */
class NackRtxLossyLinkTest {

    static final long LINK_DELAY_MS = 20;
    static final int PACKETS = 600;
    static final int FIRST_SEQ = 65_300;   // the stream wraps on the way

    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final Random loss = new Random(20261124);
    private final Set<Integer> delivered = new TreeSet<>();
    private int mediaDropped;

    private boolean dropped() {
        return loss.nextInt(10) == 0;
    }

    private void later(Runnable delivery) {
        scheduler.schedule(delivery, LINK_DELAY_MS, TimeUnit.MILLISECONDS);
    }

    @Test
    void everyPacketIsEventuallyDeliveredThroughTenPercentLoss() {
        RtpStreamInfo info = stream(List.of(new RTCRtcpFeedback("nack")), RTX_SSRC);
        RtpInterceptorChain senderChain = RtpInterceptorChain.create(
                List.of(NackResponderInterceptor.factory(), TransportSequenceInterceptor.factory()),
                new RtpInterceptorContext(scheduler, 0));
        RtpInterceptorChain receiverChain = RtpInterceptorChain.create(
                List.of(NackGeneratorInterceptor.factory(new NackGeneratorInterceptor.Config(
                        0x0BAD_CAFE, Duration.ofMillis(60), 10, Duration.ofSeconds(1)))),
                new RtpInterceptorContext(scheduler, 0));

        RtcpInput senderRtcpIn = senderChain.bindRtcpInput((packets, arrival) -> { });
        RtpInput[] receiverIn = new RtpInput[1];
        RtpOutput senderOut = senderChain.bindLocalStream(info, packet -> {
            if (dropped()) {
                if (packet.ssrc() == MEDIA_SSRC) {
                    mediaDropped++;
                }
                return;
            }
            RtpPacket copy = packet.toBuilder().build();
            later(() -> receiverIn[0].receive(copy, scheduler.nanoTime()));
        });
        receiverChain.bindRtcpOutput(packets -> {
            if (!dropped()) {
                List<RtcpPacket> copy = List.copyOf(packets);
                later(() -> senderRtcpIn.receive(copy, scheduler.nanoTime()));
            }
        });
        receiverIn[0] = receiverChain.bindRemoteStream(info, (packet, arrival) -> {
            if (packet.ssrc() == MEDIA_SSRC) {
                delivered.add(packet.sequenceNumber());
            } else if (packet.ssrc() == RTX_SSRC) {
                try {
                    delivered.add(RtxPayload.originalSequenceNumber(packet.payload()));
                } catch (RtpPayloadException e) {
                    throw new AssertionError(e);
                }
            }
        });

        // 600 packets 5 ms apart, then 20 more so that a loss at the end is noticed, then time to repair.
        for (int i = 0; i < PACKETS + 20; i++) {
            senderOut.write(media((FIRST_SEQ + i) & 0xFFFF));
            scheduler.advance(Duration.ofMillis(5));
        }
        scheduler.advance(Duration.ofSeconds(2));

        assertThat(mediaDropped).as("the link lost packets").isGreaterThan(PACKETS / 20);
        for (int i = 0; i < PACKETS; i++) {
            assertThat(delivered).contains((FIRST_SEQ + i) & 0xFFFF);
        }
        NackResponderInterceptor responder = (NackResponderInterceptor) senderChain.interceptors().get(0);
        NackGeneratorInterceptor generator = (NackGeneratorInterceptor) receiverChain.interceptors().get(0);
        assertThat(responder.counters(MEDIA_SSRC).orElseThrow().retransmittedPacketsSent()).isGreaterThanOrEqualTo(mediaDropped);
        assertThat(generator.counters(MEDIA_SSRC).orElseThrow().nackPacketsSent()).isPositive();
        assertThat(generator.counters(MEDIA_SSRC).orElseThrow().sequenceNumbersAbandoned()).isZero();
        senderChain.close();
        receiverChain.close();
        assertThat(scheduler.pendingTasks()).isZero();
    }
}
