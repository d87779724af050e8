package org.ortc4j.media;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.ortc4j.media.internal.ChannelOutput;

/**
 * Writes VP8, VP9 or AV1 {@link EncodedFrame}s as an IVF file. Frame pts are converted to the
 * writer's time base. The header's frame count is written when closed if the channel can seek.
 */
public final class IvfWriter implements AutoCloseable {

    private static final Map<String, String> MIME_TO_FOURCC = Map.of("video/vp8", "VP80", "video/vp9", "VP90", "video/av1", "AV01");

    private final ChannelOutput out;
    private final String mimeType;
    private final String fourcc;
    private final int width;
    private final int height;
    private final TimeBase timeBase;
    private long frames;

    /**
     * A writer of {@code mimeType} frames ({@code video/VP8}, {@code video/VP9}, {@code video/AV1})
     * of {@code width x height} with timestamps in {@code timeBase}; writes the header now.
     */
    public IvfWriter(WritableByteChannel channel, String mimeType, int width, int height, TimeBase timeBase) throws IOException {
        this.fourcc = MIME_TO_FOURCC.get(mimeType.toLowerCase(java.util.Locale.ROOT));
        if (fourcc == null) {
            throw new IllegalArgumentException("IVF holds VP8, VP9 or AV1, not " + mimeType);
        }
        if (width <= 0 || width > 0xFFFF || height <= 0 || height > 0xFFFF) {
            throw new IllegalArgumentException("size " + width + "x" + height);
        }
        this.out = new ChannelOutput(channel);
        this.mimeType = mimeType;
        this.width = width;
        this.height = height;
        this.timeBase = timeBase;
        out.write(header());
    }

    /** Creates (or truncates) a file. */
    public static IvfWriter create(Path path, String mimeType, int width, int height, TimeBase timeBase) throws IOException {
        return new IvfWriter(Files.newByteChannel(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING), mimeType, width, height, timeBase);
    }

    private ByteBuffer header() {
        ByteBuffer h = ByteBuffer.allocate(IvfReader.HEADER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        h.put("DKIF".getBytes(StandardCharsets.US_ASCII));
        h.putShort((short) 0);
        h.putShort((short) IvfReader.HEADER_SIZE);
        h.put(fourcc.getBytes(StandardCharsets.US_ASCII));
        h.putShort((short) width);
        h.putShort((short) height);
        h.putInt(timeBase.denominator());
        h.putInt(timeBase.numerator());
        h.putInt((int) frames);
        h.putInt(0);
        return h.flip();
    }

    /**
     * Appends a frame.
     *
     * @throws IllegalArgumentException if it is of another codec
     */
    public void write(EncodedFrame frame) throws IOException {
        if (!frame.isCodec(mimeType)) {
            throw new IllegalArgumentException("frame is " + frame.mimeType() + ", writer is " + mimeType);
        }
        ByteBuffer h = ByteBuffer.allocate(IvfReader.FRAME_HEADER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(frame.size());
        h.putLong(frame.timeBase().convert(frame.pts(), timeBase));
        out.write(h.flip());
        out.write(frame.data());
        frames++;
    }

    /** Writes the frame count if the channel can seek, then closes it. */
    @Override
    public void close() throws IOException {
        try {
            out.patch(0, header());
        } finally {
            out.close();
        }
    }
}
