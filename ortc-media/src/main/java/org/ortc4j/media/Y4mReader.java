package org.ortc4j.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.ortc4j.media.internal.StreamInput;

/**
 * Reads YUV4MPEG2 ({@code .y4m}) files of 4:2:0 video as I420 {@link VideoFrame}s. The stream
 * header gives width ({@code W}), height ({@code H}), frame rate ({@code F}n:d, default 30:1) and
 * colour space ({@code C}, 4:2:0 variants only); each frame is a {@code FRAME} line followed by
 * the packed planes. Frame {@code n} has pts {@code n} in the time base {@code d/n} of one frame.
 */
public final class Y4mReader implements AutoCloseable {

    private static final String MAGIC = "YUV4MPEG2";
    private static final int MAX_LINE = 1024;
    /** Larger than any real video; bounds what a header can make us allocate per frame. */
    private static final int MAX_DIMENSION = 16384;
    private static final Set<String> CHROMA_420 = Set.of("420", "420jpeg", "420paldv", "420mpeg2");

    private final StreamInput in;
    private final int width;
    private final int height;
    private final TimeBase timeBase;
    private long frameIndex;

    private Y4mReader(StreamInput in, int width, int height, TimeBase timeBase) {
        this.in = in;
        this.width = width;
        this.height = height;
        this.timeBase = timeBase;
    }

    /** Opens a file. */
    public static Y4mReader open(Path path) throws IOException {
        InputStream stream = Files.newInputStream(path);
        try {
            return open(stream);
        } catch (IOException | RuntimeException e) {
            stream.close();
            throw e;
        }
    }

    /**
     * Reads the stream header.
     *
     * @throws MediaFormatException if it is not a 4:2:0 YUV4MPEG2 header
     */
    public static Y4mReader open(InputStream stream) throws IOException {
        StreamInput in = new StreamInput(stream);
        String header = in.readLine(MAX_LINE, "Y4M header");
        if (header == null || !(header.equals(MAGIC) || header.startsWith(MAGIC + " "))) {
            throw new MediaFormatException("not a YUV4MPEG2 file");
        }
        int width = 0;
        int height = 0;
        int rateNum = 30;
        int rateDen = 1;
        for (String token : tokens(header.substring(MAGIC.length()))) {
            if (token.isEmpty()) {
                continue;
            }
            String value = token.substring(1);
            switch (token.charAt(0)) {
                case 'W' -> width = dimension(value, "width");
                case 'H' -> height = dimension(value, "height");
                case 'F' -> {
                    int colon = value.indexOf(':');
                    if (colon < 0) {
                        throw new MediaFormatException("frame rate '" + value + "' is not n:d");
                    }
                    rateNum = positive(value.substring(0, colon), "frame rate numerator");
                    rateDen = positive(value.substring(colon + 1), "frame rate denominator");
                }
                case 'C' -> {
                    if (!CHROMA_420.contains(value)) {
                        throw new MediaFormatException("colour space C" + value + " is not 4:2:0");
                    }
                }
                case 'I', 'A', 'X' -> {
                    // Interlacing, aspect ratio and extensions do not change the samples.
                }
                default -> throw new MediaFormatException("unknown Y4M header field '" + token + "'");
            }
        }
        if (width == 0 || height == 0) {
            throw new MediaFormatException("Y4M header without W and H");
        }
        return new Y4mReader(in, width, height, new TimeBase(rateDen, rateNum));
    }

    // Space-separated fields, without regular expressions.
    private static java.util.List<String> tokens(String fields) {
        java.util.List<String> tokens = new java.util.ArrayList<>();
        int at = 0;
        while (at < fields.length()) {
            int space = fields.indexOf(' ', at);
            int end = space < 0 ? fields.length() : space;
            if (end > at) {
                tokens.add(fields.substring(at, end));
            }
            at = end + 1;
        }
        return tokens;
    }

    private static int dimension(String value, String what) throws MediaFormatException {
        int n = positive(value, what);
        if (n > MAX_DIMENSION) {
            throw new MediaFormatException(what + " " + n + " is over " + MAX_DIMENSION);
        }
        return n;
    }

    private static int positive(String value, String what) throws MediaFormatException {
        try {
            int n = Integer.parseInt(value);
            if (n <= 0) {
                throw new MediaFormatException(what + " must be positive: " + value);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new MediaFormatException(what + " is not a number: '" + value + "'");
        }
    }

    /** Width in pixels. */
    public int width() {
        return width;
    }

    /** Height in pixels. */
    public int height() {
        return height;
    }

    /** One frame's duration: the inverse of the frame rate. */
    public TimeBase timeBase() {
        return timeBase;
    }

    /** The next frame, or null at the end of the stream. */
    public VideoFrame readFrame() throws IOException {
        String line = in.readLine(MAX_LINE, "FRAME header");
        if (line == null) {
            return null;
        }
        if (!(line.equals("FRAME") || line.startsWith("FRAME "))) {
            throw new MediaFormatException("expected FRAME at byte " + in.position() + ", got '" + line + "'");
        }
        byte[] planes = in.readExactly(VideoFrame.i420Size(width, height), "frame " + frameIndex);
        return VideoFrame.fromI420(width, height, planes, frameIndex++, timeBase);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
