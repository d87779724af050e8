package org.ortc4j.peerconnection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.ortc4j.peerconnection.LoopbackPeers.LOOPBACK;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ortc4j.ice.RTCStats;
import org.ortc4j.ice.RTCStatsType;
import org.ortc4j.rtp.RTCRtpTransceiver;
import org.ortc4j.sdp.MediaDescription;
import org.ortc4j.sdp.RTCSdpType;
import org.ortc4j.sdp.RTCSessionDescription;
import org.ortc4j.sdp.SessionDescription;
import org.ortc4j.sdp.SetupRole;

/**
 * The SDP corpus (real offers and answers of six WebRTC stacks, ../shared/sdp-corpus, copied into
 * ortc-sdp's test resources) through the public API: each offer is accepted by
 * {@link RTCPeerConnection#setRemoteDescription}, answered by {@code createAnswer} and
 * {@code setLocalDescription}, and the answer re-parses as a valid answer to it; each answer is
 * accepted by a peer connection whose offer has the same sections (kinds and mids) as the offer
 * it answered. The JSEP-level checks of every field are in {@code internal.jsep.CorpusOfferAnswerTest}.
 */
class RTCPeerConnectionCorpusTest {

    private static final Path CORPUS = Path.of("..", "ortc-sdp", "src", "test", "resources", "org", "ortc4j", "sdp",
            "corpus");

    private final RTCPeerConnection pc = new RTCPeerConnection(new RTCConfiguration(), LOOPBACK);

    @AfterEach
    void close() {
        pc.close();
    }

    static Stream<Path> offers() {
        return corpus("-offer-");
    }

    static Stream<Path> answers() {
        return corpus("-answer-");
    }

