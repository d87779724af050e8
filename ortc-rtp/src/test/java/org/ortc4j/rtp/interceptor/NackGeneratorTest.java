package org.ortc4j.rtp.interceptor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ortc4j.ice.net.VirtualScheduler;
import org.ortc4j.rtp.RTCRtcpFeedback;
import org.ortc4j.rtp.RTCRtcpParameters;
import org.ortc4j.rtp.RTCRtpCodecParameters;
import org.ortc4j.rtp.RTCRtpHeaderExtensionParameters;
import org.ortc4j.rtp.packet.GenericNack;
import org.ortc4j.rtp.packet.RtcpCompoundPacket;
import org.ortc4j.rtp.packet.RtcpPacket;
import org.ortc4j.rtp.packet.RtpHeaderExtensionMap;
import org.ortc4j.rtp.packet.RtpPacket;
import org.ortc4j.rtp.packet.RtpParseException;
import org.ortc4j.rtp.payload.RtxPayload;

/** The receiver's NACK generator driven directly in virtual time. */
class NackGeneratorTest {

    static final int MEDIA_SSRC = 0x1111_2222;
    static final int RTX_SSRC = 0x3333_4444;
    static final int SENDER_SSRC = 0x5555_6666;
    static final int VP8 = 96;
    static final int RTX = 97;

    /** A video stream with these codec feedbacks, RTX (apt 96) when rtxSsrc is given, and these extensions. */
    static RtpStreamInfo stream(List<RTCRtcpFeedback> feedback, Integer rtxSsrc, RTCRtpHeaderExtensionParameters... extensions) {
        RTCRtpCodecParameters vp8 = RTCRtpCodecParameters.newBuilder("video/VP8", 90_000, VP8).rtcpFeedback(feedback).build();
        List<RTCRtpCodecParameters> codecs = new ArrayList<>(List.of(vp8));
        if (rtxSsrc != null) {
            codecs.add(RTCRtpCodecParameters.newBuilder("video/rtx", 90_000, RTX).parameter("apt", Integer.toString(VP8)).build());
        }
        return new RtpStreamInfo(MEDIA_SSRC, "video", codecs, RtpHeaderExtensionMap.of(List.of(extensions)),
                new RTCRtcpParameters("cname"), rtxSsrc, null, null);
    }

    static RtpPacket media(int seq) {
        return RtpPacket.builder().payloadType(VP8).sequenceNumber(seq).timestamp(3000L * seq).ssrc(MEDIA_SSRC)
                .payload(new byte[] {(byte) seq, (byte) (seq >> 8), 7}).build();
    }

    static RtpPacket rtx(int rtxSeq, int originalSeq) {
        return RtpPacket.builder().payloadType(RTX).sequenceNumber(rtxSeq).timestamp(3000L * originalSeq).ssrc(RTX_SSRC)
                .payload(RtxPayload.build(originalSeq, media(originalSeq).payload())).build();
    }

    /** Every sequence number the NACKs ask for, in order, after a round trip through the wire format. */
    static List<Integer> requested(List<GenericNack> nacks) {
        List<Integer> seqs = new ArrayList<>();
        for (GenericNack nack : nacks) {
            Arrays.stream(nack.lostPackets()).forEach(seqs::add);
        }
        return seqs;
    }

    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final List<GenericNack> nacks = new ArrayList<>();
    private final List<RtpPacket> delivered = new ArrayList<>();
    private NackGeneratorInterceptor generator;
    private RtpInput input;

    @BeforeEach
    void bind() {
        bind(new NackGeneratorInterceptor.Config(SENDER_SSRC, Duration.ofMillis(100), 3, Duration.ofSeconds(2)));
    }

