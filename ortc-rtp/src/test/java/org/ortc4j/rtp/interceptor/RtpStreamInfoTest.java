package org.ortc4j.rtp.interceptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ortc4j.rtp.RTCRtcpFeedback;
import org.ortc4j.rtp.RTCRtcpParameters;
import org.ortc4j.rtp.RTCRtpCodecParameters;
import org.ortc4j.rtp.packet.RtpHeaderExtensionMap;

class RtpStreamInfoTest {

    private static final RTCRtpCodecParameters VP8 = RTCRtpCodecParameters.newBuilder("video/VP8", 90_000, 96)
            .rtcpFeedback(new RTCRtcpFeedback("nack"), new RTCRtcpFeedback("nack", "pli")).build();
    private static final RTCRtpCodecParameters RTX = RTCRtpCodecParameters.newBuilder("video/rtx", 90_000, 97)
            .parameter("apt", "96").build();

    private static RtpStreamInfo stream(List<RTCRtpCodecParameters> codecs) {
        return new RtpStreamInfo(1, "video", codecs, RtpHeaderExtensionMap.of(List.of()), new RTCRtcpParameters(), 2, null, null);
    }

    @Test
    void rtxMapsBothWaysByApt() {
        RtpStreamInfo stream = stream(List.of(RTX, VP8));
        assertThat(stream.rtxPayloadType(96)).hasValue(97);
        assertThat(stream.associatedPayloadType(97)).hasValue(96);
        assertThat(stream.associatedPayloadType(96)).isEmpty();
        assertThat(stream.rtxPayloadType(100)).isEmpty();
        assertThat(stream.clockRate()).isEqualTo(90_000);
        assertThat(stream.clockRate(55)).isEqualTo(-1);
    }

    @Test
    void feedbackIsLookedUpByTypeAndParameter() {
        RtpStreamInfo stream = stream(List.of(VP8, RTX));
        assertThat(stream.hasFeedback("nack", null)).isTrue();
        assertThat(stream.hasFeedback("nack", "pli")).isTrue();
        assertThat(stream.hasFeedback("ccm", "fir")).isFalse();
        assertThat(stream.hasFeedback("transport-cc", null)).isFalse();
    }

    @Test
    void aBadAptIsNoAssociation() {
        RTCRtpCodecParameters broken = RTCRtpCodecParameters.newBuilder("video/rtx", 90_000, 99).parameter("apt", "x").build();
        assertThat(stream(List.of(VP8, broken)).associatedPayloadType(99)).isEmpty();
    }

    @Test
    void kindMustBeAudioOrVideo() {
        assertThatThrownBy(() -> new RtpStreamInfo(1, "text", List.of(VP8), RtpHeaderExtensionMap.of(List.of()),
                new RTCRtcpParameters(), null, null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> stream(List.of(RTX)).clockRate()).isInstanceOf(IllegalStateException.class);
    }
}
