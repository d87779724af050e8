package org.ortc4j.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ReadOnlyBufferException;
import org.junit.jupiter.api.Test;

class FramesTest {

    @Test
    void audioFrameCopiesAndIsReadOnly() {
        short[] samples = {1, 2, 3, 4};
        AudioFrame frame = new AudioFrame(samples, 48000, 2, 960, TimeBase.ofRate(48000));
        samples[0] = 99;
        assertThat(frame.sample(0)).isEqualTo((short) 1);
        assertThat(frame.samplesPerChannel()).isEqualTo(2);
        assertThatThrownBy(() -> frame.samples().put(0, (short) 5)).isInstanceOf(ReadOnlyBufferException.class);
        assertThat(frame.timeBase().toSeconds(frame.pts())).isEqualTo(0.02);
    }

    @Test
    void audioFrameRejectsPartialSampleGroups() {
        assertThatThrownBy(() -> new AudioFrame(new short[3], 48000, 2, 0, TimeBase.ofRate(48000)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void videoFramePacksAndUnpacksI420WithOddSizes() {
        byte[] packed = new byte[VideoFrame.i420Size(5, 3)];
        assertThat(packed).hasSize(15 + 2 * 3 * 2);
        for (int i = 0; i < packed.length; i++) {
            packed[i] = (byte) i;
        }
        VideoFrame frame = VideoFrame.fromI420(5, 3, packed, 3000, TimeBase.VIDEO_90KHZ);
        assertThat(frame.toI420()).isEqualTo(packed);
        assertThat(frame.lumaAt(4, 2)).isEqualTo(14);
        assertThat(frame.strideU()).isEqualTo(3);
    }

    @Test
    void videoFrameRejectsPlanesTooShortForTheirStride() {
        assertThatThrownBy(() -> new VideoFrame(4, 4, new byte[15], 4, new byte[4], 2, new byte[4], 2, 0, TimeBase.VIDEO_90KHZ))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Y plane");
        assertThatThrownBy(() -> new VideoFrame(4, 4, new byte[16], 3, new byte[4], 2, new byte[4], 2, 0, TimeBase.VIDEO_90KHZ))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stride");
    }

    @Test
    void timeBasesConvert() {
        assertThat(TimeBase.ofRate(48000).convert(960, TimeBase.ofRate(8000))).isEqualTo(160);
        assertThat(TimeBase.ofRate(30).convert(1, TimeBase.VIDEO_90KHZ)).isEqualTo(3000);
        assertThat(new TimeBase(1001, 30000).convert(1, TimeBase.VIDEO_90KHZ)).isEqualTo(3003);
    }

    @Test
    void encodedFrameKnowsItsKindAndCodec() {
        EncodedFrame frame = new EncodedFrame("video/VP8", new byte[] {1, 2}, true, 0, TimeBase.VIDEO_90KHZ, 3000);
        assertThat(frame.kind()).isEqualTo(MediaKind.VIDEO);
        assertThat(frame.isCodec("video/vp8")).isTrue();
        assertThatThrownBy(() -> new EncodedFrame("text/plain", new byte[0], true, 0, TimeBase.VIDEO_90KHZ, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
