package org.ortc4j.peerconnection.chromium;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.ortc4j.ice.RTCIceGatherOptions;
import org.ortc4j.ice.RTCStatsReport;
import org.ortc4j.media.AudioFrame;
import org.ortc4j.media.EncodedFrame;
import org.ortc4j.media.MediaCodecs;
import org.ortc4j.media.MediaDecoder;
import org.ortc4j.media.MediaEncoder;
import org.ortc4j.media.TimeBase;
import org.ortc4j.peerconnection.RTCConfiguration;
import org.ortc4j.peerconnection.RTCIceGatheringState;
import org.ortc4j.peerconnection.RTCPeerConnection;
import org.ortc4j.peerconnection.RTCPeerConnectionState;
import org.ortc4j.peerconnection.RTCTrackEvent;
import org.ortc4j.rtp.RTCRtpCodecCapability;
import org.ortc4j.rtp.RTCRtpSender;
import org.ortc4j.rtp.RTCRtpTransceiver;
import org.ortc4j.sctp.chromium.ChromiumPeer;
import org.ortc4j.sdp.RTCSdpType;
import org.ortc4j.sdp.RTCSessionDescription;

/**
 * A call between our {@link RTCPeerConnection} (loopback candidates) and the one of
 * {@code pc_media.html} in a headless Chromium: offers and answers go through the page's commands
 * without trickle (each side waits for its gathering to complete and sends every candidate in its
 * description). Our track events are kept in order, with a probe reading each received track.
 */
final class ChromiumMediaCall implements AutoCloseable {

    /** What one step (an offer, an answer, a connection) may take on a busy 2-core machine. */
    static final Duration STEP = Duration.ofSeconds(15);
    /** What media may take to show up decoded on the other side. */
    static final Duration MEDIA = Duration.ofSeconds(20);
    /** The video size the tests send: small enough that a busy 2-core machine encodes it in real time. */
    static final int WIDTH = 320;
    static final int HEIGHT = 240;
    /** Frames, at about 30 a second, that show a stream is decoded steadily, not just a key frame. */
    static final int VIDEO_FRAMES = 30;

    final ChromiumPeer chromium;
    final RTCPeerConnection ours;
    private final List<RTCTrackEvent> tracks = new CopyOnWriteArrayList<>();
    private final List<ChromiumMediaFrameProbe> probes = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> connected = new CompletableFuture<>();

    /** The flags that give the page a fake camera and microphone and let it play what it receives. */
    static final List<String> FLAGS = List.of("--use-fake-device-for-media-stream",
            "--autoplay-policy=no-user-gesture-required");

    /**
     * The browser for the next test of a class: {@code browser} with its page reloaded, or a new
     * Chromium on {@code pc_media.html} when there is none or it died (then the old one is closed).
     */
    static ChromiumPeer launchOrReload(ChromiumPeer browser) throws Exception {
        ChromiumPeer.requireInstalled();
        if (browser != null && browser.alive()) {
            browser.reload();
            return browser;
        }
        if (browser != null) {
            browser.close();
        }
        return ChromiumPeer.launch(ChromiumMediaCall.class, "pc_media.html", FLAGS);
    }

    /**
     * Runs 3 s of a tone through the Opus encoder and decoder our senders and receivers use, once
     * per JVM. Pure-Java Opus is interpreted at first: its first 20 ms frames take longer than
     * 20 ms on a busy machine, so the first second of a call would measure the JIT, and Chromium
     * would conceal what did not come in time. A real call runs long past that; the tests check
     * the call, not the warm-up.
     */
    static synchronized void warmUpOpus() {
        if (opusWarm) {
            return;
        }
        MediaCodecs codecs = MediaCodecs.load();
        MediaEncoder encoder = codecs.createEncoder("audio/opus").orElseThrow();
        MediaDecoder decoder = codecs.createDecoder("audio/opus").orElseThrow();
        for (int i = 0; i < 150; i++) {
            short[] samples = new short[960];
            for (int n = 0; n < samples.length; n++) {
                samples[n] = (short) (8000 * Math.sin(2 * Math.PI * 440 * (i * 960 + n) / 48_000.0));
            }
            for (EncodedFrame packet : encoder.encode(new AudioFrame(samples, 48_000, 1, i * 960L, TimeBase.ofRate(48_000)))) {
                decoder.decode(packet);
            }
        }
        opusWarm = true;
    }

