package org.ortc4j.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link RTCRtpParameters} and {@link RTCRtpCapabilities}. */
class RTCRtpParametersTest {

    private static final RTCRtpCodecParameters OPUS =
            RTCRtpCodecParameters.newBuilder("audio/opus", 48000, 111).channels(2).parameter("minptime", "10").build();
    private static final RTCRtpCodecParameters PCMU =
            RTCRtpCodecParameters.newBuilder("audio/PCMU", 8000, 0).channels(1).build();
    private static final RTCRtpHeaderExtensionParameters MID =
            new RTCRtpHeaderExtensionParameters(1, "urn:ietf:params:rtp-hdrext:sdes:mid");
    private static final RTCRtpHeaderExtensionParameters AUDIO_LEVEL =
            new RTCRtpHeaderExtensionParameters(2, "urn:ietf:params:rtp-hdrext:ssrc-audio-level");

    @Test
    void holdsCodecsExtensionsAndRtcp() {
        RTCRtcpParameters rtcp = new RTCRtcpParameters("cname", true);
        RTCRtpParameters parameters = new RTCRtpParameters(List.of(OPUS, PCMU), List.of(MID, AUDIO_LEVEL), rtcp);

        assertThat(parameters.codecs()).containsExactly(OPUS, PCMU);
        assertThat(parameters.headerExtensions()).containsExactly(MID, AUDIO_LEVEL);
        assertThat(parameters.rtcp()).isSameAs(rtcp);
    }

    @Test
    void defaultsAreEmptyWithDefaultRtcp() {
        RTCRtpParameters empty = new RTCRtpParameters();
        assertThat(empty.codecs()).isEmpty();
        assertThat(empty.headerExtensions()).isEmpty();
        assertThat(empty.rtcp()).isEqualTo(new RTCRtcpParameters());
        assertThat(new RTCRtpParameters(null, null, null)).isEqualTo(empty).hasSameHashCodeAs(empty);
    }

    @Test
    void listsAreUnmodifiableCopies() {
        List<RTCRtpCodecParameters> codecs = new ArrayList<>(List.of(OPUS));
        List<RTCRtpHeaderExtensionParameters> extensions = new ArrayList<>(List.of(MID));
        RTCRtpParameters parameters = new RTCRtpParameters(codecs, extensions, null);
        codecs.add(PCMU);
        extensions.clear();

        assertThat(parameters.codecs()).containsExactly(OPUS);
        assertThat(parameters.headerExtensions()).containsExactly(MID);
        assertThatThrownBy(() -> parameters.codecs().add(PCMU)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> parameters.headerExtensions().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void payloadTypesAreUnique() {
        RTCRtpCodecParameters alsoOneEleven = RTCRtpCodecParameters.newBuilder("audio/red", 48000, 111).build();
        assertThatThrownBy(() -> new RTCRtpParameters(List.of(OPUS, alsoOneEleven), null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("payloadType 111 is used by more than one codec");
    }

    @Test
    void headerExtensionIdsAreUnique() {
        RTCRtpHeaderExtensionParameters alsoOne =
                new RTCRtpHeaderExtensionParameters(1, "urn:ietf:params:rtp-hdrext:ssrc-audio-level");
        assertThatThrownBy(() -> new RTCRtpParameters(null, List.of(MID, alsoOne), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("header extension id 1 is used more than once");
    }

    @Test
    void nullElementsAreRejected() {
        assertThatThrownBy(() -> new RTCRtpParameters(Arrays.asList(OPUS, null), null, null))
                .isInstanceOf(NullPointerException.class).hasMessage("codecs[1] is null");
        assertThatThrownBy(() -> new RTCRtpParameters(null, Arrays.asList((RTCRtpHeaderExtensionParameters) null), null))
                .isInstanceOf(NullPointerException.class).hasMessage("headerExtensions[0] is null");
    }

    @Test
    void capabilitiesHoldCodecsAndExtensions() {
        RTCRtpCodecCapability opus = RTCRtpCodecCapability.newBuilder("audio/opus", 48000).channels(2).build();
        RTCRtpCodecCapability pcmu = new RTCRtpCodecCapability("audio/PCMU", 8000, 1);
        RTCRtpHeaderExtensionCapability mid = new RTCRtpHeaderExtensionCapability("urn:ietf:params:rtp-hdrext:sdes:mid");
        List<RTCRtpCodecCapability> codecs = new ArrayList<>(List.of(opus, pcmu));

        RTCRtpCapabilities capabilities = new RTCRtpCapabilities(codecs, List.of(mid));
        codecs.clear();

        assertThat(capabilities.codecs()).containsExactly(opus, pcmu);
        assertThat(capabilities.headerExtensions()).containsExactly(mid);
        assertThatThrownBy(() -> capabilities.codecs().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThat(capabilities).isEqualTo(new RTCRtpCapabilities(List.of(opus, pcmu), List.of(mid)));
        assertThat(new RTCRtpCapabilities(null, null).codecs()).isEmpty();
        assertThatThrownBy(() -> new RTCRtpCapabilities(Arrays.asList(opus, null), null))
                .isInstanceOf(NullPointerException.class).hasMessage("codecs[1] is null");
    }

    // W3C §5.2.12: capabilities may list the same codec twice with different parameters
    // ("Two H.264/AVC codecs, one for each of two supported packetization-mode values").
    @Test
    void capabilitiesMayRepeatACodecWithOtherParameters() {
        RTCRtpCodecCapability mode0 = RTCRtpCodecCapability.newBuilder("video/H264", 90000).parameter("packetization-mode", "0").build();
        RTCRtpCodecCapability mode1 = RTCRtpCodecCapability.newBuilder("video/H264", 90000).parameter("packetization-mode", "1").build();
        assertThat(new RTCRtpCapabilities(List.of(mode0, mode1), List.of()).codecs()).hasSize(2);
    }
}
