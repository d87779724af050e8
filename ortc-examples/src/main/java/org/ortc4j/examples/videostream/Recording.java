package org.ortc4j.examples.videostream;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.ortc4j.media.MediaBlackhole;
import org.ortc4j.media.MediaRecorder;
import org.ortc4j.media.MediaStreamTrack;
import org.ortc4j.media.ffmpeg.FfmpegMediaRecorder;

/**
 * Where received tracks go, as aiortc's videostream-cli chooses: a file by its extension
 * ({@link FfmpegMediaRecorder} for MP4/WebM/MKV with audio and video, ortc-media's
 * {@link MediaRecorder} for IVF/Y4M/WAV/Ogg with one track of the kind the format holds), or
 * nowhere ({@link MediaBlackhole}) without {@code --record-to}. A track the file cannot hold is
 * consumed by a blackhole, so its receiver does not back up.
 */
final class Recording {

    private final FfmpegMediaRecorder ffmpeg;
    private final MediaRecorder own;
    private final MediaBlackhole blackhole = new MediaBlackhole();
    private final PrintStream out;
    private boolean ownHasTrack;
    private boolean started;

    /** @param file the file to record to, or null to record nothing */
    Recording(Path file, PrintStream out) {
        this.out = out;
        this.ffmpeg = file != null && MediaFiles.isFfmpegContainer(file) ? new FfmpegMediaRecorder(file) : null;
        this.own = file != null && ffmpeg == null ? new MediaRecorder(file) : null;
    }

    /** Adds a received track: to the file if it can hold it, else to the blackhole. */
    synchronized void addTrack(MediaStreamTrack track) {
        if (!started) {
            if (ffmpeg != null) {
                try {
                    ffmpeg.addTrack(track);
                    return;
                } catch (IllegalArgumentException | IllegalStateException e) {
                    out.println("Not recording " + track.kind().value() + ": " + e.getMessage());
                }
            } else if (own != null && !ownHasTrack) {
                try {
                    own.addTrack(track);
                    ownHasTrack = true;
                    return;
                } catch (IllegalArgumentException e) {
                    out.println("Not recording " + track.kind().value() + ": " + e.getMessage());
                }
            }
        }
        blackhole.addTrack(track);
    }

    /** Starts writing (aiortc starts its recorder once the remote description is set). */
    synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        blackhole.start();
        if (ffmpeg != null) {
            try {
                ffmpeg.start();
            } catch (IllegalStateException noTrack) {
                // nothing the file can hold was received
            }
        }
        if (own != null && ownHasTrack) {
            own.start();
        }
    }

    /** Stops recording; completes when the file is complete (its trailer written). */
    synchronized CompletableFuture<Void> stop() {
        blackhole.stop();
        if (ffmpeg != null && started) {
            return ffmpeg.stop();
        }
        if (own != null && started && ownHasTrack) {
            return own.stop();
        }
        return CompletableFuture.completedFuture(null);
    }
}
