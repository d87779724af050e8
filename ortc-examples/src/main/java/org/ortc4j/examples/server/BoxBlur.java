package org.ortc4j.examples.server;

/**
 * A box blur of one 8-bit plane: each pixel becomes the mean of the (2r+1) x (2r+1) square around
 * it, in two passes (rows, then columns) with running sums, so the cost does not grow with r.
 * At the borders the square is cut to the pixels that exist.
 */
final class BoxBlur {

    private BoxBlur() {
    }

    /** A blurred copy of the {@code width} x {@code height} plane; {@code radius} 0 copies it. */
    static byte[] blur(byte[] plane, int width, int height, int radius) {
        byte[] rows = new byte[plane.length];
        for (int row = 0; row < height; row++) {
            pass(plane, rows, row * width, 1, width, radius);
        }
        byte[] out = new byte[plane.length];
        for (int x = 0; x < width; x++) {
            pass(rows, out, x, width, height, radius);
        }
        return out;
    }

    /** One line of {@code length} samples from {@code start}, {@code step} apart. */
    private static void pass(byte[] in, byte[] out, int start, int step, int length, int radius) {
        int sum = 0;
        int count = 0;
        // The window of position 0 is [0, radius].
        for (int i = 0; i <= radius && i < length; i++) {
            sum += in[start + i * step] & 0xFF;
            count++;
        }
        for (int i = 0; i < length; i++) {
            out[start + i * step] = (byte) ((sum + count / 2) / count);
            int leaving = i - radius;
            if (leaving >= 0) {
                sum -= in[start + leaving * step] & 0xFF;
                count--;
            }
            int entering = i + radius + 1;
            if (entering < length) {
                sum += in[start + entering * step] & 0xFF;
                count++;
            }
        }
    }
}
