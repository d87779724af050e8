package org.ortc4j.media;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A W3C Media Capture {@code MediaStreamTrack}: one audio or video stream whose consumer pulls
 * frames, as aiortc's {@code await track.recv()}.
 *
 * <p>{@link #recv()} returns a {@link CompletableFuture} rather than blocking: an RTP sender runs
 * on a Netty event loop that must never wait, and a source paced in real time completes the
 * future when the frame is due (from its {@link MediaClock}), so nobody holds a thread meanwhile.
 * A consumer asks for the next frame when the previous future completes; at most one request
 * should be outstanding per consumer. {@code recv().get(timeout, unit)} gives blocking callers
 * what they want.
 *
 * <p>A track is {@link MediaStreamTrackState#LIVE} until {@link #stop()} or the end of its source,
 * then {@link MediaStreamTrackState#ENDED}; after that {@code recv()} fails with
 * {@link MediaStreamEndedException}. As in aiortc, {@code stop()} also fires the ended listeners.
 * A disabled track ({@link #setEnabled(boolean)}) keeps producing frames, of silence or black,
 * as W3C says.
 *
 * <p>Thread-safe. Listeners run on the thread that ends the track and must not block.
 */
public abstract class MediaStreamTrack {

    private final String id;
    private final MediaKind kind;
    private final AtomicBoolean ended = new AtomicBoolean();
    private final CopyOnWriteArrayList<Runnable> endedListeners = new CopyOnWriteArrayList<>();
    private volatile boolean enabled = true;

    /** A live track of {@code kind} with a random UUID as id. */
    protected MediaStreamTrack(MediaKind kind) {
        this(kind, UUID.randomUUID().toString());
    }

    /** A live track of {@code kind} with the given id. */
    protected MediaStreamTrack(MediaKind kind, String id) {
        if (kind == null || id == null) {
            throw new IllegalArgumentException("kind and id are required");
        }
        this.kind = kind;
        this.id = id;
    }

    /** The track's id (W3C {@code id}). */
    public final String id() {
        return id;
    }

    /** Audio or video (W3C {@code kind}). */
    public final MediaKind kind() {
        return kind;
    }

    /** Live or ended (W3C {@code readyState}). */
    public final MediaStreamTrackState readyState() {
        return ended.get() ? MediaStreamTrackState.ENDED : MediaStreamTrackState.LIVE;
    }

    /** W3C {@code enabled}: false makes sources produce silence or black frames. */
    public final boolean enabled() {
        return enabled;
    }

    /** Sets W3C {@code enabled}. */
    public final void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /**
     * The next frame. Completes when the frame is available, or exceptionally with
     * {@link MediaStreamEndedException} once the track has ended. Never blocks.
     */
    public abstract CompletableFuture<MediaFrame> recv();

    /** Ends the track (W3C {@code stop()}); the ended listeners run once. Idempotent. */
    public final void stop() {
        end();
    }

    /**
     * Ends the track because its source has ended or was stopped: moves to
     * {@link MediaStreamTrackState#ENDED}, calls {@link #onStop()}, then the ended listeners.
     * Does nothing when already ended.
     */
    protected final void end() {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        onStop();
        for (Runnable listener : endedListeners) {
            listener.run();
        }
        endedListeners.clear();
    }

    /** Called once when the track ends, before the listeners: release the source here. */
    protected void onStop() {
    }

    /**
     * Runs {@code listener} when the track ends (W3C {@code onended}). Closing the returned handle
     * removes it. A listener added after the end never runs.
     */
    public final AutoCloseable onEnded(Runnable listener) {
        if (listener == null) {
            throw new IllegalArgumentException("listener is required");
        }
        endedListeners.add(listener);
        return () -> endedListeners.remove(listener);
    }

    /** A future failed with {@link MediaStreamEndedException} for this track. */
    protected final <T> CompletableFuture<T> endedFuture() {
        return CompletableFuture.failedFuture(new MediaStreamEndedException(id));
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + kind + ", " + id + ", " + readyState() + "]";
    }
}
