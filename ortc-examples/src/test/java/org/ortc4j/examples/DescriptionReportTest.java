package org.ortc4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.ortc4j.sdp.SessionDescription;

class DescriptionReportTest {

    @Test
    void chromiumOfferReportsOriginBundleIceAndDtls() {
        String report = DescriptionReport.format(TestSdp.parse(TestSdp.CHROMIUM_OFFER_MEDIA));

        assertThat(report)
                .contains("origin             - 660783259354977527 2 IN IP4 127.0.0.1")
                .contains("BUNDLE             0 1")
                .contains("ICE lite           no")
                .contains("ICE                ufrag eWTb, options trickle")
                .contains("candidates         4: 1 host udp IPv4, 1 host udp IPv6, 1 host tcp/active IPv4, "
                        + "1 host tcp/active IPv6")
                .contains("DTLS               sha-256 fingerprint, setup actpass");
    }

    @Test
    void chromiumOfferReportsEachSectionWithItsCodecsAndExtensions() {
        String report = DescriptionReport.format(TestSdp.parse(TestSdp.CHROMIUM_OFFER_MEDIA));

        assertThat(report)
                .contains("m=audio  mid 0  sendrecv  UDP/TLS/RTP/SAVPF  port 57212")
                .contains("m=video  mid 1  sendrecv  UDP/TLS/RTP/SAVPF  port 46848")
                .contains("RTCP               rtcp-mux, rtcp-rsize")
                .contains("codecs             8")
                .contains("codecs             23")
                .contains("111  opus/48000/2         minptime=10;useinbandfec=1")
                .contains("rtcp-fb transport-cc")
                .contains("97   rtx/90000            apt=96")
                .contains("rtcp-fb goog-remb, transport-cc, ccm fir, nack, nack pli")
                .contains("header extensions  4")
                .contains("3    http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01")
                .contains("ssrcs              2413170327 (cname Vj0AlAiy7euXjgMV)")
                .contains("ssrc-group         FID 438152980 1335972244");
    }

    @Test
    void dataChannelSectionReportsSctpPortAndMaxMessageSize() {
        String report = DescriptionReport.format(TestSdp.parse(TestSdp.CHROMIUM_OFFER_DATACHANNEL));

        assertThat(report)
                .contains("m=application  mid 0  UDP/DTLS/SCTP  port 35333")
                .contains("SCTP               sctp-port 5000, max-message-size 262144 (256 KiB)")
                .doesNotContain("codecs");
    }

    @Test
    void simulcastOfferReportsRidsAndSimulcastStreams() {
        String report = DescriptionReport.format(TestSdp.parse(TestSdp.CHROMIUM_OFFER_SIMULCAST));

        assertThat(report)
                .contains("rids               hi send, lo send")
                .contains("simulcast          send hi;lo");
    }

    @Test
    void whatTheSdpLeavesOutIsReportedWithItsDefault() {
        SessionDescription minimal = SessionDescription.parse("""
                v=0\r
                o=- 1 1 IN IP4 127.0.0.1\r
                s=-\r
                t=0 0\r
                m=audio 0 RTP/AVP 0\r
                m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r
                a=sctp-port:5000\r
                """);

        assertThat(DescriptionReport.format(minimal))
                .contains("BUNDLE             none")
                .contains("m=audio  mid (none)  sendrecv (default)  RTP/AVP  port 0: rejected")
                .contains("0    PCMU/8000")
                .contains("no rtcp-mux")
                .contains("candidates         none")
                .contains("DTLS               no fingerprint, no setup")
                .contains("max-message-size not stated (64 KiB by default, RFC 8841 §6.1)");
    }

    @Test
    void candidatesAreCountedByTypeTransportAndAddressFamily() {
        SessionDescription description = SessionDescription.parse("""
                v=0\r
                o=- 1 1 IN IP4 127.0.0.1\r
                s=-\r
                t=0 0\r
                m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r
                a=candidate:1 1 udp 2122260223 192.0.2.2 50000 typ host\r
                a=candidate:2 1 udp 2122260223 2001:db8::2 50001 typ host\r
                a=candidate:3 1 udp 1686052607 203.0.113.7 50002 typ srflx raddr 192.0.2.2 rport 50000\r
                a=candidate:4 1 udp 41885439 198.51.100.9 3478 typ relay raddr 203.0.113.7 rport 50002\r
                a=candidate:5 1 udp 2122260223 4a1b3c2d-0000-4000-8000-000000000000.local 50003 typ host\r
                a=candidate:6 1 udp 2122260223 192.0.2.3 50004 typ host\r
                """);

        assertThat(DescriptionReport.format(description))
                .contains("candidates         6: 2 host udp IPv4, 1 host udp IPv6, 1 srflx udp IPv4, "
                        + "1 relay udp IPv4, 1 host udp mDNS");
    }
}
