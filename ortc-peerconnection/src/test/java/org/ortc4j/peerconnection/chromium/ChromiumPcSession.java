package org.ortc4j.peerconnection.chromium;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ortc4j.ice.RTCIceGatherOptions;
import org.ortc4j.ice.RTCStatsReport;
import org.ortc4j.peerconnection.RTCConfiguration;
import org.ortc4j.peerconnection.RTCIceCandidateInit;
import org.ortc4j.peerconnection.RTCIceGatheringState;
import org.ortc4j.peerconnection.RTCOfferOptions;
import org.ortc4j.peerconnection.RTCPeerConnection;
import org.ortc4j.peerconnection.RTCPeerConnectionIceEvent;
import org.ortc4j.peerconnection.RTCPeerConnectionState;
import org.ortc4j.sctp.RTCDataChannel;
import org.ortc4j.sctp.RTCDataChannelInit;
import org.ortc4j.sctp.chromium.ChromiumPeer;
import org.ortc4j.sdp.RTCSdpType;
import org.ortc4j.sdp.RTCSessionDescription;

/**
 * Our {@link RTCPeerConnection} on loopback and the one in Chromium's {@code pc_datachannel.html},
 * with the test as the signaling channel between them: descriptions pass unchanged both ways
 * (JSEP, RFC 9429), candidates as {@code icecandidate} events and {@code addIceCandidate} calls
 * when trickling (RFC 8838), none when a side sends its complete description after gathering.
 *
 * <p>Our candidates reach Chromium only after the description they belong to (W3C §4.4.1.6:
 * addIceCandidate before a remote description fails), so they are held until then; the page runs
 * commands in order. Chromium's candidates are handed to us by {@link #trickleChromiumCandidates}
 * after our remote description is set.
 */
final class ChromiumPcSession implements AutoCloseable {

    /** Who makes the offer. */
    enum Role {
        WE_OFFER, CHROMIUM_OFFERS
    }

    static final Duration T = Duration.ofSeconds(10);
    static final RTCIceGatherOptions LOOPBACK = RTCIceGatherOptions.newBuilder().includeLoopback(true).build();
    private static final Pattern UFRAG = Pattern.compile("a=ice-ufrag:(\\S+)");

    final ChromiumPeer chromium;
    final RTCPeerConnection pc = new RTCPeerConnection(new RTCConfiguration(), LOOPBACK);
    private final CompletableFuture<Void> connected = new CompletableFuture<>();
    /** Our first null icecandidate event: the first gathering is complete. */
    final CompletableFuture<Void> ourFirstGatheringDone = new CompletableFuture<>();
    private final Map<String, CompletableFuture<ChromiumPcChannel>> remoteChannels = new ConcurrentHashMap<>();

    /** Our icecandidate events, in order, the null one included. */
    private final List<RTCPeerConnectionIceEvent> ourCandidates = new ArrayList<>();
    /** Whether our candidates go to Chromium, and whether it already has the description for them. */
    private boolean trickleOurs;
    private boolean chromiumHasOurDescription;
    private int forwarded;
    private int sentToChromium;

    ChromiumPcSession(ChromiumPeer chromium) {
        this.chromium = chromium;
        chromium.command("create");
        pc.onConnectionStateChange(state -> {
            if (state == RTCPeerConnectionState.CONNECTED) {
                connected.complete(null);
            } else if (state == RTCPeerConnectionState.FAILED) {
                connected.completeExceptionally(new AssertionError("our connectionState went to failed"));
            }
        });
        pc.onDataChannel(channel -> remoteChannel(channel.label()).complete(new ChromiumPcChannel(channel)));
        pc.onIceCandidate(this::onOurCandidate);
    }

    private synchronized void onOurCandidate(RTCPeerConnectionIceEvent event) {
        ourCandidates.add(event);
        if (event.candidate() == null) {
            ourFirstGatheringDone.complete(null);
        }
        forwardOurCandidates();
    }

    private synchronized void forwardOurCandidates() {
        if (!trickleOurs || !chromiumHasOurDescription) {
            return;
        }
        for (; forwarded < ourCandidates.size(); forwarded++) {
            RTCIceCandidateInit init = ourCandidates.get(forwarded).toCandidateInit();
            chromium.command("candidate", "candidate", init.candidate(), "sdpMid", init.sdpMid(),
                    "sdpMLineIndex", init.sdpMLineIndex(), "usernameFragment", init.usernameFragment());
            sentToChromium++;
        }
    }

    /** Our icecandidate events so far, the final null one included. */
    synchronized List<RTCPeerConnectionIceEvent> ourCandidateEvents() {
        return List.copyOf(ourCandidates);
    }

