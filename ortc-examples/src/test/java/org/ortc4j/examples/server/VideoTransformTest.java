package org.ortc4j.examples.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.ortc4j.media.TimeBase;
import org.ortc4j.media.VideoFrame;

/** The transforms on decoded I420 frames: what a user sees in the returned picture. */
class VideoTransformTest {

    private static final int W = 64;
    private static final int H = 48;

    /** Left half dark (luma 40), right half bright (luma 200), chroma as given. */
    private static VideoFrame step(int u, int v, long pts) {
        byte[] packed = new byte[VideoFrame.i420Size(W, H)];
        for (int row = 0; row < H; row++) {
            for (int x = 0; x < W; x++) {
                packed[row * W + x] = (byte) (x < W / 2 ? 40 : 200);
            }
        }
        int c = VideoFrame.chromaWidth(W) * VideoFrame.chromaHeight(H);
        java.util.Arrays.fill(packed, W * H, W * H + c, (byte) u);
        java.util.Arrays.fill(packed, W * H + c, packed.length, (byte) v);
        return VideoFrame.fromI420(W, H, packed, pts, TimeBase.VIDEO_90KHZ);
    }

    private static VideoFrame flat(int luma) {
        byte[] packed = new byte[VideoFrame.i420Size(W, H)];
        java.util.Arrays.fill(packed, 0, W * H, (byte) luma);
        java.util.Arrays.fill(packed, W * H, packed.length, (byte) 128);
        return VideoFrame.fromI420(W, H, packed, 0, TimeBase.VIDEO_90KHZ);
    }

