package org.ortc4j.rtp.interceptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ortc4j.rtp.interceptor.TwccSequenceTest.MID;
import static org.ortc4j.rtp.interceptor.TwccSequenceTest.TWCC;
import static org.ortc4j.rtp.interceptor.TwccSequenceTest.TWCC_ID;
import static org.ortc4j.rtp.interceptor.TwccSequenceTest.stream;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ortc4j.ice.net.VirtualScheduler;
import org.ortc4j.rtp.RTCRtcpParameters;
import org.ortc4j.rtp.RTCRtpCodecParameters;
import org.ortc4j.rtp.packet.RtcpCompoundPacket;
import org.ortc4j.rtp.packet.RtcpPacket;
import org.ortc4j.rtp.packet.RtpHeaderExtensionMap;
import org.ortc4j.rtp.packet.RtpPacket;
import org.ortc4j.rtp.packet.RtpParseException;
import org.ortc4j.rtp.packet.TransportSequenceNumberExtension;
import org.ortc4j.rtp.packet.TransportWideFeedback;
import org.ortc4j.rtp.packet.TransportWideFeedback.PacketStatus;

/** Transport-wide feedback from the receive path, parsed back as the sender would. */
class TwccFeedbackTest {

    static final int SENDER_SSRC = 0xFEED_0001;
    static final int AUDIO_SSRC = 1;
    static final int VIDEO_SSRC = 2;

    /** Starts at an odd time, so that reference times and ticks are not round. */
    private final VirtualScheduler scheduler = new VirtualScheduler(7_123_456_789L);
    private final List<TransportWideFeedback> feedback = new ArrayList<>();
    private final List<RtpPacket> delivered = new ArrayList<>();
    private TransportFeedbackInterceptor interceptor;
    private RtpInput audio;
    private RtpInput video;

    @BeforeEach
    void bind() {
        interceptor = (TransportFeedbackInterceptor) TransportFeedbackInterceptor
                .factory(TransportFeedbackInterceptor.Config.defaults(SENDER_SSRC))
                .create(new RtpInterceptorContext(scheduler, 0));
        interceptor.bindRtcpOutput(packets -> {
            try {
                byte[] wire = RtcpCompoundPacket.of(packets.toArray(RtcpPacket[]::new)).encode();
                for (RtcpPacket p : RtcpCompoundPacket.parse(ByteBuffer.wrap(wire)).packets()) {
                    feedback.add((TransportWideFeedback) p);
                }
            } catch (RtpParseException e) {
                throw new AssertionError(e);
            }
        });
        audio = interceptor.bindRemoteStream(stream(AUDIO_SSRC, "audio", TWCC), (p, t) -> delivered.add(p));
        video = interceptor.bindRemoteStream(stream(VIDEO_SSRC, "video", MID, TWCC), (p, t) -> delivered.add(p));
    }

    private static RtpPacket packet(int ssrc, int transportSeq) {
        return RtpPacket.builder().ssrc(ssrc).payloadType(96).sequenceNumber(transportSeq)
                .addExtension(TWCC_ID, new TransportSequenceNumberExtension(transportSeq).encode()).build();
    }

    /** Arrival time in 250 µs ticks, as the feedback can say it. */
    private static long ticks(long arrivalNanos) {
        return Math.floorDiv(Math.floorDiv(arrivalNanos, 1000L), 250L);
    }

    /**
     * What the feedback says: per sequence number, its arrival in 250 µs ticks (reference time
     * plus the running sum of deltas), or null if reported lost.
     */
    private static Map<Integer, Long> reported(TransportWideFeedback fb) {
        Map<Integer, Long> arrivals = new LinkedHashMap<>();
        long ticks = fb.referenceTimeMicros() / 250;
        for (PacketStatus status : fb.packets()) {
            if (status.received()) {
                ticks += status.arrivalDeltaTicks();
                arrivals.put(status.sequenceNumber(), ticks);
            } else {
                arrivals.put(status.sequenceNumber(), null);
            }
        }
        return arrivals;
    }