    private void bind(NackGeneratorInterceptor.Config config) {
        generator = (NackGeneratorInterceptor) NackGeneratorInterceptor.factory(config)
                .create(new RtpInterceptorContext(scheduler, 0));
        generator.bindRtcpOutput(packets -> {
            // Through the wire format and back, as the peer would see it.
            try {
                for (RtcpPacket p : RtcpCompoundPacket.parse(ByteBuffer.wrap(RtcpCompoundPacket.of(packets.toArray(RtcpPacket[]::new)).encode())).packets()) {
                    nacks.add((GenericNack) p);
                }
            } catch (RtpParseException e) {
                throw new AssertionError(e);
            }
        });
        input = generator.bindRemoteStream(stream(List.of(new RTCRtcpFeedback("nack")), RTX_SSRC),
                (packet, arrival) -> delivered.add(packet));
    }

    private void receive(int... seqs) {
        for (int seq : seqs) {
            input.receive(media(seq), scheduler.nanoTime());
        }
    }

    @Test
    void gapsAreNackedWithExactlyTheMissingSequenceNumbers() {
        receive(1, 2, 5, 6, 9);
        assertThat(nacks).isEmpty();

        scheduler.advance(Duration.ofMillis(20));

        assertThat(nacks).hasSize(1);
        GenericNack nack = nacks.get(0);
        assertThat(nack.senderSsrc()).isEqualTo(SENDER_SSRC);
        assertThat(nack.mediaSsrc()).isEqualTo(MEDIA_SSRC);
        assertThat(nack.lostPackets()).containsExactly(3, 4, 7, 8);
        // RFC 4585 §6.2.1: one FCI entry, PID 3 and BLP bits 0 (4), 3 (7) and 4 (8).
        byte[] wire = nack.encode();
        assertThat(wire).hasSize(16);
        assertThat(Arrays.copyOfRange(wire, 12, 16)).containsExactly(0, 3, 0, 0b1_1001);
        // Every packet went on to the receiver, unchanged.
        assertThat(delivered).extracting(RtpPacket::sequenceNumber).containsExactly(1, 2, 5, 6, 9);
    }

    @Test
    void missingPacketIsAskedAgainEachRetryIntervalThenGivenUp() {
        receive(10, 12);
        List<Long> askedAt = new ArrayList<>();
        for (int tick = 0; tick < 50; tick++) {
            int before = nacks.size();
            scheduler.advance(Duration.ofMillis(20));
            if (nacks.size() > before) {
                askedAt.add(scheduler.nanoTime() / 1_000_000);
            }
        }
        // Asked at the first check, then each 100 ms, three times in all, then forgotten.
        assertThat(askedAt).containsExactly(20L, 120L, 220L);
        assertThat(requested(nacks)).containsExactly(11, 11, 11);
        assertThat(generator.counters(MEDIA_SSRC)).hasValueSatisfying(c -> {
            assertThat(c.nackPacketsSent()).isEqualTo(3);
            assertThat(c.sequenceNumbersRequested()).isEqualTo(3);
            assertThat(c.sequenceNumbersAbandoned()).isEqualTo(1);
        });
    }

    @Test
    void retryIntervalBelowTheCheckIntervalActsAsTheCheckInterval() {
        bind(new NackGeneratorInterceptor.Config(SENDER_SSRC, Duration.ofMillis(1), 4, Duration.ofSeconds(2)));
        receive(1, 3);
        scheduler.advance(Duration.ofMillis(100));
        assertThat(requested(nacks)).containsExactly(2, 2, 2, 2);
    }

    @Test
    void reorderedArrivalBeforeTheCheckCancelsTheRequest() {
        receive(1, 2, 4, 3);
        scheduler.advance(Duration.ofMillis(200));
        assertThat(nacks).isEmpty();
    }

    @Test
    void lateArrivalStopsFurtherRequests() {
        receive(1, 2, 4, 5);
        scheduler.advance(Duration.ofMillis(20));
        assertThat(requested(nacks)).containsExactly(3);
        receive(3);
        scheduler.advance(Duration.ofMillis(500));
        assertThat(requested(nacks)).containsExactly(3);
        assertThat(generator.counters(MEDIA_SSRC).orElseThrow().sequenceNumbersAbandoned()).isZero();
    }

