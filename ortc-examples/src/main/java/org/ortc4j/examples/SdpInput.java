package org.ortc4j.examples;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.ortc4j.sdp.SdpParseException;

/**
 * SDP text and where it came from (a file, standard input, or an SDP bundled with the example),
 * so that a report or an error can name its source.
 *
 * @param name the source as the user knows it: the path as given, {@code stdin}, or the resource
 * @param text the SDP text
 */
public record SdpInput(String name, String text) {

    /**
     * More than any real description: the SDP parser already stops at 1 Mi characters
     * ({@code SdpParser.DEFAULT}); this only keeps a wrong file (a video, {@code /dev/zero}) from
     * being read into memory whole.
     */
    static final int MAX_BYTES = 4 << 20;

    public SdpInput {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(text, "text");
    }

    /**
     * Reads a file as UTF-8, which RFC 8866 §6.10 makes the default charset of SDP text.
     *
     * @throws java.nio.file.NoSuchFileException if there is no such file
     * @throws IOException if it cannot be read
     * @throws SdpParseException if it is too large to be SDP
     */
    public static SdpInput fromFile(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return fromStream(file.toString(), in);
        }
    }

    /**
     * Reads {@code in} to its end as UTF-8.
     *
     * @throws IOException if it cannot be read
     * @throws SdpParseException if it is too large to be SDP
     */
    public static SdpInput fromStream(String name, InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) {
            throw new SdpParseException(0, "more than " + (MAX_BYTES >> 20) + " MiB; no session description is that large");
        }
        return new SdpInput(name, new String(bytes, StandardCharsets.UTF_8));
    }

    /** An SDP bundled with the examples, by its file name in this package. */
    public static SdpInput bundled(String fileName) {
        try (InputStream in = SdpInput.class.getResourceAsStream(fileName)) {
            if (in == null) {
                throw new IllegalStateException("the bundled SDP " + fileName + " is missing from the class path");
            }
            return fromStream(fileName, in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled SDP " + fileName, e);
        }
    }
}
