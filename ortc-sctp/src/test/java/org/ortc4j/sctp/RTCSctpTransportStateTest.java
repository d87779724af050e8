package org.ortc4j.sctp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The W3C values of ortc-sctp's public API: the transport state, capabilities, messages, errors. */
class RTCSctpTransportStateTest {

    @Test
    void statesMapToTheirW3cStrings() {
        assertThat(RTCSctpTransportState.CONNECTING.value()).isEqualTo("connecting");
        assertThat(RTCSctpTransportState.CONNECTED).hasToString("connected");
        assertThat(RTCSctpTransportState.fromValue("closed")).isEqualTo(RTCSctpTransportState.CLOSED);
        assertThatThrownBy(() -> RTCSctpTransportState.fromValue("Closed")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RTCSctpTransportState.fromValue(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void capabilitiesRefuseNegativeSizes() {
        assertThat(new RTCSctpCapabilities(0).maxMessageSize()).isZero();
        assertThatThrownBy(() -> new RTCSctpCapabilities(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMessageIsTextOrBytes() {
        RTCDataChannelMessage text = new RTCDataChannelMessage(false, "día".getBytes(StandardCharsets.UTF_8));
        assertThat(text.isBinary()).isFalse();
        assertThat(text.text()).isEqualTo("día");
        assertThat(text.length()).isEqualTo(4);

        byte[] raw = {1, 2};
        RTCDataChannelMessage binary = new RTCDataChannelMessage(true, raw);
        assertThat(binary.data().isReadOnly()).isTrue();
        binary.bytes()[0] = 9;
        assertThat(binary.bytes()).containsExactly(1, 2);
        assertThatThrownBy(binary::text).isInstanceOf(IllegalStateException.class);
        // Malformed UTF-8 is replaced, as browsers decode.
        assertThat(new RTCDataChannelMessage(false, new byte[] {(byte) 0xFF}).text()).isEqualTo("\uFFFD");
    }

    @Test
    void anRtcErrorIsAnOperationErrorWithADetail() {
        RTCError error = new RTCError(RTCError.SCTP_FAILURE, "aborted");
        assertThat(error.name()).isEqualTo("OperationError");
        assertThat(error.errorDetail()).isEqualTo("sctp-failure");
        assertThat(error).hasMessage("aborted");
    }
}
