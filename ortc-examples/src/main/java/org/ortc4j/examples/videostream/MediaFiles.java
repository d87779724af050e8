package org.ortc4j.examples.videostream;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * Which library reads and writes a media file, by its extension: FFmpeg's containers (MP4, WebM,
 * Matroska) through ortc-media-ffmpeg, the simple formats (IVF, Y4M, WAV, Ogg Opus) through
 * ortc-media's own readers and writers.
 */
final class MediaFiles {

    /** Containers FFmpeg reads and writes here: several tracks, any codec FFmpeg has. */
    static final Set<String> FFMPEG_CONTAINERS = Set.of("mp4", "m4a", "mov", "webm", "mkv", "mka");
    /** ortc-media's formats: one track each. */
    static final Set<String> OWN_FORMATS = Set.of("ivf", "y4m", "wav", "ogg", "opus");

    private MediaFiles() {
    }

    /** The file's extension in lower case, or "" when it has none. */
    static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** Whether FFmpeg handles this file. */
    static boolean isFfmpegContainer(Path file) {
        return FFMPEG_CONTAINERS.contains(extension(file));
    }

    /**
     * Checks that one of the two libraries handles the file.
     *
     * @throws IllegalArgumentException naming the extensions that are handled
     */
    static Path check(String flag, Path file) {
        String extension = extension(file);
        if (!FFMPEG_CONTAINERS.contains(extension) && !OWN_FORMATS.contains(extension)) {
            throw new IllegalArgumentException("argument " + flag + ": cannot handle '" + file.getFileName()
                    + "' (use .mp4, .webm, .mkv, .ivf, .y4m, .wav, .ogg or .opus)");
        }
        return file;
    }
}
