package org.ortc4j.rtp.payload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AudioPayloadTest {

    private final Random random = new Random(7587);

    @Test
    void opusPacketIsOnePayloadUnchanged() throws RtpPayloadException {
        // RFC 7587 §4.2: one Opus packet per RTP payload.
        byte[] packet = Frames.random(random, 160);
        ByteBuffer frame = ByteBuffer.wrap(packet);
        List<RtpPayload> payloads = new OpusPacketizer().packetize(frame, 1100);
        assertThat(payloads).hasSize(1);
        assertThat(payloads.get(0).toByteArray()).isEqualTo(packet);
        assertThat(payloads.get(0).timestampOffset()).isZero();
        assertThat(frame.position()).isZero();
        assertThat(new OpusDepacketizer().depacketize(Frames.buffers(payloads))).isEqualTo(packet);
    }

    @Test
    void opusPacketExactlyFillingThePayloadFitsOneByteMoreDoesNot() {
        OpusPacketizer packetizer = new OpusPacketizer();
        assertThat(packetizer.packetize(ByteBuffer.wrap(new byte[100]), 100)).hasSize(1);
        assertThatThrownBy(() -> packetizer.packetize(ByteBuffer.wrap(new byte[101]), 100))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> packetizer.packetize(ByteBuffer.allocate(0), 100))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(packetizer.packetize(ByteBuffer.wrap(new byte[1]), 100)).hasSize(1);
    }

    @Test
    void markerBitOnlyOnFirstPacketOfTalkspurt() {
        // RFC 3551 §4.1: "Applications without silence suppression MUST set the marker bit to zero."
        OpusPacketizer opus = new OpusPacketizer();
        assertThat(opus.packetize(ByteBuffer.wrap(new byte[3]), 100).get(0).marker()).isFalse();
        opus.startTalkspurt();
        assertThat(opus.packetize(ByteBuffer.wrap(new byte[3]), 100).get(0).marker()).isTrue();
        assertThat(opus.packetize(ByteBuffer.wrap(new byte[3]), 100).get(0).marker()).isFalse();

        SampleAudioPacketizer pcmu = SampleAudioPacketizer.pcmu();
        pcmu.startTalkspurt();
        List<RtpPayload> payloads = pcmu.packetize(ByteBuffer.wrap(new byte[300]), 160);
        assertThat(payloads).extracting(RtpPayload::marker).containsExactly(true, false);
    }

    @Test
    void opusDepacketizerRejectsEmptyAndSeveralPayloads() {
        OpusDepacketizer depacketizer = new OpusDepacketizer();
        assertThatThrownBy(() -> depacketizer.depacketize(Frames.buffers(new byte[0])))
                .isInstanceOf(RtpPayloadException.class);
        assertThatThrownBy(() -> depacketizer.depacketize(Frames.buffers(new byte[1], new byte[1])))
                .isInstanceOf(RtpPayloadException.class);
        assertThatThrownBy(() -> depacketizer.depacketize(List.of())).isInstanceOf(RtpPayloadException.class);
    }

    @Test
    void pcmuTwentyMillisecondsIsOnePayloadOf160Samples() {
        // RFC 3551 §4.5.14: PCMU, 8 bits per sample at 8,000 Hz: 20 ms is 160 bytes.
        SampleAudioPacketizer pcmu = SampleAudioPacketizer.pcmu();
        assertThat(pcmu.encodingName()).isEqualTo("PCMU");
        assertThat(pcmu.clockRate()).isEqualTo(8000);
        List<RtpPayload> payloads = pcmu.packetize(ByteBuffer.wrap(new byte[160]), 1100);
        assertThat(payloads).hasSize(1);
        assertThat(payloads.get(0).size()).isEqualTo(160);
    }

    @Test
    void largeFrameSplitsIntoPayloadsWhoseTimestampsAdvanceBySamples() throws RtpPayloadException {
        byte[] samples = Frames.random(random, 1000);
        List<RtpPayload> payloads = SampleAudioPacketizer.pcma().packetize(ByteBuffer.wrap(samples), 400);
        assertThat(payloads).extracting(RtpPayload::size).containsExactly(400, 400, 200);
        assertThat(payloads).extracting(RtpPayload::timestampOffset).containsExactly(0, 400, 800);
        assertThat(new SampleAudioDepacketizer().depacketize(Frames.buffers(payloads))).isEqualTo(samples);
    }

    @Test
    void g722TimestampAdvancesOnePerByteAtClockRate8000() {
        // RFC 3551 §4.5.2: 16,000 samples/s, RTP clock 8,000 Hz: one timestamp unit per byte (two samples).
        SampleAudioPacketizer g722 = SampleAudioPacketizer.g722();
        assertThat(g722.clockRate()).isEqualTo(8000);
        assertThat(g722.encodingName()).isEqualTo("G722");
        // 20 ms of G.722 at 64 kbit/s is 160 bytes (320 samples): RTP timestamp advances by 160.
        List<RtpPayload> payloads = g722.packetize(ByteBuffer.wrap(new byte[320]), 160);
        assertThat(payloads).extracting(RtpPayload::timestampOffset).containsExactly(0, 160);
    }

    @Test
    void sampleAudioEdgeCases() throws RtpPayloadException {
        SampleAudioPacketizer pcmu = SampleAudioPacketizer.pcmu();
        assertThat(pcmu.packetize(ByteBuffer.allocate(0), 100)).isEmpty();
        assertThat(pcmu.packetize(ByteBuffer.allocate(100), 100)).hasSize(1);
        assertThat(pcmu.packetize(ByteBuffer.allocate(101), 100)).extracting(RtpPayload::size).containsExactly(100, 1);
        assertThatThrownBy(() -> pcmu.packetize(ByteBuffer.allocate(1), 0)).isInstanceOf(IllegalArgumentException.class);
        SampleAudioDepacketizer depacketizer = new SampleAudioDepacketizer();
        assertThat(depacketizer.depacketize(Frames.buffers(new byte[] {5}))).containsExactly(5);
        assertThatThrownBy(() -> depacketizer.depacketize(Frames.buffers(new byte[0])))
                .isInstanceOf(RtpPayloadException.class);
        assertThatThrownBy(() -> depacketizer.depacketize(List.of())).isInstanceOf(RtpPayloadException.class);
    }

    @Test
    void rtpPayloadIsImmutable() {
        byte[] bytes = {1, 2, 3};
        RtpPayload payload = RtpPayload.of(bytes, true, 5);
        bytes[0] = 9;
        assertThat(payload.toByteArray()).containsExactly(1, 2, 3);
        payload.toByteArray()[1] = 9;
        assertThat(payload.toByteArray()).containsExactly(1, 2, 3);
        assertThat(payload.data().isReadOnly()).isTrue();
        assertThat(payload).isEqualTo(RtpPayload.of(new byte[] {1, 2, 3}, true, 5));
        assertThat(payload).isNotEqualTo(RtpPayload.of(new byte[] {1, 2, 3}, false, 5));
    }
}
