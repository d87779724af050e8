package org.ortc4j.peerconnection.chromium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ortc4j.peerconnection.chromium.ChromiumPcSession.T;
import static org.ortc4j.peerconnection.chromium.ChromiumPcSession.await;
import static org.ortc4j.peerconnection.chromium.ChromiumPcSession.ufrag;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.ortc4j.ice.RTCStats;
import org.ortc4j.ice.RTCStatsReport;
import org.ortc4j.ice.RTCStatsType;
import org.ortc4j.peerconnection.RTCPeerConnectionIceEvent;
import org.ortc4j.peerconnection.RTCRtpTransceiverInit;
import org.ortc4j.peerconnection.chromium.ChromiumPcSession.Role;
import org.ortc4j.rtp.RTCRtpTransceiver;
import org.ortc4j.rtp.RTCRtpTransceiverDirection;

/**
 * ICE between our {@code RTCPeerConnection} and headless Chromium's: trickle ICE both ways
 * (RFC 8838: descriptions without candidates, candidates and the end of candidates through
 * addIceCandidate), the non-trickle flow (each side's complete description after gathering), and
 * ICE restarts (RFC 8445 §9, JSEP RFC 9429 §5.2.1/§5.3.1) started by us and by Chromium: new
 * username fragments on both sides, the same data channel working before and after.
 */
class ChromiumIceTest extends ChromiumPcBrowser {

    private static final List<String> CONNECTED = List.of("connected", "completed");

    /** Opens our channel {@code label}, with Chromium echoing, and checks one round trip. */
    private ChromiumPcChannel echoChannel(String label) throws Exception {
        ChromiumPcChannel channel = session.ours(label, null);
        channel.awaitOpen(T);
        session.chromium.await("datachannel", label, T);
        session.chromium.command("echo", "label", label, "on", true);
        session.chromium.await("done", e -> "echo".equals(e.get("cmd")), T);
        roundTrip(channel, "first");
        return channel;
    }

    private void roundTrip(ChromiumPcChannel channel, String text) throws Exception {
        channel.channel.send(text);
        assertThat(channel.next(T).text()).as("Chromium's echo of '%s'", text).isEqualTo(text);
    }

