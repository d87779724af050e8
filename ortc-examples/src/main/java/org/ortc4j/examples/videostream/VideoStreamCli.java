package org.ortc4j.examples.videostream;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.ortc4j.examples.cli.ExampleProgram;
import org.ortc4j.examples.cli.ProgramArguments;
import org.ortc4j.examples.cli.ProgramLauncher;
import org.ortc4j.examples.cli.SignalingSession;
import org.ortc4j.examples.signaling.Signaling;
import org.ortc4j.media.MediaStreamTrack;
import org.ortc4j.peerconnection.RTCPeerConnection;
import org.ortc4j.sdp.RTCSdpType;

/**
 * Video from the command line (aiortc's {@code videostream-cli}): each side sends a moving test
 * pattern, or what {@code --play-from} plays, and records what it receives to {@code
 * --record-to} (nothing without it). The offerer sends its tracks in the offer, the answerer adds
 * its own before answering; each prints {@code Receiving video} (or audio) as the tracks arrive.
 * With {@code --verbose} it also prints how many frames it has received, once a second's worth.
 * It ends on the other side's bye, the end of the signaling channel or Ctrl-C, and completes the
 * recording before it exits.
 */
public final class VideoStreamCli implements ExampleProgram {

    static final String PLAY_FROM = "--play-from";
    static final String RECORD_TO = "--record-to";

    static final String USAGE = """
            usage: videostream-cli {offer,answer} [--play-from FILE] [--record-to FILE] [--verbose] [--loopback] [--signaling ...]
            Video stream from the command line
              role                  offer or answer
              --play-from FILE      send this file's audio and video (.mp4 .webm .mkv through FFmpeg;
                                    .ivf .y4m .wav .ogg .opus) instead of the test pattern
              --record-to FILE      write what is received to this file (.mp4 .webm .mkv: audio and
                                    video; .ivf .y4m: video; .wav .ogg .opus: audio)
            """ + ProgramArguments.USAGE;

    /** How long the recorder may take to finish its file. */
    private static final long RECORDER_STOP_SECONDS = 10;

    private final boolean offer;
    private final Signaling signaling;
    private final RTCPeerConnection pc;
    private final SignalingSession session;
    private final MediaSource source;
    private final Recording recording;
    private final PrintStream out;
    private final boolean verbose;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * The program for a command line; opens the file to play.
     *
     * @throws IllegalArgumentException for a usage error
     * @throws IOException if the file to play cannot be opened
     */
    public static VideoStreamCli create(List<String> args, PrintStream out) throws IOException {
        ProgramArguments arguments = ProgramArguments.parse(args, Set.of(PLAY_FROM, RECORD_TO));
        String role = arguments.positional(0, "role", "offer", "answer");
        arguments.expectPositionals(1);
        Path playFrom = arguments.option(PLAY_FROM).map(Path::of).map(file -> MediaFiles.check(PLAY_FROM, file)).orElse(null);
        Path recordTo = arguments.option(RECORD_TO).map(Path::of).map(file -> MediaFiles.check(RECORD_TO, file)).orElse(null);
        if (playFrom != null && !Files.isReadable(playFrom)) {
            throw new IOException("cannot read " + playFrom);
        }
        MediaSource source = MediaSource.open(playFrom);
        return new VideoStreamCli(role.equals("offer"), source, new Recording(recordTo, out), arguments.newSignaling(out),
                arguments.newPeerConnection(), out, arguments.verbose());
    }

    private VideoStreamCli(boolean offer, MediaSource source, Recording recording, Signaling signaling,
            RTCPeerConnection pc, PrintStream out, boolean verbose) {
        this.offer = offer;
        this.source = source;
        this.recording = recording;
        this.signaling = Objects.requireNonNull(signaling, "signaling");
        this.pc = Objects.requireNonNull(pc, "pc");
        this.out = Objects.requireNonNull(out, "out");
        this.verbose = verbose;
        this.session = new SignalingSession(pc, signaling, out, verbose);
    }

    /** {@code videostream-cli offer|answer [--play-from FILE] [--record-to FILE] [flags]}. */
    public static void main(String[] args) {
        ProgramLauncher.launch(args, USAGE, VideoStreamCli::create);
    }

    /** The signaling channel (a test reads the port a {@code tcp-socket} offerer listens on). */
    public Signaling signaling() {
        return signaling;
    }

    @Override
    public int run() throws Exception {
        pc.onTrack(event -> {
            MediaStreamTrack track = event.track();
            String kind = track.kind().value();
            out.println("Receiving " + kind);
            // A second's worth: 30 video frames, 50 audio frames of 20 ms.
            int every = kind.equals("video") ? 30 : 50;
            recording.addTrack(new CountingTrack(track, n -> {
                if (verbose && n % every == 0) {
                    out.println("-- received " + n + " " + kind + " frames");
                }
            }));
        });
        session.onRemoteDescription(description -> {
            recording.start();
            if (description.type() == RTCSdpType.OFFER) {
                addTracks();
            }
        });
        if (offer) {
            addTracks();
            session.sendOffer();
        }
        session.consume();
        finishRecording();
        return EXIT_OK;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            finishRecording();
            session.close();
            pc.close();
            source.close();
        }
    }

    private void addTracks() {
        source.audio().ifPresent(track -> pc.addTrack(track));
        pc.addTrack(source.video());
        if (verbose) {
            out.println("-- sending " + (source.audio().isPresent() ? "audio and " : "")
                    + (source.testPattern() ? "the test pattern" : "video"));
        }
    }

    /** Stops the recorder and waits for its file to be complete. */
    private void finishRecording() {
        try {
            recording.stop().get(RECORDER_STOP_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            out.println("recording failed: " + e.getCause().getMessage());
        } catch (TimeoutException e) {
            out.println("recording did not finish within " + RECORDER_STOP_SECONDS + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
