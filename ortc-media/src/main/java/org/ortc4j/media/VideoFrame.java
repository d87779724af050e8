package org.ortc4j.media;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Decoded video in I420 (planar YUV 4:2:0, 8 bits): a full-size Y plane and U and V planes of
 * {@code ceil(width/2) x ceil(height/2)}, each with its own stride (bytes from one row to the
 * next). Immutable: the constructor copies the planes and the accessors are read-only views.
 * Video timestamps usually count the 90 kHz RTP clock ({@link TimeBase#VIDEO_90KHZ}).
 */
public final class VideoFrame implements MediaFrame {

    private final int width;
    private final int height;
    private final byte[] y;
    private final byte[] u;
    private final byte[] v;
    private final int strideY;
    private final int strideU;
    private final int strideV;
    private final long pts;
    private final TimeBase timeBase;

    /**
     * A frame holding copies of the three planes.
     *
     * @throws IllegalArgumentException if a dimension is not positive, a stride is shorter than its
     *     plane's width, or a plane is too short for its stride and height
     */
    public VideoFrame(int width, int height, byte[] y, int strideY, byte[] u, int strideU, byte[] v, int strideV,
            long pts, TimeBase timeBase) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("dimensions must be positive: " + width + "x" + height);
        }
        if (timeBase == null) {
            throw new IllegalArgumentException("time base is required");
        }
        checkPlane("Y", y, strideY, width, height);
        checkPlane("U", u, strideU, chromaWidth(width), chromaHeight(height));
        checkPlane("V", v, strideV, chromaWidth(width), chromaHeight(height));
        this.width = width;
        this.height = height;
        this.y = y.clone();
        this.u = u.clone();
        this.v = v.clone();
        this.strideY = strideY;
        this.strideU = strideU;
        this.strideV = strideV;
        this.pts = pts;
        this.timeBase = timeBase;
    }

    private static void checkPlane(String name, byte[] plane, int stride, int planeWidth, int planeHeight) {
        if (stride < planeWidth) {
            throw new IllegalArgumentException(name + " stride " + stride + " is shorter than the plane width " + planeWidth);
        }
        long needed = (long) stride * (planeHeight - 1) + planeWidth;
        if (plane.length < needed) {
            throw new IllegalArgumentException(name + " plane has " + plane.length + " bytes, needs " + needed);
        }
    }

    /**
     * A frame from tightly packed I420 bytes: Y rows, then U rows, then V rows, no padding
     * ({@link #i420Size(int, int)} bytes), as Y4M and raw {@code .yuv} files store them.
     */
    public static VideoFrame fromI420(int width, int height, byte[] packed, long pts, TimeBase timeBase) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("dimensions must be positive: " + width + "x" + height);
        }
        int ySize = width * height;
        int cw = chromaWidth(width);
        int cSize = cw * chromaHeight(height);
        if (packed.length != i420Size(width, height)) {
            throw new IllegalArgumentException("I420 " + width + "x" + height + " needs " + i420Size(width, height) + " bytes, got " + packed.length);
        }
        return new VideoFrame(width, height, Arrays.copyOfRange(packed, 0, ySize), width,
                Arrays.copyOfRange(packed, ySize, ySize + cSize), cw,
                Arrays.copyOfRange(packed, ySize + cSize, ySize + 2 * cSize), cw, pts, timeBase);
    }

    /** Bytes of a tightly packed I420 frame of this size. */
    public static int i420Size(int width, int height) {
        return Math.addExact(Math.multiplyExact(width, height), 2 * Math.multiplyExact(chromaWidth(width), chromaHeight(height)));
    }

    /** Width of a chroma plane for a frame {@code width} pixels wide: {@code ceil(width / 2)}. */
    public static int chromaWidth(int width) {
        return (width + 1) / 2;
    }

    /** Height of a chroma plane for a frame {@code height} pixels high: {@code ceil(height / 2)}. */
    public static int chromaHeight(int height) {
        return (height + 1) / 2;
    }

    /** The frame as tightly packed I420 bytes (strides removed). */
    public byte[] toI420() {
        byte[] out = new byte[i420Size(width, height)];
        int at = copyRows(y, strideY, width, height, out, 0);
        at = copyRows(u, strideU, chromaWidth(width), chromaHeight(height), out, at);
        copyRows(v, strideV, chromaWidth(width), chromaHeight(height), out, at);
        return out;
    }

    private static int copyRows(byte[] plane, int stride, int w, int h, byte[] out, int at) {
        for (int row = 0; row < h; row++) {
            System.arraycopy(plane, row * stride, out, at, w);
            at += w;
        }
        return at;
    }

    /** Width in pixels. */
    public int width() {
        return width;
    }

    /** Height in pixels. */
    public int height() {
        return height;
    }

    /** The luma plane, read-only; row {@code r} starts at {@code r * strideY()}. */
    public ByteBuffer planeY() {
        return ByteBuffer.wrap(y).asReadOnlyBuffer();
    }

    /** The Cb plane, read-only; row {@code r} starts at {@code r * strideU()}. */
    public ByteBuffer planeU() {
        return ByteBuffer.wrap(u).asReadOnlyBuffer();
    }

    /** The Cr plane, read-only; row {@code r} starts at {@code r * strideV()}. */
    public ByteBuffer planeV() {
        return ByteBuffer.wrap(v).asReadOnlyBuffer();
    }

    /** Bytes from one luma row to the next. */
    public int strideY() {
        return strideY;
    }

    /** Bytes from one Cb row to the next. */
    public int strideU() {
        return strideU;
    }

    /** Bytes from one Cr row to the next. */
    public int strideV() {
        return strideV;
    }

    /** Luma of pixel ({@code x}, {@code row}), 0..255. */
    public int lumaAt(int x, int row) {
        return y[row * strideY + x] & 0xFF;
    }

    @Override
    public long pts() {
        return pts;
    }

    @Override
    public TimeBase timeBase() {
        return timeBase;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VideoFrame f && f.width == width && f.height == height && f.pts == pts
                && f.timeBase.equals(timeBase) && Arrays.equals(f.toI420(), toI420());
    }

    @Override
    public int hashCode() {
        return (width * 31 + height) * 31 + Long.hashCode(pts);
    }

    @Override
    public String toString() {
        return "VideoFrame[" + width + "x" + height + " I420, pts=" + pts + " (" + timeBase + ")]";
    }
}
