package org.ortc4j.ice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The W3C candidate enums map to their WebIDL strings (W3C WebRTC, the enums of RTCIceCandidate and RTCIceTransport). */
class RTCIceEnumsTest {

    @Test
    void componentsMapToStringsAndIds() {
        assertThat(RTCIceComponent.RTP.value()).isEqualTo("rtp");
        assertThat(RTCIceComponent.RTCP).hasToString("rtcp");
        assertThat(RTCIceComponent.RTP.id()).isEqualTo(1);
        assertThat(RTCIceComponent.RTCP.id()).isEqualTo(2);
        assertThat(RTCIceComponent.fromId(2)).isSameAs(RTCIceComponent.RTCP);
        assertThat(RTCIceComponent.fromId(3)).isNull();
        assertThat(RTCIceComponent.fromValue("rtp")).isSameAs(RTCIceComponent.RTP);
    }

    @Test
    void protocolsTypesAndTcpTypesMapToTheirStrings() {
        for (RTCIceProtocol v : RTCIceProtocol.values()) {
            assertThat(RTCIceProtocol.fromValue(v.value())).isSameAs(v);
            assertThat(v).hasToString(v.value());
        }
        for (RTCIceCandidateType v : RTCIceCandidateType.values()) {
            assertThat(RTCIceCandidateType.fromValue(v.value())).isSameAs(v);
        }
        for (RTCIceTcpCandidateType v : RTCIceTcpCandidateType.values()) {
            assertThat(RTCIceTcpCandidateType.fromValue(v.value())).isSameAs(v);
        }
        assertThat(RTCIceProtocol.UDP.value()).isEqualTo("udp");
        assertThat(RTCIceCandidateType.SRFLX.value()).isEqualTo("srflx");
        assertThat(RTCIceTcpCandidateType.SO.value()).isEqualTo("so");
    }

    @Test
    void unknownValuesAreRejectedNamingTheAllowedOnes() {
        assertThatThrownBy(() -> RTCIceProtocol.fromValue("UDP"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not an RTCIceProtocol: \"UDP\"; expected one of udp, tcp");
        assertThatThrownBy(() -> RTCIceCandidateType.fromValue("local"))
                .hasMessage("not an RTCIceCandidateType: \"local\"; expected one of host, srflx, prflx, relay");
        assertThatThrownBy(() -> RTCIceTcpCandidateType.fromValue(null))
                .hasMessage("not an RTCIceTcpCandidateType: null; expected one of active, passive, so");
        assertThatThrownBy(() -> RTCIceComponent.fromValue("data"))
                .hasMessage("not an RTCIceComponent: \"data\"; expected one of rtp, rtcp");
    }
}
