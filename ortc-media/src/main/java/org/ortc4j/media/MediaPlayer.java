package org.ortc4j.media;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.ortc4j.media.internal.ContainerFormat;

/**
 * Plays a WAV, Y4M, IVF or Ogg Opus file as a track, in real time (aiortc's {@code MediaPlayer}):
 * each frame is handed out when its timestamp comes due on the {@link MediaClock}, counted from
 * the first {@link MediaStreamTrack#recv()}. With {@code decode} false, IVF and Ogg files give
 * their {@link EncodedFrame}s untouched (aiortc's {@code decode=False}, for passthrough to an RTP
 * sender); otherwise they are decoded through the codec SPI. File reads run on the player's own
 * executor, never on the caller's thread. The track ends at the end of the file.
 */
public final class MediaPlayer implements AutoCloseable {

    private final PlayerTrack track;
    private final ExecutorService ownExecutor;

    private MediaPlayer(PlayerTrack track, ExecutorService ownExecutor) {
        this.track = track;
        this.ownExecutor = ownExecutor;
    }

    /** Plays {@code file} in real time, decoded with the codecs on the class path. */
    public static MediaPlayer open(Path file) throws IOException {
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "ortc4j-media-player");
            thread.setDaemon(true);
            return thread;
        });
        try {
            return open(file, true, MediaClock.system(), executor, MediaCodecs.load(), executor);
        } catch (IOException | RuntimeException e) {
            executor.shutdown();
            throw e;
        }
    }

    /**
     * Plays {@code file} with everything chosen by the caller.
     *
     * @param decode   false to hand out IVF and Ogg frames encoded
     * @param clock    paces the frames
     * @param executor reads the file (a direct executor is fine in tests)
     * @param codecs   decoders for IVF and Ogg when {@code decode} is true
     * @throws MediaFormatException if the file is not one of the four formats or is malformed
     * @throws MediaCodecException  if decoding is asked for and no decoder exists for the codec
     */
    public static MediaPlayer open(Path file, boolean decode, MediaClock clock, Executor executor, MediaCodecs codecs)
            throws IOException {
        return open(file, decode, clock, executor, codecs, null);
    }

    private static MediaPlayer open(Path file, boolean decode, MediaClock clock, Executor executor, MediaCodecs codecs,
            ExecutorService own) throws IOException {
        FrameSource source = switch (ContainerFormat.sniff(file)) {
            case WAV -> wav(WavReader.open(file));
            case Y4M -> y4m(Y4mReader.open(file));
            case IVF -> ivf(IvfReader.open(file), decode, codecs);
            case OGG_OPUS -> ogg(OggOpusReader.open(file), decode, codecs);
        };
        return new MediaPlayer(new PlayerTrack(source, clock, executor), own);
    }

    /** The audio track, if the file is audio. */
    public Optional<MediaStreamTrack> audio() {
        return track.kind() == MediaKind.AUDIO ? Optional.of(track) : Optional.empty();
    }

    /** The video track, if the file is video. */
    public Optional<MediaStreamTrack> video() {
        return track.kind() == MediaKind.VIDEO ? Optional.of(track) : Optional.empty();
    }

    /** Stops the track and closes the file. */
    @Override
    public void close() {
        track.stop();
        if (ownExecutor != null) {
            ownExecutor.shutdown();
        }
    }

    /** Reads frames one at a time; null at the end. */
    private interface FrameSource {
        MediaKind kind();

        MediaFrame next() throws IOException;

        void close() throws IOException;
    }

    private static FrameSource wav(WavReader reader) {
        int samples = Math.max(1, reader.sampleRate() / 50); // 20 ms frames, as aiortc's player
        return new FrameSource() {
            public MediaKind kind() {
                return MediaKind.AUDIO;
            }

            public MediaFrame next() throws IOException {
                return reader.readFrame(samples);
            }

            public void close() throws IOException {
                reader.close();
            }
        };
    }

    private static FrameSource y4m(Y4mReader reader) {
        return new FrameSource() {
            public MediaKind kind() {
                return MediaKind.VIDEO;
            }

            public MediaFrame next() throws IOException {
                return reader.readFrame();
            }

            public void close() throws IOException {
                reader.close();
            }
        };
    }

    private static FrameSource ivf(IvfReader reader, boolean decode, MediaCodecs codecs) throws IOException {
        FrameSource encoded = new FrameSource() {
            public MediaKind kind() {
                return MediaKind.VIDEO;
            }

            public MediaFrame next() throws IOException {
                return reader.readFrame();
            }

            public void close() throws IOException {
                reader.close();
            }
        };
        return decode ? decoding(encoded, decoder(codecs, new CodecInfo(reader.mimeType(), 90_000, 0), reader), 0) : encoded;
    }

    private static FrameSource ogg(OggOpusReader reader, boolean decode, MediaCodecs codecs) throws IOException {
        FrameSource encoded = new FrameSource() {
            public MediaKind kind() {
                return MediaKind.AUDIO;
            }

            public MediaFrame next() throws IOException {
                return reader.readFrame();
            }

            public void close() throws IOException {
                reader.close();
            }
        };
        if (!decode) {
            return encoded;
        }
        return decoding(encoded, decoder(codecs, new CodecInfo("audio/opus", 48_000, 2), reader), reader.preSkip());
    }

    private static MediaDecoder decoder(MediaCodecs codecs, CodecInfo codec, AutoCloseable reader) throws IOException {
        Optional<MediaDecoder> decoder = codecs.createDecoder(codec);
        if (decoder.isEmpty()) {
            try {
                reader.close();
            } catch (Exception ignored) {
                // already failing
            }
            throw new MediaCodecException("no decoder for " + codec.mimeType() + " (ortc-media-ffmpeg brings video decoders)");
        }
        return decoder.get();
    }

    /** Decodes an encoded source; drops the first {@code skip} audio samples (Opus pre-skip, RFC 7845 §4.2). */
    private static FrameSource decoding(FrameSource encoded, MediaDecoder decoder, int skip) {
        ArrayDeque<MediaFrame> ready = new ArrayDeque<>();
        int[] toSkip = {skip};
        return new FrameSource() {
            public MediaKind kind() {
                return encoded.kind();
            }

            public MediaFrame next() throws IOException {
                while (ready.isEmpty()) {
                    MediaFrame frame = encoded.next();
                    if (frame == null) {
                        return null;
                    }
                    for (MediaFrame decoded : decoder.decode((EncodedFrame) frame)) {
                        ready.add(trim(decoded));
                    }
                    ready.removeIf(f -> f == EMPTY);
                }
                return ready.poll();
            }

            private MediaFrame trim(MediaFrame decoded) {
                if (toSkip[0] == 0 || !(decoded instanceof AudioFrame audio)) {
                    return decoded;
                }
                int drop = Math.min(toSkip[0], audio.samplesPerChannel());
                toSkip[0] -= drop;
                if (drop == audio.samplesPerChannel()) {
                    return EMPTY;
                }
                short[] kept = Arrays.copyOfRange(audio.toArray(), drop * audio.channels(), audio.samplesPerChannel() * audio.channels());
                return new AudioFrame(kept, audio.sampleRate(), audio.channels(), audio.pts() + drop, audio.timeBase());
            }

            public void close() throws IOException {
                decoder.close();
                encoded.close();
            }
        };
    }

    private static final AudioFrame EMPTY = new AudioFrame(new short[0], 48_000, 1, 0, TimeBase.ofRate(48_000));

    private static final class PlayerTrack extends MediaStreamTrack {
        private final FrameSource source;
        private final MediaClock clock;
        private final Executor executor;
        private long startNanos;
        private double firstSeconds = Double.NaN;

        PlayerTrack(FrameSource source, MediaClock clock, Executor executor) {
            super(source.kind());
            this.source = source;
            this.clock = clock;
            this.executor = executor;
        }

        @Override
        public CompletableFuture<MediaFrame> recv() {
            if (readyState() == MediaStreamTrackState.ENDED) {
                return endedFuture();
            }
            return CompletableFuture.supplyAsync(this::read, executor).thenCompose(frame -> {
                long due;
                synchronized (this) {
                    double seconds = frame.timeBase().toSeconds(frame.pts());
                    if (Double.isNaN(firstSeconds)) {
                        firstSeconds = seconds;
                        startNanos = clock.nanoTime();
                    }
                    due = startNanos + (long) ((seconds - firstSeconds) * 1e9);
                }
                return clock.at(due).thenApply(ignored -> frame);
            });
        }

        private synchronized MediaFrame read() {
            if (readyState() == MediaStreamTrackState.ENDED) {
                throw new MediaStreamEndedException(id());
            }
            MediaFrame frame;
            try {
                frame = source.next();
            } catch (IOException | MediaCodecException e) {
                end();
                throw new CompletionException(e);
            }
            if (frame == null) {
                end();
                throw new MediaStreamEndedException(id());
            }
            return frame;
        }

        @Override
        protected synchronized void onStop() {
            try {
                source.close();
            } catch (IOException ignored) {
                // closing a file we only read
            }
        }
    }
}
