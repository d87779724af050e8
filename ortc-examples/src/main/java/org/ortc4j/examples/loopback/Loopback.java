package org.ortc4j.examples.loopback;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.ortc4j.examples.cli.ExampleProgram;
import org.ortc4j.examples.cli.ProgramLauncher;
import org.ortc4j.ice.RTCIceGatherOptions;
import org.ortc4j.ice.RTCStats;
import org.ortc4j.ice.RTCStatsReport;
import org.ortc4j.ice.RTCStatsType;
import org.ortc4j.media.AudioSourceTrack;
import org.ortc4j.media.MediaClock;
import org.ortc4j.media.MediaStreamTrack;
import org.ortc4j.media.VideoSourceTrack;
import org.ortc4j.peerconnection.RTCConfiguration;
import org.ortc4j.peerconnection.RTCPeerConnection;
import org.ortc4j.peerconnection.RTCPeerConnectionState;
import org.ortc4j.rtp.RTCRtpCodecCapability;
import org.ortc4j.rtp.RTCRtpReceiver;
import org.ortc4j.rtp.RTCRtpTransceiver;
import org.ortc4j.sctp.RTCDataChannel;

/**
 * Two {@link RTCPeerConnection}s in this JVM, connected over real UDP sockets on the loopback
 * interface (loopback host candidates, {@link RTCIceGatherOptions.Builder#includeLoopback}), with
 * the offer, answer and trickled candidates handed over in process. The offerer opens a data
 * channel and both send an Opus tone and a VP8 test pattern (VP8 through ortc-media-ffmpeg). The
 * program prints the states, the channel opening, its messages and the frames received, then a
 * summary of both sides' {@code getStats}, and exits 0; if something did not happen within
 * {@link #TIMEOUT_SECONDS} it names what and exits 1.
 *
 * <p>The README's first command: {@code mvn -B -q -pl ortc-examples -am compile exec:java}.
 */
public final class Loopback implements ExampleProgram {

    /** How long everything may take before the program gives up. */
    public static final long TIMEOUT_SECONDS = Long.getLong("ortc4j.loopback.timeout", 45);
    /** Audio frames (20 ms) each side must receive: one second. */
    static final int AUDIO_FRAMES = 50;
    /** Video frames each side must decode: one second at {@link #FPS}. */
    static final int VIDEO_FRAMES = 30;
    /** How long the summary waits for RTCP round-trip times before it prints without them. */
    static final long RTT_WAIT_SECONDS = 3;
    static final int WIDTH = 320;
    static final int HEIGHT = 240;
    static final int FPS = 30;

    static final String USAGE = """
            usage: loopback [--verbose]
            Two peer connections in this JVM over UDP on the loopback interface: a data channel, an
            Opus tone and a VP8 test pattern both ways, then a getStats summary.
              --verbose, -v         also print ICE gathering and signaling states
            """;

    private final PrintStream out;
    private final boolean verbose;
    private final long startNanos = System.nanoTime();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final List<MediaStreamTrack> sources = new ArrayList<>();
    private final RTCPeerConnection offerer;
    private final RTCPeerConnection answerer;
    /** What must happen, in the order it is printed if it does not. */
    private final Map<String, CompletableFuture<?>> goals = new LinkedHashMap<>();
    private final Map<String, FrameCounter> counters = new LinkedHashMap<>();

    /**
     * @param out where the program prints
     * @param verbose whether to print gathering and signaling states too
     */
    public Loopback(PrintStream out, boolean verbose) {
        this.out = Objects.requireNonNull(out, "out");
        this.verbose = verbose;
        RTCIceGatherOptions loopback = RTCIceGatherOptions.newBuilder().includeLoopback(true).build();
        this.offerer = new RTCPeerConnection(new RTCConfiguration(), loopback);
        this.answerer = new RTCPeerConnection(new RTCConfiguration(), loopback);
    }

    /** {@code loopback [--verbose]}. */
    public static void main(String[] args) {
        ProgramLauncher.launch(args, USAGE, (arguments, out) -> {
            boolean verbose = false;
            for (String arg : arguments) {
                if (arg.equals("--verbose") || arg.equals("-v")) {
                    verbose = true;
                } else {
                    throw new IllegalArgumentException("unrecognized arguments: " + arg);
                }
            }
            return new Loopback(out, verbose);
        });
    }

