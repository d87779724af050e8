package org.ortc4j.media.ffmpeg;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.ortc4j.media.MediaFrame;
import org.ortc4j.media.MediaKind;
import org.ortc4j.media.MediaStreamTrack;

/** A track that hands out the given frames at once, then ends: a file's worth of a source. */
final class FiniteTrack extends MediaStreamTrack {

    private final ArrayDeque<MediaFrame> frames;

    FiniteTrack(MediaKind kind, List<? extends MediaFrame> frames) {
        super(kind);
        this.frames = new ArrayDeque<>(frames);
    }

    @Override
    public synchronized CompletableFuture<MediaFrame> recv() {
        MediaFrame next = frames.poll();
        if (next == null) {
            end();
        }
        return next == null ? endedFuture() : CompletableFuture.completedFuture(next);
    }
}
