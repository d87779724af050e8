package org.ortc4j.rtp.interceptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ortc4j.rtp.interceptor.NackGeneratorTest.MEDIA_SSRC;
import static org.ortc4j.rtp.interceptor.NackGeneratorTest.RTX;
import static org.ortc4j.rtp.interceptor.NackGeneratorTest.RTX_SSRC;
import static org.ortc4j.rtp.interceptor.NackGeneratorTest.VP8;
import static org.ortc4j.rtp.interceptor.NackGeneratorTest.stream;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ortc4j.ice.net.VirtualScheduler;
import org.ortc4j.rtp.RTCRtcpFeedback;
import org.ortc4j.rtp.RTCRtpHeaderExtensionParameters;
import org.ortc4j.rtp.packet.GenericNack;
import org.ortc4j.rtp.packet.PictureLossIndication;
import org.ortc4j.rtp.packet.RtcpPacket;
import org.ortc4j.rtp.packet.RtpPacket;
import org.ortc4j.rtp.payload.RtpPayloadException;
import org.ortc4j.rtp.payload.RtxPayload;

/** The sender's NACK responder driven directly: packets out, NACKs in, retransmissions out. */
class NackResponderTest {

    static final int RECEIVER_SSRC = 0x7777_8888;
    static final int MID_ID = 1;
    static final int ABS_SEND_TIME_ID = 3;

    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final List<RtpPacket> wire = new ArrayList<>();
    private final List<List<RtcpPacket>> passedOn = new ArrayList<>();
    private NackResponderInterceptor responder;
    private RtpOutput output;
    private RtcpInput rtcpInput;

    private void bind(NackResponderInterceptor.Config config, Integer rtxSsrc) {
        responder = (NackResponderInterceptor) NackResponderInterceptor.factory(config)
                .create(new RtpInterceptorContext(scheduler, 0));
        rtcpInput = responder.bindRtcpInput((packets, arrival) -> passedOn.add(packets));
        output = responder.bindLocalStream(stream(List.of(new RTCRtcpFeedback("nack")), rtxSsrc,
                new RTCRtpHeaderExtensionParameters(MID_ID, "urn:ietf:params:rtp-hdrext:sdes:mid")), wire::add);
    }

    /** A sent packet with a mid extension and a 3-byte absolute send time, marker on every 4th. */
    private static RtpPacket sent(int seq) {
        return RtpPacket.builder().payloadType(VP8).sequenceNumber(seq).timestamp(90L * seq).ssrc(MEDIA_SSRC)
                .marker(seq % 4 == 3).addExtension(MID_ID, new byte[] {'0'})
                .addExtension(ABS_SEND_TIME_ID, new byte[] {1, 2, (byte) seq})
                .payload(new byte[] {(byte) seq, 1, 2, 3, 4}).build();
    }

    private void send(int from, int to) {
        for (int seq = from; seq <= to; seq++) {
            output.write(sent(seq));
        }
        wire.clear();
    }

    private void nack(int... lost) {
        rtcpInput.receive(List.of(new GenericNack(RECEIVER_SSRC, MEDIA_SSRC, lost)), scheduler.nanoTime());
    }

    @Test
    void nackIsAnsweredWithRtxPackets() throws RtpPayloadException {
        bind(NackResponderInterceptor.Config.defaults(), RTX_SSRC);
        send(0, 9);

        nack(3, 7);

        assertThat(wire).hasSize(2);
        for (int i = 0; i < 2; i++) {
            RtpPacket rtx = wire.get(i);
            RtpPacket original = sent(i == 0 ? 3 : 7);
            // RFC 4588 §4: RTX SSRC and payload type (apt = 96), the original's timestamp and marker.
            assertThat(rtx.ssrc()).isEqualTo(RTX_SSRC);
            assertThat(rtx.payloadType()).isEqualTo(RTX);
            assertThat(rtx.timestamp()).isEqualTo(original.timestamp());
            assertThat(rtx.marker()).isEqualTo(original.marker());
            // The payload is the OSN, then the original payload.
            assertThat(RtxPayload.originalSequenceNumber(rtx.payload())).isEqualTo(original.sequenceNumber());
            assertThat(RtxPayload.originalPayload(rtx.payload())).isEqualTo(original.payload());
            // Header extensions kept.
            assertThat(rtx.extension(MID_ID)).isEqualTo(original.extension(MID_ID));
            assertThat(rtx.extension(ABS_SEND_TIME_ID)).isEqualTo(original.extension(ABS_SEND_TIME_ID));
        }
        // The RTX stream's own sequence numbers, one after the other.
        assertThat(wire.get(1).sequenceNumber()).isEqualTo((wire.get(0).sequenceNumber() + 1) & 0xFFFF);
        assertThat(responder.counters(MEDIA_SSRC)).hasValue(
                new NackResponderInterceptor.Counters(MEDIA_SSRC, 1, 2, 10, 0));
        // The NACK goes on up the chain.
        assertThat(passedOn).hasSize(1);
    }

