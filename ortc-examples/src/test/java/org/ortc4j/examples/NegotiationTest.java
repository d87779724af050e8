package org.ortc4j.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.ortc4j.sdp.ExtmapAttribute;
import org.ortc4j.sdp.GroupAttribute;
import org.ortc4j.sdp.MediaDirection;
import org.ortc4j.sdp.SessionDescription;
import org.ortc4j.sdp.SetupRole;

class NegotiationTest {

    /** Chromium 156's audio+video offer and aiortc 1.4.0's answer to it, as they were exchanged. */
    @Nested
    class ChromiumOfferAiortcAnswer {

        private final Negotiation negotiation = Negotiation.of(
                TestSdp.parse(TestSdp.CHROMIUM_OFFER_MEDIA), TestSdp.parse(TestSdp.AIORTC_ANSWER_MEDIA));

        @Test
        void audioKeepsTheCodecsTheAnswerListsInItsOrderWithItsPayloadTypes() {
            assertThat(negotiation.sections().get(0).codecs())
                    .extracting(CodecDescription::payloadType, CodecDescription::encoding)
                    .containsExactly(tuple(111, "opus/48000/2"), tuple(0, "PCMU/8000"), tuple(8, "PCMA/8000"));
        }

        @Test
        void videoKeepsVp8AndTwoH264ProfilesEachWithItsRtx() {
            assertThat(negotiation.sections().get(1).codecs())
                    .extracting(CodecDescription::payloadType, CodecDescription::encoding, CodecDescription::fmtp)
                    .containsExactly(
                            tuple(96, "VP8/90000", null),
                            tuple(97, "rtx/90000", "apt=96"),
                            tuple(102, "H264/90000",
                                    "level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42001f"),
                            tuple(103, "rtx/90000", "apt=102"),
                            tuple(108, "H264/90000",
                                    "level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f"),
                            tuple(109, "rtx/90000", "apt=108"));
        }

        @Test
        void feedbackIsWhatBothSidesListForTheCodec() {
            // Chromium offers goog-remb, transport-cc, ccm fir, nack, nack pli for VP8; aiortc
            // answers nack, nack pli, goog-remb.
            assertThat(negotiation.sections().get(1).codecs().get(0))
                    .isEqualTo(new CodecDescription(96, "VP8", 90000, null, null, List.of("nack", "nack pli", "goog-remb")));
            // Opus: Chromium offers transport-cc, aiortc answers none.
            assertThat(negotiation.sections().get(0).codecs().get(0).rtcpFeedback()).isEmpty();
        }

        @Test
        void headerExtensionsAreTheAnswersThatTheOfferAlsoHas() {
            assertThat(negotiation.sections().get(0).headerExtensions())
                    .extracting(ExtmapAttribute::id, ExtmapAttribute::uri)
                    .containsExactly(
                            tuple(1, "urn:ietf:params:rtp-hdrext:ssrc-audio-level"),
                            tuple(4, "urn:ietf:params:rtp-hdrext:sdes:mid"));
            assertThat(negotiation.sections().get(1).headerExtensions())
                    .extracting(ExtmapAttribute::id, ExtmapAttribute::uri)
                    .containsExactly(
                            tuple(2, "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time"),
                            tuple(4, "urn:ietf:params:rtp-hdrext:sdes:mid"));
        }

        @Test
        void answerRecvonlyMakesTheOffererSendonly() {
            // RFC 3264 §6.1: the offerer's direction is the answer's, reversed.
            assertThat(negotiation.sections())
                    .extracting(NegotiatedSection::answerDirection, NegotiatedSection::offererDirection)
                    .containsExactly(
                            tuple(MediaDirection.RECVONLY, MediaDirection.SENDONLY),
                            tuple(MediaDirection.RECVONLY, MediaDirection.SENDONLY));
        }

        @Test
        void answerSetupActiveMakesTheAnswererTheDtlsClient() {
            // RFC 8842 §5.3: the answer's a=setup decides; active opens the DTLS connection.
            assertThat(negotiation.sections())
                    .extracting(NegotiatedSection::answerSetup, NegotiatedSection::offererDtlsRole,
                            NegotiatedSection::answererDtlsRole)
                    .containsOnly(tuple(SetupRole.ACTIVE, DtlsRole.SERVER, DtlsRole.CLIENT));
        }

        @Test
        void rtcpMuxIsAcceptedAndBothSectionsShareTheTransportOfMid0() {
            assertThat(negotiation.bundleGroups()).extracting(GroupAttribute::mids).containsExactly(List.of("0", "1"));
            assertThat(negotiation.sections())
                    .extracting(NegotiatedSection::mid, NegotiatedSection::rtcpMux, NegotiatedSection::bundleTag,
                            NegotiatedSection::rejected)
                    .containsExactly(tuple("0", true, "0", false), tuple("1", true, "0", false));
            assertThat(negotiation.rejectedSections()).isEmpty();
        }

