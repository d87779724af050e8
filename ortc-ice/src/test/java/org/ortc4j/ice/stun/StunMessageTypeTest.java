package org.ortc4j.ice.stun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * The message type of RFC 8489 §5: method bits M11..M0 interleaved with class bits C1 and C0,
 * and the open sets of methods and attribute types.
 */
class StunMessageTypeTest {

    @Test
    void bindingTypesHaveTheirRfcValues() {
        // RFC 8489 §5: "a Binding request has class=0b00 (request) and method=0b000000000001
        // (Binding) and is encoded into the first 16 bits as 0x0001. A Binding response has
        // class=0b10 (success response) and method=0b000000000001, and is encoded into the first
        // 16 bits as 0x0101."
        assertThat(StunMessageType.BINDING_REQUEST.value()).isEqualTo(0x0001);
        assertThat(StunMessageType.BINDING_SUCCESS_RESPONSE.value()).isEqualTo(0x0101);
        assertThat(StunMessageType.BINDING_ERROR_RESPONSE.value()).isEqualTo(0x0111);
        assertThat(StunMessageType.BINDING_INDICATION.value()).isEqualTo(0x0011);
        assertThat(StunMessageType.valueOf(0x0101)).isEqualTo(StunMessageType.BINDING_SUCCESS_RESPONSE);
    }

    @Test
    void turnMethodsEncodeAsRfc8656Lists() {
        assertThat(StunMessageType.of(StunMethod.ALLOCATE, StunMessageClass.REQUEST).value()).isEqualTo(0x0003);
        assertThat(StunMessageType.of(StunMethod.ALLOCATE, StunMessageClass.ERROR_RESPONSE).value()).isEqualTo(0x0113);
        assertThat(StunMessageType.of(StunMethod.REFRESH, StunMessageClass.SUCCESS_RESPONSE).value()).isEqualTo(0x0104);
        assertThat(StunMessageType.of(StunMethod.SEND, StunMessageClass.INDICATION).value()).isEqualTo(0x0016);
        assertThat(StunMessageType.of(StunMethod.DATA, StunMessageClass.INDICATION).value()).isEqualTo(0x0017);
        assertThat(StunMessageType.of(StunMethod.CREATE_PERMISSION, StunMessageClass.REQUEST).value()).isEqualTo(0x0008);
        assertThat(StunMessageType.of(StunMethod.CHANNEL_BIND, StunMessageClass.REQUEST).value()).isEqualTo(0x0009);
    }

    @Test
    void everyFourteenBitValueRoundTrips() {
        for (int value = 0; value <= 0x3FFF; value++) {
            StunMessageType type = StunMessageType.valueOf(value);
            assertThat(type.value()).isEqualTo(value);
            assertThat(StunMessageType.of(type.method(), type.messageClass())).isEqualTo(type);
        }
    }

    @Test
    void highMethodBitsSitAroundTheClassBits() {
        // M11..M7 in the top five bits, M6..M4 between C1 and C0.
        StunMessageType type = StunMessageType.of(StunMethod.valueOf(0xFFF), StunMessageClass.REQUEST);
        assertThat(type.value()).isEqualTo(0x3EEF);
        assertThat(StunMessageType.valueOf(0x3EEF).method().code()).isEqualTo(0xFFF);
        assertThat(StunMessageType.valueOf(0x0110).messageClass()).isEqualTo(StunMessageClass.ERROR_RESPONSE);
    }

    @Test
    void unknownMethodsAreKeptWithTheirCode() {
        StunMethod connect = StunMethod.valueOf(0x00A);
        assertThat(connect.isKnown()).isFalse();
        assertThat(connect.code()).isEqualTo(0x00A);
        assertThat(connect).isEqualTo(StunMethod.valueOf(0x00A)).hasToString("0x00A");
        assertThat(StunMethod.valueOf(0x001)).isSameAs(StunMethod.BINDING);
        assertThatThrownBy(() -> StunMethod.valueOf(0x1000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StunMessageType.valueOf(0x4000)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void attributeTypesAreAnOpenSetSplitByComprehension() {
        assertThat(StunAttributeType.valueOf(0x0020)).isSameAs(StunAttributeType.XOR_MAPPED_ADDRESS);
        assertThat(StunAttributeType.XOR_MAPPED_ADDRESS).hasToString("XOR-MAPPED-ADDRESS");
        StunAttributeType unknown = StunAttributeType.valueOf(0x7FFF);
        assertThat(unknown.isKnown()).isFalse();
        assertThat(unknown.isComprehensionRequired()).isTrue();
        assertThat(unknown).isEqualTo(StunAttributeType.valueOf(0x7FFF)).hasToString("0x7FFF");
        assertThat(StunAttributeType.valueOf(0x8000).isComprehensionRequired()).isFalse();
        assertThat(StunAttributeType.FINGERPRINT.isComprehensionRequired()).isFalse();
        assertThat(StunAttributeType.USERNAME.isComprehensionRequired()).isTrue();
    }

    @Test
    void addressFamiliesAreAnOpenSet() {
        assertThat(StunAddressFamily.valueOf(1)).isSameAs(StunAddressFamily.IPV4);
        assertThat(StunAddressFamily.valueOf(2)).isSameAs(StunAddressFamily.IPV6);
        assertThat(StunAddressFamily.valueOf(3).isKnown()).isFalse();
        assertThat(StunAddressFamily.valueOf(3)).isEqualTo(StunAddressFamily.valueOf(3)).hasToString("0x03");
    }
}
