package org.ortc4j.peerconnection.internal.jsep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.ortc4j.rtp.RTCRtcpFeedback;
import org.ortc4j.sdp.MediaDirection;
import org.ortc4j.sdp.RTCSdpType;
import org.ortc4j.sdp.RTCSessionDescription;
import org.ortc4j.sdp.SessionDescription;

/** Odd and malformed remote descriptions: what is read, what is refused with which W3C error. */
class RemoteDescriptionReaderTest {

    private static final String SESSION = "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\n";
    private static final String TRANSPORT = "a=ice-ufrag:abcd\r\na=ice-pwd:0123456789012345678901\r\n"
            + "a=fingerprint:sha-256 AB:CD\r\na=setup:actpass\r\n";

    private static RemoteDescription offer(String sdp) {
        return RemoteDescriptionReader.read(new RTCSessionDescription(RTCSdpType.OFFER, sdp));
    }

    private static JsepException.Kind refusal(RTCSdpType type, String sdp) {
        try {
            RemoteDescriptionReader.read(new RTCSessionDescription(type, sdp));
        } catch (JsepException e) {
            assertThat(e.getMessage()).isNotBlank();
            return e.kind();
        }
        throw new AssertionError("accepted: " + sdp);
    }

    @Test
    void sdpThatDoesNotParseIsASyntaxError() {
        assertThat(refusal(RTCSdpType.OFFER, "hello")).isEqualTo(JsepException.Kind.SYNTAX);
        assertThat(JsepException.Kind.SYNTAX.errorName()).isEqualTo("SyntaxError");
    }

    @Test
    void aBundledSectionWithoutMidIsRefused() {
        String sdp = SESSION + "a=group:BUNDLE 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 0\r\nc=IN IP4 0.0.0.0\r\n" + TRANSPORT;
        assertThat(refusal(RTCSdpType.OFFER, sdp)).isEqualTo(JsepException.Kind.INVALID_ACCESS);
    }

    @Test
    void aBundleGroupNamingAMissingMidIsRefused() {
        String sdp = SESSION + "a=group:BUNDLE 0 7\r\nm=audio 9 UDP/TLS/RTP/SAVPF 0\r\nc=IN IP4 0.0.0.0\r\n" + TRANSPORT
                + "a=mid:0\r\n";
        assertThat(refusal(RTCSdpType.OFFER, sdp)).isEqualTo(JsepException.Kind.INVALID_ACCESS);
    }

    @Test
    void duplicatePayloadTypesAndMidsAreRefused() {
        String twice = SESSION + "m=audio 9 UDP/TLS/RTP/SAVPF 96 96\r\nc=IN IP4 0.0.0.0\r\n" + TRANSPORT
                + "a=mid:0\r\na=rtpmap:96 opus/48000/2\r\n";
        String twoCodecs = SESSION + "m=audio 9 UDP/TLS/RTP/SAVPF 96\r\nc=IN IP4 0.0.0.0\r\n" + TRANSPORT
                + "a=mid:0\r\na=rtpmap:96 opus/48000/2\r\na=rtpmap:96 PCMU/8000\r\n";
        String sameMid = SESSION + "m=audio 9 UDP/TLS/RTP/SAVPF 0\r\nc=IN IP4 0.0.0.0\r\n" + TRANSPORT + "a=mid:a\r\n"
                + "m=video 9 UDP/TLS/RTP/SAVPF 96\r\nc=IN IP4 0.0.0.0\r\n" + TRANSPORT + "a=mid:a\r\na=rtpmap:96 VP8/90000\r\n";
        assertThat(refusal(RTCSdpType.OFFER, twice)).isEqualTo(JsepException.Kind.INVALID_ACCESS);
        assertThat(refusal(RTCSdpType.OFFER, twoCodecs)).isEqualTo(JsepException.Kind.INVALID_ACCESS);
        assertThat(refusal(RTCSdpType.OFFER, sameMid)).isEqualTo(JsepException.Kind.INVALID_ACCESS);
    }

