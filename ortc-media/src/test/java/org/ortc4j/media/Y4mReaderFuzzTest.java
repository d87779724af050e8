package org.ortc4j.media;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Fuzz target for {@link Y4mReader}. Without {@code JAZZER_FUZZ=1} it replays the inputs under
 * {@code src/test/resources/org/ortc4j/media/Y4mReaderFuzzTestInputs/}. For every input the reader
 * returns frames or throws {@link MediaFormatException}; frames it returns write out and read back
 * the same.
 */
class Y4mReaderFuzzTest {

    @FuzzTest(maxDuration = "7s")
    void readsOrRejectsAndRoundTrips(byte[] input) throws IOException {
        List<VideoFrame> frames = new ArrayList<>();
        Y4mReader header;
        try (Y4mReader reader = Y4mReader.open(new ByteArrayInputStream(input))) {
            header = reader;
            VideoFrame frame;
            while ((frame = reader.readFrame()) != null) {
                frames.add(frame);
            }
        } catch (MediaFormatException expected) {
            return;
        }
        MemoryChannel memory = new MemoryChannel();
        try (Y4mWriter writer = new Y4mWriter(memory.channel, header.width(), header.height(),
                header.timeBase().denominator(), header.timeBase().numerator())) {
            for (VideoFrame frame : frames) {
                writer.write(frame);
            }
        }
        try (Y4mReader again = Y4mReader.open(new ByteArrayInputStream(memory.toByteArray()))) {
            for (VideoFrame frame : frames) {
                assertThat(again.readFrame()).isEqualTo(frame);
            }
            assertThat(again.readFrame()).isNull();
        }
    }
}
