package org.ortc4j.rtp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ortc4j.rtp.RTCRtpCapabilities;
import org.ortc4j.rtp.RTCRtpCodecCapability;
import org.ortc4j.rtp.RTCRtpCodecParameters;
import org.ortc4j.rtp.RTCRtpHeaderExtensionCapability;
import org.ortc4j.rtp.payload.RtpPayloadFormats;

class SupportedCodecsTest {

    @Test
    void everyCapabilityHasAPayloadFormatExceptRtx() {
        for (String kind : new String[] {"audio", "video"}) {
            RTCRtpCapabilities capabilities = SupportedCodecs.capabilities(kind);
            for (RTCRtpCodecCapability codec : capabilities.codecs()) {
                assertThat(codec.kind()).isEqualTo(kind);
                if (!codec.name().equalsIgnoreCase("rtx")) {
                    assertThat(RtpPayloadFormats.supports(codec.mimeType())).as(codec.mimeType()).isTrue();
                    assertThat(RtpPayloadFormats.packetizer(codec.mimeType(), codec.parameters())).isPresent();
                }
            }
        }
    }

    @Test
    void audioIsWhatChromiumOffersFirst() {
        RTCRtpCapabilities audio = SupportedCodecs.capabilities("audio");
        assertThat(audio.codecs().get(0)).isEqualTo(RTCRtpCodecCapability.newBuilder("audio/opus", 48_000).channels(2)
                .parameter("minptime", "10").parameter("useinbandfec", "1").build());
        assertThat(audio.codecs()).extracting(RTCRtpCodecCapability::mimeType)
                .containsExactly("audio/opus", "audio/G722", "audio/PCMU", "audio/PCMA");
        assertThat(audio.headerExtensions()).extracting(RTCRtpHeaderExtensionCapability::uri)
                .contains("urn:ietf:params:rtp-hdrext:sdes:mid", "urn:ietf:params:rtp-hdrext:ssrc-audio-level");
    }

    @Test
    void videoOffersH264InBothPacketizationModesAndRtx() {
        RTCRtpCapabilities video = SupportedCodecs.capabilities("video");
        assertThat(video.codecs()).extracting(RTCRtpCodecCapability::mimeType)
                .contains("video/VP8", "video/VP9", "video/H264", "video/AV1", "video/rtx");
        assertThat(video.codecs()).filteredOn(codec -> codec.name().equals("H264"))
                .extracting(codec -> codec.parameters().get("packetization-mode")).contains("0", "1");
        assertThat(video.headerExtensions()).extracting(RTCRtpHeaderExtensionCapability::uri)
                .contains("urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id",
                        "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01");
    }

    @Test
    void otherKindsAreRefused() {
        assertThatThrownBy(() -> SupportedCodecs.capabilities("data")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void codecInfoGivesVideoNoChannelsAndAudioOneByDefault() {
        assertThat(SupportedCodecs.codecInfo(RTCRtpCodecParameters.newBuilder("video/VP8", 90_000, 96).build()).channels()).isZero();
        assertThat(SupportedCodecs.codecInfo(RTCRtpCodecParameters.newBuilder("audio/PCMU", 8_000, 0).build()).channels()).isEqualTo(1);
        assertThat(SupportedCodecs.codecInfo(RTCRtpCodecParameters.newBuilder("audio/opus", 48_000, 111).channels(2)
                .parameter("useinbandfec", "1").build()).parameters()).isEqualTo(Map.of("useinbandfec", "1"));
    }

    @Test
    void h264PacketizationModeComesFromTheFmtp() {
        assertThat(RtpPayloadFormats.packetizer("video/H264", Map.of("packetization-mode", "1")).orElseThrow())
                .extracting(p -> ((org.ortc4j.rtp.payload.H264Packetizer) p).mode())
                .isEqualTo(org.ortc4j.rtp.payload.H264PacketizationMode.NON_INTERLEAVED);
        assertThat(RtpPayloadFormats.packetizer("video/h264", Map.of()).orElseThrow())
                .extracting(p -> ((org.ortc4j.rtp.payload.H264Packetizer) p).mode())
                .isEqualTo(org.ortc4j.rtp.payload.H264PacketizationMode.SINGLE_NAL_UNIT);
        assertThat(RtpPayloadFormats.packetizer("video/H265", Map.of())).isEmpty();
        assertThat(RtpPayloadFormats.depacketizer("audio/telephone-event")).isEmpty();
    }

    @Test
    void audioLevelsFollowRfc6464() {
        short[] fullScale = new short[160];
        for (int i = 0; i < fullScale.length; i++) {
            fullScale[i] = (short) (i % 2 == 0 ? 32767 : -32768);
        }
        org.ortc4j.media.AudioFrame loud = new org.ortc4j.media.AudioFrame(fullScale, 8000, 1, 0,
                org.ortc4j.media.TimeBase.ofRate(8000));
        assertThat(AudioLevels.levelOf(loud)).isZero();
        org.ortc4j.media.AudioFrame silent = org.ortc4j.media.AudioFrame.silence(160, 8000, 1, 0,
                org.ortc4j.media.TimeBase.ofRate(8000));
        assertThat(AudioLevels.levelOf(silent)).isEqualTo(127);
        short[] quiet = new short[160];
        java.util.Arrays.fill(quiet, (short) 328);
        // 328/32768 is -40 dBov.
        assertThat(AudioLevels.levelOf(new org.ortc4j.media.AudioFrame(quiet, 8000, 1, 0,
                org.ortc4j.media.TimeBase.ofRate(8000)))).isEqualTo(40);
        assertThat(AudioLevels.toLinear(127)).isZero();
        assertThat(AudioLevels.toLinear(0)).isEqualTo(1.0);
        assertThat(AudioLevels.toLinear(20)).isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-12));
    }
}
