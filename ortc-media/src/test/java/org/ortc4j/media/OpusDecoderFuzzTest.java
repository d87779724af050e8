package org.ortc4j.media;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;

/**
 * Fuzz target for the Opus decoder, which takes packets straight from the network. Without
 * {@code JAZZER_FUZZ=1} it replays the inputs under
 * {@code src/test/resources/org/ortc4j/media/OpusDecoderFuzzTestInputs/}. For every input the
 * decoder returns 48 kHz stereo frames of at most 120 ms or throws {@link MediaCodecException},
 * and stays usable.
 */
class OpusDecoderFuzzTest {

    private static final MediaDecoder DECODER = MediaCodecs.load().createDecoder("audio/opus").orElseThrow();

    @FuzzTest(maxDuration = "7s")
    void decodesOrRejects(byte[] input) {
        List<MediaFrame> frames;
        try {
            frames = DECODER.decode(new EncodedFrame("audio/opus", input, true, 0, TimeBase.ofRate(48000), 0));
        } catch (MediaCodecException expected) {
            return;
        }
        for (MediaFrame frame : frames) {
            AudioFrame audio = (AudioFrame) frame;
            assertThat(audio.sampleRate()).isEqualTo(48000);
            assertThat(audio.channels()).isEqualTo(2);
            assertThat(audio.samplesPerChannel()).isLessThanOrEqualTo(5760);
        }
    }
}