        @Test
        void rtpSectionsHaveNoSctpSettlement() {
            assertThat(negotiation.sections()).allSatisfy(section -> assertThat(section.sctp()).isNull());
        }
    }

    /** Chromium 156's data channel offer (max-message-size 262144) and aiortc's answer (65536). */
    @Nested
    class ChromiumDataChannelOfferAiortcAnswer {

        private final Negotiation negotiation = Negotiation.of(
                TestSdp.parse(TestSdp.CHROMIUM_OFFER_DATACHANNEL), TestSdp.parse(TestSdp.AIORTC_ANSWER_DATACHANNEL));

        @Test
        void bothSendAtMostTheSmallerMaxMessageSize() {
            NegotiatedSection section = negotiation.sections().get(0);

            assertThat(section.sctp()).isEqualTo(new NegotiatedSctp(5000, 5000, 262144L, 65536L, 65536));
            assertThat(section.sctp().unlimited()).isFalse();
        }

        @Test
        void answerSetupActiveMakesAiortcTheDtlsClient() {
            NegotiatedSection section = negotiation.sections().get(0);

            assertThat(section.answerSetup()).isEqualTo(SetupRole.ACTIVE);
            assertThat(section.offererDtlsRole()).isEqualTo(DtlsRole.SERVER);
            assertThat(section.answererDtlsRole()).isEqualTo(DtlsRole.CLIENT);
        }

        @Test
        void aDataChannelSectionHasNoDirectionCodecsOrRtcpMux() {
            NegotiatedSection section = negotiation.sections().get(0);

            assertThat(section.kind()).isEqualTo("application");
            assertThat(section.carriesRtp()).isFalse();
            assertThat(section.offererDirection()).isNull();
            assertThat(section.codecs()).isEmpty();
            assertThat(section.rtcpMux()).isFalse();
            assertThat(section.bundleTag()).isEqualTo("0");
        }
    }

    @Nested
    class WhatTheAnswerChanges {

        private final SessionDescription offer = TestSdp.parse(TestSdp.CHROMIUM_OFFER_MEDIA);
        private final String answer = TestSdp.text(TestSdp.AIORTC_ANSWER_MEDIA);

        @Test
        void portZeroRejectsTheSectionAndItSettlesNothing() {
            // RFC 3264 §6: an answer rejects an offered stream by setting its port to zero.
            Negotiation negotiation = negotiate(edit(answer, "m=video 33138 ", "m=video 0 "));

            assertThat(negotiation.rejectedSections()).extracting(NegotiatedSection::mid).containsExactly("1");
            NegotiatedSection video = negotiation.sections().get(1);
            assertThat(video.codecs()).isEmpty();
            assertThat(video.offererDirection()).isNull();
            assertThat(negotiation.sections().get(0).rejected()).isFalse();
        }

        @Test
        void anAnswerWithoutSetupIsPassiveSoTheOffererIsTheClient() {
            // RFC 4145 §4: "The default value of the setup attribute in an offer/answer exchange is
            // 'active' in the offer and 'passive' in the answer."
            Negotiation negotiation = negotiate(edit(answer, "a=setup:active\r\n", ""));

            assertThat(negotiation.sections()).extracting(NegotiatedSection::answerSetup, NegotiatedSection::offererDtlsRole)
                    .containsOnly(tuple(null, DtlsRole.CLIENT));
        }

        @Test
        void aSessionLevelSetupAppliesToEverySection() {
            String sessionLevel = edit(edit(answer, "a=setup:active\r\n", ""), "t=0 0\r\n", "t=0 0\r\na=setup:passive\r\n");

            assertThat(negotiate(sessionLevel).sections())
                    .extracting(NegotiatedSection::answerSetup, NegotiatedSection::offererDtlsRole)
                    .containsOnly(tuple(SetupRole.PASSIVE, DtlsRole.CLIENT));
        }

        @Test
        void anActpassAnswerGivesNoDtlsRole() {
            Negotiation negotiation = negotiate(edit(answer, "a=setup:active\r\n", "a=setup:actpass\r\n"));

            assertThat(negotiation.sections().get(0).offererDtlsRole()).isNull();
            assertThat(negotiation.sections().get(0).answererDtlsRole()).isNull();
        }

        @Test
        void anAnswerWithoutDirectionIsSendrecv() {
            // RFC 8866 §6.7: without a direction attribute, sendrecv is assumed.
            Negotiation negotiation = negotiate(edit(answer, "a=recvonly\r\n", ""));

            assertThat(negotiation.sections()).extracting(NegotiatedSection::offererDirection)
                    .containsOnly(MediaDirection.SENDRECV);
        }