    /** How many of our icecandidate events went to Chromium's addIceCandidate so far. */
    synchronized int sentToChromium() {
        return sentToChromium;
    }

    private synchronized void describedOurselves(boolean trickle) {
        // The candidates gathered before this description belong to an older generation or are
        // already in a complete description; trickle only what comes from now on.
        trickleOurs = trickle;
        chromiumHasOurDescription = true;
        if (!trickle) {
            forwarded = ourCandidates.size();
        }
        forwardOurCandidates();
    }

    /** Stops forwarding until the next description went out (a new offer is being made). */
    private synchronized void describingAgain(boolean trickle) {
        chromiumHasOurDescription = false;
        trickleOurs = trickle;
        forwarded = ourCandidates.size();
    }

    // ---------------------------------------------------------------- offer/answer

    /**
     * We offer, Chromium answers. With {@code trickleOurs} our offer is createOffer's (no
     * candidates) and our candidates follow; otherwise it is our local description once gathering
     * is complete. With {@code trickleChromium} Chromium's answer has no candidates and they follow.
     *
     * @return Chromium's answer
     */
    String weOffer(boolean trickleOurs, boolean trickleChromium, boolean iceRestart) throws Exception {
        describingAgain(trickleOurs);
        String offer = describe(await(pc.createOffer(new RTCOfferOptions(iceRestart))), trickleOurs);
        chromium.command("remote", "type", "offer", "sdp", offer, "trickle", trickleChromium);
        describedOurselves(trickleOurs);
        String answer = (String) chromium.await("answer", e -> true, T).get("sdp");
        await(pc.setRemoteDescription(new RTCSessionDescription(RTCSdpType.ANSWER, answer)));
        if (trickleChromium) {
            trickleChromiumCandidates(ufrag(answer));
        }
        return answer;
    }

    /**
     * We offer without BUNDLE, Chromium answers: our complete offer (non-trickle) with its
     * a=group:BUNDLE line removed on the way, as a peer that does not bundle would send it, so
     * Chromium answers each section on its own transport (RFC 8843 §7.3: it cannot bundle what
     * was not offered bundled); Chromium's answer is complete too.
     *
     * @return Chromium's answer
     */
    String weOfferWithoutBundle() throws Exception {
        describingAgain(false);
        String offer = describe(await(pc.createOffer(new RTCOfferOptions(false))), false)
                .replaceAll("a=group:BUNDLE[^\r\n]*\r\n", "");
        chromium.command("remote", "type", "offer", "sdp", offer, "trickle", false);
        describedOurselves(false);
        String answer = (String) chromium.await("answer", e -> true, T).get("sdp");
        await(pc.setRemoteDescription(new RTCSessionDescription(RTCSdpType.ANSWER, answer)));
        return answer;
    }

    /**
     * Chromium offers (after its {@code restartIce()} when {@code iceRestart}), we answer; the
     * trickle flags as in {@link #weOffer}.
     *
     * @return Chromium's offer
     */
    String chromiumOffers(boolean trickleChromium, boolean trickleOurs, boolean iceRestart) throws Exception {
        return chromiumOffers(trickleChromium, trickleOurs, iceRestart, false);
    }

    /**
     * As {@link #chromiumOffers(boolean, boolean, boolean)}; with {@code candidatesBeforeAnswer}
     * Chromium's trickled candidates reach our addIceCandidate as soon as its offer is our remote
     * description, before we answer (as a signaling channel that forwards at once delivers them).
     */
    String chromiumOffers(boolean trickleChromium, boolean trickleOurs, boolean iceRestart,
            boolean candidatesBeforeAnswer) throws Exception {
        if (iceRestart) {
            chromium.command("restartIce");
        }
        chromium.command("offer", "trickle", trickleChromium);
        String offer = (String) chromium.await("offer", e -> true, T).get("sdp");
        describingAgain(trickleOurs);
        await(pc.setRemoteDescription(new RTCSessionDescription(RTCSdpType.OFFER, offer)));
        if (trickleChromium && candidatesBeforeAnswer) {
            trickleChromiumCandidates(ufrag(offer));
        }
        String answer = describe(await(pc.createAnswer()), trickleOurs);
        chromium.command("remote", "type", "answer", "sdp", answer);
        describedOurselves(trickleOurs);
        chromium.await("remoteSet", e -> true, T);
        if (trickleChromium && !candidatesBeforeAnswer) {
            trickleChromiumCandidates(ufrag(offer));
        }
        return offer;
    }