    @Test
    void rtxRetransmissionCancelsTheRequestAndPassesOnUnchanged() {
        receive(100, 103);
        scheduler.advance(Duration.ofMillis(20));
        assertThat(requested(nacks)).containsExactly(101, 102);

        RtpPacket retransmission = rtx(5000, 101);
        input.receive(retransmission, scheduler.nanoTime());
        scheduler.advance(Duration.ofMillis(100));

        // Only 102 is asked for again.
        assertThat(requested(nacks)).containsExactly(101, 102, 102);
        assertThat(delivered).last().isEqualTo(retransmission);
    }

    @Test
    void paddingOnlyRtxIsPassedOnAndRecoversNothing() {
        receive(100, 102);
        RtpPacket probe = RtpPacket.builder().payloadType(RTX).sequenceNumber(1).ssrc(RTX_SSRC).paddingLength(200).build();
        input.receive(probe, scheduler.nanoTime());
        scheduler.advance(Duration.ofMillis(20));
        assertThat(requested(nacks)).containsExactly(101);
        assertThat(delivered).last().isEqualTo(probe);
    }

    @Test
    void gapAcrossTheSequenceNumberWrapIsNacked() {
        receive(65533, 65534, 1, 2);
        scheduler.advance(Duration.ofMillis(20));
        assertThat(requested(nacks)).containsExactly(65535, 0);
    }

    @Test
    void jumpOfMoreThanAThousandIsARestartNotALoss() {
        receive(10, 12, 10 + 1_500);
        scheduler.advance(Duration.ofMillis(100));
        assertThat(nacks).isEmpty();
        assertThat(generator.counters(MEDIA_SSRC).orElseThrow().sequenceNumbersAbandoned()).isEqualTo(1);
        // The stream goes on from its new place.
        receive(1_512);
        scheduler.advance(Duration.ofMillis(20));
        assertThat(requested(nacks)).containsExactly(1_511);
    }

    @Test
    void missingPacketsMoreThanAThousandBehindAreForgotten() {
        receive(0, 2);
        // 1 stays missing while the stream runs on until it is 1,000 behind: still wanted.
        for (int seq = 3; seq <= 1_001; seq++) {
            receive(seq);
        }
        scheduler.advance(Duration.ofMillis(20));
        assertThat(requested(nacks)).containsExactly(1);
        // One more and it is too old.
        receive(1_002);
        scheduler.advance(Duration.ofMillis(200));
        assertThat(requested(nacks)).containsExactly(1);
    }

    @Test
    void missingPacketsOlderThanMaxAgeAreForgotten() {
        bind(new NackGeneratorInterceptor.Config(SENDER_SSRC, Duration.ofMillis(100), 10, Duration.ofMillis(150)));
        receive(1, 3);
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(requested(nacks)).containsExactly(2, 2);
    }

    @Test
    void largeLossIsSplitIntoSeveralNacks() {
        receive(0, 200);
        scheduler.advance(Duration.ofMillis(20));
        assertThat(nacks).hasSize(4);
        assertThat(requested(nacks)).hasSize(199).startsWith(1, 2).endsWith(199);
        assertThat(generator.counters(MEDIA_SSRC).orElseThrow().nackPacketsSent()).isEqualTo(4);
    }

    @Test
    void streamsWithoutNackFeedbackAreLeftAlone() {
        RtpInput next = (packet, arrival) -> { };
        assertThat(generator.bindRemoteStream(stream(List.of(new RTCRtcpFeedback("nack", "pli")), null), next)).isSameAs(next);
        assertThat(generator.counters(12345)).isEmpty();
    }

    @Test
    void unboundOrClosedStreamsAreNoLongerAskedFor() {
        receive(1, 3);
        generator.unbindRemoteStream(stream(List.of(new RTCRtcpFeedback("nack")), RTX_SSRC));
        scheduler.advance(Duration.ofMillis(100));
        assertThat(nacks).isEmpty();
        assertThat(generator.counters(MEDIA_SSRC)).isEmpty();
        assertThat(scheduler.pendingTasks()).isZero();
    }
}
