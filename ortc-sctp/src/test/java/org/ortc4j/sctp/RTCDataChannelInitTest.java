package org.ortc4j.sctp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RTCDataChannelInitTest {

    @Test
    void defaultsAreTheW3cDefaults() {
        RTCDataChannelInit init = RTCDataChannelInit.defaults();
        assertThat(init.ordered()).isTrue();
        assertThat(init.maxPacketLifeTime()).isNull();
        assertThat(init.maxRetransmits()).isNull();
        assertThat(init.protocol()).isEmpty();
        assertThat(init.negotiated()).isFalse();
        assertThat(init.id()).isNull();
        assertThat(init.priority()).isEqualTo(RTCPriorityType.LOW);
        assertThat(init.partiallyReliable()).isFalse();
    }

    @Test
    void bothReliabilityLimitsIsATypeError() {
        // W3C §6.2: "If both [[MaxPacketLifeTime]] and [[MaxRetransmits]] attributes are set (not null), throw a TypeError."
        assertThatThrownBy(() -> RTCDataChannelInit.builder().maxPacketLifeTime(100).maxRetransmits(3).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("both");
        assertThat(RTCDataChannelInit.builder().maxRetransmits(0).build().partiallyReliable()).isTrue();
    }

    @Test
    void limitsAreUnsignedShorts() {
        assertThat(RTCDataChannelInit.builder().maxRetransmits(65535).build().maxRetransmits()).isEqualTo(65535);
        assertThatThrownBy(() -> RTCDataChannelInit.builder().maxRetransmits(65536).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RTCDataChannelInit.builder().maxPacketLifeTime(-1).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void negotiatedNeedsAnIdBelow65535() {
        assertThatThrownBy(() -> RTCDataChannelInit.builder().negotiated(true).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("id");
        assertThatThrownBy(() -> RTCDataChannelInit.builder().negotiated(true).id(65535).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RTCDataChannelInit.builder().id(-1).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(RTCDataChannelInit.builder().negotiated(true).id(65534).build().id()).isEqualTo(65534);
        assertThat(RTCDataChannelInit.builder().negotiated(true).id(0).build().id()).isZero();
    }

    @Test
    void protocolIsAtMost65535Utf8Bytes() {
        String max = "a".repeat(65535);
        assertThat(RTCDataChannelInit.builder().protocol(max).build().protocol()).hasSize(65535);
        assertThatThrownBy(() -> RTCDataChannelInit.builder().protocol(max + "a").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("protocol");
        // 21846 three-byte characters are 65538 bytes, although only 21846 chars.
        assertThatThrownBy(() -> RTCDataChannelInit.builder().protocol("€".repeat(21846)).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(RTCDataChannelInit.builder().protocol("€".repeat(21845)).build()).isNotNull();
    }

    @Test
    void enumsMapToW3cStrings() {
        assertThat(RTCDataChannelState.fromValue("connecting")).isEqualTo(RTCDataChannelState.CONNECTING);
        assertThat(RTCDataChannelState.CLOSING.value()).isEqualTo("closing");
        assertThat(RTCDataChannelState.CLOSED).hasToString("closed");
        assertThat(RTCPriorityType.fromValue("very-low")).isEqualTo(RTCPriorityType.VERY_LOW);
        assertThat(RTCPriorityType.MEDIUM).hasToString("medium");
        assertThatThrownBy(() -> RTCPriorityType.fromValue("Very-Low")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RTCDataChannelState.fromValue(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void priorityWireValuesFollowRfc8831Section6_4() {
        // RFC 8831 §6.4: below normal 128, normal 256, high 512, extra high 1024; W3C maps
        // very-low, low, medium, high onto them in that order.
        assertThat(RTCPriorityType.VERY_LOW.wireValue()).isEqualTo(128);
        assertThat(RTCPriorityType.LOW.wireValue()).isEqualTo(256);
        assertThat(RTCPriorityType.MEDIUM.wireValue()).isEqualTo(512);
        assertThat(RTCPriorityType.HIGH.wireValue()).isEqualTo(1024);
        for (RTCPriorityType p : RTCPriorityType.values()) {
            assertThat(RTCPriorityType.fromWireValue(p.wireValue())).isEqualTo(p);
        }
        assertThat(RTCPriorityType.fromWireValue(0)).isEqualTo(RTCPriorityType.VERY_LOW);
        assertThat(RTCPriorityType.fromWireValue(129)).isEqualTo(RTCPriorityType.LOW);
        assertThat(RTCPriorityType.fromWireValue(300)).isEqualTo(RTCPriorityType.MEDIUM);
        assertThat(RTCPriorityType.fromWireValue(513)).isEqualTo(RTCPriorityType.HIGH);
        assertThat(RTCPriorityType.fromWireValue(65535)).isEqualTo(RTCPriorityType.HIGH);
        assertThatThrownBy(() -> RTCPriorityType.fromWireValue(65536)).isInstanceOf(IllegalArgumentException.class);
    }
}
