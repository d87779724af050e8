package org.ortc4j.peerconnection.internal.jsep;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ortc4j.peerconnection.RTCBundlePolicy;
import org.ortc4j.rtp.RTCRtpCodecParameters;
import org.ortc4j.rtp.RTCRtpTransceiverDirection;
import org.ortc4j.sdp.MediaDescription;
import org.ortc4j.sdp.MediaDirection;
import org.ortc4j.sdp.PropertyAttribute;
import org.ortc4j.sdp.RTCSdpType;
import org.ortc4j.sdp.RTCSessionDescription;
import org.ortc4j.sdp.SessionDescription;
import org.ortc4j.sdp.SetupRole;

/**
 * Two of our peers negotiate with each other through SDP text: our offer, their answer, and the
 * parameters each side's senders and receivers get; then renegotiation.
 */
class OfferAnswerRoundTripTest {

    private final JsepFixtures.Peer alice = new JsepFixtures.Peer(1);
    private final JsepFixtures.Peer bob = new JsepFixtures.Peer(2);

    private static RemoteDescription over(LocalDescription description) {
        // Through text, as signaling carries it.
        return RemoteDescriptionReader.read(new RTCSessionDescription(description.type(), description.toSdp()));
    }

    private static List<TransceiverState> withMids(List<TransceiverState> states, LocalDescription description) {
        List<TransceiverState> result = new ArrayList<>();
        for (TransceiverState t : states) {
            String mid = description.mediaSections().stream().filter(s -> s.transceiverId() == t.id())
                    .map(LocalSection::mid).findFirst().orElse(t.mid());
            result.add(t.withMid(mid));
        }
        return result;
    }

    @Test
    void ourOfferAndOurAnswerGiveBothSidesTheSameParameters() {
        List<TransceiverState> aliceTransceivers = List.of(alice.sender(0, "audio", "a-audio"),
                alice.sender(1, "video", "a-video"));
        LocalDescription offer = alice.offerBuilder().transceivers(aliceTransceivers).data(true, 262_144)
                .build(alice.transports());
        RemoteDescription offerAtBob = over(offer);
        List<TransceiverState> bobTransceivers = List.of(
                bob.sender(10, "audio", "b-audio").withMid(offerAtBob.sections().get(0).mid()),
                bob.sender(11, "video", "b-video").withMid(offerAtBob.sections().get(1).mid()));
        LocalDescription answer = bob.answerBuilder().transceivers(bobTransceivers).build(offerAtBob, bob.transports());
        RemoteDescription answerAtAlice = over(answer);

        assertThat(offer.sections()).extracting(Section::mid).containsExactly("0", "1", "2");
        assertThat(offer.bundleGroups()).containsExactly(List.of("0", "1", "2"));
        assertThat(offer.setup()).isEqualTo(SetupRole.ACTPASS);
        assertThat(answer.setup()).isEqualTo(SetupRole.ACTIVE);
        assertThat(answer.bundleGroups()).containsExactly(List.of("0", "1", "2"));
        assertThat(answerAtAlice.sections().get(2).isData()).isTrue();
        assertThat(answerAtAlice.sections().get(2).sctpPort()).isEqualTo(5000);

        for (int i = 0; i < 2; i++) {
            LocalSection aliceSection = offer.mediaSections().get(i);
            LocalSection bobSection = answer.mediaSections().get(i);
            NegotiatedMedia atAlice = NegotiatedMedia.of(aliceSection, answerAtAlice.sections().get(i), false);
            NegotiatedMedia atBob = NegotiatedMedia.of(bobSection, offerAtBob.sections().get(i), true);

            // What one side sends is what the other receives: payload types, ids, SSRCs.
            assertThat(atAlice.send().codecs()).isEqualTo(atBob.receive().codecs());
            assertThat(atBob.send().codecs()).isEqualTo(atAlice.receive().codecs());
            assertThat(atAlice.send().headerExtensions()).isEqualTo(atBob.receive().headerExtensions());
            assertThat(atBob.send().headerExtensions()).isEqualTo(atAlice.receive().headerExtensions());
            assertThat(atAlice.send().encodings().get(0).ssrc())
                    .isEqualTo(atBob.receive().encodings().get(0).ssrc())
                    .isEqualTo((int) aliceTransceivers.get(i).ssrc());
            assertThat(atBob.send().encodings().get(0).ssrc()).isEqualTo(atAlice.receive().encodings().get(0).ssrc());
            assertThat(atAlice.currentDirection()).isEqualTo(RTCRtpTransceiverDirection.SENDRECV);
            assertThat(atBob.currentDirection()).isEqualTo(RTCRtpTransceiverDirection.SENDRECV);
            assertThat(atAlice.send().rtcp().reducedSize()).isTrue();
            assertThat(atAlice.send().codecs()).isNotEmpty();
        }
        NegotiatedMedia video = NegotiatedMedia.of(offer.mediaSections().get(1), answerAtAlice.sections().get(1), false);
        // RFC 4588: the video stream has an RTX stream; every RTX format names a kept codec.
        assertThat(video.send().encodings().get(0).rtx()).isNotNull();
        assertThat(video.send().encodings().get(0).rtx().ssrc()).isEqualTo((int) (long) aliceTransceivers.get(1).rtxSsrc());
        List<Integer> pts = video.send().codecs().stream().map(RTCRtpCodecParameters::payloadType).toList();
        assertThat(video.send().codecs()).filteredOn(c -> c.mimeType().equals("video/rtx"))
                .isNotEmpty()
                .allSatisfy(c -> assertThat(pts).contains(Integer.parseInt(c.parameters().get("apt"))));
        assertThat(video.send().codecs().get(0).mimeType()).isEqualTo("video/VP8");
        assertThat(bob.transportRequests).containsExactly("0");
    }

