package org.ortc4j.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link RTCRtpHeaderExtensionCapability} and {@link RTCRtpHeaderExtensionParameters}. */
class RTCRtpHeaderExtensionTest {

    private static final String MID = "urn:ietf:params:rtp-hdrext:sdes:mid";
    private static final String ABS_SEND_TIME = "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time";

    @Test
    void capabilityHoldsTheUri() {
        assertThat(new RTCRtpHeaderExtensionCapability(MID).uri()).isEqualTo(MID);
        assertThat(new RTCRtpHeaderExtensionCapability(ABS_SEND_TIME))
                .isEqualTo(new RTCRtpHeaderExtensionCapability(ABS_SEND_TIME))
                .hasSameHashCodeAs(new RTCRtpHeaderExtensionCapability(ABS_SEND_TIME));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "sdes:mid ", "rtp-hdrext/abs-send-time", "urn:ietf:params:rtp hdrext", "not a uri"})
    void uriMustBeAbsolute(String uri) {
        assertThatThrownBy(() -> new RTCRtpHeaderExtensionCapability(uri))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("header extension uri \"" + uri + "\" is not an absolute URI such as urn:ietf:params:rtp-hdrext:sdes:mid");
        assertThatThrownBy(() -> new RTCRtpHeaderExtensionParameters(1, uri)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void uriIsRequired() {
        assertThatThrownBy(() -> new RTCRtpHeaderExtensionCapability(null)).isInstanceOf(NullPointerException.class).hasMessage("uri");
        assertThatThrownBy(() -> new RTCRtpHeaderExtensionParameters(1, null)).isInstanceOf(NullPointerException.class);
    }

    // RFC 8285 §4.2: "The 4-bit ID is the local identifier of this element in the range 1-14
    // inclusive." §4.3: two-byte headers carry 8-bit ids 1-255.
    @ParameterizedTest
    @ValueSource(ints = {1, 14, 15, 16, 255})
    void idsRunFrom1To255(int id) {
        RTCRtpHeaderExtensionParameters extension = new RTCRtpHeaderExtensionParameters(id, MID);
        assertThat(extension.id()).isEqualTo(id);
        assertThat(extension.uri()).isEqualTo(MID);
        assertThat(extension.requiresTwoByteHeader()).isEqualTo(id > 14);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 0, 256, 4096})
    void idsOutside1To255AreRejected(int id) {
        assertThatThrownBy(() -> new RTCRtpHeaderExtensionParameters(id, MID))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("header extension id must be 1 to 255 (RFC 8285 §4.3), not " + id);
    }

    @Test
    void parametersEqualityIsByValue() {
        assertThat(new RTCRtpHeaderExtensionParameters(3, MID))
                .isEqualTo(new RTCRtpHeaderExtensionParameters(3, MID))
                .hasSameHashCodeAs(new RTCRtpHeaderExtensionParameters(3, MID))
                .isNotEqualTo(new RTCRtpHeaderExtensionParameters(4, MID))
                .isNotEqualTo(new RTCRtpHeaderExtensionParameters(3, ABS_SEND_TIME));
    }
}