    @Test
    void missingIceOrFingerprintAndActpassAnswersAreRefused() {
        String noIce = SESSION + "m=audio 9 UDP/TLS/RTP/SAVPF 0\r\nc=IN IP4 0.0.0.0\r\na=mid:0\r\n"
                + "a=fingerprint:sha-256 AB:CD\r\n";
        String noFingerprint = SESSION + "m=audio 9 UDP/TLS/RTP/SAVPF 0\r\nc=IN IP4 0.0.0.0\r\na=mid:0\r\n"
                + "a=ice-ufrag:abcd\r\na=ice-pwd:0123456789012345678901\r\n";
        String actpass = SESSION + "m=audio 9 UDP/TLS/RTP/SAVPF 0\r\nc=IN IP4 0.0.0.0\r\na=mid:0\r\n" + TRANSPORT;
        assertThat(refusal(RTCSdpType.OFFER, noIce)).isEqualTo(JsepException.Kind.INVALID_ACCESS);
        assertThat(refusal(RTCSdpType.OFFER, noFingerprint)).isEqualTo(JsepException.Kind.INVALID_ACCESS);
        assertThat(refusal(RTCSdpType.ANSWER, actpass)).isEqualTo(JsepException.Kind.INVALID_ACCESS);
        assertThat(offer(actpass).sections()).hasSize(1);
        assertThat(offer(actpass).canTrickle()).isFalse();
        assertThat(offer(actpass.replace("a=mid:0\r\n", "a=mid:0\r\na=ice-options:trickle\r\n")).canTrickle()).isTrue();
    }

    @Test
    void sessionLevelCredentialsWildcardFeedbackAndStaticTypesAreRead() {
        String sdp = SESSION + TRANSPORT + "a=sendonly\r\n"
                + "m=video 9 UDP/TLS/RTP/SAVPF 96 97 98\r\nc=IN IP4 0.0.0.0\r\n"
                + "a=rtpmap:96 VP8/90000\r\na=rtpmap:97 rtx/90000\r\na=fmtp:97 apt=96\r\n"
                + "a=rtcp-fb:* nack\r\na=rtcp-fb:96 ccm fir\r\n"
                + "m=audio 9 UDP/TLS/RTP/SAVPF 0 8 13\r\nc=IN IP4 0.0.0.0\r\na=recvonly\r\n";

        RemoteDescription read = offer(sdp);

        RemoteSection video = read.sections().get(0);
        // No a=mid and no BUNDLE: the index stands in, and we remember it was not signalled.
        assertThat(video.mid()).isEqualTo("0");
        assertThat(video.midSignalled()).isFalse();
        assertThat(video.ice().usernameFragment()).isEqualTo("abcd");
        assertThat(video.direction()).isEqualTo(MediaDirection.SENDONLY);
        assertThat(video.codecs().get(0).rtcpFeedback())
                .containsExactlyInAnyOrder(new RTCRtcpFeedback("ccm", "fir"), new RTCRtcpFeedback("nack"));
        assertThat(video.codecs().get(1).rtcpFeedback()).contains(new RTCRtcpFeedback("nack"));
        // Payload type 98 has no rtpmap: dropped and counted.
        assertThat(video.unreadableFormats()).isEqualTo(1);
        RemoteSection audio = read.sections().get(1);
        assertThat(audio.direction()).isEqualTo(MediaDirection.RECVONLY);
        // RFC 3551 static types without rtpmap: PCMU and PCMA are known, CN (13) is not ours to guess.
        assertThat(audio.codecs()).extracting(c -> c.mimeType() + "/" + c.channels())
                .containsExactly("audio/PCMU/1", "audio/PCMA/1");
    }

