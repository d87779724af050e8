package org.ortc4j.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The typed attributes read the fields the RFCs define, and write them back in the same form. */
class TypedAttributesTest {

    private static SdpAttribute read(String line) {
        SdpAttribute attribute = SdpParser.DEFAULT.parseAttribute(line);
        assertThat(attribute.toLine()).as("written back").isEqualTo(line);
        return attribute;
    }

    @Test
    void candidateReadsRfc8839FieldsAndBrowserExtensions() {
        // RFC 8839 §5.1 with RFC 6544 tcptype and Chromium's extensions.
        var candidate = (CandidateAttribute) read(
                "a=candidate:842163049 1 udp 1677729535 203.0.113.7 61665 typ srflx raddr 192.168.1.2 rport 61665 "
                        + "generation 0 ufrag EsAw network-id 1 network-cost 10");

        assertThat(candidate.foundation()).isEqualTo("842163049");
        assertThat(candidate.component()).isEqualTo(1);
        assertThat(candidate.isUdp()).isTrue();
        assertThat(candidate.priority()).isEqualTo(1677729535L);
        assertThat(candidate.address()).isEqualTo("203.0.113.7");
        assertThat(candidate.port()).isEqualTo(61665);
        assertThat(candidate.type()).isEqualTo("srflx");
        assertThat(candidate.relatedAddress()).isEqualTo("192.168.1.2");
        assertThat(candidate.relatedPort()).isEqualTo(61665);
        assertThat(candidate.extension("ufrag")).isEqualTo("EsAw");
        assertThat(candidate.extension("network-cost")).isEqualTo("10");
        assertThat(candidate.tcpType()).isNull();
    }

    @Test
    void candidateKeepsTcpTypeAndMdnsNames() {
        var candidate = (CandidateAttribute) read(
                "a=candidate:2 1 TCP 1518280447 4f4a5a7e-8b9c-4d2e-9a51-2c5f0b4d8e11.local 9 typ host tcptype active");

        assertThat(candidate.isUdp()).isFalse();
        assertThat(candidate.tcpType()).isEqualTo("active");
        assertThat(candidate.address()).endsWith(".local");
        assertThat(candidate.withExtension("generation", "0").value()).endsWith("tcptype active generation 0");
    }

    @Test
    void trickledCandidateStringReadsWithoutItsAttributePrefix() {
        // W3C RTCIceCandidate.candidate is "candidate:..." without "a=".
        SdpAttribute attribute = SdpParser.DEFAULT.parseAttribute("candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host");

        assertThat(attribute).isInstanceOf(CandidateAttribute.class);
    }

    @Test
    void rtpmapAndFmtpDescribeAPayloadType() {
        var rtpmap = (RtpMapAttribute) read("a=rtpmap:111 opus/48000/2");
        var video = (RtpMapAttribute) read("a=rtpmap:96 VP8/90000");
        var fmtp = (FmtpAttribute) read("a=fmtp:111 minptime=10; useinbandfec=1");
        var red = (FmtpAttribute) read("a=fmtp:63 111/111");

        assertThat(rtpmap).isEqualTo(new RtpMapAttribute(111, "opus", 48000, 2));
        assertThat(video.encodingParameters()).isNull();
        assertThat(fmtp.parameterMap()).containsExactly(Map.entry("minptime", "10"), Map.entry("useinbandfec", "1"));
        assertThat(red.parameterMap()).containsOnlyKeys("111/111");
    }

    @Test
    void fmtpFromAMapIsWrittenInMapOrder() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("level-asymmetry-allowed", "1");
        parameters.put("packetization-mode", "1");
        parameters.put("profile-level-id", "42e01f");