    private static Stream<Path> corpus(String kind) {
        try (Stream<Path> walk = Files.walk(CORPUS)) {
            List<Path> files = walk.filter(p -> p.getFileName().toString().endsWith(".sdp"))
                    .filter(p -> p.getFileName().toString().contains(kind)).sorted().toList();
            assertThat(files).as("corpus files *%s* in %s", kind, CORPUS.toAbsolutePath()).isNotEmpty();
            return files.stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    private static <V> V await(CompletableFuture<V> future) throws Exception {
        try {
            return future.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause().toString(), e.getCause());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("offers")
    void everyOfferIsAnsweredThroughThePublicApi(Path file) throws Exception {
        String offerText = read(file);
        SessionDescription offer = SessionDescription.parse(offerText);

        await(pc.setRemoteDescription(new RTCSessionDescription(RTCSdpType.OFFER, offerText)));
        assertThat(pc.signalingState()).isEqualTo(RTCSignalingState.HAVE_REMOTE_OFFER);
        // W3C §4.4.1.6: each RTP section of a remote offer gets a transceiver, a data section the
        // SCTP transport once negotiated.
        long rtpSections = offer.media().stream().filter(MediaDescription::isRtp).count();
        assertThat(pc.getTransceivers()).hasSize((int) rtpSections);

        RTCSessionDescription answer = await(pc.createAnswer());
        assertThat(answer.type()).isEqualTo(RTCSdpType.ANSWER);
        await(pc.setLocalDescription(answer));
        assertThat(pc.signalingState()).isEqualTo(RTCSignalingState.STABLE);
        assertThat(pc.currentRemoteDescription().sdp()).isEqualTo(offerText);

        // The answer as a peer reads it: RFC 3264 §6, same sections in the same order.
        SessionDescription parsed = SessionDescription.parse(pc.localDescription().sdp());
        assertThat(parsed.media()).hasSameSizeAs(offer.media());
        for (int i = 0; i < offer.media().size(); i++) {
            MediaDescription o = offer.media().get(i);
            MediaDescription a = parsed.media().get(i);
            assertThat(a.media()).as("section %d kind", i).isEqualTo(o.media());
            assertThat(a.mid()).as("section %d mid", i).isEqualTo(o.mid());
            assertThat(a.isRejected()).as("section %d (%s) rejected", i, a.mediaLine()).isFalse();
            // RFC 8842 §5.3: the answerer to an actpass offer picks active.
            assertThat(a.setup()).as("section %d a=setup", i).contains(SetupRole.ACTIVE);
            assertThat(a.fingerprints()).as("section %d a=fingerprint", i).isNotEmpty();
            if (o.isSctp()) {
                assertThat(a.isSctp()).isTrue();
                assertThat(a.protocol()).isEqualTo(o.protocol());
            }
        }
        if (offer.media().stream().anyMatch(MediaDescription::isSctp)) {
            assertThat(pc.sctp()).as("the SCTP transport after negotiating a data section").isNotNull();
        }
        // And the answer is one we can give again: a second round answers the same offer.
        await(pc.setRemoteDescription(new RTCSessionDescription(RTCSdpType.OFFER, offerText)));
        await(pc.setLocalDescription());
        assertThat(pc.signalingState()).isEqualTo(RTCSignalingState.STABLE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("answers")
    void everyAnswerIsAcceptedByAMatchingOffer(Path file) throws Exception {
        String answerText = read(file);
        SessionDescription answer = SessionDescription.parse(answerText);
        List<String> mids = answer.media().stream().map(m -> m.mid().orElse("")).toList();
        // JSEP §5.2.1 lets the offerer choose mids; the W3C API does not, and ours numbers them
        // from 0. Answers to GStreamer's offers (mids video0, audio1) are read at the JSEP level
        // (internal.jsep.CorpusOfferAnswerTest), not here.
        assumeTrue(mids.equals(IntStream.range(0, mids.size()).mapToObj(String::valueOf).toList()),
                "an offer with mids " + mids + " cannot be made through the W3C API");
        for (MediaDescription m : answer.media()) {
            if (m.isSctp()) {
                pc.createDataChannel("chat");
            } else {
                pc.addTransceiver(m.media(), new RTCRtpTransceiverInit());
            }
        }
        await(pc.setLocalDescription());
        SessionDescription ourOffer = SessionDescription.parse(pc.localDescription().sdp());
        assertThat(ourOffer.media().stream().map(m -> m.mid().orElse("")).toList())
                .as("our offer's mids, to match the answer's").isEqualTo(mids);

        RTCSessionDescription remote = new RTCSessionDescription(RTCSdpType.ANSWER, answerText);
        await(pc.setRemoteDescription(remote));
        assertThat(pc.signalingState()).isEqualTo(RTCSignalingState.STABLE);
        assertThat(pc.currentRemoteDescription().sdp()).isEqualTo(answerText);
        // JSEP §5.10: the answer's directions become the transceivers' current directions.
        assertThat(pc.getTransceivers()).allSatisfy(t -> assertThat(t.currentDirection()).isPresent());

        // RFC 8843: a BUNDLE group's sections share one transport, every other section has its
        // own (GStreamer's and werift's answers decline BUNDLE); transports made only for our
        // offer (balanced: one per section) are released.
        int expectedTransports = answer.bundleGroups().size() + (int) answer.media().stream()
                .filter(m -> answer.bundleGroups().stream().noneMatch(g -> g.mids().contains(m.mid().orElse("")))).count();
        List<RTCStats> transports = await(pc.getStats()).ofType(RTCStatsType.TRANSPORT);
        assertThat(transports).as("transport entries for %s", answer.bundleGroups()).hasSize(expectedTransports);
        assertThat(transports).allSatisfy(t -> assertThat(t.getString("iceRole")).isEqualTo("controlling"));
        List<RTCRtpTransceiver> transceivers = pc.getTransceivers();
        for (RTCRtpTransceiver t : transceivers) {
            // W3C §4.4.1.6: the sender and receiver of a section use its transport.
            assertThat(t.receiver().transport()).isSameAs(t.sender().transport());
        }
        long distinctMedia = transceivers.stream().map(t -> t.sender().transport()).distinct().count();
        if (answer.bundleGroups().isEmpty()) {
            assertThat(distinctMedia).as("one transport per media section").isEqualTo(transceivers.size());
            if (pc.sctp() != null) {
                assertThat(transceivers).allSatisfy(t -> assertThat(t.sender().transport()).isNotSameAs(pc.sctp().transport()));
            }
        } else {
            assertThat(distinctMedia).isLessThanOrEqualTo(1);
        }
    }
}
