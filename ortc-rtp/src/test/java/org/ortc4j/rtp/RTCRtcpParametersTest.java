package org.ortc4j.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RTCRtcpParametersTest {

    @Test
    void defaultsAreNoCnameAndCompoundRtcp() {
        RTCRtcpParameters rtcp = new RTCRtcpParameters();
        assertThat(rtcp.cname()).isNull();
        assertThat(rtcp.reducedSize()).isFalse();
        assertThat(new RTCRtcpParameters("4TOk42mSjXCkVIa6").reducedSize()).isFalse();
    }

    @Test
    void holdsCnameAndReducedSize() {
        RTCRtcpParameters rtcp = new RTCRtcpParameters("{9c5c3ea5-d0d4-4d2c-8b1a-7b0a1a5f4e2d}", true);
        assertThat(rtcp.cname()).isEqualTo("{9c5c3ea5-d0d4-4d2c-8b1a-7b0a1a5f4e2d}");
        assertThat(rtcp.reducedSize()).isTrue();
        assertThat(rtcp).isEqualTo(new RTCRtcpParameters("{9c5c3ea5-d0d4-4d2c-8b1a-7b0a1a5f4e2d}", true))
                .isNotEqualTo(new RTCRtcpParameters("{9c5c3ea5-d0d4-4d2c-8b1a-7b0a1a5f4e2d}", false));
    }

    // RFC 3550 §6.5: an SDES item's text "can be no longer than 255 octets".
    @Test
    void cnameFitsOneSdesItem() {
        assertThat(new RTCRtcpParameters("c".repeat(255)).cname()).hasSize(255);
        assertThatThrownBy(() -> new RTCRtcpParameters("c".repeat(256)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cname is 256 bytes of UTF-8; an RTCP SDES item holds at most 255 (RFC 3550 §6.5)");
        // Bytes, not characters: 128 two-byte characters are 256 bytes.
        assertThatThrownBy(() -> new RTCRtcpParameters("é".repeat(128))).isInstanceOf(IllegalArgumentException.class);
    }
}
