package org.ortc4j.media;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Fuzz target for {@link OggOpusReader} (and the Ogg page parser under it). Without
 * {@code JAZZER_FUZZ=1} it replays the inputs under
 * {@code src/test/resources/org/ortc4j/media/OggOpusReaderFuzzTestInputs/}. For every input the
 * reader returns packets or throws {@link MediaFormatException}; packets it returns write out and
 * read back the same, with the same timestamps.
 */
class OggOpusReaderFuzzTest {

    @FuzzTest(maxDuration = "7s")
    void readsOrRejectsAndRoundTrips(byte[] input) throws IOException {
        List<EncodedFrame> frames = new ArrayList<>();
        OggOpusReader header;
        try (OggOpusReader reader = OggOpusReader.open(new ByteArrayInputStream(input))) {
            header = reader;
            EncodedFrame frame;
            while ((frame = reader.readFrame()) != null) {
                frames.add(frame);
            }
        } catch (MediaFormatException expected) {
            return;
        }
        if (header.channels() > 2 || frames.stream().anyMatch(f -> f.size() >= 255 * 255)) {
            return; // readable, but beyond what our writer writes
        }
        MemoryChannel memory = new MemoryChannel();
        try (OggOpusWriter writer = new OggOpusWriter(memory.channel, header.channels(), header.preSkip())) {
            for (EncodedFrame frame : frames) {
                writer.write(frame);
            }
        }
        try (OggOpusReader again = OggOpusReader.open(new ByteArrayInputStream(memory.toByteArray()))) {
            for (EncodedFrame frame : frames) {
                assertThat(again.readFrame()).isEqualTo(frame);
            }
            assertThat(again.readFrame()).isNull();
        }
    }
}
