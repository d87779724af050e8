package org.ortc4j.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.ortc4j.media.internal.ContainerFormat;

/**
 * Records one track into a WAV, Y4M, IVF or Ogg Opus file chosen by the file's extension
 * (aiortc's {@code MediaRecorder}): {@link #addTrack}, {@link #start()}, then {@link #stop()}.
 * Frames are converted through the codec SPI when the track's form does not suit the file:
 * encoded audio is decoded for WAV, audio is Opus-encoded for {@code .opus}, encoded video is
 * decoded for Y4M, and video is encoded for IVF (which needs a VP8 encoder such as
 * ortc-media-ffmpeg's). The writer opens at the first frame, which gives the format's
 * parameters (sample rate, channels, size). File writes run on the recorder's executor.
 */
public final class MediaRecorder {

    private final Path file;
    private final ContainerFormat format;
    private final MediaCodecs codecs;
    private final Executor executor;
    private final ExecutorService ownExecutor;
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private MediaStreamTrack track;
    private volatile boolean running;
    private AutoCloseable writer;
    private FrameSink sink;
    private MediaEncoder encoder;
    private MediaDecoder decoder;

    /** A recorder into {@code file}, with the codecs on the class path and its own writer thread. */
    public MediaRecorder(Path file) {
        this(file, MediaCodecs.load(), null);
    }

    /** A recorder into {@code file} whose writes run on {@code executor}. */
    public MediaRecorder(Path file, MediaCodecs codecs, Executor executor) {
        this.file = file;
        this.format = ContainerFormat.ofFileName(file);
        this.codecs = codecs;
        if (executor == null) {
            this.ownExecutor = Executors.newSingleThreadExecutor(r -> {
                Thread thread = new Thread(r, "ortc4j-media-recorder");
                thread.setDaemon(true);
                return thread;
            });
            this.executor = ownExecutor;
        } else {
            this.ownExecutor = null;
            this.executor = executor;
        }
    }

    /**
     * Sets the track to record.
     *
     * @throws IllegalArgumentException if the file's format cannot hold the track's kind
     * @throws IllegalStateException    if a track was already added (these formats hold one stream)
     */
    public synchronized void addTrack(MediaStreamTrack track) {
        MediaKind wanted = format == ContainerFormat.WAV || format == ContainerFormat.OGG_OPUS ? MediaKind.AUDIO : MediaKind.VIDEO;
        if (track.kind() != wanted) {
            throw new IllegalArgumentException(file.getFileName() + " holds " + wanted + ", not " + track.kind());
        }
        if (this.track != null) {
            throw new IllegalStateException("a recorder holds one track");
        }
        this.track = track;
    }

    /** Starts pulling and writing frames. */
    public synchronized void start() {
        if (track == null) {
            throw new IllegalStateException("no track added");
        }
        if (running) {
            return;
        }
        running = true;
        pull();
    }

    /**
     * Stops recording and closes the file. The future completes when the file is complete, or
     * exceptionally with the write error that stopped recording.
     */
    public CompletableFuture<Void> stop() {
        running = false;
        if (!stopped.isDone()) {
            try {
                executor.execute(this::finish);
            } catch (java.util.concurrent.RejectedExecutionException alreadyFinished) {
                // the track ended and the recorder finished on its own
            }
        }
        return stopped;
    }

    private void pull() {
        if (!running) {
            return;
        }
        track.recv().whenCompleteAsync((frame, error) -> {
            if (error != null || !running) {
                if (error != null) {
                    running = false;
                    finish();
                }
                return;
            }
            try {
                write(frame);
            } catch (IOException | RuntimeException e) {
                running = false;
                closeQuietly();
                stopped.completeExceptionally(e);
                return;
            }
            pull();
        }, executor);
    }

    // Runs on the executor only: no locking needed for the writer state.
    private void write(MediaFrame frame) throws IOException {
        for (MediaFrame converted : convert(frame)) {
            if (sink == null) {
                sink = openSink(converted);
            }
            sink.write(converted);
        }
    }

