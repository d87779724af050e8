package org.ortc4j.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.ortc4j.media.internal.KeyFrameDetector;
import org.ortc4j.media.internal.StreamInput;

/**
 * Reads IVF files (libvpx's container for VP8, VP9 and AV1) as {@link EncodedFrame}s. A 32-byte
 * header ({@code DKIF}, version 0, header size, FourCC, width, height, time base rate and scale,
 * frame count) is followed by frames of a 12-byte header (size, 64-bit pts) and the data. Frame
 * pts are in the header's time base. Key frames are found from the bitstream.
 */
public final class IvfReader implements AutoCloseable {

    static final int HEADER_SIZE = 32;
    static final int FRAME_HEADER_SIZE = 12;
    /** A frame larger than this is not a real-time video frame; refuse it rather than buffer it. */
    private static final long MAX_FRAME_SIZE = 64L << 20;
    static final Map<String, String> FOURCC_TO_MIME = Map.of("VP80", "video/VP8", "VP90", "video/VP9", "AV01", "video/AV1");

    private final StreamInput in;
    private final String mimeType;
    private final int width;
    private final int height;
    private final TimeBase timeBase;
    private final long frameCount;

    private IvfReader(StreamInput in, String mimeType, int width, int height, TimeBase timeBase, long frameCount) {
        this.in = in;
        this.mimeType = mimeType;
        this.width = width;
        this.height = height;
        this.timeBase = timeBase;
        this.frameCount = frameCount;
    }

    /** Opens a file. */
    public static IvfReader open(Path path) throws IOException {
        InputStream stream = Files.newInputStream(path);
        try {
            return open(stream);
        } catch (IOException | RuntimeException e) {
            stream.close();
            throw e;
        }
    }

    /**
     * Reads the file header.
     *
     * @throws MediaFormatException if it is not an IVF header of VP8, VP9 or AV1
     */
    public static IvfReader open(InputStream stream) throws IOException {
        StreamInput in = new StreamInput(stream);
        ByteBuffer h = in.readLittleEndian(HEADER_SIZE, "IVF header");
        if (!ascii(h, 0).equals("DKIF")) {
            throw new MediaFormatException("not an IVF file: no DKIF signature");
        }
        int version = h.getShort(4) & 0xFFFF;
        int headerSize = h.getShort(6) & 0xFFFF;
        if (version != 0) {
            throw new MediaFormatException("IVF version " + version + "; only 0 exists");
        }
        if (headerSize < HEADER_SIZE) {
            throw new MediaFormatException("IVF header size " + headerSize + " is under " + HEADER_SIZE);
        }
        String fourcc = ascii(h, 8);
        String mimeType = FOURCC_TO_MIME.get(fourcc);
        if (mimeType == null) {
            throw new MediaFormatException("IVF codec '" + fourcc + "' is not VP8, VP9 or AV1");
        }
        int width = h.getShort(12) & 0xFFFF;
        int height = h.getShort(14) & 0xFFFF;
        int rate = h.getInt(16);
        int scale = h.getInt(20);
        if (rate <= 0 || scale <= 0) {
            throw new MediaFormatException("IVF time base " + Integer.toUnsignedString(scale) + "/" + Integer.toUnsignedString(rate) + " is not positive");
        }
        long frameCount = Integer.toUnsignedLong(h.getInt(24));
        in.skip(headerSize - HEADER_SIZE, "IVF header");
        return new IvfReader(in, mimeType, width, height, new TimeBase(scale, rate), frameCount);
    }

    private static String ascii(ByteBuffer buffer, int at) {
        byte[] id = new byte[4];
        buffer.get(at, id);
        return new String(id, StandardCharsets.ISO_8859_1);
    }

    /** {@code video/VP8}, {@code video/VP9} or {@code video/AV1}. */
    public String mimeType() {
        return mimeType;
    }

    /** Width from the header. */
    public int width() {
        return width;
    }

    /** Height from the header. */
    public int height() {
        return height;
    }

    /** Time base of the frame timestamps. */
    public TimeBase timeBase() {
        return timeBase;
    }

    /** Frame count as the header states it (0 when the writer did not know). */
    public long frameCount() {
        return frameCount;
    }

    /** The next frame, or null at the end of the file. */
    public EncodedFrame readFrame() throws IOException {
        byte[] first = in.readUpTo(FRAME_HEADER_SIZE);
        if (first.length == 0) {
            return null;
        }
        if (first.length < FRAME_HEADER_SIZE) {
            throw new MediaFormatException("IVF frame header truncated at byte " + in.position());
        }
        ByteBuffer h = ByteBuffer.wrap(first).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        long size = Integer.toUnsignedLong(h.getInt(0));
        long pts = h.getLong(4);
        if (size > MAX_FRAME_SIZE) {
            throw new MediaFormatException("IVF frame of " + size + " bytes is over the " + MAX_FRAME_SIZE + "-byte limit");
        }
        byte[] data = in.readExactly(size, "IVF frame");
        return new EncodedFrame(mimeType, data, KeyFrameDetector.isKeyFrame(mimeType, data), pts, timeBase, 0);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