    @Test
    void feedbackReportsArrivalsLossAndReorderExactly() {
        // Transport sequence 0..9 over two streams; 3 and 7 lost; 5 arrives before 4.
        int[] order = {0, 1, 2, 5, 4, 6, 8, 9};
        Map<Integer, Long> expected = new LinkedHashMap<>();
        for (int i = 0; i < order.length; i++) {
            scheduler.advance(Duration.ofNanos(3_300_000L + 170_000L * i));
            int seq = order[i];
            (seq % 2 == 0 ? audio : video).receive(packet(seq % 2 == 0 ? AUDIO_SSRC : VIDEO_SSRC, seq), scheduler.nanoTime());
            expected.put(seq, ticks(scheduler.nanoTime()));
        }
        assertThat(feedback).isEmpty();

        scheduler.advance(Duration.ofMillis(100));

        assertThat(feedback).hasSize(1);
        TransportWideFeedback fb = feedback.get(0);
        assertThat(fb.senderSsrc()).isEqualTo(SENDER_SSRC);
        assertThat(fb.mediaSsrc()).isIn(AUDIO_SSRC, VIDEO_SSRC);
        assertThat(fb.baseSequenceNumber()).isZero();
        assertThat(fb.packetStatusCount()).isEqualTo(10);
        assertThat(fb.feedbackPacketCount()).isZero();
        Map<Integer, Long> reported = reported(fb);
        assertThat(reported.keySet()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(reported.get(3)).isNull();
        assertThat(reported.get(7)).isNull();
        for (Map.Entry<Integer, Long> e : expected.entrySet()) {
            assertThat(reported.get(e.getKey())).as("arrival of %d", e.getKey()).isEqualTo(e.getValue());
        }
        // 5 arrived before 4: its delta from 4 is negative.
        assertThat(fb.packets().get(5).arrivalDeltaTicks()).isNegative();
        // Packets pass on unchanged.
        assertThat(delivered).hasSize(8);
        assertThat(interceptor.counters()).isEqualTo(new TransportFeedbackInterceptor.Counters(8, 0, 1));
    }

    @Test
    void eachFeedbackCoversWhatArrivedSinceTheLastAndCountsOn() {
        video.receive(packet(VIDEO_SSRC, 100), scheduler.nanoTime());
        video.receive(packet(VIDEO_SSRC, 101), scheduler.nanoTime());
        scheduler.advance(Duration.ofMillis(100));
        // 102 is lost; 103 and 104 arrive in the next interval.
        scheduler.advance(Duration.ofMillis(10));
        video.receive(packet(VIDEO_SSRC, 103), scheduler.nanoTime());
        video.receive(packet(VIDEO_SSRC, 104), scheduler.nanoTime());
        scheduler.advance(Duration.ofMillis(90));
        // Nothing arrives: no feedback.
        scheduler.advance(Duration.ofMillis(300));

        assertThat(feedback).hasSize(2);
        assertThat(feedback.get(0).packets()).extracting(PacketStatus::sequenceNumber).containsExactly(100, 101);
        assertThat(feedback.get(1).packets()).extracting(PacketStatus::sequenceNumber, PacketStatus::received)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(102, false),
                        org.assertj.core.groups.Tuple.tuple(103, true), org.assertj.core.groups.Tuple.tuple(104, true));
        assertThat(feedback).extracting(TransportWideFeedback::feedbackPacketCount).containsExactly(0, 1);
    }

