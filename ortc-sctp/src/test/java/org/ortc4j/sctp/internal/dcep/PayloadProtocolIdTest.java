package org.ortc4j.sctp.internal.dcep;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PayloadProtocolIdTest {

    @Test
    void valuesOfRfc8831Section8() {
        assertThat(PayloadProtocolId.DCEP).isEqualTo(50);
        assertThat(PayloadProtocolId.STRING).isEqualTo(51);
        assertThat(PayloadProtocolId.STRING_PARTIAL).isEqualTo(52);
        assertThat(PayloadProtocolId.BINARY).isEqualTo(53);
        assertThat(PayloadProtocolId.BINARY_PARTIAL).isEqualTo(54);
        assertThat(PayloadProtocolId.STRING_EMPTY).isEqualTo(56);
        assertThat(PayloadProtocolId.BINARY_EMPTY).isEqualTo(57);
    }

    @Test
    void emptyMessagesTravelAsOneZeroByte() {
        // RFC 8831 §6.6: an empty message is sent with the Empty PPID and one zero byte.
        assertThat(PayloadProtocolId.forMessage(false, 0)).isEqualTo(56);
        assertThat(PayloadProtocolId.forMessage(true, 0)).isEqualTo(57);
        assertThat(PayloadProtocolId.forMessage(false, 3)).isEqualTo(51);
        assertThat(PayloadProtocolId.forMessage(true, 1)).isEqualTo(53);
        assertThat(PayloadProtocolId.payloadFor(new byte[0])).containsExactly(0);
        byte[] m = {1, 2};
        assertThat(PayloadProtocolId.payloadFor(m)).isSameAs(m);
        assertThat(PayloadProtocolId.messageFrom(57, new byte[] {0})).isEmpty();
        assertThat(PayloadProtocolId.messageFrom(53, m)).isSameAs(m);
    }

    @Test
    void deprecatedPartialPpidsAreReadAsTheirType() {
        assertThat(PayloadProtocolId.isString(52)).isTrue();
        assertThat(PayloadProtocolId.isBinary(54)).isTrue();
        assertThat(PayloadProtocolId.isDeprecatedPartial(52)).isTrue();
        assertThat(PayloadProtocolId.isDeprecatedPartial(51)).isFalse();
        assertThat(PayloadProtocolId.isString(53)).isFalse();
        assertThat(PayloadProtocolId.isBinary(50)).isFalse();
    }
}
