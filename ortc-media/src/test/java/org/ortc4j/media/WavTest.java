package org.ortc4j.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavTest {

    @Test
    void fileRoundTripsAndGetsItsSizes(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("tone.wav");
        short[] stereo = new short[2 * 4800];
        short[] tone = Signals.sine(440, 9000, 48000, 4800);
        for (int i = 0; i < 4800; i++) {
            stereo[2 * i] = tone[i];
            stereo[2 * i + 1] = (short) -tone[i];
        }
        try (WavWriter writer = WavWriter.create(file, 48000, 2)) {
            writer.write(new AudioFrame(stereo, 48000, 2, 0, TimeBase.ofRate(48000)));
        }
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer header = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(bytes).hasSize(44 + 4 * 4800);
        assertThat(header.getInt(4)).isEqualTo(36 + 4 * 4800);
        assertThat(header.getInt(40)).isEqualTo(4 * 4800);
        // Samples are little-endian: the first right-channel sample is -tone[0] = 0, the second left is tone[1].
        assertThat(header.getShort(48)).isEqualTo(tone[1]);

        try (WavReader reader = WavReader.open(file)) {
            assertThat(reader.sampleRate()).isEqualTo(48000);
            assertThat(reader.channels()).isEqualTo(2);
            AudioFrame first = reader.readFrame(960);
            assertThat(first.samplesPerChannel()).isEqualTo(960);
            assertThat(first.toArray()).isEqualTo(Arrays.copyOf(stereo, 1920));
            int frames = 1;
            AudioFrame frame;
            long lastPts = 0;
            while ((frame = reader.readFrame(960)) != null) {
                frames++;
                lastPts = frame.pts();
            }
            assertThat(frames).isEqualTo(5);
            assertThat(lastPts).isEqualTo(3840);
        }
    }

    @Test
    void streamWithUnknownSizeReadsToTheEnd() throws IOException {
        MemoryChannel memory = new MemoryChannel();
        try (WavWriter writer = new WavWriter(memory.channel, 8000, 1)) {
            writer.write(new AudioFrame(new short[] {1, 2, 3}, 8000, 1, 0, TimeBase.ofRate(8000)));
        }
        byte[] bytes = memory.toByteArray();
        assertThat(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt(40)).isEqualTo(-1);
        try (WavReader reader = WavReader.open(new ByteArrayInputStream(bytes))) {
            assertThat(reader.readFrame(100).toArray()).containsExactly(1, 2, 3);
            assertThat(reader.readFrame(100)).isNull();
        }
    }

    @Test
    void unknownChunksAreSkipped() throws IOException {
        MemoryChannel memory = new MemoryChannel();
        try (WavWriter writer = new WavWriter(memory.channel, 8000, 1)) {
            writer.write(new AudioFrame(new short[] {7}, 8000, 1, 0, TimeBase.ofRate(8000)));
        }
        byte[] plain = memory.toByteArray();
        // Insert a 3-byte LIST chunk (padded to 4) between fmt and data.
        byte[] list = {'L', 'I', 'S', 'T', 3, 0, 0, 0, 'a', 'b', 'c', 0};
        byte[] bytes = new byte[plain.length + list.length];
        System.arraycopy(plain, 0, bytes, 0, 36);
        System.arraycopy(list, 0, bytes, 36, list.length);
        System.arraycopy(plain, 36, bytes, 36 + list.length, plain.length - 36);
        try (WavReader reader = WavReader.open(new ByteArrayInputStream(bytes))) {
            assertThat(reader.readFrame(10).toArray()).containsExactly(7);
        }
    }

    @Test
    void malformedFilesAreRejected() {
        byte[] good = goodHeader();
        assertRejected(Arrays.copyOf(good, 10), "truncated");
        assertRejected(patch(good, 0, 'X'), "RIFF");
        assertRejected(patch(good, 20, 3), "not PCM"); // IEEE float
        assertRejected(patch(good, 34, 8), "16-bit");
        assertRejected(patch(good, 22, 0), "channels");
        assertRejected(patch(good, 32, 3), "block align");
        assertRejected(patch(good, 12, 'd', 'a', 't', 'a'), "before fmt");
        assertRejected(patch(good, 16, 0xFF, 0xFF, 0xFF, 0x7F), "fmt chunk of");
        byte[] hugeSkip = patch(good, 36, 'J', 'U', 'N', 'K', 0xFF, 0xFF, 0xFF, 0x7F);
        assertRejected(hugeSkip, "truncated");
    }

    private static byte[] goodHeader() {
        MemoryChannel memory = new MemoryChannel();
        try (WavWriter writer = new WavWriter(memory.channel, 8000, 1)) {
            writer.write(new AudioFrame(new short[] {1, 2}, 8000, 1, 0, TimeBase.ofRate(8000)));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return memory.toByteArray();
    }

    static byte[] patch(byte[] bytes, int at, int... values) {
        byte[] copy = bytes.clone();
        for (int i = 0; i < values.length; i++) {
            copy[at + i] = (byte) values[i];
        }
        return copy;
    }

    private static void assertRejected(byte[] bytes, String message) {
        assertThatThrownBy(() -> {
            try (WavReader reader = WavReader.open(new ByteArrayInputStream(bytes))) {
                reader.readFrame(100);
            }
        }).isInstanceOf(MediaFormatException.class).hasMessageContaining(message);
    }
}
