package org.ortc4j.media.ffmpeg;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.ortc4j.media.AudioFrame;
import org.ortc4j.media.CodecInfo;
import org.ortc4j.media.EncodedFrame;
import org.ortc4j.media.MediaCodecException;
import org.ortc4j.media.MediaCodecs;
import org.ortc4j.media.MediaEncoder;
import org.ortc4j.media.MediaFrame;
import org.ortc4j.media.MediaKind;
import org.ortc4j.media.MediaStreamTrack;
import org.ortc4j.media.TimeBase;
import org.ortc4j.media.VideoFrame;
import org.ortc4j.media.ffmpeg.internal.ContainerWriter;
import org.ortc4j.media.ffmpeg.internal.FfmpegVideoDecoder;

/**
 * Records an audio track and a video track into an MP4, WebM, MKV, Ogg or WAV file chosen by the
 * file's extension, like ortc-media's {@link org.ortc4j.media.MediaRecorder} (aiortc's
 * {@code MediaRecorder}): {@link #addTrack}, {@link #start()}, then {@link #stop()}. Decoded
 * frames are encoded through the codec SPI to the container's codec: H.264 and Opus for
 * {@code .mp4} and {@code .mkv}, VP8 and Opus for {@code .webm}, Opus for {@code .ogg} and
 * {@code .opus}, 16-bit PCM for {@code .wav}. Tracks that give {@link EncodedFrame}s are muxed as
 * they are (any codec the container holds). The file's header is written once every track has
 * given its first frame; each track's time starts at its first frame. Writes run on the
 * recorder's executor.
 */
public final class FfmpegMediaRecorder {

    /** Frames held per track while waiting for the other track's first frame. */
    private static final int PENDING_LIMIT = 500;

    private enum Container {
        MP4("video/H264", true), MKV("video/H264", true), WEBM("video/VP8", true), OGG(null, true), WAV(null, false);

        final String videoCodec;
        final boolean opus;

        Container(String videoCodec, boolean opus) {
            this.videoCodec = videoCodec;
            this.opus = opus;
        }

