package org.ortc4j.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RTCRtpCodecCapabilityTest {

    @Test
    void videoCodecHasNoChannelsOrParameters() {
        RTCRtpCodecCapability vp8 = new RTCRtpCodecCapability("video/VP8", 90000);

        assertThat(vp8.mimeType()).isEqualTo("video/VP8");
        assertThat(vp8.clockRate()).isEqualTo(90000);
        assertThat(vp8.channels()).isNull();
        assertThat(vp8.parameters()).isEmpty();
        assertThat(vp8.name()).isEqualTo("VP8");
        assertThat(vp8.kind()).isEqualTo("video");
    }

    @Test
    void audioCodecWithChannelsAndParameters() {
        RTCRtpCodecCapability opus = RTCRtpCodecCapability.newBuilder("audio/opus", 48000)
                .channels(2)
                .parameter("minptime", "10")
                .parameter("useinbandfec", "1")
                .build();

        assertThat(opus.channels()).isEqualTo(2);
        assertThat(opus.parameters()).containsExactly(Map.entry("minptime", "10"), Map.entry("useinbandfec", "1"));
        assertThat(opus.name()).isEqualTo("opus");
        assertThat(opus.kind()).isEqualTo("audio");
        assertThat(new RTCRtpCodecCapability("audio/PCMU", 8000, 1).channels()).isEqualTo(1);
    }

    @Test
    void parametersKeepInsertionOrder() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("profile-level-id", "42e01f");
        parameters.put("packetization-mode", "1");
        parameters.put("level-asymmetry-allowed", "1");

        RTCRtpCodecCapability h264 = new RTCRtpCodecCapability("video/H264", 90000, null, parameters);

        assertThat(h264.parameters().keySet())
                .containsExactly("profile-level-id", "packetization-mode", "level-asymmetry-allowed");
        assertThat(RTCRtpCodecCapability.newBuilder("video/H264", 90000).parameters(parameters).build())
                .isEqualTo(h264);
    }

    @Test
    void parametersAreAnUnmodifiableCopy() {
        Map<String, String> parameters = new HashMap<>(Map.of("minptime", "10"));
        RTCRtpCodecCapability opus = new RTCRtpCodecCapability("audio/opus", 48000, 2, parameters);
        parameters.put("stereo", "1");

        assertThat(opus.parameters()).containsOnly(Map.entry("minptime", "10"));
        assertThatThrownBy(() -> opus.parameters().put("stereo", "1")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(new RTCRtpCodecCapability("audio/opus", 48000, 2, null).parameters()).isEmpty();
    }

    @Test
    void aParameterWithoutValueIsTheEmptyString() {
        RTCRtpCodecCapability dtmf = RTCRtpCodecCapability.newBuilder("audio/telephone-event", 8000)
                .parameter("0-16", "").build();
        assertThat(dtmf.parameters()).containsExactly(Map.entry("0-16", ""));
    }

    @Test
    void equalityIsByValue() {
        RTCRtpCodecCapability a = RTCRtpCodecCapability.newBuilder("audio/opus", 48000).channels(2).parameter("minptime", "10").build();
        RTCRtpCodecCapability b = new RTCRtpCodecCapability("audio/opus", 48000, 2, Map.of("minptime", "10"));

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(new RTCRtpCodecCapability("audio/opus", 48000, 2));
        assertThat(a).isNotEqualTo(new RTCRtpCodecCapability("audio/opus", 48000, 1, Map.of("minptime", "10")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"opus", "audio", "audio/", "/opus", "text/plain", "application/ulpfec", "audio/op us",
            "audio/-opus", "audio/opus/x", "Opus/audio", "audio/é"})
    void mimeTypeMustBeAudioOrVideoTypeSlashSubtype(String mimeType) {
        assertThatThrownBy(() -> new RTCRtpCodecCapability(mimeType, 48000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mimeType \"" + mimeType + "\"");
    }

    @Test
    void mimeTypeMessagesSayWhatIsExpected() {
        assertThatThrownBy(() -> new RTCRtpCodecCapability("opus", 48000))
                .hasMessage("mimeType \"opus\" is not of the form audio/<subtype> or video/<subtype>");
        assertThatThrownBy(() -> new RTCRtpCodecCapability("audio/", 48000))
                .hasMessageStartingWith("mimeType \"audio/\" has an invalid subtype \"\": RFC 6838 §4.2");
    }

    // RFC 6838 §4.2: type and subtype names are case-insensitive.
    @Test
    void mimeTypeIsCaseInsensitiveAndKeptAsWritten() {
        RTCRtpCodecCapability codec = new RTCRtpCodecCapability("Video/vp8", 90000);
        assertThat(codec.mimeType()).isEqualTo("Video/vp8");
        assertThat(codec.kind()).isEqualTo("video");
        assertThat(codec.name()).isEqualTo("vp8");
        assertThat(new RTCRtpCodecCapability("video/x-google.vp9+test_1", 90000).name()).isEqualTo("x-google.vp9+test_1");
        assertThat(new RTCRtpCodecCapability("audio/" + "a".repeat(127), 8000).name()).hasSize(127);
        assertThatThrownBy(() -> new RTCRtpCodecCapability("audio/" + "a".repeat(128), 8000))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void clockRateMustBePositive() {
        assertThatThrownBy(() -> new RTCRtpCodecCapability("audio/PCMU", 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("clockRate must be positive, not 0");
        assertThatThrownBy(() -> new RTCRtpCodecCapability("audio/PCMU", -8000))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void channelsMustBeNullOrAtLeastOne() {
        assertThatThrownBy(() -> new RTCRtpCodecCapability("audio/opus", 48000, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("channels must be null or 1 to 65535, not 0");
        assertThatThrownBy(() -> new RTCRtpCodecCapability("audio/opus", 48000, -1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RTCRtpCodecCapability("audio/opus", 48000, 65536))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new RTCRtpCodecCapability("audio/L16", 44100, 65535).channels()).isEqualTo(65535);
    }

    @Test
    void nullsAreRejectedWithTheirName() {
        assertThatThrownBy(() -> new RTCRtpCodecCapability(null, 48000))
                .isInstanceOf(NullPointerException.class).hasMessage("mimeType");
        Map<String, String> nullValue = new HashMap<>();
        nullValue.put("minptime", null);
        assertThatThrownBy(() -> new RTCRtpCodecCapability("audio/opus", 48000, 2, nullValue))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("parameters[\"minptime\"] is null; use \"\" for a parameter without a value");
        Map<String, String> nullKey = new HashMap<>();
        nullKey.put(null, "1");
        assertThatThrownBy(() -> new RTCRtpCodecCapability("audio/opus", 48000, 2, nullKey))
                .isInstanceOf(NullPointerException.class).hasMessage("parameters has a null key");
        assertThatThrownBy(() -> new RTCRtpCodecCapability("audio/opus", 48000, 2, Map.of("", "1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("parameters has an empty key");
        assertThatThrownBy(() -> RTCRtpCodecCapability.newBuilder("audio/opus", 48000).parameter("a", null))
                .isInstanceOf(NullPointerException.class).hasMessage("value");
    }
}
