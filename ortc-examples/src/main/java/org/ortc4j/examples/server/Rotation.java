package org.ortc4j.examples.server;

import org.ortc4j.media.VideoFrame;

/**
 * Turns a frame about its centre (aiortc's server turns it by {@code frame.time * 45} degrees with
 * OpenCV's warpAffine); the corners the turned picture no longer covers are black, as there.
 * Nearest-neighbour sampling, each plane at its own resolution.
 */
final class Rotation {

    private Rotation() {
    }

    /** {@code frame} turned counter-clockwise by {@code degrees}, same size and timestamp. */
    static VideoFrame apply(VideoFrame frame, double degrees) {
        I420Planes in = I420Planes.of(frame);
        I420Planes out = I420Planes.black(in.width, in.height);
        double radians = Math.toRadians(degrees);
        double cos = Math.cos(radians);
        double sin = Math.sin(radians);
        turn(in.y, out.y, in.width, in.height, cos, sin);
        turn(in.u, out.u, in.chromaWidth, in.chromaHeight, cos, sin);
        turn(in.v, out.v, in.chromaWidth, in.chromaHeight, cos, sin);
        return out.toFrame(frame);
    }

    /**
     * Each output pixel takes the input pixel the inverse turn lands on; with rows counted
     * downwards, a counter-clockwise turn on screen maps output (dx, dy) from the centre back to
     * input (cos*dx - sin*dy, sin*dx + cos*dy).
     */
    private static void turn(byte[] in, byte[] out, int width, int height, double cos, double sin) {
        double cx = (width - 1) / 2.0;
        double cy = (height - 1) / 2.0;
        for (int row = 0; row < height; row++) {
            double dy = row - cy;
            for (int x = 0; x < width; x++) {
                double dx = x - cx;
                long sx = Math.round(cx + cos * dx - sin * dy);
                long sy = Math.round(cy + sin * dx + cos * dy);
                if (sx >= 0 && sx < width && sy >= 0 && sy < height) {
                    out[row * width + x] = in[(int) sy * width + (int) sx];
                }
            }
        }
    }
}
