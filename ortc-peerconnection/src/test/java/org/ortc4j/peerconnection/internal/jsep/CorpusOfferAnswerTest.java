package org.ortc4j.peerconnection.internal.jsep;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ortc4j.sdp.FmtpAttribute;
import org.ortc4j.sdp.MediaDescription;
import org.ortc4j.sdp.MediaDirection;
import org.ortc4j.sdp.RTCSdpType;
import org.ortc4j.sdp.RTCSessionDescription;
import org.ortc4j.sdp.RtpMapAttribute;
import org.ortc4j.sdp.SessionDescription;
import org.ortc4j.sdp.SetupRole;
import org.ortc4j.sdp.SsrcGroupAttribute;

/**
 * Every offer of the corpus (six real stacks) gets a valid answer from us, checked on the SDP
 * text re-parsed by ortc-sdp; every answer of the corpus reads into facts that match its text.
 */
class CorpusOfferAnswerTest {

    static Stream<Path> offers() {
        return JsepFixtures.corpus("offer").stream();
    }

    static Stream<Path> answers() {
        return JsepFixtures.corpus("answer").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("offers")
    void answersEveryOfferValidly(Path file) {
        String offerText = JsepFixtures.read(file);
        SessionDescription offer = SessionDescription.parse(offerText);
        JsepFixtures.Peer us = new JsepFixtures.Peer(7);

        RemoteDescription read = RemoteDescriptionReader.read(new RTCSessionDescription(RTCSdpType.OFFER, offerText));
        String answerText = us.answerBuilder().build(read, us.transports()).toSdp();
        SessionDescription answer = SessionDescription.parse(answerText);

        // RFC 3264 §6: as many m-lines as the offer, in the same order, same media and mids.
        assertThat(answer.media()).hasSameSizeAs(offer.media());
        for (int i = 0; i < offer.media().size(); i++) {
            MediaDescription o = offer.media().get(i);
            MediaDescription a = answer.media().get(i);
            assertThat(a.media()).isEqualTo(o.media());
            assertThat(a.mid()).isEqualTo(o.mid());
            if (a.isRejected()) {
                continue;
            }
            assertThat(a.setup()).contains(SetupRole.ACTIVE);
            assertThat(a.fingerprints()).isNotEmpty();
            assertThat(a.iceUfrag()).isPresent();
            if (a.isRtp()) {
                assertCodecsAreOffered(o, a);
                assertDirectionAnswers(o.direction().orElse(MediaDirection.SENDRECV),
                        a.direction().orElseThrow());
                assertThat(a.rtcpMux()).isTrue();
            } else {
                assertThat(a.protocol()).isEqualTo(o.protocol());
                assertThat(a.sctpPort()).isPresent();
                assertThat(a.maxMessageSize()).isPresent();
            }
        }
        // Every corpus offer holds opus + VP8 or a data channel: nothing that matters is rejected.
        assertThat(answer.media()).allSatisfy(m -> assertThat(m.isRejected()).as(m.mediaLine()).isFalse());
        // RFC 8843 §7.3: the answer's BUNDLE group is a subset of the offer's, same order.
        if (offer.bundleGroups().isEmpty()) {
            assertThat(answer.bundleGroups()).isEmpty();
        } else {
            assertThat(answer.bundleGroups()).hasSize(1);
            assertThat(offer.bundleGroups().get(0).mids()).containsSubsequence(answer.bundleGroups().get(0).mids());
        }
    }

    private static void assertCodecsAreOffered(MediaDescription offer, MediaDescription answer) {
        assertThat(answer.payloadTypes()).isNotEmpty();
        assertThat(offer.payloadTypes()).containsAll(answer.payloadTypes());
        for (int pt : answer.payloadTypes()) {
            RtpMapAttribute offered = offer.rtpMap(pt).orElseThrow();
            RtpMapAttribute answered = answer.rtpMap(pt).orElseThrow();
            assertThat(answered.encodingName()).isEqualToIgnoringCase(offered.encodingName());
            assertThat(answered.clockRate()).isEqualTo(offered.clockRate());
            Map<String, String> offeredFmtp = new HashMap<>(offer.fmtp(pt).map(FmtpAttribute::parameterMap).orElse(Map.of()));
            Map<String, String> answeredFmtp = new HashMap<>(answer.fmtp(pt).map(FmtpAttribute::parameterMap).orElse(Map.of()));
            if (offered.encodingName().equalsIgnoreCase("H264")) {
                // RFC 6184 §8.1: we add level-asymmetry-allowed; the rest is the offer's.
                assertThat(answeredFmtp).containsEntry("level-asymmetry-allowed", "1");
                offeredFmtp.remove("level-asymmetry-allowed");
                answeredFmtp.remove("level-asymmetry-allowed");
            }
            assertThat(answeredFmtp).as("fmtp of %d", pt).isEqualTo(offeredFmtp);
            if (offered.encodingName().equalsIgnoreCase("rtx")) {
                assertThat(answer.payloadTypes()).contains(Integer.parseInt(answeredFmtp.get("apt")));
            }
            assertThat(offer.rtcpFeedback(pt).stream().map(f -> f.type() + " " + f.parameter()).toList())
                    .containsAll(answer.rtcpFeedback(pt).stream().map(f -> f.type() + " " + f.parameter()).toList());
        }
    }

    private static void assertDirectionAnswers(MediaDirection offered, MediaDirection answered) {
        // RFC 3264 §6.1.
        switch (offered) {
            case SENDONLY -> assertThat(answered).isIn(MediaDirection.RECVONLY, MediaDirection.INACTIVE);
            case RECVONLY -> assertThat(answered).isIn(MediaDirection.SENDONLY, MediaDirection.INACTIVE);
            case INACTIVE -> assertThat(answered).isEqualTo(MediaDirection.INACTIVE);
            case SENDRECV -> assertThat(answered).isNotNull();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("answers")
    void readsEveryAnswerIntoTheFactsOfItsText(Path file) {
        String text = JsepFixtures.read(file);
        SessionDescription sdp = SessionDescription.parse(text);

        RemoteDescription read = RemoteDescriptionReader.read(new RTCSessionDescription(RTCSdpType.ANSWER, text));

        assertThat(read.sections()).hasSameSizeAs(sdp.media());
        for (int i = 0; i < sdp.media().size(); i++) {
            MediaDescription m = sdp.media().get(i);
            RemoteSection section = read.sections().get(i);
            assertThat(section.mid()).isEqualTo(m.mid().orElse(Integer.toString(i)));
            assertThat(section.rejected()).isEqualTo(m.port() == 0);
            if (m.isRtp()) {
                assertThat(section.codecs()).extracting(c -> c.payloadType())
                        .containsExactlyElementsOf(m.payloadTypes());
                for (var codec : section.codecs()) {
                    m.rtpMap(codec.payloadType()).ifPresent(map -> assertThat(codec.mimeType())
                            .isEqualToIgnoringCase(m.media() + "/" + map.encodingName()));
                    Map<String, String> fmtp = new HashMap<>();
                    m.fmtp(codec.payloadType()).map(FmtpAttribute::parameterMap).orElse(Map.of())
                            .forEach((k, v) -> fmtp.put(k, v == null ? "" : v));
                    assertThat(codec.parameters()).isEqualTo(fmtp);
                }
                assertThat(section.headerExtensions()).extracting(e -> e.id() + " " + e.uri())
                        .containsExactlyElementsOf(m.extmaps().stream().map(e -> e.id() + " " + e.uri()).toList());
                long distinctSsrcs = Stream.concat(m.ssrcs().stream().map(s -> s.ssrc()),
                        m.attributes(SsrcGroupAttribute.class).stream().flatMap(g -> g.ssrcs().stream())).distinct().count();
                long fid = m.attributes(SsrcGroupAttribute.class).stream().filter(g -> g.semantics().equals("FID")).count();
                assertThat(section.streams()).hasSize((int) (distinctSsrcs - fid));
                assertThat(section.streams().stream().filter(s -> s.rtxSsrc() != null)).hasSize((int) fid);
            }
            if (section.isData()) {
                assertThat(section.sctpPort()).isEqualTo(5000);
                // RFC 8841 §6.1: 64K when absent.
                assertThat(section.maxMessageSize()).isEqualTo(m.maxMessageSize().orElse(65_536L));
            }
            if (!section.rejected()) {
                assertThat(read.transportSection(section).setup()).isIn(SetupRole.ACTIVE, SetupRole.PASSIVE);
            }
        }
        Optional<Path> offer = matchingOffer(file);
        offer.ifPresent(o -> {
            RemoteDescription offered = RemoteDescriptionReader.read(
                    new RTCSessionDescription(RTCSdpType.OFFER, JsepFixtures.read(o)));
            for (RemoteSection answered : read.sections()) {
                RemoteSection original = offered.section(answered.mid()).orElseThrow();
                assertThat(original.codecs()).as("%s answering %s, mid %s", file, o, answered.mid())
                        .extracting(c -> c.payloadType())
                        .containsAll(answered.codecs().stream().map(c -> c.payloadType()).toList());
            }
        });
    }

    @Test
    void stockAiortcReusesOneExtensionIdAcrossSectionsAndGivesEachSectionItsOwnUfrag() {
        // The corpus README: stock aiortc 1.4.0 maps id 2 to ssrc-audio-level in audio and to
        // abs-send-time in video, in one BUNDLE; the corpus copy was renumbered to 3 for video.
        String stock = JsepFixtures.read(JsepFixtures.CORPUS.resolve("aiortc-offer-media.sdp"))
                .replace("a=extmap:3 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time",
                        "a=extmap:2 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time");
        RemoteDescription offer = RemoteDescriptionReader.read(new RTCSessionDescription(RTCSdpType.OFFER, stock));
        JsepFixtures.Peer us = new JsepFixtures.Peer(11);

        LocalDescription answer = us.answerBuilder().build(offer, us.transports());

        // Each section answers with its own offered ids; receivers look them up per mid.
        assertThat(answer.mediaSections().get(0).headerExtensions()).extracting(e -> e.id() + " " + e.uri())
                .contains("2 urn:ietf:params:rtp-hdrext:ssrc-audio-level");
        assertThat(answer.mediaSections().get(1).headerExtensions()).extracting(e -> e.id() + " " + e.uri())
                .contains("2 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time");
        NegotiatedMedia video = NegotiatedMedia.of(answer.mediaSections().get(1), offer.sections().get(1), true);
        assertThat(video.receive().headerExtensions()).extracting(e -> e.id() + " " + e.uri())
                .containsExactly("1 urn:ietf:params:rtp-hdrext:sdes:mid",
                        "2 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time");
        // RFC 8843 §7.2: the bundled video section uses the tagged (audio) section's transport,
        // whatever ufrag aiortc wrote in it.
        assertThat(offer.sections().get(1).ice().usernameFragment()).isNotEqualTo(offer.sections().get(0).ice().usernameFragment());
        assertThat(offer.transportSection(offer.sections().get(1))).isSameAs(offer.sections().get(0));
        assertThat(answer.bundleGroups()).containsExactly(List.of("0", "1"));
        // Our own later offer does not use id 2 for two URIs.
        LocalDescription next = us.offerBuilder().current(answer, offer).transceivers(List.of(
                new TransceiverState(0, "0", "audio", org.ortc4j.rtp.RTCRtpTransceiverDirection.RECVONLY, List.of(),
                        List.of(), null, 1, null, us.cname),
                new TransceiverState(1, "1", "video", org.ortc4j.rtp.RTCRtpTransceiverDirection.RECVONLY, List.of(),
                        List.of(), null, 2, 3L, us.cname))).build(us.transports());
        Map<Integer, String> uriById = new HashMap<>();
        next.mediaSections().forEach(section -> section.headerExtensions().forEach(e -> {
            String before = uriById.putIfAbsent(e.id(), e.uri());
            assertThat(before == null || before.equals(e.uri())).as("id %d", e.id()).isTrue();
        }));
    }

    @Test
    void aLegacyDataChannelOfferIsAnsweredAndReofferedInItsOwnSyntax() {
        RemoteDescription offer = RemoteDescriptionReader.read(new RTCSessionDescription(RTCSdpType.OFFER,
                JsepFixtures.read(JsepFixtures.CORPUS.resolve("aiortc-offer-datachannel.sdp"))));
        JsepFixtures.Peer us = new JsepFixtures.Peer(12);

        LocalDescription answer = us.answerBuilder().build(offer, us.transports());
        LocalDescription next = us.offerBuilder().current(answer, offer).data(true, 65_536).build(us.transports());

        for (LocalDescription description : List.of(answer, next)) {
            MediaDescription data = SessionDescription.parse(description.toSdp()).media().get(0);
            assertThat(data.mediaLine()).as(description.type().value()).endsWith("DTLS/SCTP 5000");
            assertThat(data.sctpPort()).contains(5000);
        }
        assertThat(next.sections()).extracting(Section::mid).containsExactly("0");
    }

    /** The offer an answer in the corpus answers (see the corpus README). */
    private static Optional<Path> matchingOffer(Path answer) {
        String name = answer.getFileName().toString();
        String offer;
        if (answer.getParent().getFileName().toString().equals("variants")) {
            String offerer = name.substring(name.indexOf("-to-") + 4, name.length() - 4);
            offer = offerer + "-offer-" + (name.contains("-answer-datachannel") ? "datachannel" : "media") + ".sdp";
        } else if (name.endsWith("-allif.sdp")) {
            offer = name.replace("-answer-", "-offer-");
        } else {
            offer = "aiortc-offer-" + (name.contains("-answer-datachannel") ? "datachannel" : "media") + ".sdp";
        }
        Path path = JsepFixtures.CORPUS.resolve(offer);
        return Files.exists(path) ? Optional.of(path) : Optional.empty();
    }
}
