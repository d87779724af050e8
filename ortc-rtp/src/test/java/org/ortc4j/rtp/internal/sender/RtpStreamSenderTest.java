package org.ortc4j.rtp.internal.sender;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ortc4j.ice.net.VirtualScheduler;
import org.ortc4j.media.EncodedFrame;
import org.ortc4j.media.TimeBase;
import org.ortc4j.rtp.RTCRtpCodecParameters;
import org.ortc4j.rtp.RTCRtpHeaderExtensionParameters;
import org.ortc4j.rtp.interceptor.RtpInterceptorContext;
import org.ortc4j.rtp.packet.AbsSendTimeExtension;
import org.ortc4j.rtp.packet.AudioLevelExtension;
import org.ortc4j.rtp.packet.MidExtension;
import org.ortc4j.rtp.packet.RtpHeaderExtensionMap;
import org.ortc4j.rtp.packet.RtpPacket;
import org.ortc4j.rtp.payload.RtpPayloadFormats;
import org.ortc4j.rtp.payload.Vp8Depacketizer;

class RtpStreamSenderTest {

    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final RtpInterceptorContext context = new RtpInterceptorContext(scheduler, 1_700_000_000_000_000_000L);
    private final List<RtpPacket> wire = new ArrayList<>();

    private static RtpPacket copy(RtpPacket packet) {
        return packet.toBuilder().build();
    }

    @Test
    void aVideoFrameBecomesNumberedPacketsWithTheNegotiatedExtensions() throws Exception {
        RTCRtpCodecParameters vp8 = RTCRtpCodecParameters.newBuilder("video/VP8", 90_000, 96).build();
        RtpHeaderExtensionMap extensions = RtpHeaderExtensionMap.of(List.of(
                new RTCRtpHeaderExtensionParameters(1, MidExtension.URI),
                new RTCRtpHeaderExtensionParameters(3, AbsSendTimeExtension.URI)));
        RtpStreamSender sender = new RtpStreamSender(0x1234, vp8, RtpPayloadFormats.packetizer("video/VP8", java.util.Map.of()).orElseThrow(),
                extensions, "v0", null, packet -> wire.add(copy(packet)), context);
        byte[] frame = new byte[5000];
        new Random(1).nextBytes(frame);
        frame[0] = 0x10; // VP8 key frame: P bit clear in the first byte of the frame tag
        sender.send(new EncodedFrame("video/VP8", frame, true, 90_000, TimeBase.VIDEO_90KHZ, 0), -1, false);
        sender.send(new EncodedFrame("video/VP8", frame, false, 93_000, TimeBase.VIDEO_90KHZ, 0), -1, false);

        List<RtpPacket> first = wire.stream().filter(p -> p.timestamp() == wire.get(0).timestamp()).toList();
        assertThat(first.size()).isGreaterThan(4);
        assertThat(wire.get(first.size()).timestamp() - wire.get(0).timestamp()).isEqualTo(3000);
        for (int i = 0; i < wire.size(); i++) {
            RtpPacket packet = wire.get(i);
            assertThat(packet.ssrc()).isEqualTo(0x1234);
            assertThat(packet.payloadType()).isEqualTo(96);
            assertThat(packet.sequenceNumber()).isEqualTo((wire.get(0).sequenceNumber() + i) & 0xFFFF);
            assertThat(MidExtension.decode(packet.extension(1)).mid()).isEqualTo("v0");
            assertThat(packet.extension(3)).isNotNull();
            assertThat(packet.size() + 16).isLessThanOrEqualTo(RtpStreamSender.MAX_PACKET_SIZE);
        }
        assertThat(first.get(first.size() - 1).marker()).isTrue();
        assertThat(first.subList(0, first.size() - 1)).noneMatch(RtpPacket::marker);
        List<ByteBuffer> payloads = first.stream().map(RtpPacket::payload).toList();
        assertThat(new Vp8Depacketizer().depacketize(payloads)).isEqualTo(frame);
        assertThat(sender.framesSent()).isEqualTo(2);
        assertThat(sender.keyFramesSent()).isEqualTo(1);
    }

    @Test
    void audioTimestampsFollowTheCodecClockAndCarryTheLevel() throws Exception {
        // RFC 3551 §4.5.2: G.722 samples at 16 kHz but its RTP clock runs at 8 kHz.
        RTCRtpCodecParameters g722 = RTCRtpCodecParameters.newBuilder("audio/G722", 8_000, 9).build();
        RtpHeaderExtensionMap extensions = RtpHeaderExtensionMap.of(List.of(
                new RTCRtpHeaderExtensionParameters(2, AudioLevelExtension.URI)));
        RtpStreamSender sender = new RtpStreamSender(7, g722, RtpPayloadFormats.packetizer("audio/G722", java.util.Map.of()).orElseThrow(),
                extensions, null, null, packet -> wire.add(copy(packet)), context);
        sender.send(new EncodedFrame("audio/G722", new byte[160], false, 0, TimeBase.ofRate(16_000), 320), 40, true);
        sender.send(new EncodedFrame("audio/G722", new byte[160], false, 320, TimeBase.ofRate(16_000), 320), 127, false);
        assertThat(wire).hasSize(2);
        assertThat(wire.get(1).timestamp() - wire.get(0).timestamp()).isEqualTo(160);
        assertThat(AudioLevelExtension.decode(wire.get(0).extension(2))).isEqualTo(new AudioLevelExtension(true, 40));
        assertThat(AudioLevelExtension.decode(wire.get(1).extension(2))).isEqualTo(new AudioLevelExtension(false, 127));
        assertThat(wire.get(0).extension(1)).isNull();
    }
}