    private static boolean opusWarm;

    /** What a failed test's log needs: Chromium's stats, errors and log tail, and our stats. */
    void logFailure(String test) {
        System.err.println("[" + test + "] ours: signaling " + ours.signalingState() + ", gathering "
                + ours.iceGatheringState() + ", ICE " + ours.iceConnectionState() + ", connection "
                + ours.connectionState());
        System.err.println("[" + test + "] Chromium stats: " + chromium.stats());
        System.err.println("[" + test + "] Chromium errors: " + chromium.errors());
        System.err.println("[" + test + "] Chromium log tail:\n" + chromium.logTail(20));
        try {
            System.err.println("[" + test + "] our stats: " + ourStats());
        } catch (Exception | AssertionError e) {
            System.err.println("[" + test + "] no stats of ours: " + e);
        }
    }

    /** Our peer connection and the page's ({@code create}), in a page just loaded. */
    ChromiumMediaCall(ChromiumPeer chromium) {
        this.chromium = chromium;
        this.ours = new RTCPeerConnection(new RTCConfiguration(),
                RTCIceGatherOptions.newBuilder().includeLoopback(true).build());
        ours.onTrack(event -> {
            tracks.add(event);
            synchronized (tracks) {
                tracks.notifyAll();
            }
        });
        ours.onConnectionStateChange(state -> {
            if (state == RTCPeerConnectionState.CONNECTED) {
                connected.complete(null);
            } else if (state == RTCPeerConnectionState.FAILED) {
                connected.completeExceptionally(new AssertionError("our peer connection failed"));
            }
        });
        chromium.command("create");
    }

    /**
     * Chromium offers (with what its page holds), we answer: RFC 9429 §5.2 / §5.3 through
     * {@code setRemoteDescription} and an implicit {@code setLocalDescription}.
     *
     * @return Chromium's offer
     */
    String chromiumOffers() throws Exception {
        String offer = takeChromiumsOffer();
        answerChromium();
        return offer;
    }

    /**
     * The first half of {@link #chromiumOffers()}: Chromium's offer becomes our remote description
     * (and its transceivers ours, which {@code addTrack} may then reuse, W3C §5.1).
     */
    String takeChromiumsOffer() throws Exception {
        chromium.command("offer");
        String offer = (String) chromium.await("offer", e -> true, STEP).get("sdp");
        await(ours.setRemoteDescription(new RTCSessionDescription(RTCSdpType.OFFER, offer)));
        return offer;
    }

    /** The second half of {@link #chromiumOffers()}: our answer, given to Chromium. */
    void answerChromium() throws Exception {
        CompletableFuture<Void> gathered = gatheringComplete();
        await(ours.setLocalDescription());
        await(gathered);
        chromium.command("remote", "type", "answer", "sdp", ours.localDescription().sdp());
        chromium.await("remoteSet", e -> true, STEP);
    }

    /**
     * We offer, Chromium answers.
     *
     * @return Chromium's answer
     */
    String weOffer() throws Exception {
        CompletableFuture<Void> gathered = gatheringComplete();
        await(ours.setLocalDescription());
        await(gathered);
        chromium.command("remote", "type", "offer", "sdp", ours.localDescription().sdp());
        String answer = (String) chromium.await("answer", e -> true, STEP).get("sdp");
        await(ours.setRemoteDescription(new RTCSessionDescription(RTCSdpType.ANSWER, answer)));
        return answer;
    }