        @Test
        void codecsMatchByEncodingSoTheAnswerMayRenumberThem() {
            String renumbered = edit(edit(answer, "UDP/TLS/RTP/SAVPF 111 0 8", "UDP/TLS/RTP/SAVPF 100 0 8"),
                    "a=rtpmap:111 opus/48000/2", "a=rtpmap:100 OPUS/48000/2");

            assertThat(negotiate(renumbered).sections().get(0).codecs())
                    .extracting(CodecDescription::payloadType, CodecDescription::encoding)
                    .containsExactly(tuple(100, "OPUS/48000/2"), tuple(0, "PCMU/8000"), tuple(8, "PCMA/8000"));
        }

        @Test
        void aStaticPayloadTypeNeedsNoRtpmapAndOneChannelNeedNotBeWritten() {
            // RFC 3551 §6: payload type 0 is PCMU/8000 without an rtpmap; RFC 8866 §6.6: a
            // channel count of one may be omitted.
            String edited = edit(edit(answer, "a=rtpmap:0 PCMU/8000\r\n", ""), "a=rtpmap:8 PCMA/8000", "a=rtpmap:8 PCMA/8000/1");

            assertThat(negotiate(edited).sections().get(0).codecs())
                    .extracting(CodecDescription::payloadType, CodecDescription::encoding)
                    .containsExactly(tuple(111, "opus/48000/2"), tuple(0, "PCMU/8000"), tuple(8, "PCMA/8000/1"));
        }

        @Test
        void anRtxWhoseCodecIsNotNegotiatedIsDropped() {
            // RFC 4588 §8.1: apt names the payload type an RTX format retransmits.
            String edited = edit(answer, "a=fmtp:97 apt=96", "a=fmtp:97 apt=98");

            assertThat(negotiate(edited).sections().get(1).codecs())
                    .extracting(CodecDescription::payloadType)
                    .containsExactly(96, 102, 103, 108, 109);
        }

        @Test
        void aCodecTheOfferNeverHadIsNotNegotiated() {
            String edited = edit(edit(answer, "UDP/TLS/RTP/SAVPF 111 0 8", "UDP/TLS/RTP/SAVPF 111 0 8 98"),
                    "a=rtpmap:8 PCMA/8000\r\n", "a=rtpmap:8 PCMA/8000\r\na=rtpmap:98 iLBC/8000\r\n");

            assertThat(negotiate(edited).sections().get(0).codecs())
                    .extracting(CodecDescription::payloadType)
                    .containsExactly(111, 0, 8);
        }

        @Test
        void withoutRtcpMuxInTheAnswerRtcpMuxIsNotAccepted() {
            Negotiation negotiation = negotiate(edit(answer, "a=rtcp-mux\r\n", ""));

            assertThat(negotiation.sections()).extracting(NegotiatedSection::rtcpMux).containsOnly(false);
        }

        @Test
        void withoutBundleInTheAnswerNothingIsBundled() {
            Negotiation negotiation = negotiate(edit(answer, "a=group:BUNDLE 0 1\r\n", ""));

            assertThat(negotiation.bundleGroups()).isEmpty();
            assertThat(negotiation.sections()).extracting(NegotiatedSection::bundled).containsOnly(false);
        }

        private Negotiation negotiate(String answerText) {
            return Negotiation.of(offer, SessionDescription.parse(answerText));
        }
    }

    @Nested
    class AnswersThatCannotAnswerTheOffer {

        @Test
        void theAnswerMustHaveAsManyMSectionsAsTheOffer() {
            // RFC 3264 §6: "The answer MUST contain exactly the same number of "m=" lines as the offer".
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> Negotiation.of(TestSdp.parse(TestSdp.CHROMIUM_OFFER_MEDIA),
                            TestSdp.parse(TestSdp.AIORTC_ANSWER_DATACHANNEL)))
                    .withMessageContaining("the answer has 1 m-sections and the offer 2");
        }

        @Test
        void eachAnsweredSectionMustBeOfTheOfferedMediaType() {
            String swapped = edit(TestSdp.text(TestSdp.AIORTC_ANSWER_DATACHANNEL), "m=application", "m=audio");

            assertThatIllegalArgumentException()
                    .isThrownBy(() -> Negotiation.of(TestSdp.parse(TestSdp.CHROMIUM_OFFER_DATACHANNEL),
                            SessionDescription.parse(swapped)))
                    .withMessageContaining("m-section 0 is application in the offer but audio in the answer");
        }

        @Test
        void midsMustAgree() {
            String otherMid = edit(TestSdp.text(TestSdp.AIORTC_ANSWER_DATACHANNEL), "a=mid:0", "a=mid:data");

            assertThatIllegalArgumentException()
                    .isThrownBy(() -> Negotiation.of(TestSdp.parse(TestSdp.CHROMIUM_OFFER_DATACHANNEL),
                            SessionDescription.parse(otherMid)))
                    .withMessageContaining("mid 0 in the offer but data in the answer");
        }
    }

    static String edit(String sdp, String from, String to) {
        assertThat(sdp).as("the SDP to edit").contains(from);
        return sdp.replace(from, to);
    }
}
