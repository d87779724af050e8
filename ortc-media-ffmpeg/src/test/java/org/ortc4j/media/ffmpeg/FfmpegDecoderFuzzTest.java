package org.ortc4j.media.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import java.util.List;
import org.ortc4j.media.AudioFrame;
import org.ortc4j.media.CodecInfo;
import org.ortc4j.media.EncodedFrame;
import org.ortc4j.media.MediaCodecException;
import org.ortc4j.media.MediaDecoder;
import org.ortc4j.media.MediaFrame;
import org.ortc4j.media.TimeBase;
import org.ortc4j.media.VideoFrame;

/**
 * Fuzz target for the FFmpeg decoders, which take frames straight from the network. The first
 * byte picks the codec (VP8, VP9, H.264, AV1, Opus), the rest is the frame. Without
 * {@code JAZZER_FUZZ=1} it replays the inputs under
 * {@code src/test/resources/org/ortc4j/media/ffmpeg/FfmpegDecoderFuzzTestInputs/}: real key
 * frames of each codec (from this module's encoders) and damaged ones. For every input the
 * decoder returns sane frames or throws {@link MediaCodecException}, never crashes the JVM, and
 * stays usable.
 */
class FfmpegDecoderFuzzTest {

    private static final List<CodecInfo> CODECS = List.of(new CodecInfo("video/VP8", 90_000, 0),
            new CodecInfo("video/VP9", 90_000, 0), new CodecInfo("video/H264", 90_000, 0),
            new CodecInfo("video/AV1", 90_000, 0), FfmpegCodecProvider.OPUS);
    private static final FfmpegCodecProvider PROVIDER = new FfmpegCodecProvider();
    private static final List<MediaDecoder> DECODERS = CODECS.stream().map(c -> PROVIDER.createDecoder(c).orElseThrow()).toList();

    @FuzzTest(maxDuration = "7s")
    void decodesOrRejects(byte[] input) {
        if (input.length < 2) {
            return;
        }
        int which = (input[0] & 0xFF) % CODECS.size();
        byte[] frame = Arrays.copyOfRange(input, 1, input.length);
        List<MediaFrame> frames;
        try {
            frames = DECODERS.get(which).decode(new EncodedFrame(CODECS.get(which).mimeType(), frame, true, 0, TimeBase.VIDEO_90KHZ, 0));
        } catch (MediaCodecException expected) {
            return;
        }
        for (MediaFrame f : frames) {
            if (f instanceof VideoFrame v) {
                assertThat(v.width()).isBetween(1, 16384);
                assertThat(v.height()).isBetween(1, 16384);
            } else {
                AudioFrame a = (AudioFrame) f;
                assertThat(a.sampleRate()).isEqualTo(48_000);
                assertThat(a.samplesPerChannel()).isLessThanOrEqualTo(5760);
            }
        }
    }
}
