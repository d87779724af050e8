package org.ortc4j.examples.loopback;

import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import org.ortc4j.media.AudioFrame;
import org.ortc4j.media.EncodedFrame;
import org.ortc4j.media.MediaFrame;
import org.ortc4j.media.MediaStreamTrack;
import org.ortc4j.media.VideoFrame;

/**
 * Pulls every frame of a received track and counts them: {@link #first()} completes with the
 * first frame's description and {@link #reached()} when {@code target} frames have come. Pulling
 * is asynchronous ({@link MediaStreamTrack#recv()}): no thread waits. It stops when the track
 * ends.
 */
final class FrameCounter {

    private final MediaStreamTrack track;
    private final long target;
    private final AtomicLong frames = new AtomicLong();
    private final CompletableFuture<String> first = new CompletableFuture<>();
    private final CompletableFuture<Long> reached = new CompletableFuture<>();

    /** Starts pulling {@code track}'s frames. */
    FrameCounter(MediaStreamTrack track, long target) {
        this.track = Objects.requireNonNull(track, "track");
        this.target = target;
        pull();
    }

    /**
     * Takes frames while they are ready, then waits for the next without a thread: a loop rather
     * than recursion, so a burst of ready frames does not deepen the stack.
     */
    private void pull() {
        while (true) {
            CompletableFuture<MediaFrame> next = track.recv();
            if (!next.isDone()) {
                next.whenComplete((frame, error) -> {
                    if (take(frame, error)) {
                        pull();
                    }
                });
                return;
            }
            MediaFrame frame = null;
            Throwable error = null;
            try {
                frame = next.join();
            } catch (CompletionException | CancellationException e) {
                error = e.getCause() != null ? e.getCause() : e;
            }
            if (!take(frame, error)) {
                return;
            }
        }
    }

    /** Counts a frame; false once the track has ended. */
    private boolean take(MediaFrame frame, Throwable error) {
        if (error != null) {
            // The track ended (MediaStreamEndedException) or the connection closed.
            first.completeExceptionally(error);
            reached.completeExceptionally(error);
            return false;
        }
        first.complete(describe(frame));
        if (frames.incrementAndGet() == target) {
            reached.complete(target);
        }
        return true;
    }

    /** Frames received so far. */
    long frames() {
        return frames.get();
    }

    /** How many frames {@link #reached()} waits for. */
    long target() {
        return target;
    }

    /** Completes with a description of the first frame: its size, or its sample rate and channels. */
    CompletableFuture<String> first() {
        return first;
    }

    /** Completes when {@code target} frames have come. */
    CompletableFuture<Long> reached() {
        return reached;
    }

    static String describe(MediaFrame frame) {
        if (frame instanceof VideoFrame video) {
            return "decoded " + video.width() + "x" + video.height();
        } else if (frame instanceof AudioFrame audio) {
            return "decoded " + audio.samplesPerChannel() + " samples at " + audio.sampleRate() + " Hz, "
                    + audio.channels() + (audio.channels() == 1 ? " channel" : " channels");
        } else if (frame instanceof EncodedFrame encoded) {
            return encoded.mimeType() + ", " + encoded.size() + " bytes";
        }
        return frame.toString();
    }
}
