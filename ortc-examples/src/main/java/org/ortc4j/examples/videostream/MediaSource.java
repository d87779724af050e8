package org.ortc4j.examples.videostream;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.ortc4j.media.MediaClock;
import org.ortc4j.media.MediaPlayer;
import org.ortc4j.media.MediaStreamTrack;
import org.ortc4j.media.VideoSourceTrack;
import org.ortc4j.media.ffmpeg.FfmpegMediaPlayer;

/**
 * What the program sends, as aiortc's videostream-cli: the audio of {@code --play-from} if it
 * has any, and its video, or a moving test pattern when there is no file or
 * the file has no video (320x240, 30 fps). Files are played in real time by {@link FfmpegMediaPlayer} (MP4, WebM,
 * MKV) or ortc-media's {@link MediaPlayer} (IVF, Y4M, WAV, Ogg Opus).
 */
final class MediaSource implements AutoCloseable {

    private final AutoCloseable player;
    private final Optional<MediaStreamTrack> audio;
    private final MediaStreamTrack video;

    /**
     * The test pattern's size: 320x240 rather than aiortc's 640x480, at which our sending
     * pipeline does not keep up yet (a few frames a second, and audio held up with it).
     */
    static final int PATTERN_WIDTH = 320;
    static final int PATTERN_HEIGHT = 240;
    static final int PATTERN_FPS = 30;

    private MediaSource(AutoCloseable player, Optional<MediaStreamTrack> audio, Optional<MediaStreamTrack> video) {
        this.player = player;
        this.audio = audio;
        this.video = video.orElseGet(() -> new VideoSourceTrack(MediaClock.system(), PATTERN_WIDTH, PATTERN_HEIGHT, PATTERN_FPS));
    }

    /**
     * Opens {@code file}, or the test pattern when it is null.
     *
     * @throws IOException if the file cannot be read or is not what its extension says
     */
    static MediaSource open(Path file) throws IOException {
        if (file == null) {
            return new MediaSource(null, Optional.empty(), Optional.empty());
        }
        if (MediaFiles.isFfmpegContainer(file)) {
            FfmpegMediaPlayer player = FfmpegMediaPlayer.open(file);
            return new MediaSource(player, player.audio(), player.video());
        }
        MediaPlayer player = MediaPlayer.open(file);
        return new MediaSource(player, player.audio(), player.video());
    }

    /** The audio track, if the file has audio. */
    Optional<MediaStreamTrack> audio() {
        return audio;
    }

    /** The video track: the file's, or the test pattern. */
    MediaStreamTrack video() {
        return video;
    }

    /** Whether the video is the test pattern. */
    boolean testPattern() {
        return video instanceof VideoSourceTrack;
    }

    @Override
    public void close() {
        audio.ifPresent(MediaStreamTrack::stop);
        video.stop();
        if (player != null) {
            try {
                player.close();
            } catch (Exception e) {
                // closing a reader: nothing left to do about it
            }
        }
    }
}