    @Test
    void withoutRtxTheOriginalPacketIsSentAgainAsItWas() {
        bind(NackResponderInterceptor.Config.defaults(), null);
        send(100, 120);

        nack(105, 110, 111);

        assertThat(wire).containsExactly(sent(105), sent(110), sent(111));
    }

    @Test
    void packetsNoLongerInTheHistoryAreNotSent() {
        bind(new NackResponderInterceptor.Config(16, Duration.ofMillis(10)), RTX_SSRC);
        send(0, 39);

        nack(5, 23, 50);     // 5 and 23 are gone (16 kept: 24..39), 50 was never sent
        assertThat(wire).isEmpty();
        nack(24, 39);
        assertThat(wire).extracting(p -> osn(p)).containsExactly(24, 39);
        assertThat(responder.counters(MEDIA_SSRC).orElseThrow().packetsNotInHistory()).isEqualTo(3);
    }

    @Test
    void historyWorksAcrossTheSequenceNumberWrap() {
        bind(NackResponderInterceptor.Config.defaults(), RTX_SSRC);
        send(65530, 65535);
        send(0, 5);
        nack(65534, 65535, 0, 1);
        assertThat(wire).extracting(p -> osn(p)).containsExactly(65534, 65535, 0, 1);
    }

    @Test
    void duplicateNacksWithinTheMinimumIntervalCostOneResend() {
        bind(new NackResponderInterceptor.Config(1024, Duration.ofMillis(10)), RTX_SSRC);
        send(0, 9);

        nack(4);
        scheduler.advance(Duration.ofMillis(5));
        nack(4);
        assertThat(wire).hasSize(1);

        scheduler.advance(Duration.ofMillis(5));
        nack(4);
        assertThat(wire).hasSize(2);
        assertThat(responder.counters(MEDIA_SSRC).orElseThrow().nackCount()).isEqualTo(3);
        assertThat(responder.counters(MEDIA_SSRC).orElseThrow().retransmittedPacketsSent()).isEqualTo(2);
    }

    @Test
    void nacksForOtherStreamsAndOtherRtcpArePassedOnUntouched() {
        bind(NackResponderInterceptor.Config.defaults(), RTX_SSRC);
        send(0, 9);
        List<RtcpPacket> compound = List.of(new GenericNack(RECEIVER_SSRC, 42, new int[] {3}),
                new PictureLossIndication(RECEIVER_SSRC, MEDIA_SSRC));
        rtcpInput.receive(compound, 0);
        assertThat(wire).isEmpty();
        assertThat(passedOn).containsExactly(compound);
        assertThat(responder.counters(MEDIA_SSRC).orElseThrow().nackCount()).isZero();
    }

    @Test
    void historyKeepsACopyNotTheCallersBuffer() {
        bind(NackResponderInterceptor.Config.defaults(), null);
        byte[] bytes = sent(7).toBuilder().toByteArray();
        RtpPacket view;
        try {
            view = RtpPacket.parse(ByteBuffer.wrap(bytes));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        output.write(view);
        wire.clear();
        java.util.Arrays.fill(bytes, bytes.length - 5, bytes.length, (byte) 0x55);

        nack(7);

        assertThat(wire).containsExactly(sent(7));
    }

    @Test
    void streamsWithoutNackAreNotKept() {
        responder = (NackResponderInterceptor) NackResponderInterceptor.factory().create(new RtpInterceptorContext(scheduler, 0));
        RtpOutput next = wire::add;
        assertThat(responder.bindLocalStream(stream(List.of(), RTX_SSRC), next)).isSameAs(next);
        assertThat(responder.counters(MEDIA_SSRC)).isEmpty();
    }

    private static int osn(RtpPacket rtx) {
        try {
            return RtxPayload.originalSequenceNumber(rtx.payload());
        } catch (RtpPayloadException e) {
            throw new AssertionError(e);
        }
    }
}