    /**
     * Sets {@code description} as our local description; with {@code trickle} returns its SDP as
     * created, otherwise our local description's once gathering is complete (every candidate and
     * a=end-of-candidates, RFC 8840 §4.1 non-trickle).
     */
    private String describe(RTCSessionDescription description, boolean trickle) throws Exception {
        CompletableFuture<Void> gathered = new CompletableFuture<>();
        try (AutoCloseable l = pc.onIceGatheringStateChange(state -> {
            if (state == RTCIceGatheringState.COMPLETE) {
                gathered.complete(null);
            }
        })) {
            await(pc.setLocalDescription(description));
            if (trickle) {
                return description.sdp();
            }
            if (!pc.localDescription().sdp().contains("a=end-of-candidates")) {
                await(gathered);
            }
            return pc.localDescription().sdp();
        }
    }

    /**
     * Hands Chromium's icecandidate events for ICE username fragment {@code ufrag} to our
     * addIceCandidate, in order, up to and with the end of candidates (Chromium's null candidate);
     * events of an older ICE generation are skipped.
     *
     * @return how many candidates were added (the end not counted)
     */
    int trickleChromiumCandidates(String ufrag) throws Exception {
        int added = 0;
        while (true) {
            Map<String, Object> event = chromium.await("candidate", e -> true, T);
            String candidate = (String) event.get("candidate");
            if (candidate == null) {
                if (added > 0) {
                    await(pc.addIceCandidate(new RTCIceCandidateInit("", "0", 0, ufrag)));
                    return added;
                }
                continue; // the end of an older generation
            }
            if (!ufrag.equals(event.get("usernameFragment"))) {
                continue;
            }
            Object index = event.get("sdpMLineIndex");
            await(pc.addIceCandidate(new RTCIceCandidateInit(candidate, (String) event.get("sdpMid"),
                    index == null ? null : ((Number) index).intValue(), ufrag)));
            added++;
        }
    }

    /** Waits until both sides report connectionState connected. */
    void awaitConnected() throws Exception {
        try {
            connected.get(T.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("our peer connection did not connect within " + T + ": " + pc.connectionState()
                    + ", ICE " + pc.iceConnectionState());
        }
        chromium.await("connectionState", e -> "connected".equals(e.get("state")), T);
    }

    // ---------------------------------------------------------------- channels

    private CompletableFuture<ChromiumPcChannel> remoteChannel(String label) {
        return remoteChannels.computeIfAbsent(label, l -> new CompletableFuture<>());
    }

    /** Chromium's channel {@code label} as our datachannel event gave it. */
    ChromiumPcChannel theirs(String label) throws Exception {
        try {
            return remoteChannel(label).get(T.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("our datachannel event never gave Chromium's channel '" + label + "'");
        }
    }

    /** Creates a channel on our peer connection and watches it. */
    ChromiumPcChannel ours(String label, RTCDataChannelInit init) {
        RTCDataChannel channel = init == null ? pc.createDataChannel(label) : pc.createDataChannel(label, init);
        return new ChromiumPcChannel(channel);
    }

    // ---------------------------------------------------------------- helpers

    /** The first a=ice-ufrag of {@code sdp}. */
    static String ufrag(String sdp) {
        Matcher m = UFRAG.matcher(sdp);
        assertThat(m.find()).as("a=ice-ufrag in\n" + sdp).isTrue();
        return m.group(1);
    }

    static <V> V await(CompletableFuture<V> future) throws Exception {
        try {
            return future.get(T.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause().toString(), e.getCause());
        }
    }

    /** The same bytes as the page's {@code pattern(length, seed)}. */
    static byte[] pattern(int length, int seed) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i * 7 + seed);
        }
        return bytes;
    }

    /** The same text as the page's {@code textPattern(length, seed)}. */
    static String textPattern(int length, int seed) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append((char) ('a' + (i * 7 + seed) % 26));
        }
        return s.toString();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What to print when a test fails: both sides' states, Chromium's stats, errors and log. */
    String diagnostics() {
        StringBuilder out = new StringBuilder();
        out.append("ours: signaling ").append(pc.signalingState()).append(", ICE ").append(pc.iceConnectionState())
                .append(", connection ").append(pc.connectionState()).append(", gathering ")
                .append(pc.iceGatheringState()).append('\n');
        try {
            RTCStatsReport stats = pc.getStats().get(5, TimeUnit.SECONDS);
            out.append("our getStats(): ").append(stats).append('\n');
        } catch (Exception e) {
            out.append("our getStats() failed: ").append(e).append('\n');
        }
        out.append("Chromium getStats(): ").append(chromium.stats()).append('\n');
        out.append("Chromium errors: ").append(chromium.errors()).append('\n');
        out.append("Chromium log tail:\n").append(chromium.logTail(15));
        return out.toString();
    }

    @Override
    public void close() {
        pc.close();
    }
}