    @Override
    public int run() throws Exception {
        print("ortc4j loopback: two peer connections in this JVM over UDP on the loopback interface");
        watch("offerer", offerer);
        watch("answerer", answerer);

        // The offerer's data channel: a ping that the answerer answers with a pong.
        RTCDataChannel channel = offerer.createDataChannel("chat");
        CompletableFuture<Double> roundTrip = new CompletableFuture<>();
        goals.put("the data channel opens and a message goes there and back", roundTrip);
        channel.onOpen(() -> {
            print("offerer: data channel \"chat\" open");
            long sentAt = System.nanoTime();
            channel.onMessage(message -> {
                print("offerer: data channel \"chat\" < " + message.text());
                roundTrip.complete((System.nanoTime() - sentAt) / 1e6);
            });
            print("offerer: data channel \"chat\" > ping");
            channel.send("ping");
        });
        answerer.onDataChannel(remote -> {
            print("answerer: data channel \"" + remote.label() + "\" opened by the offerer");
            remote.onMessage(message -> {
                print("answerer: data channel \"" + remote.label() + "\" < " + message.text());
                remote.send("pong");
                print("answerer: data channel \"" + remote.label() + "\" > pong");
            });
        });

        count("answerer", answerer);
        count("offerer", offerer);
        sendMedia("offerer", offerer, 440);
        CompletableFuture<RTCPeerConnectionState> offererUp = connected(offerer);
        CompletableFuture<RTCPeerConnectionState> answererUp = connected(answerer);
        goals.put("offerer: connection state connected", offererUp);
        goals.put("answerer: connection state connected", answererUp);

        InProcessSignaling signaling = new InProcessSignaling(offerer, answerer);
        CompletableFuture<Void> negotiated = signaling.exchange(() -> sendMedia("answerer", answerer, 660));
        goals.put("offer and answer", negotiated);

        List<String> missing = awaitGoals();
        if (!missing.isEmpty()) {
            out.println("FAILED: within " + TIMEOUT_SECONDS + " s, these did not happen:");
            missing.forEach(what -> out.println("  " + what));
            printStats(offerer.getStats().get(TIMEOUT_SECONDS, TimeUnit.SECONDS),
                    answerer.getStats().get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
            return EXIT_FAILURE;
        }
        print(String.format(Locale.ROOT, "data channel: first ping answered in %.1f ms", roundTrip.join()));
        // RTCP round-trip times come with the first receiver report on a sender report (RFC 3550
        // §6.4.1: LSR and DLSR), a second or so in: give them a moment, without making it a goal.
        long rttDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(RTT_WAIT_SECONDS);
        RTCStatsReport offererStats;
        RTCStatsReport answererStats;
        while (true) {
            offererStats = offerer.getStats().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            answererStats = answerer.getStats().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if ((hasRoundTripTimes(offererStats) && hasRoundTripTimes(answererStats)) || System.nanoTime() > rttDeadline) {
                break;
            }
            CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS)).join();
        }
        printStats(offererStats, answererStats);
        out.println(String.format(Locale.ROOT, "OK in %.1f s", elapsedSeconds()));
        return EXIT_OK;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            sources.forEach(MediaStreamTrack::stop);
            offerer.close();
            answerer.close();
        }
    }

    /** Prints the connection states (and, verbose, the others) as they change. */
    private void watch(String name, RTCPeerConnection pc) {
        pc.onConnectionStateChange(state -> print(name + ": connection state " + state.value()));
        pc.onIceConnectionStateChange(state -> print(name + ": ICE connection state " + state.value()));
        if (verbose) {
            pc.onSignalingStateChange(state -> print(name + ": signaling state " + state.value()));
            pc.onIceGatheringStateChange(state -> print(name + ": ICE gathering state " + state.value()));
            pc.onIceCandidate(event -> {
                if (event.candidate() != null) {
                    print(name + ": candidate " + event.candidate().toCandidateString());
                }
            });
        }
    }

    /** Adds a 48 kHz tone as Opus and a test pattern as VP8. */
    private void sendMedia(String name, RTCPeerConnection pc, double toneHertz) {
        AudioSourceTrack tone = new AudioSourceTrack(MediaClock.system(), toneHertz, 8000, 48_000, 1);
        VideoSourceTrack pattern = new VideoSourceTrack(MediaClock.system(), WIDTH, HEIGHT, FPS);
        sources.add(tone);
        sources.add(pattern);
        pc.addTrack(tone, name);
        pc.addTrack(pattern, name);
        for (RTCRtpTransceiver transceiver : pc.getTransceivers()) {
            if (transceiver.kind().equals("audio")) {
                transceiver.setCodecPreferences(codecs("audio", "audio/opus"));
            } else if (transceiver.kind().equals("video")) {
                transceiver.setCodecPreferences(codecs("video", "video/VP8", "video/rtx"));
            }
        }
        print(String.format(Locale.ROOT, "%s: sending a %.0f Hz tone (Opus) and a %dx%d test pattern at %d fps (VP8)", name,
                toneHertz, WIDTH, HEIGHT, FPS));
    }

    private static List<RTCRtpCodecCapability> codecs(String kind, String... mimeTypes) {
        return RTCRtpReceiver.getCapabilities(kind).codecs().stream()
                .filter(codec -> List.of(mimeTypes).stream().anyMatch(codec.mimeType()::equalsIgnoreCase)).toList();
    }

    /** Counts the frames of the tracks {@code pc} receives. */
    private void count(String name, RTCPeerConnection pc) {
        CompletableFuture<FrameCounter> audio = new CompletableFuture<>();
        CompletableFuture<FrameCounter> video = new CompletableFuture<>();
        String audioGoal = name + ": " + AUDIO_FRAMES + " audio frames received";
        String videoGoal = name + ": " + VIDEO_FRAMES + " video frames decoded";
        goals.put(audioGoal, audio.thenCompose(FrameCounter::reached));
        goals.put(videoGoal, video.thenCompose(FrameCounter::reached));
        pc.onTrack(event -> {
            MediaStreamTrack track = event.track();
            boolean isAudio = track.kind().value().equals("audio");
            FrameCounter counter = new FrameCounter(track, isAudio ? AUDIO_FRAMES : VIDEO_FRAMES);
            counters.put(isAudio ? audioGoal : videoGoal, counter);
            print(name + ": receiving " + track.kind().value() + " (track event)");
            counter.first().thenAccept(first -> print(name + ": first " + track.kind().value() + " frame, " + first));
            counter.reached().thenAccept(n -> print(name + ": " + n + " " + track.kind().value() + " frames received"));
            (isAudio ? audio : video).complete(counter);
        });
    }

    /** Waits for every goal until the timeout; returns those that did not happen, with why. */
    private List<String> awaitGoals() throws InterruptedException {
        CompletableFuture<Void> all = CompletableFuture.allOf(goals.values().toArray(CompletableFuture[]::new));
        try {
            all.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // reported goal by goal below
        }
        List<String> missing = new ArrayList<>();
        goals.forEach((what, goal) -> {
            if (!goal.isDone()) {
                FrameCounter counter = counters.get(what);
                missing.add(what + (counter != null ? " (" + counter.frames() + " of " + counter.target() + ")" : ""));
            } else if (goal.isCompletedExceptionally()) {
                missing.add(what + ": " + goal.handle((v, e) -> String.valueOf(e.getMessage())).join());
            }
        });
        return missing;
    }

    private void printStats(RTCStatsReport offererStats, RTCStatsReport answererStats) {
        out.println("Stats (getStats):");
        StatsSummary.lines("offerer", "answerer", offererStats).forEach(line -> out.println("  " + line));
        StatsSummary.lines("answerer", "offerer", answererStats).forEach(line -> out.println("  " + line));
    }

    /** Whether every stream sent has a round-trip time from the peer's receiver reports. */
    private static boolean hasRoundTripTimes(RTCStatsReport report) {
        List<RTCStats> remote = report.ofType(RTCStatsType.REMOTE_INBOUND_RTP);
        return remote.size() == report.ofType(RTCStatsType.OUTBOUND_RTP).size()
                && remote.stream().allMatch(r -> r.has("roundTripTime"));
    }

    private static CompletableFuture<RTCPeerConnectionState> connected(RTCPeerConnection pc) {
        CompletableFuture<RTCPeerConnectionState> up = new CompletableFuture<>();
        pc.onConnectionStateChange(state -> {
            if (state == RTCPeerConnectionState.CONNECTED) {
                up.complete(state);
            } else if (state == RTCPeerConnectionState.FAILED) {
                up.completeExceptionally(new IllegalStateException("the connection failed"));
            }
        });
        return up;
    }

    private void print(String line) {
        out.println(String.format(Locale.ROOT, "[%5.2f s] %s", elapsedSeconds(), line));
    }

    private double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