    @Test
    void sequenceNumbersWrapInsideOneFeedback() {
        for (int seq : new int[] {65533, 65534, 65535, 1, 2}) {
            scheduler.advance(Duration.ofMillis(1));
            audio.receive(packet(AUDIO_SSRC, seq), scheduler.nanoTime());
        }
        scheduler.advance(Duration.ofMillis(100));
        assertThat(feedback).hasSize(1);
        assertThat(feedback.get(0).baseSequenceNumber()).isEqualTo(65533);
        assertThat(feedback.get(0).packets()).extracting(PacketStatus::sequenceNumber, PacketStatus::received)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(65533, true),
                        org.assertj.core.groups.Tuple.tuple(65534, true), org.assertj.core.groups.Tuple.tuple(65535, true),
                        org.assertj.core.groups.Tuple.tuple(0, false), org.assertj.core.groups.Tuple.tuple(1, true),
                        org.assertj.core.groups.Tuple.tuple(2, true));
    }

    @Test
    void aPacketArrivingAfterItsFeedbackIsReportedInTheNext() {
        video.receive(packet(VIDEO_SSRC, 10), scheduler.nanoTime());
        scheduler.advance(Duration.ofMillis(5));
        long at11 = scheduler.nanoTime();
        video.receive(packet(VIDEO_SSRC, 12), at11);
        scheduler.advance(Duration.ofMillis(100));
        assertThat(reported(feedback.get(0))).containsEntry(11, null);

        video.receive(packet(VIDEO_SSRC, 11), scheduler.nanoTime());
        long lateArrival = scheduler.nanoTime();
        scheduler.advance(Duration.ofMillis(100));

        Map<Integer, Long> second = reported(feedback.get(1));
        assertThat(second.keySet()).containsExactly(11, 12);
        assertThat(second.get(11)).isEqualTo(ticks(lateArrival));
        assertThat(second.get(12)).isEqualTo(ticks(at11));
    }

    @Test
    void duplicatesAreReportedOnce() {
        video.receive(packet(VIDEO_SSRC, 1), scheduler.nanoTime());
        long first = scheduler.nanoTime();
        scheduler.advance(Duration.ofMillis(3));
        video.receive(packet(VIDEO_SSRC, 1), scheduler.nanoTime());
        scheduler.advance(Duration.ofMillis(100));
        assertThat(reported(feedback.get(0))).containsExactly(Map.entry(1, ticks(first)));
        assertThat(interceptor.counters().packetsIgnored()).isEqualTo(1);
    }

    @Test
    void aDeltaTooLargeForSixteenBitsStartsAnotherFeedbackPacket() {
        audio.receive(packet(AUDIO_SSRC, 1), scheduler.nanoTime());
        long t1 = scheduler.nanoTime();
        scheduler.advance(Duration.ofSeconds(9));   // 36,000 ticks > 32,767
        audio.receive(packet(AUDIO_SSRC, 2), scheduler.nanoTime());
        long t2 = scheduler.nanoTime();
        scheduler.advance(Duration.ofMillis(100));
        // The timer went off 90 times with only packet 1 unreported the first time.
        assertThat(feedback).hasSize(2);
        assertThat(reported(feedback.get(0))).containsExactly(Map.entry(1, ticks(t1)));
        assertThat(reported(feedback.get(1))).containsExactly(Map.entry(2, ticks(t2)));
    }

    @Test
    void manyPacketsAreSplitIntoFeedbackPacketsThatFitAnMtu() {
        for (int seq = 0; seq < 1_200; seq++) {
            if (seq % 10 != 3) {
                video.receive(packet(VIDEO_SSRC, seq), scheduler.nanoTime() + seq * 40_000L);
            }
        }
        scheduler.advance(Duration.ofMillis(100));
        assertThat(feedback).hasSizeGreaterThan(2);
        List<PacketStatus> all = new ArrayList<>();
        for (TransportWideFeedback fb : feedback) {
            assertThat(fb.encodedLength()).isLessThanOrEqualTo(1200);
            all.addAll(fb.packets());
        }
        assertThat(all).extracting(PacketStatus::sequenceNumber).containsExactlyElementsOf(
                java.util.stream.IntStream.range(0, 1_200).boxed().toList());
        assertThat(all).filteredOn(s -> !s.received()).hasSize(120);
        assertThat(feedback).extracting(TransportWideFeedback::feedbackPacketCount)
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, feedback.size()).boxed().toList());
    }

    @Test
    void streamsWithoutTransportCcAreNotWatched() {
        RtpInput next = (p, t) -> { };
        RtpStreamInfo noFeedback = new RtpStreamInfo(3, "video",
                List.of(RTCRtpCodecParameters.newBuilder("video/VP8", 90_000, 96).build()),
                RtpHeaderExtensionMap.of(List.of(TWCC)), new RTCRtcpParameters("c"), null, null, null);
        assertThat(interceptor.bindRemoteStream(noFeedback, next)).isSameAs(next);
        assertThat(interceptor.bindRemoteStream(stream(4, "video", MID), next)).isSameAs(next);
    }

    @Test
    void aJumpFarAheadIsNotReportedAsThousandsOfLostPackets() {
        video.receive(packet(VIDEO_SSRC, 1), scheduler.nanoTime());
        scheduler.advance(Duration.ofMillis(100));
        video.receive(packet(VIDEO_SSRC, 20_001), scheduler.nanoTime());
        video.receive(packet(VIDEO_SSRC, 20_003), scheduler.nanoTime());
        scheduler.advance(Duration.ofMillis(100));
        assertThat(feedback).hasSize(2);
        assertThat(feedback.get(1).packets()).extracting(PacketStatus::sequenceNumber).containsExactly(20_001, 20_002, 20_003);
    }

    @Test
    void closeStopsTheTimer() {
        video.receive(packet(VIDEO_SSRC, 1), scheduler.nanoTime());
        interceptor.close();
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(feedback).isEmpty();
        assertThat(scheduler.pendingTasks()).isZero();
    }

    @Test
    void noTimerRunsWhileNothingArrives() {
        assertThat(scheduler.pendingTasks()).as("bound streams, nothing received").isZero();
        video.receive(packet(VIDEO_SSRC, 1), scheduler.nanoTime());
        assertThat(scheduler.pendingTasks()).isEqualTo(1);
        scheduler.advance(Duration.ofMillis(100));
        assertThat(feedback).hasSize(1);
        assertThat(scheduler.pendingTasks()).as("after the feedback, with nothing new").isZero();
        scheduler.advance(Duration.ofSeconds(5));
        assertThat(feedback).hasSize(1);
        // The next arrival sets the timer again: its feedback comes one interval after it.
        scheduler.advance(Duration.ofMillis(3));
        video.receive(packet(VIDEO_SSRC, 2), scheduler.nanoTime());
        scheduler.advance(Duration.ofMillis(99));
        assertThat(feedback).hasSize(1);
        scheduler.advance(Duration.ofMillis(1));
        assertThat(feedback).hasSize(2);
        assertThat(feedback.get(1).packets()).extracting(PacketStatus::sequenceNumber).containsExactly(2);
    }

    /**
     * Feedback times (ns from the first packet) of an adaptive interceptor fed packets of
     * {@code size} bytes every {@code gap}.
     */
    private List<Long> adaptiveFeedbackTimes(int size, Duration gap, Duration duration) {
        List<Long> times = new ArrayList<>();
        TransportFeedbackInterceptor adaptive = (TransportFeedbackInterceptor) TransportFeedbackInterceptor
                .factory(TransportFeedbackInterceptor.Config.adaptive(SENDER_SSRC))
                .create(new RtpInterceptorContext(scheduler, 0));
        long start = scheduler.nanoTime();
        adaptive.bindRtcpOutput(packets -> times.add(scheduler.nanoTime() - start));
        RtpInput input = adaptive.bindRemoteStream(stream(VIDEO_SSRC, "video", MID, TWCC), (p, t) -> { });
        long end = start + duration.toNanos();
        for (int seq = 1; scheduler.nanoTime() < end; seq++) {
            RtpPacket packet = RtpPacket.builder().ssrc(VIDEO_SSRC).payloadType(96).sequenceNumber(seq & 0xFFFF)
                    .addExtension(TWCC_ID, new TransportSequenceNumberExtension(seq & 0xFFFF).encode())
                    .payload(new byte[size - 20]).build();
            assertThat(packet.size()).isEqualTo(size);
            input.receive(packet, scheduler.nanoTime());
            scheduler.advance(gap);
        }
        adaptive.close();
        return times;
    }

    private static List<Long> gapsMillis(List<Long> times) {
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < times.size(); i++) {
            gaps.add((times.get(i) - times.get(i - 1)) / 1_000_000);
        }
        return gaps;
    }

    @Test
    void theAdaptiveIntervalGivesFeedbackFivePercentOfTheReceivedBitrateWithin50To250Ms() {
        // libwebrtc's RemoteEstimatorProxy: one feedback packet, taken as 68 bytes on the wire,
        // every 68 * 8 / (5 % of the bitrate). 140-byte packets every 20 ms are 56 kbit/s: 194 ms.
        List<Long> audioTimes = adaptiveFeedbackTimes(140, Duration.ofMillis(20), Duration.ofSeconds(3));
        assertThat(audioTimes.get(0)).as("the first, before a bitrate is known").isEqualTo(100_000_000L);
        assertThat(gapsMillis(audioTimes)).hasSizeGreaterThan(10).allSatisfy(gap -> assertThat(gap).isBetween(170L, 230L));

        // 1,200-byte packets every 2 ms are 4.8 Mbit/s: 2.3 ms, held at the 50 ms floor.
        List<Long> video = gapsMillis(adaptiveFeedbackTimes(1200, Duration.ofMillis(2), Duration.ofSeconds(1)));
        assertThat(video.subList(1, video.size())).hasSizeGreaterThan(10).allSatisfy(gap -> assertThat(gap).isBetween(50L, 52L));

        // 100-byte packets every 100 ms are 8 kbit/s: 1.4 s, held at the 250 ms ceiling.
        List<Long> sparse = gapsMillis(adaptiveFeedbackTimes(100, Duration.ofMillis(100), Duration.ofSeconds(5)));
        assertThat(sparse.subList(1, sparse.size())).isNotEmpty().allSatisfy(gap -> assertThat(gap).isBetween(250L, 350L));
    }
}
