package org.ortc4j.examples.server;

import org.ortc4j.media.VideoFrame;

/**
 * A cartoon-like picture, in the spirit of aiortc's server (which smooths colors with bilateral
 * filters and draws adaptive-threshold edges over them): every plane is blurred and reduced to a
 * few flat levels, and the edges of the blurred luma are drawn dark on top.
 */
final class CartoonEffect {

    /** Luma levels are multiples of this, so large areas become flat. */
    static final int LUMA_STEP = 48;
    /** Chroma levels are multiples of this around neutral. */
    static final int CHROMA_STEP = 24;
    /** Luma of the outlines. */
    static final int OUTLINE_LUMA = 16;
    /** Blur radius in pixels (a (2r+1)-wide box), on luma; half of it on chroma. */
    static final int BLUR_RADIUS = 2;

    private CartoonEffect() {
    }

    /** The cartoon of {@code frame}, same size and timestamp. */
    static VideoFrame apply(VideoFrame frame) {
        I420Planes planes = I420Planes.of(frame);
        byte[] luma = BoxBlur.blur(planes.y, planes.width, planes.height, BLUR_RADIUS);
        boolean[] outline = EdgeDetection.edges(luma, planes.width, planes.height, EdgeDetection.THRESHOLD);
        for (int i = 0; i < luma.length; i++) {
            planes.y[i] = (byte) (outline[i] ? OUTLINE_LUMA : posterize(luma[i] & 0xFF, LUMA_STEP, 0));
        }
        byte[] u = BoxBlur.blur(planes.u, planes.chromaWidth, planes.chromaHeight, BLUR_RADIUS / 2);
        byte[] v = BoxBlur.blur(planes.v, planes.chromaWidth, planes.chromaHeight, BLUR_RADIUS / 2);
        for (int i = 0; i < u.length; i++) {
            planes.u[i] = (byte) posterize(u[i] & 0xFF, CHROMA_STEP, 128);
            planes.v[i] = (byte) posterize(v[i] & 0xFF, CHROMA_STEP, 128);
        }
        return planes.toFrame(frame);
    }

    /** {@code value} rounded to the nearest {@code center + k * step}, kept in 0..255. */
    static int posterize(int value, int step, int center) {
        int k = Math.round((value - center) / (float) step);
        return Math.max(0, Math.min(255, center + k * step));
    }
}
