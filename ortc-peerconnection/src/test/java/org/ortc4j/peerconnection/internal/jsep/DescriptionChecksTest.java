package org.ortc4j.peerconnection.internal.jsep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ortc4j.sdp.RTCSdpType;
import org.ortc4j.sdp.RTCSessionDescription;

/** Answers that do not answer our offer, and offers that drop or move negotiated sections. */
class DescriptionChecksTest {

    private final JsepFixtures.Peer alice = new JsepFixtures.Peer(21);
    private final JsepFixtures.Peer bob = new JsepFixtures.Peer(22);

    private LocalDescription offer() {
        return alice.offerBuilder().transceivers(List.of(alice.sender(0, "audio", "a"), alice.sender(1, "video", "v")))
                .build(alice.transports());
    }

    private static RemoteDescription read(RTCSdpType type, String sdp) {
        return RemoteDescriptionReader.read(new RTCSessionDescription(type, sdp));
    }

    @Test
    void ourPeersAnswerMatchesAndAlteredAnswersDoNot() {
        LocalDescription offer = offer();
        String answer = bob.answerBuilder().build(read(RTCSdpType.OFFER, offer.toSdp()), bob.transports()).toSdp();

        assertThatCode(() -> DescriptionChecks.answerMatchesOffer(read(RTCSdpType.ANSWER, answer), offer))
                .doesNotThrowAnyException();
        String renamed = answer.replace("a=mid:1", "a=mid:x").replace("BUNDLE 0 1", "BUNDLE 0 x");
        assertThatThrownBy(() -> DescriptionChecks.answerMatchesOffer(read(RTCSdpType.ANSWER, renamed), offer))
                .isInstanceOfSatisfying(JsepException.class,
                        e -> assertThat(e.kind()).isEqualTo(JsepException.Kind.INVALID_ACCESS));
        String truncated = answer.substring(0, answer.indexOf("m=video"));
        assertThatThrownBy(() -> DescriptionChecks.answerMatchesOffer(read(RTCSdpType.ANSWER, truncated), offer))
                .isInstanceOf(JsepException.class);
    }

    @Test
    void aSubsequentOfferMustKeepTheNegotiatedSections() {
        LocalDescription current = offer();
        String same = offer().toSdp();
        String swapped = same.replace("a=mid:0", "a=mid:tmp").replace("a=mid:1", "a=mid:0").replace("a=mid:tmp", "a=mid:1");

        assertThatCode(() -> DescriptionChecks.offerKeepsSections(read(RTCSdpType.OFFER, same), current))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> DescriptionChecks.offerKeepsSections(read(RTCSdpType.OFFER, swapped), current))
                .isInstanceOf(JsepException.class);
        assertThatThrownBy(() -> DescriptionChecks.offerKeepsSections(
                read(RTCSdpType.OFFER, same.substring(0, same.indexOf("m=video"))), current))
                .isInstanceOf(JsepException.class);
    }

    @Test
    void simulcastRidsBecomeDecodingsWhenNoSsrcIsSignalled() {
        String sdp = "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\n"
                + "m=video 9 UDP/TLS/RTP/SAVPF 96\r\nc=IN IP4 0.0.0.0\r\na=ice-ufrag:abcd\r\n"
                + "a=ice-pwd:0123456789012345678901\r\na=fingerprint:sha-256 AB:CD\r\na=setup:actpass\r\na=mid:0\r\n"
                + "a=sendonly\r\na=rtpmap:96 VP8/90000\r\na=rid:h send\r\na=rid:l send\r\na=simulcast:send h;l\r\n";
        RemoteDescription offer = read(RTCSdpType.OFFER, sdp);
        LocalDescription answer = bob.answerBuilder().build(offer, bob.transports());

        NegotiatedMedia media = NegotiatedMedia.of(answer.mediaSections().get(0), offer.sections().get(0), true);

        assertThat(offer.sections().get(0).simulcast()).isNotNull();
        assertThat(media.receive().encodings()).extracting(d -> d.rid()).containsExactly("h", "l");
        assertThat(media.currentDirection()).isEqualTo(org.ortc4j.rtp.RTCRtpTransceiverDirection.RECVONLY);
    }
}
