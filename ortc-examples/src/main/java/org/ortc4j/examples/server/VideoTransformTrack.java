package org.ortc4j.examples.server;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.ortc4j.media.MediaFrame;
import org.ortc4j.media.MediaKind;
import org.ortc4j.media.MediaStreamTrack;
import org.ortc4j.media.MediaStreamTrackState;
import org.ortc4j.media.VideoFrame;

/**
 * A video track whose frames are another track's, transformed (aiortc's server's
 * {@code VideoTransformTrack}): each {@link #recv()} pulls the source's next frame and transforms
 * it on {@code executor}, so neither the receiver that decoded the frame nor the sender that
 * encodes the result waits for the transform. Frames that are not decoded video pass unchanged.
 * Ends when the source ends; stopping it does not stop the source.
 */
final class VideoTransformTrack extends MediaStreamTrack {

    private final MediaStreamTrack source;
    private final VideoTransform transform;
    private final Executor executor;
    private final AtomicLong framesTransformed = new AtomicLong();
    private volatile int lastWidth;
    private volatile int lastHeight;

    VideoTransformTrack(MediaStreamTrack source, VideoTransform transform, Executor executor) {
        super(MediaKind.VIDEO);
        this.source = source;
        this.transform = transform;
        this.executor = executor;
        source.onEnded(this::end);
    }

    @Override
    public CompletableFuture<MediaFrame> recv() {
        if (readyState() != MediaStreamTrackState.LIVE) {
            return endedFuture();
        }
        return source.recv().thenApplyAsync(frame -> {
            if (frame instanceof VideoFrame video) {
                framesTransformed.incrementAndGet();
                lastWidth = video.width();
                lastHeight = video.height();
                return transform.apply(video);
            }
            return frame;
        }, executor);
    }

    /** The transform applied. */
    VideoTransform transform() {
        return transform;
    }

    /** Decoded frames taken from the source (the camera frames the server received). */
    long framesTransformed() {
        return framesTransformed.get();
    }

    /** Width and height of the last frame, {@code "0x0"} before the first. */
    String lastSize() {
        return lastWidth + "x" + lastHeight;
    }
}