    @Test
    void renegotiationKeepsMidsPayloadTypesAndIdsAndAddsNewSectionsAtTheEnd() {
        List<TransceiverState> first = List.of(alice.sender(0, "audio", "a-audio"));
        LocalDescription offer1 = alice.offerBuilder().transceivers(first).build(alice.transports());
        RemoteDescription offer1AtBob = over(offer1);
        LocalDescription answer1 = bob.answerBuilder().build(offer1AtBob, bob.transports());
        RemoteDescription answer1AtAlice = over(answer1);

        List<TransceiverState> second = new ArrayList<>(withMids(first, offer1));
        second.add(alice.sender(1, "video", "a-video"));
        LocalDescription offer2 = alice.offerBuilder().current(offer1, answer1AtAlice).transceivers(second)
                .build(alice.transports());

        assertThat(offer2.sections()).extracting(Section::mid).containsExactly("0", "1");
        assertThat(offer2.mediaSections().get(0).codecs()).isEqualTo(offer1.mediaSections().get(0).codecs());
        assertThat(offer2.mediaSections().get(0).headerExtensions())
                .isEqualTo(offer1.mediaSections().get(0).headerExtensions());
        // RFC 9429 §5.2.2: the version grows with each new local description.
        assertThat(offer2.sessionVersion()).isEqualTo(offer1.sessionVersion() + 1);
        assertThat(offer2.sessionId()).isEqualTo(offer1.sessionId());
        // Video and audio share no payload type and no extension id maps to two URIs.
        List<Integer> audioPts = offer2.mediaSections().get(0).codecs().stream().map(RTCRtpCodecParameters::payloadType).toList();
        assertThat(offer2.mediaSections().get(1).codecs()).extracting(RTCRtpCodecParameters::payloadType)
                .doesNotContainAnyElementsOf(audioPts);
        offer2.mediaSections().get(1).headerExtensions().forEach(video -> offer2.mediaSections().get(0).headerExtensions()
                .stream().filter(audio -> audio.id() == video.id())
                .forEach(audio -> assertThat(audio.uri()).isEqualTo(video.uri())));

        // Bob's next offer keeps the numbering the session already uses.
        RemoteDescription offer2AtBob = over(offer2);
        LocalDescription answer2 = bob.answerBuilder().build(offer2AtBob, bob.transports());
        LocalDescription bobOffer = bob.offerBuilder().current(answer2, offer2AtBob)
                .transceivers(List.of(
                        new TransceiverState(5, "0", "audio", RTCRtpTransceiverDirection.RECVONLY, List.of(), List.of(),
                                null, 1, null, bob.cname),
                        new TransceiverState(6, "1", "video", RTCRtpTransceiverDirection.RECVONLY, List.of(), List.of(),
                                null, 2, 3L, bob.cname)))
                .build(bob.transports());
        assertThat(bobOffer.sections()).extracting(Section::mid).containsExactly("0", "1");
        assertThat(bobOffer.mediaSections().get(0).codecs().get(0).payloadType())
                .isEqualTo(offer2.mediaSections().get(0).codecs().get(0).payloadType());
        assertThat(bobOffer.mediaSections().get(1).codecs().get(0).payloadType())
                .isEqualTo(offer2.mediaSections().get(1).codecs().get(0).payloadType());
    }

