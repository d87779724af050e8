package org.ortc4j.media.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.ortc4j.media.MediaFormatException;

/** The containers ortc-media reads and writes, told apart by magic number or file extension. */
public enum ContainerFormat {
    WAV, Y4M, IVF, OGG_OPUS;

    /** The format whose magic number {@code file} starts with. */
    public static ContainerFormat sniff(Path file) throws IOException {
        byte[] start;
        try (InputStream in = Files.newInputStream(file)) {
            start = in.readNBytes(9);
        }
        if (startsWith(start, "RIFF")) {
            return WAV;
        }
        if (startsWith(start, "YUV4MPEG2")) {
            return Y4M;
        }
        if (startsWith(start, "DKIF")) {
            return IVF;
        }
        if (startsWith(start, "OggS")) {
            return OGG_OPUS;
        }
        throw new MediaFormatException(file + " is not WAV, Y4M, IVF or Ogg");
    }

    private static boolean startsWith(byte[] bytes, String magic) {
        byte[] m = magic.getBytes(StandardCharsets.US_ASCII);
        return bytes.length >= m.length && Arrays.equals(bytes, 0, m.length, m, 0, m.length);
    }

    /** The format a file name's extension names. */
    public static ContainerFormat ofFileName(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".wav")) {
            return WAV;
        }
        if (name.endsWith(".y4m")) {
            return Y4M;
        }
        if (name.endsWith(".ivf")) {
            return IVF;
        }
        if (name.endsWith(".opus") || name.endsWith(".ogg")) {
            return OGG_OPUS;
        }
        throw new IllegalArgumentException(file + ": extension is not .wav, .y4m, .ivf, .opus or .ogg");
    }
}
