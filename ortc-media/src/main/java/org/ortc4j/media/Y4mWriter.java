package org.ortc4j.media;

import java.io.IOException;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.ortc4j.media.internal.ChannelOutput;

/** Writes I420 {@link VideoFrame}s as a YUV4MPEG2 file ({@code C420jpeg}, progressive, square pixels). */
public final class Y4mWriter implements AutoCloseable {

    private static final byte[] FRAME = "FRAME\n".getBytes(StandardCharsets.US_ASCII);

    private final ChannelOutput out;
    private final int width;
    private final int height;

    /**
     * A writer of {@code width x height} frames at {@code rateNumerator / rateDenominator} frames
     * per second; writes the header now.
     */
    public Y4mWriter(WritableByteChannel channel, int width, int height, int rateNumerator, int rateDenominator) throws IOException {
        if (width <= 0 || height <= 0 || rateNumerator <= 0 || rateDenominator <= 0) {
            throw new IllegalArgumentException("size " + width + "x" + height + ", rate " + rateNumerator + ":" + rateDenominator);
        }
        this.out = new ChannelOutput(channel);
        this.width = width;
        this.height = height;
        String header = "YUV4MPEG2 W" + width + " H" + height + " F" + rateNumerator + ":" + rateDenominator + " Ip A1:1 C420jpeg\n";
        out.write(header.getBytes(StandardCharsets.US_ASCII));
    }

    /** Creates (or truncates) a file. */
    public static Y4mWriter create(Path path, int width, int height, int rateNumerator, int rateDenominator) throws IOException {
        return new Y4mWriter(Files.newByteChannel(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING), width, height, rateNumerator, rateDenominator);
    }

    /**
     * Appends a frame.
     *
     * @throws IllegalArgumentException if its size differs from the writer's
     */
    public void write(VideoFrame frame) throws IOException {
        if (frame.width() != width || frame.height() != height) {
            throw new IllegalArgumentException("frame is " + frame.width() + "x" + frame.height() + ", writer is " + width + "x" + height);
        }
        out.write(FRAME);
        out.write(frame.toI420());
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
