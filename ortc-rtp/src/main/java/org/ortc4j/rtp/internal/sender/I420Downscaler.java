package org.ortc4j.rtp.internal.sender;

import java.nio.ByteBuffer;
import org.ortc4j.media.VideoFrame;

/**
 * Scales I420 frames down by an area average, for {@code scaleResolutionDownBy} (W3C WebRTC
 * §5.2.6): each output sample is the mean of the input samples its footprint covers.
 */
final class I420Downscaler {

    private I420Downscaler() {
    }

    /**
     * The frame scaled down by {@code factor} in each dimension (at least 1×1 pixels; even sizes
     * are kept even when possible, as encoders prefer), or the frame itself when the factor is 1.
     */
    static VideoFrame scale(VideoFrame frame, double factor) {
        if (factor <= 1.0) {
            return frame;
        }
        int width = Math.max(1, evenFloor((int) (frame.width() / factor)));
        int height = Math.max(1, evenFloor((int) (frame.height() / factor)));
        if (width == frame.width() && height == frame.height()) {
            return frame;
        }
        int chromaWidth = VideoFrame.chromaWidth(width);
        int chromaHeight = VideoFrame.chromaHeight(height);
        byte[] y = plane(frame.planeY(), frame.strideY(), frame.width(), frame.height(), width, height);
        byte[] u = plane(frame.planeU(), frame.strideU(), VideoFrame.chromaWidth(frame.width()),
                VideoFrame.chromaHeight(frame.height()), chromaWidth, chromaHeight);
        byte[] v = plane(frame.planeV(), frame.strideV(), VideoFrame.chromaWidth(frame.width()),
                VideoFrame.chromaHeight(frame.height()), chromaWidth, chromaHeight);
        return new VideoFrame(width, height, y, width, u, chromaWidth, v, chromaWidth, frame.pts(), frame.timeBase());
    }

    private static int evenFloor(int value) {
        return value > 1 ? value & ~1 : value;
    }

    private static byte[] plane(ByteBuffer source, int stride, int sourceWidth, int sourceHeight, int width, int height) {
        byte[] out = new byte[width * height];
        for (int row = 0; row < height; row++) {
            int top = (int) ((long) row * sourceHeight / height);
            int bottom = Math.max(top + 1, (int) ((long) (row + 1) * sourceHeight / height));
            for (int column = 0; column < width; column++) {
                int left = (int) ((long) column * sourceWidth / width);
                int right = Math.max(left + 1, (int) ((long) (column + 1) * sourceWidth / width));
                int sum = 0;
                for (int sy = top; sy < bottom; sy++) {
                    int base = source.position() + sy * stride;
                    for (int sx = left; sx < right; sx++) {
                        sum += source.get(base + sx) & 0xFF;
                    }
                }
                out[row * width + column] = (byte) (sum / ((bottom - top) * (right - left)));
            }
        }
        return out;
    }
}