    @Test
    void namesAreThoseTheAiortcPageSends() {
        assertThat(VideoTransform.of("none")).isEqualTo(VideoTransform.NONE);
        assertThat(VideoTransform.of("edges")).isEqualTo(VideoTransform.EDGES);
        assertThat(VideoTransform.of("cartoon")).isEqualTo(VideoTransform.CARTOON);
        assertThat(VideoTransform.of("rotate")).isEqualTo(VideoTransform.ROTATE);
        assertThatThrownBy(() -> VideoTransform.of("sepia")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sepia").hasMessageContaining("edges");
        assertThatThrownBy(() -> VideoTransform.of(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void noneReturnsTheFrameAsItCame() {
        VideoFrame frame = step(90, 160, 3000);
        assertThat(VideoTransform.NONE.apply(frame)).isSameAs(frame);
    }

    @Test
    void edgesAreWhiteWhereBrightnessStepsAndBlackElsewhere() {
        VideoFrame out = VideoTransform.EDGES.apply(step(90, 160, 3000));
        assertThat(out.width()).isEqualTo(W);
        assertThat(out.height()).isEqualTo(H);
        assertThat(out.pts()).isEqualTo(3000);
        for (int row = 1; row < H - 1; row++) {
            for (int x = 0; x < W; x++) {
                boolean atStep = x == W / 2 - 1 || x == W / 2;
                assertThat(out.lumaAt(x, row)).as("luma at (%d, %d)", x, row).isEqualTo(atStep ? 255 : 0);
            }
        }
        // Black and white carry no colour.
        assertThat(out.planeU().get(0) & 0xFF).isEqualTo(128);
        assertThat(out.planeV().get(5) & 0xFF).isEqualTo(128);
        assertThat(VideoTransform.EDGES.apply(flat(180)).toI420()).isEqualTo(flat(0).toI420());
    }

    @Test
    void cartoonFlattensColoursAndOutlinesTheStep() {
        VideoFrame out = VideoTransform.CARTOON.apply(step(90, 170, 0));
        // Far from the step: luma a multiple of the step, chroma a multiple around 128.
        assertThat(out.lumaAt(5, 20) % CartoonEffect.LUMA_STEP).isZero();
        assertThat(out.lumaAt(5, 20)).isEqualTo(48);
        assertThat(out.lumaAt(W - 5, 20)).isEqualTo(192);
        assertThat(out.planeU().get(0) & 0xFF).isEqualTo(CartoonEffect.posterize(90, CartoonEffect.CHROMA_STEP, 128));
        assertThat(out.planeV().get(0) & 0xFF).isEqualTo(CartoonEffect.posterize(170, CartoonEffect.CHROMA_STEP, 128));
        // The step is drawn as a dark outline.
        assertThat(out.lumaAt(W / 2, 20)).isEqualTo(CartoonEffect.OUTLINE_LUMA);
        assertThat(out.lumaAt(W / 2 - 1, 20)).isEqualTo(CartoonEffect.OUTLINE_LUMA);
    }

    @Test
    void posterizeRoundsToTheNearestLevelWithinRange() {
        assertThat(CartoonEffect.posterize(0, 48, 0)).isZero();
        assertThat(CartoonEffect.posterize(23, 48, 0)).isZero();
        assertThat(CartoonEffect.posterize(25, 48, 0)).isEqualTo(48);
        assertThat(CartoonEffect.posterize(255, 48, 0)).isEqualTo(240);
        assertThat(CartoonEffect.posterize(135, 24, 128)).isEqualTo(128);
        assertThat(CartoonEffect.posterize(255, 24, 128)).isEqualTo(248);
    }

    @Test
    void rotateTurnsFortyFiveDegreesPerSecondCounterClockwiseAroundTheCentre() {
        // A bright dot at (41, 23), 9.5 pixels right of and 0.5 above the centre (31.5, 23.5);
        // after one second (45 degrees) and two (90 degrees).
        byte[] packed = flat(0).toI420();
        packed[23 * W + 41] = (byte) 250;
        VideoFrame dot = VideoFrame.fromI420(W, H, packed, 0, TimeBase.VIDEO_90KHZ);
        assertThat(VideoTransform.ROTATE.apply(dot).toI420()).as("at 0 s nothing turns").isEqualTo(dot.toI420());

        VideoFrame twoSeconds = VideoFrame.fromI420(W, H, packed, 2 * 90_000, TimeBase.VIDEO_90KHZ);
        VideoFrame turned = VideoTransform.ROTATE.apply(twoSeconds);
        assertThat(turned.pts()).isEqualTo(2 * 90_000);
        // Counter-clockwise on screen (rows grow downwards): right of the centre goes above it.
        // 90 degrees: 0.5 left of and 9.5 above the centre.
        assertThat(brightest(turned)).containsExactly(31, 14);

        VideoFrame oneSecond = VideoFrame.fromI420(W, H, packed, 90_000, TimeBase.VIDEO_90KHZ);
        // 45 degrees: (9.5 cos 45 - 0.5 sin 45, 9.5 sin 45 + 0.5 cos 45) = (6.4, 7.1) up and right.
        assertThat(brightest(VideoTransform.ROTATE.apply(oneSecond))).containsExactly(38, 16);
    }

    @Test
    void rotateLeavesUncoveredCornersBlack() {
        VideoFrame white = flat(235);
        VideoFrame turned = VideoTransform.ROTATE.apply(
                VideoFrame.fromI420(W, H, white.toI420(), 90_000, TimeBase.VIDEO_90KHZ));
        assertThat(turned.lumaAt(0, 0)).isZero();
        assertThat(turned.lumaAt(W - 1, H - 1)).isZero();
        assertThat(turned.lumaAt(W / 2, H / 2)).isEqualTo(235);
    }

    private static int[] brightest(VideoFrame frame) {
        int best = -1;
        int[] at = null;
        for (int row = 0; row < frame.height(); row++) {
            for (int x = 0; x < frame.width(); x++) {
                if (frame.lumaAt(x, row) > best) {
                    best = frame.lumaAt(x, row);
                    at = new int[] {x, row};
                }
            }
        }
        return at;
    }
}
