package org.ortc4j.media.ffmpeg.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Encoder threads follow libwebrtc's VP8 rule: one thread unless there are cores to spare, so a
 * 640x480 sender on a 2-core machine does not wait on its own threads at every frame.
 */
class FfmpegVideoEncoderThreadsTest {

    @Test
    void oneThreadUnlessThePictureIsLargeAndCoresAreToSpare() {
        assertThat(FfmpegVideoEncoder.threadCount(640, 480, 2)).isEqualTo(1);
        assertThat(FfmpegVideoEncoder.threadCount(1920, 1080, 2)).isEqualTo(1);
        assertThat(FfmpegVideoEncoder.threadCount(320, 240, 16)).isEqualTo(1);
        assertThat(FfmpegVideoEncoder.threadCount(640, 480, 4)).isEqualTo(2);
        assertThat(FfmpegVideoEncoder.threadCount(1280, 960, 8)).isEqualTo(3);
        assertThat(FfmpegVideoEncoder.threadCount(1920, 1080, 16)).isEqualTo(8);
    }
}
