package org.ortc4j.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading a whole description, its typed lookups, and building one. */
class SessionDescriptionTest {

    @Test
    void readsARealChromiumOfferThroughTheTypedAccessors() {
        SessionDescription offer = SessionDescription.parse(SdpResources.read("corpus/chromium-offer-media.sdp"));

        assertThat(offer.origin().username()).isEqualTo("-");
        assertThat(offer.bundleGroups()).singleElement()
                .extracting(GroupAttribute::mids).isEqualTo(List.of("0", "1"));
        assertThat(offer.extmapAllowMixed()).isTrue();
        assertThat(offer.media()).extracting(MediaDescription::media).containsExactly("audio", "video");

        MediaDescription audio = offer.media("0").orElseThrow();
        assertThat(audio.direction()).contains(MediaDirection.SENDRECV);
        assertThat(audio.iceUfrag()).contains("eWTb");
        assertThat(audio.setup()).contains(SetupRole.ACTPASS);
        assertThat(audio.fingerprints()).singleElement().extracting(FingerprintAttribute::hashFunction).isEqualTo("sha-256");
        assertThat(audio.payloadTypes()).containsExactly(111, 63, 9, 0, 8, 13, 110, 126);
        assertThat(audio.rtpMap(111)).contains(new RtpMapAttribute(111, "opus", 48000, 2));
        assertThat(audio.fmtp(111).orElseThrow().parameterMap()).containsEntry("useinbandfec", "1");
        assertThat(audio.rtcpFeedback(111)).extracting(RtcpFbAttribute::type).containsExactly("transport-cc");
        assertThat(audio.rtcpMux()).isTrue();
        assertThat(audio.rtcpRsize()).isTrue();
        assertThat(audio.candidates()).hasSize(4);
        assertThat(audio.connection()).contains(ConnectionData.ip4("127.0.0.1"));
        assertThat(audio.isRejected()).isFalse();
    }

    @Test
    void readsLegacyAndModernDataChannelSections() {
        MediaDescription legacy = SessionDescription.parse(SdpResources.read("corpus/aiortc-offer-datachannel.sdp"))
                .media().get(0);
        MediaDescription modern = SessionDescription.parse(SdpResources.read("corpus/chromium-offer-datachannel.sdp"))
                .media().get(0);

        assertThat(legacy.isSctp()).isTrue();
        assertThat(legacy.sctpPort()).contains(5000);
        assertThat(legacy.maxMessageSize()).contains(65536L);
        assertThat(modern.protocol()).isEqualTo("UDP/DTLS/SCTP");
        assertThat(modern.formats()).containsExactly("webrtc-datachannel");
        assertThat(modern.maxMessageSize()).contains(262144L);
    }

    @Test
    void acceptsBareLineFeedsAndWritesCrLf() {
        String lf = "v=0\no=- 1 1 IN IP4 127.0.0.1\ns=-\nt=0 0\nm=application 9 UDP/DTLS/SCTP webrtc-datachannel\na=mid:0\n";

        assertThat(SessionDescription.parse(lf).toSdp()).isEqualTo(lf.replace("\n", "\r\n"));
    }

    @Test
    void keepsLinesOfUndefinedTypes() {
        String sdp = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\ny=vendor line\r\n"
                + "m=audio 9 RTP/AVP 0\r\nx=another\r\na=mid:a\r\n";

        SessionDescription parsed = SessionDescription.parse(sdp);

        assertThat(parsed.unknownLines()).containsExactly(new UnknownLine('y', "vendor line"));
        assertThat(parsed.media().get(0).unknownLines()).containsExactly(new UnknownLine('x', "another"));
        assertThat(parsed.toSdp()).isEqualTo(sdp);
    }

    @Test
    void keepsEveryRfc8866SessionLine() {
        // RFC 8866 §5 example, with every optional line type.
        String sdp = "v=0\r\n"
                + "o=jdoe 3724394400 3724394405 IN IP4 198.51.100.1\r\n"
                + "s=Call to John Smith\r\n"
                + "i=SDP Offer #1\r\n"
                + "u=http://www.jdoe.example.com/home.html\r\n"
                + "e=Jane Doe <jane@jdoe.example.com>\r\n"
                + "p=+1 617 555-6011\r\n"
                + "c=IN IP4 198.51.100.1\r\n"
                + "b=AS:128\r\n"
                + "t=0 0\r\n"
                + "t=3724394400 3724398000\r\n"
                + "r=7d 1h 0 25h\r\n"
                + "z=2882844526 -1h 2898848070 0\r\n"
                + "k=prompt\r\n"
                + "m=audio 49170 RTP/AVP 0\r\n"
                + "i=voice\r\n"
                + "c=IN IP4 203.0.113.1\r\n"
                + "b=TIAS:64000\r\n"
                + "k=prompt\r\n"
                + "a=sendonly\r\n"
                + "m=video 51372/2 RTP/AVP 99\r\n"
                + "a=rtpmap:99 h263-1998/90000\r\n";

        SessionDescription parsed = SessionDescription.parse(sdp);

        assertThat(parsed.timings()).hasSize(2);
        assertThat(parsed.timings().get(1).repeats()).containsExactly("7d 1h 0 25h");
        assertThat(parsed.media().get(1).numberOfPorts()).isEqualTo(2);
        assertThat(parsed.media().get(0).bandwidths()).containsExactly(new Bandwidth("TIAS", 64000));
        assertThat(parsed.toSdp()).isEqualTo(sdp);
    }

