package org.ortc4j.media;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Fuzz target for {@link IvfReader}. Without {@code JAZZER_FUZZ=1} it replays the inputs under
 * {@code src/test/resources/org/ortc4j/media/IvfReaderFuzzTestInputs/}. For every input the reader
 * returns frames or throws {@link MediaFormatException}; frames it returns write out and read back
 * the same.
 */
class IvfReaderFuzzTest {

    @FuzzTest(maxDuration = "7s")
    void readsOrRejectsAndRoundTrips(byte[] input) throws IOException {
        List<EncodedFrame> frames = new ArrayList<>();
        IvfReader header;
        try (IvfReader reader = IvfReader.open(new ByteArrayInputStream(input))) {
            header = reader;
            EncodedFrame frame;
            while ((frame = reader.readFrame()) != null) {
                frames.add(frame);
            }
        } catch (MediaFormatException expected) {
            return;
        }
        if (header.width() == 0 || header.height() == 0) {
            return; // readable, but our writer refuses a zero size
        }
        MemoryChannel memory = new MemoryChannel();
        try (IvfWriter writer = new IvfWriter(memory.channel, header.mimeType(), header.width(), header.height(), header.timeBase())) {
            for (EncodedFrame frame : frames) {
                writer.write(frame);
            }
        }
        try (IvfReader again = IvfReader.open(new ByteArrayInputStream(memory.toByteArray()))) {
            for (EncodedFrame frame : frames) {
                assertThat(again.readFrame()).isEqualTo(frame);
            }
            assertThat(again.readFrame()).isNull();
        }
    }
}