    @Test
    void aStoppedTransceiverIsRejectedAndItsSectionRecycledForTheNextNewOne() {
        List<TransceiverState> first = List.of(alice.sender(0, "audio", "a-audio"), alice.sender(1, "video", "v"));
        LocalDescription offer1 = alice.offerBuilder().transceivers(first).build(alice.transports());
        LocalDescription answer1 = bob.answerBuilder().build(over(offer1), bob.transports());
        List<TransceiverState> states = withMids(first, offer1);
        TransceiverState audio = states.get(0);
        TransceiverState stoppedAudio = new TransceiverState(audio.id(), audio.mid(), "audio",
                RTCRtpTransceiverDirection.STOPPED, List.of(), List.of(), null, audio.ssrc(), null, audio.cname());

        LocalDescription offer2 = alice.offerBuilder().current(offer1, over(answer1))
                .transceivers(List.of(stoppedAudio, states.get(1))).build(alice.transports());
        SessionDescription text2 = SessionDescription.parse(offer2.toSdp());
        assertThat(text2.media().get(0).port()).isZero();
        assertThat(text2.media().get(0).mid()).contains("0");
        assertThat(text2.bundleGroups().get(0).mids()).containsExactly("1");

        LocalDescription answer2 = bob.answerBuilder().build(over(offer2), bob.transports());
        assertThat(answer2.sections().get(0).rejected()).isTrue();

        // RFC 9429 §5.2.2: a new transceiver takes the rejected section's place with a new mid.
        List<TransceiverState> third = List.of(states.get(1), alice.sender(2, "audio", "again"));
        LocalDescription offer3 = alice.offerBuilder().current(offer2, over(answer2)).transceivers(third)
                .build(alice.transports());
        assertThat(offer3.sections()).hasSize(2);
        assertThat(offer3.sections().get(0).mid()).isEqualTo("2");
        assertThat(offer3.sections().get(0).rejected()).isFalse();
        assertThat(offer3.mediaSections().get(0).transceiverId()).isEqualTo(2);
        assertThat(offer3.bundleGroups().get(0)).containsExactly("1", "2");
    }

    @Test
    void directionsAreAnsweredAndCurrentDirectionFollows() {
        TransceiverState sendOnly = new TransceiverState(0, null, "audio", RTCRtpTransceiverDirection.SENDONLY,
                List.of(), List.of("s"), "t", 1234, null, alice.cname);
        LocalDescription offer = alice.offerBuilder().transceivers(List.of(sendOnly)).build(alice.transports());
        RemoteDescription atBob = over(offer);
        TransceiverState bobSide = new TransceiverState(9, "0", "audio", RTCRtpTransceiverDirection.SENDRECV,
                List.of(), List.of("b"), "bt", 99, null, bob.cname);
        LocalDescription answer = bob.answerBuilder().transceivers(List.of(bobSide)).build(atBob, bob.transports());

        assertThat(answer.mediaSections().get(0).direction()).isEqualTo(MediaDirection.RECVONLY);
        // Bob does not send, so he writes no SSRC even though he has a track.
        assertThat(answer.mediaSections().get(0).ssrc()).isNull();
        assertThat(NegotiatedMedia.of(offer.mediaSections().get(0), over(answer).sections().get(0), false)
                .currentDirection()).isEqualTo(RTCRtpTransceiverDirection.SENDONLY);
        assertThat(NegotiatedMedia.of(answer.mediaSections().get(0), atBob.sections().get(0), true)
                .currentDirection()).isEqualTo(RTCRtpTransceiverDirection.RECVONLY);
    }

    @Test
    void maxBundleGathersOneTransportAndStrictModeMarksBundleOnly() {
        List<TransceiverState> states = List.of(alice.sender(0, "audio", "a"), alice.sender(1, "video", "v"),
                alice.sender(2, "video", "v2"));
        LocalDescription maxBundle = alice.offerBuilder().bundlePolicy(RTCBundlePolicy.MAX_BUNDLE).transceivers(states)
                .strictBundleOnly(true).build(alice.transports());
        assertThat(alice.transportRequests).containsExactly("0");
        SessionDescription text = SessionDescription.parse(maxBundle.toSdp());
        assertThat(text.media().get(0).port()).isNotZero();
        // RFC 8843 §6 / RFC 9429 §5.2.1: the others are bundle-only with port 0.
        assertThat(text.media().subList(1, 3)).allSatisfy(m -> {
            assertThat(m.port()).isZero();
            assertThat(m.has(PropertyAttribute.BUNDLE_ONLY)).isTrue();
        });
        RemoteDescription read = over(maxBundle);
        assertThat(read.sections()).noneMatch(RemoteSection::rejected);
        assertThat(read.sections().get(1).bundleOnly()).isTrue();

        alice.transportRequests.clear();
        LocalDescription balanced = alice.offerBuilder().bundlePolicy(RTCBundlePolicy.BALANCED).transceivers(states)
                .strictBundleOnly(true).build(alice.transports());
        assertThat(alice.transportRequests).containsExactly("0", "1", "2");
        assertThat(balanced.sections()).extracting(Section::bundleOnly).containsExactly(false, false, true);

        LocalDescription chromiumLike = alice.offerBuilder().bundlePolicy(RTCBundlePolicy.MAX_BUNDLE)
                .transceivers(states).build(alice.transports());
        assertThat(SessionDescription.parse(chromiumLike.toSdp()).media()).extracting(MediaDescription::port)
                .containsOnly(9);
    }