    @Test
    void buildsAJsepOfferFromParts() {
        MediaDescription data = MediaDescription.builder("application", 9, "UDP/DTLS/SCTP", List.of("webrtc-datachannel"))
                .connection(ConnectionData.ip4("0.0.0.0"))
                .attribute(new IceUfragAttribute("abcd"))
                .attribute(new IcePwdAttribute("0123456789012345678901"))
                .attribute(new IceOptionsAttribute(List.of("trickle")))
                .attribute(new FingerprintAttribute("sha-256", "AB:CD"))
                .attribute(new SetupAttribute(SetupRole.ACTPASS))
                .attribute(new MidAttribute("0"))
                .attribute(new SctpPortAttribute(5000))
                .attribute(new MaxMessageSizeAttribute(262144))
                .build();
        SessionDescription offer = SessionDescription.builder(
                        new Origin("-", "4611731400430051336", "2", "IN", "IP4", "127.0.0.1"))
                .attribute(new GroupAttribute(GroupAttribute.BUNDLE, List.of("0")))
                .attribute(MsidSemanticAttribute.of("WMS", List.of()))
                .media(data)
                .build();

        assertThat(offer.toSdp()).isEqualTo("v=0\r\n"
                + "o=- 4611731400430051336 2 IN IP4 127.0.0.1\r\n"
                + "s=-\r\n"
                + "t=0 0\r\n"
                + "a=group:BUNDLE 0\r\n"
                + "a=msid-semantic: WMS\r\n"
                + "m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\n"
                + "c=IN IP4 0.0.0.0\r\n"
                + "a=ice-ufrag:abcd\r\n"
                + "a=ice-pwd:0123456789012345678901\r\n"
                + "a=ice-options:trickle\r\n"
                + "a=fingerprint:sha-256 AB:CD\r\n"
                + "a=setup:actpass\r\n"
                + "a=mid:0\r\n"
                + "a=sctp-port:5000\r\n"
                + "a=max-message-size:262144\r\n");
        assertThat(SessionDescription.parse(offer.toSdp())).isEqualTo(offer);
    }

    @Test
    void toBuilderChangesOnlyWhatIsChanged() {
        SessionDescription offer = SessionDescription.parse(SdpResources.read("corpus/chromium-offer-media.sdp"));
        MediaDescription audio = offer.media().get(0);

        MediaDescription rejected = audio.toBuilder().port(0).removeAttributes(CandidateAttribute.class).build();
        SessionDescription changed = offer.toBuilder().media(List.of(rejected, offer.media().get(1))).build();

        assertThat(rejected.isRejected()).isTrue();
        assertThat(rejected.candidates()).isEmpty();
        assertThat(changed.media().get(1)).isEqualTo(offer.media().get(1));
        assertThat(changed.origin()).isEqualTo(offer.origin());
    }

    @Test
    void rejectedSectionAndBundleOnly() {
        String sdp = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"
                + "m=audio 0 UDP/TLS/RTP/SAVPF 0\r\na=mid:a\r\n"
                + "m=video 0 UDP/TLS/RTP/SAVPF 96\r\na=mid:v\r\na=bundle-only\r\n";

        SessionDescription parsed = SessionDescription.parse(sdp);

        assertThat(parsed.media("a").orElseThrow().isRejected()).isTrue();
        assertThat(parsed.media("v").orElseThrow().isRejected()).isFalse();
        assertThat(parsed.media("none")).isEmpty();
    }

    @Test
    void payloadTypesOfANonRtpSectionIsAClearError() {
        MediaDescription data = SessionDescription.parse(SdpResources.read("corpus/chromium-offer-datachannel.sdp"))
                .media().get(0);

        assertThatThrownBy(data::payloadTypes).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("webrtc-datachannel");
    }
}
