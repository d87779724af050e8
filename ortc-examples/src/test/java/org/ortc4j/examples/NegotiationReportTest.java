package org.ortc4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.ortc4j.sdp.SessionDescription;

class NegotiationReportTest {

    @Test
    void mediaPairReportsDirectionsDtlsRolesBundleAndCodecs() {
        String report = NegotiationReport.format(Negotiation.of(
                TestSdp.parse(TestSdp.CHROMIUM_OFFER_MEDIA), TestSdp.parse(TestSdp.AIORTC_ANSWER_MEDIA)));

        assertThat(report)
                .contains("BUNDLE             0 1 share the transport of mid 0")
                .contains("rejected           none")
                .contains("m=audio mid 0")
                .contains("direction          offerer sendonly, answerer recvonly")
                .contains("DTLS               answer says setup:active: offerer is server, answerer is client")
                .contains("rtcp-mux           accepted")
                .contains("bundle             yes, on the transport of mid 0")
                .contains("codecs             3")
                .contains("codecs             6")
                .contains("108  H264/90000           level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f")
                .contains("4    urn:ietf:params:rtp-hdrext:sdes:mid");
    }

    @Test
    void dataChannelPairReportsTheMaxMessageSizeBothUse() {
        String report = NegotiationReport.format(Negotiation.of(
                TestSdp.parse(TestSdp.CHROMIUM_OFFER_DATACHANNEL), TestSdp.parse(TestSdp.AIORTC_ANSWER_DATACHANNEL)));

        assertThat(report)
                .contains("m=application mid 0")
                .contains("sctp-port          offer 5000, answer 5000")
                .contains("max-message-size   offer 262144 (256 KiB), answer 65536 (64 KiB) "
                        + "-> at most 65536 (64 KiB) per message")
                .doesNotContain("direction")
                .doesNotContain("rtcp-mux");
    }

    @Test
    void rejectedSectionsAreListed() {
        String answer = NegotiationTest.edit(TestSdp.text(TestSdp.AIORTC_ANSWER_MEDIA), "m=video 33138 ", "m=video 0 ");

        String report = NegotiationReport.format(Negotiation.of(
                TestSdp.parse(TestSdp.CHROMIUM_OFFER_MEDIA), SessionDescription.parse(answer)));

        assertThat(report)
                .contains("rejected           m=video mid 1")
                .contains("m=video mid 1  rejected");
    }
}