    @Test
    void legacyAndModernSctpSyntaxAndMaxMessageSizeDefault() {
        String legacy = SESSION + "m=application 9 DTLS/SCTP 5001\r\nc=IN IP4 0.0.0.0\r\n" + TRANSPORT
                + "a=mid:d\r\na=sctpmap:5001 webrtc-datachannel 65535\r\n";
        String modern = SESSION + "m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\nc=IN IP4 0.0.0.0\r\n" + TRANSPORT
                + "a=mid:d\r\na=max-message-size:1000\r\n";

        RemoteSection old = offer(legacy).sections().get(0);
        RemoteSection now = offer(modern).sections().get(0);

        assertThat(old.legacySctp()).isTrue();
        assertThat(old.sctpPort()).isEqualTo(5001);
        assertThat(old.maxMessageSize()).isEqualTo(65_536);
        assertThat(now.legacySctp()).isFalse();
        // RFC 8841 §5: 5000 when a=sctp-port is absent.
        assertThat(now.sctpPort()).isEqualTo(5000);
        assertThat(now.maxMessageSize()).isEqualTo(1000);
    }

    @Test
    void unknownCodecsOnlyOrPlainRtpGetARejectedSectionWithPortZero() {
        String sdp = SESSION + "a=group:BUNDLE 0 1 2\r\n"
                + "m=video 9 UDP/TLS/RTP/SAVPF 96\r\nc=IN IP4 0.0.0.0\r\n" + TRANSPORT
                + "a=mid:0\r\na=rtpmap:96 H265/90000\r\n"
                + "m=audio 9 RTP/AVP 0\r\nc=IN IP4 0.0.0.0\r\n" + TRANSPORT + "a=mid:1\r\n"
                + "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\n" + TRANSPORT
                + "a=mid:2\r\na=rtpmap:111 opus/48000/2\r\n";
        JsepFixtures.Peer us = new JsepFixtures.Peer(3);

        LocalDescription answer = us.answerBuilder().build(offer(sdp), us.transports());
        SessionDescription text = SessionDescription.parse(answer.toSdp());

        assertThat(text.media()).extracting(m -> m.port()).containsExactly(0, 0, 9);
        assertThat(text.media()).extracting(m -> m.mid().orElseThrow()).containsExactly("0", "1", "2");
        // RFC 8843 §7.3.3: rejected sections leave the BUNDLE group; the first kept one is the tag.
        assertThat(text.bundleGroups().get(0).mids()).containsExactly("2");
        assertThat(us.transportRequests).containsExactly("2");
    }

    @Test
    void aRollbackIsNotReadAndAnAnswerIsNotAnswered() {
        assertThatThrownBy(() -> RemoteDescriptionReader.read(new RTCSessionDescription(RTCSdpType.ROLLBACK, "")))
                .isInstanceOf(JsepException.class);
        String answer = SESSION + "m=audio 9 UDP/TLS/RTP/SAVPF 0\r\nc=IN IP4 0.0.0.0\r\na=mid:0\r\n"
                + TRANSPORT.replace("actpass", "active");
        RemoteDescription read = RemoteDescriptionReader.read(new RTCSessionDescription(RTCSdpType.ANSWER, answer));
        JsepFixtures.Peer us = new JsepFixtures.Peer(4);
        assertThatThrownBy(() -> us.answerBuilder().build(read, us.transports()))
                .isInstanceOfSatisfying(JsepException.class,
                        e -> assertThat(e.errorName()).isEqualTo("InvalidAccessError"));
    }

    @Test
    void anActiveOffererGetsAPassiveAnswer() {
        String sdp = SESSION + "m=audio 9 UDP/TLS/RTP/SAVPF 0\r\nc=IN IP4 0.0.0.0\r\na=mid:0\r\n"
                + TRANSPORT.replace("actpass", "active");
        JsepFixtures.Peer us = new JsepFixtures.Peer(5);
        assertThat(us.answerBuilder().build(offer(sdp), us.transports()).setup())
                .isEqualTo(org.ortc4j.sdp.SetupRole.PASSIVE);
    }
}
