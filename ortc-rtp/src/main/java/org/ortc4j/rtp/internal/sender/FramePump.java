package org.ortc4j.rtp.internal.sender;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.ortc4j.media.AudioFrame;
import org.ortc4j.media.CodecInfo;
import org.ortc4j.media.EncodedFrame;
import org.ortc4j.media.MediaCodecs;
import org.ortc4j.media.MediaEncoder;
import org.ortc4j.media.MediaFrame;
import org.ortc4j.media.MediaStreamEndedException;
import org.ortc4j.media.MediaStreamTrack;
import org.ortc4j.media.VideoFrame;
import org.ortc4j.rtp.internal.AudioLevels;
import org.ortc4j.rtp.internal.MediaWorkers;
import org.ortc4j.rtp.internal.SerialExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pulls frames from a sender's track and encodes raw ones on a media lane, off the transport loop
 * (aiortc's {@code RTCRtpSender._next_encoded_frame}): raw frames go through an encoder found by
 * the codec SPI, encoded frames of the sent codec pass as they are (aiortc's {@code decode=False}
 * players). Key-frame requests (PLI/FIR) and bitrate changes (setParameters, REMB) reach the
 * encoder before the next frame.
 *
 * <p>One frame is asked for at a time: the next {@code recv()} follows the previous frame's
 * encoding, so a paced source sets the pace and a slow encoder makes the source drop, not us
 * queue.
 */
public final class FramePump {

    /**
     * Where encoded frames go: called on the media lane for frames the pump encoded, on the thread
     * that completed the track's {@code recv()} for frames passed through; one frame at a time
     * either way. The sender hops to its loop.
     */
    @FunctionalInterface
    public interface Sink {
        /**
         * @param audioLevel -dBov of the raw frame (RFC 6464), or -1 when unknown
         */
        void onEncoded(EncodedFrame frame, int audioLevel);

        /**
         * Hands on a passed-through frame and runs {@code then} once the frame has been taken
         * (the sender runs it on its loop after packetizing): the pump asks the track for the next
         * frame only then, so a loop that falls behind makes the source drop frames (a paced
         * source keeps the newest) instead of frames queueing on the loop. Without an override,
         * {@code then} runs at once.
         */
        default void onEncoded(EncodedFrame frame, int audioLevel, Runnable then) {
            onEncoded(frame, audioLevel);
            then.run();
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(FramePump.class);

    private final CodecInfo codec;
    private final MediaCodecs codecs;
    private final Sink sink;
    private final BooleanSupplier transportUsable;
    private final AtomicLong framesDroppedTransportDown = new AtomicLong();
    /** A frame was skipped for the transport: the next encoded one is a key frame. */
    private volatile boolean skippedForTransport;
    private final SerialExecutor lane = MediaWorkers.newLane();
    private final AtomicLong generation = new AtomicLong();
    private final AtomicLong framesDropped = new AtomicLong();
    private volatile boolean keyFrameRequested;
    private volatile int targetBitrate;
    private volatile double maxFramerate;
    private volatile double scaleDownBy = 1;
    private volatile boolean active = true;
    // Lane-confined.
    private MediaEncoder encoder;
    private boolean encoderMissing;
    private long lastFrameNanosOfMedia = Long.MIN_VALUE;

    /**
     * @param codec the codec to send: encoders are asked for it, encoded frames must be it
     */
    public FramePump(CodecInfo codec, MediaCodecs codecs, Sink sink) {
        this(codec, codecs, sink, () -> true);
    }

    /**
     * @param codec the codec to send: encoders are asked for it, encoded frames must be it
     * @param transportUsable whether packets can leave now; while it says no (ICE failed: RFC
     *     7675 §5.2 "the agent MUST cease transmission", or the transport closed) frames are
     *     drained from the track and dropped before encoding or packetizing, not sent into a
     *     transport that drops them
     */
    public FramePump(CodecInfo codec, MediaCodecs codecs, Sink sink, BooleanSupplier transportUsable) {
        this.codec = codec;
        this.codecs = codecs;
        this.sink = sink;
        this.transportUsable = transportUsable;
    }

    /** Starts pulling from {@code track} (stopping any earlier track's pulling); {@code null} stops. */
    public void start(MediaStreamTrack track) {
        long current = generation.incrementAndGet();
        if (track != null) {
            lane.execute(() -> pull(track, current));
        }
    }

    /** Stops pulling and closes the encoder. */
    public void stop() {
        generation.incrementAndGet();
        lane.execute(() -> {
            if (encoder != null) {
                encoder.close();
                encoder = null;
            }
        });
    }

    /** The next encoded frame will be a key frame (RFC 4585 §6.3.1 PLI, RFC 5104 §4.3.1 FIR). */
    public void requestKeyFrame() {
        keyFrameRequested = true;
    }

    /** The encoder's bitrate target in bits per second; 0 keeps the encoder's own. */
    public void setTargetBitrate(int bitsPerSecond) {
        targetBitrate = bitsPerSecond;
    }

    /** The most frames per second sent, 0 for no cap. */
    public void setMaxFramerate(double framesPerSecond) {
        maxFramerate = framesPerSecond;
    }

    /** How much video frames are scaled down, 1 or more. */
    public void setScaleResolutionDownBy(double factor) {
        scaleDownBy = factor;
    }

    /** Whether frames are encoded and handed on; inactive encodings still drain the track. */
    public void setActive(boolean active) {
        this.active = active;
    }

    /**
     * Frames the pump dropped: wrong codec, no encoder, frame rate cap, encoder failure, transport
     * not usable.
     */
    public long framesDropped() {
        return framesDropped.get();
    }

    /** Of {@link #framesDropped()}, those dropped because the transport could not send them. */
    public long framesDroppedTransportDown() {
        return framesDroppedTransportDown.get();
    }

    /** Whether the frame goes on: counts it dropped while the transport cannot send. */
    private boolean transportUp() {
        if (transportUsable.getAsBoolean()) {
            return true;
        }
        framesDropped.incrementAndGet();
        framesDroppedTransportDown.incrementAndGet();
        skippedForTransport = true;
        return false;
    }

    /**
     * Asks the track for frames until one must wait or is handed on. Encoded frames of the sent
     * codec need no encoder, so they go from the thread that completed {@code recv()} straight to
     * the sink (which hops to the transport's loop): one thread hand-off per frame instead of two;
     * the next frame is asked for once the loop has taken this one. Raw frames go to the media
     * lane to be encoded, and the lane asks for the next frame after encoding it. Frames already
     * there when asked for are taken in this loop, not by recursion.
     */
    private void pull(MediaStreamTrack track, long pullGeneration) {
        while (generation.get() == pullGeneration) {
            CompletableFuture<MediaFrame> next;
            try {
                next = track.recv();
            } catch (RuntimeException e) {
                LOG.warn("track {} failed; the sender stops pulling it", track.id(), e);
                return;
            }
            if (!next.isDone()) {
                next.whenComplete((frame, error) -> {
                    if (take(track, pullGeneration, frame, error)) {
                        pull(track, pullGeneration);
                    }
                });
                return;
            }
            MediaFrame frame = null;
            Throwable error = null;
            try {
                frame = next.join();
            } catch (CompletionException | CancellationException e) {
                error = e;
            }
            if (!take(track, pullGeneration, frame, error)) {
                return;
            }
        }
    }

    /**
     * Takes one frame the track gave; whether the caller asks for the next one (false when the
     * track failed or ended, the pump was restarted, or the media lane took over the pulling).
     */
    private boolean take(MediaStreamTrack track, long pullGeneration, MediaFrame frame, Throwable error) {
        if (generation.get() != pullGeneration) {
            return false;
        }
        if (error != null) {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (!(cause instanceof MediaStreamEndedException)) {
                LOG.warn("track {} failed; the sender stops pulling it", track.id(), cause);
            }
            return false;
        }
        if (frame instanceof EncodedFrame encoded) {
            try {
                // Handed on: the sink asks for the next frame once it has taken this one.
                return !passThrough(encoded, () -> pull(track, pullGeneration));
            } catch (RuntimeException e) {
                framesDropped.incrementAndGet();
                LOG.warn("could not send a frame of track {}", track.id(), e);
                return true;
            }
        }
        lane.execute(() -> {
            if (generation.get() != pullGeneration) {
                return;
            }
            try {
                handle(frame);
            } catch (RuntimeException e) {
                framesDropped.incrementAndGet();
                LOG.warn("could not encode a frame of track {}", track.id(), e);
            }
            pull(track, pullGeneration);
        });
        return false;
    }

    /**
     * An encoded frame of the sent codec passes as it is, and {@code next} runs once the sink took
     * it; one of another codec is dropped.
     *
     * @return whether the frame went to the sink (then the sink runs {@code next})
     */
    private boolean passThrough(EncodedFrame encoded, Runnable next) {
        if (!active || !transportUp()) {
            return false;
        }
        if (!encoded.isCodec(codec.mimeType())) {
            framesDropped.incrementAndGet();
            return false;
        }
        sink.onEncoded(encoded, -1, next);
        return true;
    }

    private void handle(MediaFrame frame) {
        if (!active || !transportUp()) {
            return;
        }
        if (frame instanceof VideoFrame video && skipForFramerate(video)) {
            framesDropped.incrementAndGet();
            return;
        }
        MediaEncoder current = encoder();
        if (current == null) {
            framesDropped.incrementAndGet();
            return;
        }
        int bitrate = targetBitrate;
        if (bitrate > 0 && bitrate != current.targetBitrate()) {
            current.setTargetBitrate(bitrate);
        }
        if (keyFrameRequested || skippedForTransport) {
            // After frames skipped while the transport was down, the receiver needs a fresh start.
            keyFrameRequested = false;
            skippedForTransport = false;
            current.requestKeyFrame();
        }
        MediaFrame input = frame instanceof VideoFrame video ? I420Downscaler.scale(video, scaleDownBy) : frame;
        int level = frame instanceof AudioFrame audio ? AudioLevels.levelOf(audio) : -1;
        List<EncodedFrame> encoded = current.encode(input);
        for (EncodedFrame out : encoded) {
            sink.onEncoded(out, level);
        }
    }

    private boolean skipForFramerate(VideoFrame frame) {
        double cap = maxFramerate;
        long nanos = (long) (frame.timeBase().toSeconds(frame.pts()) * 1e9);
        if (cap > 0 && lastFrameNanosOfMedia != Long.MIN_VALUE && nanos - lastFrameNanosOfMedia < (long) (1e9 / cap) * 0.95) {
            return true;
        }
        lastFrameNanosOfMedia = nanos;
        return false;
    }

    private MediaEncoder encoder() {
        if (encoder == null && !encoderMissing) {
            encoder = codecs.createEncoder(codec).orElse(null);
            if (encoder == null) {
                encoderMissing = true;
                LOG.warn("no encoder for {} on the class path; raw frames are dropped (put ortc-media-ffmpeg on the "
                        + "class path for video codecs, or send encoded frames)", codec.mimeType());
            }
        }
        return encoder;
    }
}
