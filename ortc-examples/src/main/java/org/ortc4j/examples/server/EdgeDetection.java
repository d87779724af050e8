package org.ortc4j.examples.server;

import org.ortc4j.media.VideoFrame;

/**
 * Edge detection on luma (aiortc's server uses OpenCV's Canny; this is the simpler Sobel
 * operator with one threshold): a pixel whose brightness changes steeply across it becomes white,
 * every other pixel black.
 */
final class EdgeDetection {

    /**
     * Sobel gradient magnitude (|Gx| + |Gy|) above which a pixel is an edge. A sharp black-to-white
     * step gives 4 * 255 = 1020; 160 keeps steps of about 40 levels and drops sensor noise.
     */
    static final int THRESHOLD = 160;

    private EdgeDetection() {
    }

    /** White edges on black, same size and timestamp as {@code frame}. */
    static VideoFrame apply(VideoFrame frame) {
        I420Planes in = I420Planes.of(frame);
        I420Planes out = I420Planes.black(in.width, in.height);
        boolean[] edges = edges(in.y, in.width, in.height, THRESHOLD);
        for (int i = 0; i < edges.length; i++) {
            if (edges[i]) {
                out.y[i] = (byte) 255;
            }
        }
        return out.toFrame(frame);
    }

    /**
     * Which pixels of a {@code width} x {@code height} luma plane are edges: the Sobel gradient
     * magnitude at the pixel exceeds {@code threshold}. The one-pixel border is never an edge
     * (the 3x3 kernel does not fit there).
     */
    static boolean[] edges(byte[] luma, int width, int height, int threshold) {
        boolean[] edges = new boolean[width * height];
        for (int row = 1; row < height - 1; row++) {
            int above = (row - 1) * width;
            int at = row * width;
            int below = (row + 1) * width;
            for (int x = 1; x < width - 1; x++) {
                int tl = luma[above + x - 1] & 0xFF;
                int t = luma[above + x] & 0xFF;
                int tr = luma[above + x + 1] & 0xFF;
                int l = luma[at + x - 1] & 0xFF;
                int r = luma[at + x + 1] & 0xFF;
                int bl = luma[below + x - 1] & 0xFF;
                int b = luma[below + x] & 0xFF;
                int br = luma[below + x + 1] & 0xFF;
                int gx = (tr + 2 * r + br) - (tl + 2 * l + bl);
                int gy = (bl + 2 * b + br) - (tl + 2 * t + tr);
                edges[at + x] = Math.abs(gx) + Math.abs(gy) > threshold;
            }
        }
        return edges;
    }
}