    /** Completes when our gathering is complete (at once in a renegotiation that gathers nothing new). */
    private CompletableFuture<Void> gatheringComplete() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        ours.onIceGatheringStateChange(state -> {
            if (state == RTCIceGatheringState.COMPLETE) {
                done.complete(null);
            }
        });
        if (ours.iceGatheringState() == RTCIceGatheringState.COMPLETE) {
            done.complete(null);
        }
        return done;
    }

    void awaitConnected() throws Exception {
        await(connected);
    }

    /**
     * Our {@code n}-th track event (0 first), waiting for it.
     *
     * @throws AssertionError if it does not come within {@link #STEP}
     */
    RTCTrackEvent track(int n) throws InterruptedException {
        long deadline = System.nanoTime() + STEP.toNanos();
        synchronized (tracks) {
            while (tracks.size() <= n) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("expected track event " + n + ", got " + tracks.size());
                }
                TimeUnit.NANOSECONDS.timedWait(tracks, left);
            }
        }
        return tracks.get(n);
    }

    /** The track event whose track is of {@code kind} ("audio", "video"), among the first {@code count}. */
    RTCTrackEvent track(String kind, int count) throws InterruptedException {
        for (int i = 0; i < count; i++) {
            RTCTrackEvent event = track(i);
            if (event.track().kind().value().equals(kind)) {
                return event;
            }
        }
        throw new AssertionError("no " + kind + " track among " + tracks);
    }

    /** Starts reading a received track; closed with the call. */
    ChromiumMediaFrameProbe probe(RTCTrackEvent event) {
        ChromiumMediaFrameProbe probe = new ChromiumMediaFrameProbe(event.track());
        probes.add(probe);
        return probe;
    }

    /** Our codec preferences for a transceiver: only the codecs of {@code mimeType}, with RTX for video. */
    static void prefer(RTCRtpTransceiver transceiver, String mimeType) {
        List<RTCRtpCodecCapability> codecs = RTCRtpSender.getCapabilities(transceiver.kind()).codecs().stream()
                .filter(c -> c.mimeType().equalsIgnoreCase(mimeType) || c.mimeType().equalsIgnoreCase("video/rtx"))
                .toList();
        transceiver.setCodecPreferences(codecs);
    }

    /** Whether Chromium's page can send ({@code sendVideo}) or receive ({@code receiveVideo}) this video MIME type. */
    @SuppressWarnings("unchecked")
    boolean chromiumHas(String direction, String mimeType) {
        chromium.command("capabilities");
        List<Object> types = (List<Object>) chromium.await("capabilities", e -> true, STEP).get(direction);
        return types.stream().anyMatch(t -> ((String) t).equalsIgnoreCase(mimeType));
    }

    /**
     * Chromium's RTP statistics once its {@code type} entry of {@code kind} has
     * {@code member >= atLeast}, waiting up to {@code timeout}.
     *
     * @throws AssertionError if it does not get there, with the last statistics
     */
    @SuppressWarnings("unchecked")
    ChromiumMediaStats chromiumStatsWhen(String type, String kind, String member, double atLeast, Duration timeout) {
        chromium.command("statsWhen", "type", type, "kind", kind, "member", member, "atLeast", atLeast,
                "timeoutMs", timeout.toMillis());
        Map<String, Object> event = chromium.await("stats", e -> true, timeout.plus(STEP));
        ChromiumMediaStats stats = new ChromiumMediaStats((List<Object>) event.get("stats"));
        if (!Boolean.TRUE.equals(event.get("reached"))) {
            throw new AssertionError("Chromium's " + type + " " + kind + " " + member + " did not reach " + atLeast
                    + " within " + timeout + "; its stats: " + stats);
        }
        return stats;
    }

    /** Our {@code getStats()}. */
    RTCStatsReport ourStats() throws Exception {
        return await(ours.getStats());
    }

    static <T> T await(CompletableFuture<T> future) throws Exception {
        try {
            return future.get(STEP.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        } catch (TimeoutException e) {
            throw new AssertionError("not done within " + STEP, e);
        }
    }

    /** Stops the probes and closes our peer connection (the page's closes when it reloads). */
    @Override
    public void close() throws InterruptedException {
        for (ChromiumMediaFrameProbe probe : probes) {
            probe.close();
        }
        ours.close();
    }
}
