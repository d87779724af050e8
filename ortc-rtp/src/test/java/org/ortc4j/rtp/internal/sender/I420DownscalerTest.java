package org.ortc4j.rtp.internal.sender;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.ortc4j.media.TimeBase;
import org.ortc4j.media.VideoFrame;

class I420DownscalerTest {

    private static VideoFrame checkerboard(int width, int height) {
        byte[] packed = new byte[VideoFrame.i420Size(width, height)];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                packed[y * width + x] = (byte) (((x + y) % 2 == 0) ? 200 : 100);
            }
        }
        java.util.Arrays.fill(packed, width * height, packed.length, (byte) 128);
        return VideoFrame.fromI420(width, height, packed, 3000, TimeBase.VIDEO_90KHZ);
    }

    @Test
    void halvingAveragesEachTwoByTwoBlock() {
        VideoFrame scaled = I420Downscaler.scale(checkerboard(64, 48), 2.0);
        assertThat(scaled.width()).isEqualTo(32);
        assertThat(scaled.height()).isEqualTo(24);
        for (int y = 0; y < 24; y++) {
            for (int x = 0; x < 32; x++) {
                assertThat(scaled.lumaAt(x, y)).isEqualTo(150);
            }
        }
        assertThat(scaled.planeU().get(0) & 0xFF).isEqualTo(128);
        assertThat(scaled.pts()).isEqualTo(3000);
    }

    @Test
    void aFactorOfOneIsTheSameFrame() {
        VideoFrame frame = checkerboard(16, 16);
        assertThat(I420Downscaler.scale(frame, 1.0)).isSameAs(frame);
    }

    @Test
    void oddResultsStayEvenAndNeverVanish() {
        VideoFrame scaled = I420Downscaler.scale(checkerboard(100, 60), 3.0);
        assertThat(scaled.width()).isEqualTo(32);
        assertThat(scaled.height()).isEqualTo(20);
        VideoFrame tiny = I420Downscaler.scale(checkerboard(4, 4), 100.0);
        assertThat(tiny.width()).isEqualTo(1);
        assertThat(tiny.height()).isEqualTo(1);
    }
}
