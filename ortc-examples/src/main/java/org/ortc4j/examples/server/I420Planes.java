package org.ortc4j.examples.server;

import java.util.Arrays;
import org.ortc4j.media.VideoFrame;

/**
 * A frame's three planes as tightly packed arrays the transforms may change in place, and back to
 * a {@link VideoFrame} with the original timestamp.
 */
final class I420Planes {

    /** Chroma of a grey pixel: black, white and every grey have U = V = 128. */
    static final byte NEUTRAL_CHROMA = (byte) 128;

    final int width;
    final int height;
    final int chromaWidth;
    final int chromaHeight;
    final byte[] y;
    final byte[] u;
    final byte[] v;

    private I420Planes(int width, int height, byte[] y, byte[] u, byte[] v) {
        this.width = width;
        this.height = height;
        this.chromaWidth = VideoFrame.chromaWidth(width);
        this.chromaHeight = VideoFrame.chromaHeight(height);
        this.y = y;
        this.u = u;
        this.v = v;
    }

    /** Copies of the frame's planes, strides removed. */
    static I420Planes of(VideoFrame frame) {
        byte[] packed = frame.toI420();
        int ySize = frame.width() * frame.height();
        int cSize = VideoFrame.chromaWidth(frame.width()) * VideoFrame.chromaHeight(frame.height());
        return new I420Planes(frame.width(), frame.height(), Arrays.copyOfRange(packed, 0, ySize),
                Arrays.copyOfRange(packed, ySize, ySize + cSize), Arrays.copyOfRange(packed, ySize + cSize, ySize + 2 * cSize));
    }

    /** Black planes of the given size. */
    static I420Planes black(int width, int height) {
        byte[] u = new byte[VideoFrame.chromaWidth(width) * VideoFrame.chromaHeight(height)];
        byte[] v = new byte[u.length];
        Arrays.fill(u, NEUTRAL_CHROMA);
        Arrays.fill(v, NEUTRAL_CHROMA);
        return new I420Planes(width, height, new byte[width * height], u, v);
    }

    /** A frame of these planes with {@code like}'s timestamp and time base. */
    VideoFrame toFrame(VideoFrame like) {
        return new VideoFrame(width, height, y, width, u, chromaWidth, v, chromaWidth, like.pts(), like.timeBase());
    }
}