    @Test
    void simulcastOfferIsAnsweredWithRecvRidsAndSentByRid() {
        TransceiverState video = new TransceiverState(0, null, "video", RTCRtpTransceiverDirection.SENDONLY, List.of(),
                List.of("s"), "cam", 1, 2L, alice.cname, List.of("hi", "lo"));
        LocalDescription offer = alice.offerBuilder().transceivers(List.of(video)).build(alice.transports());
        SessionDescription offerText = SessionDescription.parse(offer.toSdp());
        // RFC 8853: rids and simulcast instead of SSRC lines; msid still names the track.
        assertThat(offerText.media().get(0).rids()).extracting(r -> r.id() + " " + r.direction().value())
                .containsExactly("hi send", "lo send");
        assertThat(offerText.media().get(0).simulcast()).isPresent();
        assertThat(offerText.media().get(0).ssrcs()).isEmpty();
        assertThat(offerText.media().get(0).msids()).isNotEmpty();

        RemoteDescription offerAtBob = over(offer);
        LocalDescription answer = bob.answerBuilder().build(offerAtBob, bob.transports());
        RemoteDescription answerAtAlice = over(answer);

        assertThat(answerAtAlice.sections().get(0).rids()).extracting(r -> r.id() + " " + r.direction().value())
                .containsExactly("hi recv", "lo recv");
        assertThat(answerAtAlice.sections().get(0).simulcast().recv()).hasSize(2);
        NegotiatedMedia atAlice = NegotiatedMedia.of(offer.mediaSections().get(0), answerAtAlice.sections().get(0), false);
        NegotiatedMedia atBob = NegotiatedMedia.of(answer.mediaSections().get(0), offerAtBob.sections().get(0), true);
        assertThat(atAlice.send().encodings()).extracting(e -> e.rid()).containsExactly("hi", "lo");
        assertThat(atBob.receive().encodings()).extracting(d -> d.rid()).containsExactly("hi", "lo");
    }

    @Test
    void iceRestartIsSeenInTheNextRemoteDescription() {
        List<TransceiverState> states = List.of(alice.sender(0, "audio", "a"));
        RemoteDescription before = over(alice.offerBuilder().transceivers(states).build(alice.transports()));
        RemoteDescription same = over(alice.offerBuilder().transceivers(states).build(alice.transports()));
        alice.ice = new org.ortc4j.ice.RTCIceParameters("newufrag", "newpassword0123456789012");
        RemoteDescription restarted = over(alice.offerBuilder().transceivers(states).build(alice.transports()));

        assertThat(same.iceRestart(before, "0")).isFalse();
        assertThat(restarted.iceRestart(before, "0")).isTrue();
        assertThat(restarted.iceRestart(null, "0")).isFalse();
    }

    @Test
    void candidatesSetTheDefaultAddressAndEndOfCandidates() {
        List<TransceiverState> states = List.of(alice.sender(0, "audio", "a"));
        LocalDescription offer = alice.offerBuilder().transceivers(states).build(alice.transports());
        LocalTransport gathered = new LocalTransport(alice.ice,
                List.of(org.ortc4j.sdp.CandidateAttribute.parse("1 1 udp 2122194687 192.0.2.7 50000 typ host")),
                true, List.of(alice.fingerprint));
        SessionDescription text = SessionDescription.parse(
                offer.withTransports(java.util.Map.of("0", gathered)).toSdp());

        MediaDescription audio = text.media().get(0);
        // RFC 8839 §4.2.1.1: the m= and c= lines carry the default candidate.
        assertThat(audio.port()).isEqualTo(50000);
        assertThat(audio.connection().orElseThrow().address()).isEqualTo("192.0.2.7");
        assertThat(audio.candidates()).hasSize(1);
        assertThat(audio.endOfCandidates()).isTrue();
        assertThat(RemoteDescriptionReader.read(RTCSdpType.OFFER, text).sections().get(0).candidates()).hasSize(1);
    }
}