    private static long candidateLines(String sdp) {
        return sdp.lines().filter(l -> l.startsWith("a=candidate:")).count();
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void trickleIceBothWaysConnectsWithCandidatesOnlyThroughAddIceCandidate(Role role) throws Exception {
        String ourDescription;
        String chromiumsDescription;
        if (role == Role.WE_OFFER) {
            session.ours("offer-needs-a-section", null);
            chromiumsDescription = session.weOffer(true, true, false);
        } else {
            session.chromium.command("channel", "label", "offer-needs-a-section");
            chromiumsDescription = session.chromiumOffers(true, true, false);
        }
        ourDescription = session.pc.localDescription().sdp();
        session.awaitConnected();
        echoChannel("trickled");

        // RFC 8838 §4: a trickle description may hold no candidates; ours and Chromium's say
        // a=ice-options:trickle and all candidates came as icecandidate events.
        assertThat(candidateLines(chromiumsDescription)).as("Chromium's description's candidates").isZero();
        assertThat(chromiumsDescription).contains("a=ice-options:trickle");
        assertThat(ourDescription).contains("a=ice-options:trickle");
        assertThat(session.pc.canTrickleIceCandidates()).isTrue();

        // W3C §4.8.2: gathering ends with a null candidate; it reached Chromium as the end of
        // candidates (an empty candidate string), which Chromium's addIceCandidate accepted.
        await(session.ourFirstGatheringDone);
        List<RTCPeerConnectionIceEvent> ours = session.ourCandidateEvents();
        assertThat(ours).as("our icecandidate events").isNotEmpty();
        assertThat(ours.get(ours.size() - 1).candidate()).as("our last icecandidate event").isNull();
        assertThat(ours.subList(0, ours.size() - 1)).allSatisfy(e -> {
            assertThat(e.candidate()).isNotNull();
            assertThat(e.sdpMid()).isEqualTo("0");
            assertThat(e.candidate().usernameFragment()).isEqualTo(ufrag(session.pc.localDescription().sdp()));
        });
        assertThat(session.sentToChromium()).isEqualTo(ours.size());
        for (int i = 0; i < ours.size(); i++) {
            session.chromium.await("done", e -> "candidate".equals(e.get("cmd")), T);
        }
        assertThat(session.chromium.errors()).as("Chromium's errors (a refused addIceCandidate among them)").isEmpty();
        // Every candidate we trickled is one of Chromium's remote candidates.
        session.chromium.command("stats");
        List<?> stats = (List<?>) session.chromium.await("stats", e -> true, T).get("stats");
        List<String> theirRemotes = stats.stream().map(s -> (Map<?, ?>) s)
                .filter(s -> "remote-candidate".equals(s.get("type")))
                .map(s -> s.get("address") + " " + ((Number) s.get("port")).intValue()).toList();
        List<String> trickled = ours.subList(0, ours.size() - 1).stream()
                .map(e -> e.candidate().address() + " " + e.candidate().port()).toList();
        assertThat(theirRemotes).as("Chromium's remote candidates").containsAll(trickled);
    }

    @Test
    void anOfferWithoutBundleIsAnsweredByChromiumWithATransportPerSection() throws Exception {
        // Audio and data: two sections, each on its own ICE/DTLS transport at both ends.
        session.pc.addTransceiver("audio", new RTCRtpTransceiverInit(RTCRtpTransceiverDirection.RECVONLY, List.of(), null));
        session.ours("offer-needs-a-section", null);
        String answer = session.weOfferWithoutBundle();
        assertThat(answer).doesNotContain("a=group:BUNDLE");
        assertThat(answer.lines().filter(l -> l.startsWith("a=ice-ufrag:")).distinct()).hasSize(2);
        session.awaitConnected();
        echoChannel("unbundled");

        RTCStatsReport report = await(session.pc.getStats());
        List<RTCStats> transports = report.ofType(RTCStatsType.TRANSPORT);
        assertThat(transports).hasSize(2);
        assertThat(transports).allSatisfy(t -> assertThat(t.getString("dtlsState")).isEqualTo("connected"));
        RTCRtpTransceiver audio = session.pc.getTransceivers().get(0);
        assertThat(audio.receiver().transport()).isNotSameAs(session.pc.sctp().transport());
        assertThat(session.chromium.errors()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void nonTrickleCompleteDescriptionsConnect(Role role) throws Exception {
        String chromiumsDescription;
        if (role == Role.WE_OFFER) {
            session.ours("offer-needs-a-section", null);
            chromiumsDescription = session.weOffer(false, false, false);
        } else {
            session.chromium.command("channel", "label", "offer-needs-a-section");
            chromiumsDescription = session.chromiumOffers(false, false, false);
        }
        String ourDescription = session.pc.localDescription().sdp();
        session.awaitConnected();
        echoChannel("complete");

        // RFC 8840 §4.1 / JSEP §5.2.1: after gathering the local description holds every
        // candidate and a=end-of-candidates; nothing went through addIceCandidate.
        assertThat(candidateLines(ourDescription)).as("our description's candidates").isPositive();
        assertThat(ourDescription).contains("a=end-of-candidates");
        assertThat(candidateLines(chromiumsDescription)).as("Chromium's description's candidates").isPositive();
        assertThat(session.sentToChromium()).isZero();
    }

    @Test
    void ourIceRestartGivesNewCredentialsAndTheChannelKeepsWorking() throws Exception {
        session.ours("offer-needs-a-section", null);
        String firstAnswer = session.weOffer(true, true, false);
        String firstOffer = session.pc.localDescription().sdp();
        session.awaitConnected();
        ChromiumPcChannel channel = echoChannel("survivor");

        CompletableFuture<Void> negotiationNeeded = new CompletableFuture<>();
        session.pc.onNegotiationNeeded(() -> negotiationNeeded.complete(null));
        // W3C §4.4.1.6 restartIce: the next offer has new ICE credentials; negotiation is needed.
        session.pc.restartIce();
        await(negotiationNeeded);
        String secondAnswer = session.weOffer(true, true, false);
        String secondOffer = session.pc.localDescription().sdp();

        assertThat(ufrag(secondOffer)).as("our ufrag after restartIce").isNotEqualTo(ufrag(firstOffer));
        // RFC 8445 §9: the answerer to an ICE restart changes its credentials too.
        assertThat(ufrag(secondAnswer)).as("Chromium's ufrag in its answer").isNotEqualTo(ufrag(firstAnswer));
        awaitNewGenerationInUse(ufrag(secondOffer), ufrag(secondAnswer));
        roundTrip(channel, "after our restart");
    }

    @Test
    void chromiumsIceRestartGivesNewCredentialsAndTheChannelKeepsWorking() throws Exception {
        session.chromium.command("channel", "label", "offer-needs-a-section");
        String firstOffer = session.chromiumOffers(true, true, false);
        String firstAnswer = session.pc.localDescription().sdp();
        session.awaitConnected();
        ChromiumPcChannel channel = echoChannel("survivor");

        String secondOffer = session.chromiumOffers(true, true, true);
        String secondAnswer = session.pc.localDescription().sdp();

        assertThat(ufrag(secondOffer)).as("Chromium's ufrag after its restartIce").isNotEqualTo(ufrag(firstOffer));
        // JSEP §5.3.1: an answer to an offer that restarts ICE has new credentials.
        assertThat(ufrag(secondAnswer)).as("our ufrag in our answer").isNotEqualTo(ufrag(firstAnswer));
        awaitNewGenerationInUse(ufrag(secondAnswer), ufrag(secondOffer));
        roundTrip(channel, "after Chromium's restart");
    }

    /**
     * Waits until both transports run on the new credentials: our transport stats and Chromium's
     * report the new local ufrag with ICE connected or completed and a selected pair.
     */
    private void awaitNewGenerationInUse(String ourUfrag, String chromiumsUfrag) throws Exception {
        Map<?, ?> theirs = null;
        RTCStats ours = null;
        long deadline = System.nanoTime() + T.toNanos();
        while (System.nanoTime() < deadline) {
            session.chromium.command("stats");
            List<?> stats = (List<?>) session.chromium.await("stats", e -> true, T).get("stats");
            theirs = stats.stream().map(s -> (Map<?, ?>) s).filter(s -> "transport".equals(s.get("type")))
                    .findFirst().orElse(null);
            ours = await(session.pc.getStats()).ofType(RTCStatsType.TRANSPORT).stream().findFirst().orElse(null);
            if (theirs != null && chromiumsUfrag.equals(theirs.get("iceLocalUsernameFragment"))
                    && theirs.get("selectedCandidatePairId") != null
                    && CONNECTED.contains(theirs.get("iceState"))
                    && ours != null && ourUfrag.equals(ours.getString("iceLocalUsernameFragment"))
                    && CONNECTED.contains(ours.getString("iceState"))) {
                break;
            }
        }
        assertThat(theirs).as("Chromium's transport stats").isNotNull();
        assertThat(theirs.get("iceLocalUsernameFragment")).as("Chromium's transport's local ufrag")
                .isEqualTo(chromiumsUfrag);
        assertThat(theirs.get("iceState")).as("Chromium's transport's ICE state").isIn(CONNECTED);
        assertThat(ours).as("our transport stats").isNotNull();
        assertThat(ours.getString("iceLocalUsernameFragment")).as("our transport's local ufrag").isEqualTo(ourUfrag);
        assertThat(ours.getString("iceState")).as("our transport's ICE state").isIn(CONNECTED);
    }

    @Test
    void chromiumsCandidatesBeforeOurAnswerAreKept() throws Exception {
        session.chromium.command("channel", "label", "offer-needs-a-section");
        // JSEP §5.3 / W3C §4.4.1.6: candidates may be added once the remote offer is set, before
        // the local answer exists.
        session.chromiumOffers(true, true, false, true);
        session.awaitConnected();
        echoChannel("early");
    }

    @Test
    void chromiumsCandidatesDuringItsIceRestartBeforeOurAnswerAreKept() throws Exception {
        session.chromium.command("channel", "label", "offer-needs-a-section");
        String firstOffer = session.chromiumOffers(true, true, false);
        session.awaitConnected();
        ChromiumPcChannel channel = echoChannel("survivor");

        // The new generation's candidates come before our answer to the restart.
        String secondOffer = session.chromiumOffers(true, true, true, true);
        String secondAnswer = session.pc.localDescription().sdp();
        assertThat(ufrag(secondOffer)).isNotEqualTo(ufrag(firstOffer));
        awaitNewGenerationInUse(ufrag(secondAnswer), ufrag(secondOffer));
        roundTrip(channel, "after Chromium's restart");
    }
}
