package org.ortc4j.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RTCRtpCodecParametersTest {

    @Test
    void builderSetsEveryField() {
        RTCRtpCodecParameters vp8 = RTCRtpCodecParameters.newBuilder("video/VP8", 90000, 96)
                .rtcpFeedback(new RTCRtcpFeedback("nack"), new RTCRtcpFeedback("nack", "pli"))
                .rtcpFeedback(List.of(new RTCRtcpFeedback("goog-remb")))
                .parameter("max-fr", "30")
                .build();

        assertThat(vp8.mimeType()).isEqualTo("video/VP8");
        assertThat(vp8.clockRate()).isEqualTo(90000);
        assertThat(vp8.channels()).isNull();
        assertThat(vp8.payloadType()).isEqualTo(96);
        assertThat(vp8.parameters()).containsExactly(Map.entry("max-fr", "30"));
        assertThat(vp8.rtcpFeedback()).containsExactly(
                new RTCRtcpFeedback("nack"), new RTCRtcpFeedback("nack", "pli"), new RTCRtcpFeedback("goog-remb"));
        assertThat(vp8.name()).isEqualTo("VP8");
        assertThat(vp8.kind()).isEqualTo("video");
    }

    @Test
    void optionalFieldsDefaultToEmpty() {
        RTCRtpCodecParameters pcmu = new RTCRtpCodecParameters("audio/PCMU", 8000, 1, 0, null, null);

        assertThat(pcmu.parameters()).isEmpty();
        assertThat(pcmu.rtcpFeedback()).isEmpty();
        assertThat(RTCRtpCodecParameters.newBuilder("audio/PCMU", 8000, 0).channels(1).build()).isEqualTo(pcmu);
    }

    @Test
    void parametersKeepInsertionOrderAndCollectionsAreUnmodifiableCopies() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("packetization-mode", "1");
        parameters.put("profile-level-id", "42e01f");
        List<RTCRtcpFeedback> feedback = new ArrayList<>(List.of(new RTCRtcpFeedback("ccm", "fir")));

        RTCRtpCodecParameters h264 = new RTCRtpCodecParameters("video/H264", 90000, null, 102, parameters, feedback);
        parameters.put("level-asymmetry-allowed", "1");
        feedback.clear();

        assertThat(h264.parameters().keySet()).containsExactly("packetization-mode", "profile-level-id");
        assertThat(h264.rtcpFeedback()).containsExactly(new RTCRtcpFeedback("ccm", "fir"));
        assertThatThrownBy(() -> h264.parameters().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> h264.rtcpFeedback().add(new RTCRtcpFeedback("nack")))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    // RFC 3550 §5.1: "payload type (PT): 7 bits".
    @ParameterizedTest
    @ValueSource(ints = {0, 8, 96, 111, 127})
    void payloadTypesFitSevenBits(int payloadType) {
        assertThat(RTCRtpCodecParameters.newBuilder("audio/opus", 48000, payloadType).build().payloadType())
                .isEqualTo(payloadType);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 128, 255, 256})
    void payloadTypesOutsideSevenBitsAreRejected(int payloadType) {
        assertThatThrownBy(() -> RTCRtpCodecParameters.newBuilder("audio/opus", 48000, payloadType).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("payloadType must be 0 to 127 (7 bits, RFC 3550 §5.1), not " + payloadType);
    }

    @Test
    void sharedFieldsAreValidatedAsForCapabilities() {
        assertThatThrownBy(() -> RTCRtpCodecParameters.newBuilder("opus", 48000, 111).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mimeType \"opus\"");
        assertThatThrownBy(() -> RTCRtpCodecParameters.newBuilder("audio/opus", 0, 111).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("clockRate");
        assertThatThrownBy(() -> RTCRtpCodecParameters.newBuilder("audio/opus", 48000, 111).channels(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("channels");
        assertThatThrownBy(() -> RTCRtpCodecParameters.newBuilder(null, 48000, 111).build())
                .isInstanceOf(NullPointerException.class).hasMessage("mimeType");
    }

    @Test
    void nullFeedbackEntriesAreRejected() {
        assertThatThrownBy(() -> new RTCRtpCodecParameters("video/VP8", 90000, null, 96, null,
                Arrays.asList(new RTCRtcpFeedback("nack"), null)))
                .isInstanceOf(NullPointerException.class).hasMessage("rtcpFeedback[1] is null");
        assertThatThrownBy(() -> RTCRtpCodecParameters.newBuilder("video/VP8", 90000, 96).rtcpFeedback((RTCRtcpFeedback) null))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void equalityIsByValue() {
        RTCRtpCodecParameters a = RTCRtpCodecParameters.newBuilder("audio/opus", 48000, 111).channels(2)
                .parameter("minptime", "10").rtcpFeedback(new RTCRtcpFeedback("transport-cc")).build();
        RTCRtpCodecParameters b = new RTCRtpCodecParameters("audio/opus", 48000, 2, 111,
                Map.of("minptime", "10"), List.of(new RTCRtcpFeedback("transport-cc")));

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(new RTCRtpCodecParameters("audio/opus", 48000, 2, 112,
                Map.of("minptime", "10"), List.of(new RTCRtcpFeedback("transport-cc"))));
    }
}