    private List<? extends MediaFrame> convert(MediaFrame frame) {
        boolean wantsEncoded = format == ContainerFormat.IVF || format == ContainerFormat.OGG_OPUS;
        if (wantsEncoded && !(frame instanceof EncodedFrame)) {
            if (encoder == null) {
                CodecInfo codec = format == ContainerFormat.IVF ? new CodecInfo("video/VP8", 90_000, 0) : new CodecInfo("audio/opus", 48_000, 2);
                encoder = codecs.createEncoder(codec).orElseThrow(() -> new MediaCodecException("no encoder for " + codec.mimeType()));
            }
            return encoder.encode(frame);
        }
        if (!wantsEncoded && frame instanceof EncodedFrame encoded) {
            if (decoder == null) {
                String mime = encoded.mimeType();
                Optional<CodecInfo> codec = codecs.decoders().stream().filter(c -> c.hasMimeType(mime)).findFirst();
                decoder = codec.flatMap(codecs::createDecoder).orElseThrow(() -> new MediaCodecException("no decoder for " + mime));
            }
            return decoder.decode(encoded);
        }
        return List.of(frame);
    }

    private interface FrameSink {
        void write(MediaFrame frame) throws IOException;
    }

    private FrameSink openSink(MediaFrame first) throws IOException {
        switch (format) {
            case WAV -> {
                AudioFrame audio = (AudioFrame) first;
                WavWriter wav = WavWriter.create(file, audio.sampleRate(), audio.channels());
                writer = wav;
                return frame -> wav.write((AudioFrame) frame);
            }
            case Y4M -> {
                VideoFrame video = (VideoFrame) first;
                // Y4M states a constant rate; 30 fps is what the test sources and most cameras give.
                Y4mWriter y4m = Y4mWriter.create(file, video.width(), video.height(), 30, 1);
                writer = y4m;
                return frame -> y4m.write((VideoFrame) frame);
            }
            case IVF -> {
                EncodedFrame encoded = (EncodedFrame) first;
                int[] size = vp8Size(encoded);
                IvfWriter ivf = IvfWriter.create(file, encoded.mimeType(), size[0], size[1], TimeBase.VIDEO_90KHZ);
                writer = ivf;
                return frame -> ivf.write((EncodedFrame) frame);
            }
            default -> {
                OggOpusWriter ogg = OggOpusWriter.create(file, 2, OggOpusWriter.DEFAULT_PRE_SKIP);
                writer = ogg;
                return frame -> ogg.write((EncodedFrame) frame);
            }
        }
    }

    // RFC 6386 §9.1: a VP8 key frame has the start code 9d 01 2a at bytes 3..5, then 14-bit width
    // and height. Other codecs, or a stream that starts without one, get a nominal size.
    private static int[] vp8Size(EncodedFrame frame) {
        byte[] b = frame.toByteArray();
        if (frame.isCodec("video/VP8") && b.length >= 10 && (b[0] & 1) == 0
                && (b[3] & 0xFF) == 0x9d && b[4] == 0x01 && b[5] == 0x2a) {
            int width = ((b[7] & 0x3F) << 8) | (b[6] & 0xFF);
            int height = ((b[9] & 0x3F) << 8) | (b[8] & 0xFF);
            if (width > 0 && height > 0) {
                return new int[] {width, height};
            }
        }
        return new int[] {640, 480};
    }

    private void finish() {
        try {
            if (writer != null) {
                writer.close();
            }
            closeCodecs();
            stopped.complete(null);
        } catch (Exception e) {
            stopped.completeExceptionally(e instanceof IOException io ? new UncheckedIOException(io) : e);
        } finally {
            writer = null;
            if (ownExecutor != null) {
                ownExecutor.shutdown();
            }
        }
    }

    private void closeQuietly() {
        try {
            if (writer != null) {
                writer.close();
            }
        } catch (Exception ignored) {
            // already failing with the write error
        }
        writer = null;
        closeCodecs();
    }

    private void closeCodecs() {
        if (encoder != null) {
            encoder.close();
        }
        if (decoder != null) {
            decoder.close();
        }
    }
}
