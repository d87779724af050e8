package org.ortc4j.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** W3C WebRTC §4.7: RTCSdpType and RTCSessionDescription. */
class RTCSessionDescriptionTest {

    @Test
    void typesMapToTheirW3cStrings() {
        assertThat(RTCSdpType.values()).extracting(RTCSdpType::value)
                .containsExactly("offer", "pranswer", "answer", "rollback");
        assertThat(RTCSdpType.fromValue("pranswer")).isEqualTo(RTCSdpType.PRANSWER);
        assertThat(RTCSdpType.ANSWER).hasToString("answer");
    }

    @Test
    void unknownTypeIsATypeError() {
        assertThatThrownBy(() -> RTCSdpType.fromValue("Offer"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"Offer\"").hasMessageContaining("offer, pranswer, answer or rollback");
        assertThatThrownBy(() -> RTCSessionDescription.of(null, ""))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keepsTypeAndTextAndParsesOnDemand() {
        String sdp = SdpResources.read("corpus/aiortc-offer-media.sdp");

        RTCSessionDescription offer = RTCSessionDescription.of("offer", sdp);

        assertThat(offer.type()).isEqualTo(RTCSdpType.OFFER);
        assertThat(offer.sdp()).isSameAs(sdp);
        assertThat(offer.parse().media()).hasSize(2);
    }

    @Test
    void rollbackCarriesNoSdp() {
        assertThat(new RTCSessionDescription(RTCSdpType.ROLLBACK, "").sdp()).isEmpty();
        assertThatThrownBy(() -> new RTCSessionDescription(RTCSdpType.ROLLBACK, "v=0\r\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rollback");
    }

    @Test
    void nullPartsAreRejected() {
        assertThatThrownBy(() -> new RTCSessionDescription(null, "")).isInstanceOf(NullPointerException.class)
                .hasMessage("type");
        assertThatThrownBy(() -> new RTCSessionDescription(RTCSdpType.OFFER, null))
                .isInstanceOf(NullPointerException.class).hasMessage("sdp");
    }

    @Test
    void emptyTextIsAParseErrorOnlyWhenParsed() {
        RTCSessionDescription implicit = new RTCSessionDescription(RTCSdpType.OFFER, "");

        assertThatThrownBy(implicit::parse).isExactlyInstanceOf(SdpParseException.class).hasMessage("SDP: SDP is empty");
    }
}
