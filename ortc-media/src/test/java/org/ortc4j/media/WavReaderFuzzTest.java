package org.ortc4j.media;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Fuzz target for {@link WavReader}. Without {@code JAZZER_FUZZ=1} it replays the inputs under
 * {@code src/test/resources/org/ortc4j/media/WavReaderFuzzTestInputs/}. For every input the reader
 * returns frames or throws {@link MediaFormatException}; frames it returns write out and read back
 * the same.
 */
class WavReaderFuzzTest {

    @FuzzTest(maxDuration = "7s")
    void readsOrRejectsAndRoundTrips(byte[] input) throws IOException {
        List<AudioFrame> frames = new ArrayList<>();
        int rate;
        int channels;
        try (WavReader reader = WavReader.open(new ByteArrayInputStream(input))) {
            rate = reader.sampleRate();
            channels = reader.channels();
            AudioFrame frame;
            while ((frame = reader.readFrame(256)) != null) {
                frames.add(frame);
            }
        } catch (MediaFormatException expected) {
            return;
        }
        MemoryChannel memory = new MemoryChannel();
        try (WavWriter writer = new WavWriter(memory.channel, rate, channels)) {
            for (AudioFrame frame : frames) {
                writer.write(frame);
            }
        }
        try (WavReader again = WavReader.open(new ByteArrayInputStream(memory.toByteArray()))) {
            for (AudioFrame frame : frames) {
                assertThat(again.readFrame(256)).isEqualTo(frame);
            }
            assertThat(again.readFrame(256)).isNull();
        }
    }
}
