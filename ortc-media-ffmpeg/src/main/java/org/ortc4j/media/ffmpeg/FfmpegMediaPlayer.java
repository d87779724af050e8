package org.ortc4j.media.ffmpeg;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.ortc4j.media.MediaClock;
import org.ortc4j.media.MediaFormatException;
import org.ortc4j.media.MediaFrame;
import org.ortc4j.media.MediaKind;
import org.ortc4j.media.MediaStreamEndedException;
import org.ortc4j.media.MediaStreamTrack;
import org.ortc4j.media.MediaStreamTrackState;
import org.ortc4j.media.ffmpeg.internal.ContainerReader;

/**
 * Plays any file FFmpeg reads (MP4, WebM, MKV, Ogg, WAV, ...) as an audio track and a video track,
 * in real time, like ortc-media's {@link org.ortc4j.media.MediaPlayer} (aiortc's
 * {@code MediaPlayer}): each frame is handed out when its timestamp comes due on the
 * {@link MediaClock}, both tracks counted from the first {@link MediaStreamTrack#recv()} of
 * either, so they stay in sync. Decoded, video comes as I420 (scaled if a size is asked for) and
 * audio as 16-bit PCM (resampled if a rate or channel count is asked for). With
 * {@link Options#decode()} false, the tracks hand out the file's {@link org.ortc4j.media.EncodedFrame}s
 * (H.264 as Annex B) with timestamps in the codec's RTP clock, for passthrough to an RTP sender.
 * File reads and decoding run on the player's executor, never on the caller's thread. Each track
 * ends at the end of its stream.
 */
public final class FfmpegMediaPlayer implements AutoCloseable {

    /**
     * How to play a file.
     *
     * @param decode     false to hand out encoded frames
     * @param width      decoded video width; 0 keeps the file's
     * @param height     decoded video height; 0 keeps the file's
     * @param sampleRate decoded audio rate; 0 keeps the file's
     * @param channels   decoded audio channels, 1 or 2; 0 keeps the file's (at most 2)
     */
    public record Options(boolean decode, int width, int height, int sampleRate, int channels) {

        /** Decoded, at the file's own size, rate and channels. */
        public static final Options DEFAULT = new Options(true, 0, 0, 0, 0);

        /** Checks the numbers. */
        public Options {
            if (width < 0 || height < 0 || sampleRate < 0 || channels < 0 || channels > 2) {
                throw new IllegalArgumentException("size " + width + "x" + height + ", rate " + sampleRate + ", channels " + channels);
            }
        }

        /** These options with encoded frames handed out instead of decoded ones. */
        public Options encoded() {
            return new Options(false, width, height, sampleRate, channels);
        }

        /** These options with video scaled to {@code width x height}. */
        public Options withSize(int width, int height) {
            return new Options(decode, width, height, sampleRate, channels);
        }

        /** These options with audio resampled to {@code sampleRate} and {@code channels}. */
        public Options withAudio(int sampleRate, int channels) {
            return new Options(decode, width, height, sampleRate, channels);
        }
    }

    private final ContainerReader reader;
    private final Map<MediaKind, PlayerTrack> tracks = new EnumMap<>(MediaKind.class);
    private final MediaClock clock;
    private final Executor executor;
    private final ExecutorService ownExecutor;
    private long startNanos;
    private double firstSeconds = Double.NaN;

    private FfmpegMediaPlayer(ContainerReader reader, MediaClock clock, Executor executor, ExecutorService ownExecutor) {
        this.reader = reader;
        this.clock = clock;
        this.executor = executor;
        this.ownExecutor = ownExecutor;
        for (MediaKind kind : MediaKind.values()) {
            if (reader.has(kind)) {
                tracks.put(kind, new PlayerTrack(kind));
            }
        }
    }

    /** Plays {@code file} decoded, in real time, on a thread of its own. */
    public static FfmpegMediaPlayer open(Path file) throws IOException {
        return open(file, Options.DEFAULT);
    }

    /** Plays {@code file} with {@code options}, in real time, on a thread of its own. */
    public static FfmpegMediaPlayer open(Path file, Options options) throws IOException {
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "ortc4j-ffmpeg-player");
            thread.setDaemon(true);
            return thread;
        });
        try {
            ContainerReader reader = ContainerReader.open(file, options.decode(), options.width(), options.height(),
                    options.sampleRate(), options.channels());
            return new FfmpegMediaPlayer(reader, MediaClock.system(), executor, executor);
        } catch (IOException | RuntimeException e) {
            executor.shutdown();
            throw e;
        }
    }

    /**
     * Plays {@code file} with everything chosen by the caller.
     *
     * @param clock    paces the frames
     * @param executor reads and decodes the file; must run one task at a time (a single thread,
     *                 or a direct executor in tests)
     * @throws MediaFormatException if FFmpeg cannot read the file, or it has neither audio nor video
     */
    public static FfmpegMediaPlayer open(Path file, Options options, MediaClock clock, Executor executor) throws IOException {
        ContainerReader reader = ContainerReader.open(file, options.decode(), options.width(), options.height(),
                options.sampleRate(), options.channels());
        return new FfmpegMediaPlayer(reader, clock, executor, null);
    }

    /** The audio track, if the file has audio. */
    public Optional<MediaStreamTrack> audio() {
        return Optional.ofNullable(tracks.get(MediaKind.AUDIO));
    }

    /** The video track, if the file has video. */
    public Optional<MediaStreamTrack> video() {
        return Optional.ofNullable(tracks.get(MediaKind.VIDEO));
    }

    /** The codec of the file's {@code kind} stream as a MIME type ({@code "video/H264"}, {@code "audio/opus"}, ...). */
    public Optional<String> mimeType(MediaKind kind) {
        return reader.mimeType(kind);
    }

    /** Stops both tracks and closes the file. */
    @Override
    public void close() {
        tracks.values().forEach(MediaStreamTrack::stop);
        executor.execute(this::closeReader);
        if (ownExecutor != null) {
            ownExecutor.shutdown();
        }
    }

    private synchronized void closeReader() {
        reader.close();
    }

    private synchronized MediaFrame read(PlayerTrack track) {
        if (track.readyState() == MediaStreamTrackState.ENDED) {
            throw new MediaStreamEndedException(track.id());
        }
        MediaFrame frame;
        try {
            frame = reader.next(track.kind());
        } catch (IOException e) {
            track.endNow();
            throw new CompletionException(e);
        }
        if (frame == null) {
            track.endNow();
            throw new MediaStreamEndedException(track.id());
        }
        return frame;
    }

    private synchronized long due(MediaFrame frame) {
        double seconds = frame.timeBase().toSeconds(frame.pts());
        if (Double.isNaN(firstSeconds)) {
            firstSeconds = seconds;
            startNanos = clock.nanoTime();
        }
        return startNanos + (long) ((seconds - firstSeconds) * 1e9);
    }

    private final class PlayerTrack extends MediaStreamTrack {

        PlayerTrack(MediaKind kind) {
            super(kind);
        }

        @Override
        public CompletableFuture<MediaFrame> recv() {
            if (readyState() == MediaStreamTrackState.ENDED) {
                return endedFuture();
            }
            return CompletableFuture.supplyAsync(() -> read(this), executor)
                    .thenCompose(frame -> clock.at(due(frame)).thenApply(ignored -> frame));
        }

        void endNow() {
            end();
        }
    }
}