        assertThat(FmtpAttribute.of(102, parameters).toLine())
                .isEqualTo("a=fmtp:102 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f");
    }

    @Test
    void rtcpFbWithWildcardTypeAndParameter() {
        var pli = (RtcpFbAttribute) read("a=rtcp-fb:96 nack pli");
        var all = (RtcpFbAttribute) read("a=rtcp-fb:* ccm fir");

        assertThat(pli.type()).isEqualTo("nack");
        assertThat(pli.parameter()).isEqualTo("pli");
        assertThat(all.isWildcard()).isTrue();
    }

    @Test
    void extmapWithDirectionAndAttributes() {
        // RFC 8285 §8: a=extmap:<value>["/"<direction>] <URI> <extensionattributes>
        var extmap = (ExtmapAttribute) read("a=extmap:2/sendonly urn:ietf:params:rtp-hdrext:encrypt urn:x");
        var plain = (ExtmapAttribute) read("a=extmap:15 urn:ietf:params:rtp-hdrext:sdes:mid");

        assertThat(extmap.id()).isEqualTo(2);
        assertThat(extmap.direction()).isEqualTo(MediaDirection.SENDONLY);
        assertThat(extmap.extensionAttributes()).isEqualTo("urn:x");
        assertThat(plain).isEqualTo(new ExtmapAttribute(15, "urn:ietf:params:rtp-hdrext:sdes:mid"));
    }

    @Test
    void fingerprintGivesBytes() {
        var fingerprint = (FingerprintAttribute) read("a=fingerprint:SHA-256 0A:ff:10");

        assertThat(fingerprint.normalizedHashFunction()).isEqualTo("sha-256");
        assertThat(fingerprint.bytes()).containsExactly(0x0A, 0xFF, 0x10);
    }

    @Test
    void ridWithPayloadTypesAndRestrictions() {
        // RFC 8851 §10 example form.
        var rid = (RidAttribute) read("a=rid:1 send pt=97,98;max-width=1280;max-height=720");

        assertThat(rid.id()).isEqualTo("1");
        assertThat(rid.direction()).isEqualTo(RidDirection.SEND);
        assertThat(rid.payloadTypes()).containsExactly(97, 98);
        assertThat(rid.restrictions()).containsExactly(Map.entry("max-width", "1280"), Map.entry("max-height", "720"));
        assertThat(read("a=rid:lo recv")).isEqualTo(new RidAttribute("lo", RidDirection.RECV));
    }

    @Test
    void simulcastWithAlternativesAndPausedStreams() {
        // RFC 8853 §5.1: a=simulcast:send 1;~4;2,3 recv c
        var simulcast = (SimulcastAttribute) read("a=simulcast:send 1;~4;2,3 recv c");

        assertThat(simulcast.send()).hasSize(3);
        assertThat(simulcast.send().get(1)).containsExactly(new SimulcastAttribute.Rid("4", true));
        assertThat(simulcast.send().get(2)).extracting(SimulcastAttribute.Rid::id).containsExactly("2", "3");
        assertThat(simulcast.recv()).containsExactly(List.of(new SimulcastAttribute.Rid("c", false)));
    }

    @Test
    void ssrcAndSsrcGroup() {
        var msid = (SsrcAttribute) read("a=ssrc:2413170327 msid:stream track");
        var property = (SsrcAttribute) read("a=ssrc:1 x-flag");
        var fid = (SsrcGroupAttribute) read("a=ssrc-group:FID 4294967295 0");

        assertThat(msid.attribute()).isEqualTo("msid");
        assertThat(msid.attributeValue()).isEqualTo("stream track");
        assertThat(property.attributeValue()).isNull();
        assertThat(fid.ssrcs()).containsExactly(4294967295L, 0L);
    }

    @Test
    void sessionLevelGroupingAndMsidSemantics() {
        var bundle = (GroupAttribute) read("a=group:BUNDLE 0 1 data");
        var chromium = (MsidSemanticAttribute) read("a=msid-semantic: WMS stream");
        var aiortc = (MsidSemanticAttribute) read("a=msid-semantic:WMS *");

        assertThat(bundle.isBundle()).isTrue();
        assertThat(bundle.mids()).containsExactly("0", "1", "data");
        assertThat(chromium.semantic()).isEqualTo("WMS");
        assertThat(chromium.identifiers()).containsExactly("stream");
        assertThat(aiortc.identifiers()).containsExactly("*");
        assertThat(MsidSemanticAttribute.of("WMS", List.of("s")).toLine()).isEqualTo("a=msid-semantic: WMS s");
    }

    @Test
    void dataChannelAttributes() {
        assertThat(read("a=sctp-port:5000")).isEqualTo(new SctpPortAttribute(5000));
        assertThat(read("a=max-message-size:0")).isEqualTo(new MaxMessageSizeAttribute(0));
        assertThat(read("a=sctpmap:5000 webrtc-datachannel 65535"))
                .isEqualTo(new SctpmapAttribute(5000, "webrtc-datachannel", 65535));
    }

    @Test
    void propertyAttributesAreSingletonsOrDirections() {
        assertThat(read("a=rtcp-mux")).isEqualTo(PropertyAttribute.RTCP_MUX);
        assertThat(read("a=end-of-candidates")).isEqualTo(PropertyAttribute.END_OF_CANDIDATES);
        assertThatThrownBy(() -> new PropertyAttribute("x-flag")).hasMessageContaining("UnknownAttribute.property");
        assertThat(read("a=recvonly")).isEqualTo(new DirectionAttribute(MediaDirection.RECVONLY));
        assertThat(MediaDirection.SENDONLY.reverse()).isEqualTo(MediaDirection.RECVONLY);
    }

    @Test
    void unknownAttributesAreKeptVerbatim() {
        assertThat(read("a=rtcp-xr:rcvr-rtt=all")).isEqualTo(UnknownAttribute.of("rtcp-xr", "rcvr-rtt=all"));
        assertThat(read("a=x-google-flag:conference ")).isEqualTo(UnknownAttribute.of("x-google-flag", "conference "));
        assertThat(read("a=ice2")).isEqualTo(UnknownAttribute.property("ice2"));
    }

    @Test
    void setupAndRtcp() {
        assertThat(read("a=setup:actpass")).isEqualTo(new SetupAttribute(SetupRole.ACTPASS));
        assertThat(read("a=rtcp:9 IN IP4 0.0.0.0")).isEqualTo(new RtcpAttribute(9, ConnectionData.ip4("0.0.0.0")));
        assertThat(read("a=rtcp:53020")).isEqualTo(new RtcpAttribute(53020, null));
    }

    @Test
    void constructorsRejectValuesTheWireCannotCarry() {
        assertThatThrownBy(() -> new MidAttribute("a b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RtpMapAttribute(128, "opus", 48000, 2)).hasMessageContaining("0..127");
        assertThatThrownBy(() -> new ExtmapAttribute(16_000, "urn:x")).hasMessageContaining("extmap id");
        assertThatThrownBy(() -> new IceOptionsAttribute(List.of())).hasMessageContaining("at least one");
        assertThatThrownBy(() -> new UnknownAttribute("x", "a\r\nb")).hasMessageContaining("line break");
    }
}
