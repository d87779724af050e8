package org.ortc4j.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RTCRtpSendParametersTest {

    private static final RTCRtpCodecParameters VP8 = RTCRtpCodecParameters.newBuilder("video/VP8", 90_000, 96).build();

    @Test
    void encodingsAreCopiedAndValidated() {
        RTCRtpSendParameters parameters = RTCRtpSendParameters.of(new RTCRtpParameters(List.of(VP8), null, null), "0",
                RTCRtpEncodingParameters.ofSsrc(1, 2));
        assertThat(parameters.mid()).isEqualTo("0");
        assertThat(parameters.encodings()).containsExactly(
                new RTCRtpEncodingParameters(1, new RTCRtpRtxParameters(2), null, true, null, null, null));
        assertThat(parameters.transactionId()).isNull();
        assertThat(parameters.withTransactionId("t").transactionId()).isEqualTo("t");
    }

    @Test
    void twoEncodingsCannotShareAnSsrcOrRid() {
        assertThatThrownBy(() -> new RTCRtpSendParameters(List.of(VP8), null, null, null,
                List.of(RTCRtpEncodingParameters.ofSsrc(5), RTCRtpEncodingParameters.ofSsrc(5)), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SSRC 5");
        RTCRtpEncodingParameters low = RTCRtpEncodingParameters.newBuilder().rid("lo").build();
        assertThatThrownBy(() -> new RTCRtpSendParameters(List.of(VP8), null, null, null, List.of(low, low), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rid lo");
    }

    @Test
    void encodingFieldsFollowW3cRanges() {
        assertThatThrownBy(() -> RTCRtpEncodingParameters.newBuilder().scaleResolutionDownBy(0.5).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RTCRtpEncodingParameters.newBuilder().maxBitrate(0L).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RTCRtpEncodingParameters.newBuilder().maxFramerate(Double.NaN).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RTCRtpEncodingParameters.newBuilder().rid("way-too-long-rid-value").build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RTCRtpEncodingParameters.newBuilder().rid("a b").build())
                .isInstanceOf(IllegalArgumentException.class);
        RTCRtpEncodingParameters encoding = RTCRtpEncodingParameters.newBuilder().ssrc(9).rtxSsrc(10).rid("hi")
                .maxBitrate(500_000L).maxFramerate(15.0).scaleResolutionDownBy(2.0).active(false).build();
        assertThat(encoding.toBuilder().build()).isEqualTo(encoding);
        assertThat(encoding.rtx().ssrc()).isEqualTo(10);
    }

    @Test
    void receiveParametersAllowNoEncodings() {
        RTCRtpReceiveParameters parameters = RTCRtpReceiveParameters.of(new RTCRtpParameters(List.of(VP8), null, null), "1", null);
        assertThat(parameters.encodings()).isEmpty();
        assertThat(RTCRtpDecodingParameters.ofSsrc(3, 4).rtx().ssrc()).isEqualTo(4);
        assertThatThrownBy(() -> new RTCRtpDecodingParameters(1, 128, null, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void directionsSayWhatTheySendAndReceive() {
        assertThat(RTCRtpTransceiverDirection.of(true, true)).isEqualTo(RTCRtpTransceiverDirection.SENDRECV);
        assertThat(RTCRtpTransceiverDirection.of(true, false)).isEqualTo(RTCRtpTransceiverDirection.SENDONLY);
        assertThat(RTCRtpTransceiverDirection.of(false, true)).isEqualTo(RTCRtpTransceiverDirection.RECVONLY);
        assertThat(RTCRtpTransceiverDirection.of(false, false)).isEqualTo(RTCRtpTransceiverDirection.INACTIVE);
        assertThat(RTCRtpTransceiverDirection.STOPPED.sends()).isFalse();
        for (RTCRtpTransceiverDirection direction : RTCRtpTransceiverDirection.values()) {
            assertThat(RTCRtpTransceiverDirection.fromValue(direction.value())).isEqualTo(direction);
        }
        assertThatThrownBy(() -> RTCRtpTransceiverDirection.fromValue("SENDRECV")).isInstanceOf(IllegalArgumentException.class);
    }
}