        static Container of(Path file) {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".mp4") || name.endsWith(".m4a") || name.endsWith(".mov")) {
                return MP4;
            } else if (name.endsWith(".mkv") || name.endsWith(".mka")) {
                return MKV;
            } else if (name.endsWith(".webm")) {
                return WEBM;
            } else if (name.endsWith(".ogg") || name.endsWith(".opus") || name.endsWith(".oga")) {
                return OGG;
            } else if (name.endsWith(".wav")) {
                return WAV;
            }
            throw new IllegalArgumentException("not a container this recorder writes: " + file.getFileName()
                    + " (.mp4, .mkv, .webm, .ogg, .opus, .wav)");
        }
    }

    private final class Recording {
        final MediaStreamTrack track;
        final List<EncodedFrame> pending = new ArrayList<>();
        MediaEncoder encoder;
        int stream = -1;
        long firstPts = Long.MIN_VALUE;
        int sampleRate;
        int channels;
        int width;
        int height;
        String mimeType;

        Recording(MediaStreamTrack track) {
            this.track = track;
        }
    }

    private final Path file;
    private final Container container;
    private final MediaCodecs codecs;
    private final Executor executor;
    private final ExecutorService ownExecutor;
    private final Map<MediaKind, Recording> recordings = new EnumMap<>(MediaKind.class);
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private volatile boolean running;
    private ContainerWriter writer;

    /** A recorder into {@code file}, encoding with FFmpeg's codecs first, on its own writer thread. */
    public FfmpegMediaRecorder(Path file) {
        this(file, FfmpegCodecProvider.preferredIn(MediaCodecs.load()), null);
    }

    /**
     * A recorder into {@code file} encoding with {@code codecs}, writing on {@code executor} (one
     * task at a time), or on a thread of its own when null.
     *
     * @throws IllegalArgumentException if the extension names no container this recorder writes
     */
    public FfmpegMediaRecorder(Path file, MediaCodecs codecs, Executor executor) {
        this.file = file;
        this.container = Container.of(file);
        this.codecs = codecs;
        if (executor == null) {
            this.ownExecutor = Executors.newSingleThreadExecutor(r -> {
                Thread thread = new Thread(r, "ortc4j-ffmpeg-recorder");
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
     * Adds a track to record: at most one audio and one video.
     *
     * @throws IllegalArgumentException if the container cannot hold the track's kind (Ogg and WAV hold audio only)
     * @throws IllegalStateException    if a track of that kind was added, or recording started
     */
    public synchronized void addTrack(MediaStreamTrack track) {
        if (running) {
            throw new IllegalStateException("recording has started");
        }
        if (track.kind() == MediaKind.VIDEO && (container == Container.OGG || container == Container.WAV)) {
            throw new IllegalArgumentException(file.getFileName() + " holds audio only");
        }
        if (recordings.containsKey(track.kind())) {
            throw new IllegalStateException("a " + track.kind() + " track was already added");
        }
        recordings.put(track.kind(), new Recording(track));
    }

    /** Starts pulling and writing frames. */
    public synchronized void start() {
        if (recordings.isEmpty()) {
            throw new IllegalStateException("no track added");
        }
        if (running) {
            return;
        }
        running = true;
        recordings.values().forEach(this::pull);
    }

    /**
     * Stops recording and closes the file. The future completes when the file is complete, or
     * exceptionally with the error that stopped recording.
     */
    public CompletableFuture<Void> stop() {
        running = false;
        if (!stopped.isDone()) {
            try {
                executor.execute(this::finish);
            } catch (RejectedExecutionException alreadyFinished) {
                // finished on its own
            }
        }
        return stopped;
    }

    /**
     * Completes when the file is complete: after {@link #stop()}, or on its own once every track
     * has ended; exceptionally with the error that stopped recording.
     */
    public CompletableFuture<Void> finished() {
        return stopped;
    }

    private void pull(Recording recording) {
        if (!running) {
            return;
        }
        recording.track.recv().whenCompleteAsync((frame, error) -> {
            if (!running || stopped.isDone()) {
                return;
            }
            if (error != null) {
                // This track ended: the file is complete once every track has.
                recording.track.stop();
                if (recordings.values().stream().allMatch(r -> r.track.readyState() == org.ortc4j.media.MediaStreamTrackState.ENDED)) {
                    running = false;
                    finish();
                }
                return;
            }
            try {
                write(recording, frame);
            } catch (IOException | RuntimeException e) {
                fail(e);
                return;
            }
            pull(recording);
        }, executor);
    }

    // Runs on the executor only.
    private void write(Recording r, MediaFrame frame) throws IOException {
        for (EncodedFrame encoded : convert(r, frame)) {
            if (r.firstPts == Long.MIN_VALUE) {
                r.firstPts = encoded.pts();
            }
            if (writer == null) {
                if (r.pending.size() >= PENDING_LIMIT) {
                    throw new IOException("the other track gave no frame in " + PENDING_LIMIT + " frames of " + r.track.kind());
                }
                r.pending.add(encoded);
                if (recordings.values().stream().allMatch(x -> !x.pending.isEmpty())) {
                    openWriter();
                }
            } else {
                writePacket(r, encoded);
            }
        }
    }

    private List<EncodedFrame> convert(Recording r, MediaFrame frame) {
        if (frame instanceof EncodedFrame encoded) {
            if (r.mimeType == null) {
                r.mimeType = encoded.mimeType();
                if (encoded.kind() == MediaKind.VIDEO) {
                    int[] size = videoSize(encoded);
                    r.width = size[0];
                    r.height = size[1];
                } else {
                    r.channels = 2;
                }
            }
            if (container == Container.WAV) {
                throw new MediaCodecException("WAV holds PCM: record a decoded track into .wav");
            }
            return List.of(encoded);
        }
        if (frame instanceof AudioFrame audio) {
            if (container == Container.WAV) {
                if (r.mimeType == null) {
                    r.mimeType = "audio/L16";
                    r.sampleRate = audio.sampleRate();
                    r.channels = audio.channels();
                }
                ByteBuffer pcm = ByteBuffer.allocate(audio.samplesPerChannel() * audio.channels() * 2).order(ByteOrder.LITTLE_ENDIAN);
                pcm.asShortBuffer().put(audio.samples());
                return List.of(new EncodedFrame("audio/L16", pcm.array(), true, audio.pts(), audio.timeBase(), audio.samplesPerChannel()));
            }
            return encoder(r, FfmpegCodecProvider.OPUS).encode(audio);
        }
        VideoFrame video = (VideoFrame) frame;
        if (r.mimeType == null) {
            r.width = video.width();
            r.height = video.height();
        }
        return encoder(r, new CodecInfo(container.videoCodec, 90_000, 0)).encode(video);
    }

    private MediaEncoder encoder(Recording r, CodecInfo codec) {
        if (r.encoder == null) {
            r.encoder = codecs.createEncoder(codec).orElseThrow(() -> new MediaCodecException("no encoder for " + codec.mimeType()));
            r.encoder.setTargetBitrate(codec.kind() == MediaKind.VIDEO ? 2_000_000 : 96_000);
            r.mimeType = codec.mimeType();
            r.channels = 2;
        }
        return r.encoder;
    }

    /** The size of an encoded video stream, from decoding its first frame. */
    private static int[] videoSize(EncodedFrame first) {
        try (FfmpegVideoDecoder decoder = new FfmpegVideoDecoder(new CodecInfo(first.mimeType(), 90_000, 0),
                DecoderNames.decoder(first.mimeType()))) {
            for (MediaFrame f : decoder.decode(first)) {
                VideoFrame v = (VideoFrame) f;
                return new int[] {v.width(), v.height()};
            }
        } catch (MediaCodecException | IllegalArgumentException e) {
            // fall through
        }
        throw new MediaCodecException("the first " + first.mimeType() + " frame does not decode: record from a key frame");
    }

    private void openWriter() throws IOException {
        ContainerWriter w = ContainerWriter.create(file);
        try {
            for (Recording r : recordings.values()) {
                if (r.track.kind() == MediaKind.VIDEO) {
                    if (ContainerWriter.codecId(r.mimeType) < 0) {
                        throw new MediaCodecException(r.mimeType + " cannot go into a file here");
                    }
                    r.stream = w.addVideo(r.mimeType, r.width, r.height, r.pending.get(0).toByteArray());
                } else if (container == Container.WAV) {
                    r.stream = w.addPcm(r.sampleRate, r.channels);
                } else if (r.mimeType.equalsIgnoreCase("audio/opus")) {
                    r.stream = w.addOpus(r.channels);
                } else {
                    throw new MediaCodecException(r.mimeType + " cannot go into " + file.getFileName());
                }
            }
            w.writeHeader();
        } catch (IOException | RuntimeException e) {
            try {
                w.close();
            } catch (IOException ignored) {
                // already failing
            }
            throw e;
        }
        writer = w;
        for (Recording r : recordings.values()) {
            for (EncodedFrame f : r.pending) {
                writePacket(r, f);
            }
            r.pending.clear();
        }
    }

    private void writePacket(Recording r, EncodedFrame f) throws IOException {
        TimeBase streamBase = r.track.kind() == MediaKind.VIDEO ? TimeBase.VIDEO_90KHZ
                : container == Container.WAV ? TimeBase.ofRate(r.sampleRate) : TimeBase.ofRate(48_000);
        long pts = f.timeBase().convert(f.pts() - r.firstPts, streamBase);
        long duration = f.duration() > 0 ? f.timeBase().convert(f.duration(), streamBase) : 0;
        writer.write(r.stream, f.toByteArray(), pts, duration, f.keyFrame());
    }

    private void fail(Exception e) {
        running = false;
        closeAll();
        stopped.completeExceptionally(e);
        shutdown();
    }

    private void finish() {
        if (stopped.isDone()) {
            return;
        }
        try {
            if (writer == null && recordings.values().stream().anyMatch(r -> !r.pending.isEmpty())) {
                // A track never gave a frame: write what the others have.
                recordings.values().removeIf(r -> r.pending.isEmpty());
                openWriter();
            }
            if (writer != null) {
                writer.close();
            }
            closeEncoders();
            stopped.complete(null);
        } catch (IOException | RuntimeException e) {
            closeAll();
            stopped.completeExceptionally(e instanceof IOException io ? new UncheckedIOException(io) : e);
        } finally {
            shutdown();
        }
    }

    private void closeAll() {
        try {
            if (writer != null) {
                writer.close();
            }
        } catch (IOException ignored) {
            // already failing
        }
        closeEncoders();
    }

    private void closeEncoders() {
        for (Recording r : recordings.values()) {
            if (r.encoder != null) {
                r.encoder.close();
                r.encoder = null;
            }
        }
    }

    private void shutdown() {
        if (ownExecutor != null) {
            ownExecutor.shutdown();
        }
    }

    /** FFmpeg decoder names for the MIME types a recorder may see encoded. */
    private static final class DecoderNames {
        static String decoder(String mimeType) {
            return switch (mimeType.toLowerCase(Locale.ROOT)) {
                case "video/vp8" -> "vp8";
                case "video/vp9" -> "vp9";
                case "video/h264" -> "h264";
                case "video/av1" -> "libaom-av1";
                default -> throw new IllegalArgumentException(mimeType);
            };
        }
    }
}
