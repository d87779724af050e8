package org.ortc4j.media;

/**
 * A test video source: a moving test pattern in I420 {@link VideoFrame}s, paced in real time on
 * its {@link MediaClock} (aiortc's {@code VideoStreamTrack}, with motion instead of green). The
 * picture is a diagonal luma gradient with a white vertical bar that moves 4 pixels a frame, and
 * chroma that drifts, so encoders see motion and colour. Frame {@code n} has pts
 * {@code n * 90000 / fps} on the 90 kHz clock. Disabled, it sends black.
 */
public final class VideoSourceTrack extends PacedSourceTrack {

    private static final int BAR_WIDTH = 16;
    private static final int BAR_SPEED = 4;

    private final int width;
    private final int height;
    private final int fps;

    /** A {@code width x height} pattern at {@code fps} frames per second. */
    public VideoSourceTrack(MediaClock clock, int width, int height, int fps) {
        super(MediaKind.VIDEO, clock, 1_000_000_000L / checkFps(fps));
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("size " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        this.fps = fps;
    }

    private static int checkFps(int fps) {
        if (fps <= 0 || fps > 1000) {
            throw new IllegalArgumentException("fps " + fps);
        }
        return fps;
    }

    /** 640x480 at 30 fps, in real time. */
    public static VideoSourceTrack pattern() {
        return new VideoSourceTrack(MediaClock.system(), 640, 480, 30);
    }

    /** The x of the bar's left edge in frame {@code index}. */
    public int barPosition(long index) {
        return (int) ((index * BAR_SPEED) % width);
    }

    @Override
    protected VideoFrame frame(long index) {
        int cw = VideoFrame.chromaWidth(width);
        int ch = VideoFrame.chromaHeight(height);
        byte[] y = new byte[width * height];
        byte[] u = new byte[cw * ch];
        byte[] v = new byte[cw * ch];
        if (enabled()) {
            int bar = barPosition(index);
            for (int row = 0; row < height; row++) {
                for (int x = 0; x < width; x++) {
                    boolean inBar = ((x - bar + width) % width) < BAR_WIDTH;
                    y[row * width + x] = (byte) (inBar ? 235 : 16 + (x + row) * 180 / (width + height));
                }
            }
            for (int i = 0; i < u.length; i++) {
                u[i] = (byte) (64 + (i + index) % 128);
                v[i] = (byte) (192 - (i + 2 * index) % 128);
            }
        } else {
            java.util.Arrays.fill(y, (byte) 16);
            java.util.Arrays.fill(u, (byte) 128);
            java.util.Arrays.fill(v, (byte) 128);
        }
        long pts = index * 90_000 / fps;
        return new VideoFrame(width, height, y, width, u, cw, v, cw, pts, TimeBase.VIDEO_90KHZ);
    }
}
