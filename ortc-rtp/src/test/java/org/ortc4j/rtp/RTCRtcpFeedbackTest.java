package org.ortc4j.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RTCRtcpFeedbackTest {

    @Test
    void typeWithAndWithoutParameter() {
        assertThat(new RTCRtcpFeedback("transport-cc").parameter()).isNull();
        RTCRtcpFeedback pli = new RTCRtcpFeedback("nack", "pli");
        assertThat(pli.type()).isEqualTo("nack");
        assertThat(pli.parameter()).isEqualTo("pli");
        assertThat(pli).isEqualTo(new RTCRtcpFeedback("nack", "pli")).hasSameHashCodeAs(new RTCRtcpFeedback("nack", "pli"));
        assertThat(pli).isNotEqualTo(new RTCRtcpFeedback("nack"));
        // RFC 4585 §4.2 allows a byte-string after the token, e.g. a TMMBR parameter.
        assertThat(new RTCRtcpFeedback("ccm", "tmmbr smaxpr=120").parameter()).isEqualTo("tmmbr smaxpr=120");
    }

    // RFC 4585 §4.2: rtcp-fb-id = 1*(alpha-numeric / "-" / "_")
    @ParameterizedTest
    @ValueSource(strings = {"", "nack pli", "goog remb", "nack\n", "ccm:fir", "é"})
    void typeMustBeAnRfc4585Id(String type) {
        assertThatThrownBy(() -> new RTCRtcpFeedback(type))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not an RFC 4585 rtcp-fb-id");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " pli", "pli ", "pli\r\n"})
    void parameterMustBeNullOrCleanText(String parameter) {
        assertThatThrownBy(() -> new RTCRtcpFeedback("nack", parameter))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("RTCP feedback parameter");
    }

    @Test
    void typeIsRequired() {
        assertThatThrownBy(() -> new RTCRtcpFeedback(null)).isInstanceOf(NullPointerException.class).hasMessage("type");
    }
}
