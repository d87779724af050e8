package org.ortc4j.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OggOpusTest {

    private static final CodecInfo OPUS = new CodecInfo("audio/opus", 48000, 2);

    @Test
    void encodedOpusRoundTripsThroughAFileAndDecodes(@TempDir Path dir) throws IOException {
        short[] tone = Signals.sine(440, 10000, 48000, 48000);
        List<EncodedFrame> packets = AudioCodecRoundTrip.run(OPUS, tone, 48000, 48000).encoded;
        Path file = dir.resolve("tone.opus");
        try (OggOpusWriter writer = OggOpusWriter.create(file, 2, OggOpusWriter.DEFAULT_PRE_SKIP)) {
            for (EncodedFrame packet : packets) {
                writer.write(packet);
            }
        }
        List<Long> granules = pageGranules(Files.readAllBytes(file));
        // Head and tags pages at 0, then one page per 960-sample packet.
        assertThat(granules).hasSize(2 + 50);
        assertThat(granules.subList(0, 4)).containsExactly(0L, 0L, 960L, 1920L);
        assertThat(granules.get(51)).isEqualTo(48000L);

        MediaDecoder decoder = MediaCodecs.load().createDecoder(OPUS).orElseThrow();
        try (OggOpusReader reader = OggOpusReader.open(file)) {
            assertThat(reader.channels()).isEqualTo(2);
            assertThat(reader.preSkip()).isEqualTo(312);
            assertThat(reader.inputSampleRate()).isEqualTo(48000);
            List<EncodedFrame> read = new ArrayList<>();
            EncodedFrame frame;
            while ((frame = reader.readFrame()) != null) {
                read.add(frame);
            }
            assertThat(read).hasSize(50);
            for (int i = 0; i < 50; i++) {
                assertThat(read.get(i).toByteArray()).isEqualTo(packets.get(i).toByteArray());
                assertThat(read.get(i).pts()).isEqualTo(960L * i);
                assertThat(read.get(i).duration()).isEqualTo(960);
            }
            assertThat(((AudioFrame) decoder.decode(read.get(10)).get(0)).samplesPerChannel()).isEqualTo(960);
        }
    }

    @Test
    void packetsSpanningPagesAreReassembled() throws IOException {
        // A 600-byte packet laces as 255, 255, 90; write a stream by hand with it split across
        // two pages (the second flagged as continued) and check the reader joins it.
        byte[] big = new byte[600];
        big[0] = (byte) 0xFC; // TOC: config 31 (CELT 20 ms), stereo, one frame
        for (int i = 1; i < big.length; i++) {
            big[i] = (byte) i;
        }
        MemoryChannel memory = new MemoryChannel();
        try (OggOpusWriter writer = new OggOpusWriter(memory.channel, 2, 0)) {
            writer.write(new EncodedFrame("audio/opus", big, true, 0, TimeBase.ofRate(48000), 960));
        }
        byte[] oneStream = memory.toByteArray();
        List<byte[]> pages = splitPages(oneStream);
        byte[] audioPage = pages.get(2);
        byte[] rewritten = concat(pages.get(0), pages.get(1), splitPacketPage(audioPage));
        try (OggOpusReader reader = OggOpusReader.open(new ByteArrayInputStream(rewritten))) {
            EncodedFrame frame = reader.readFrame();
            assertThat(frame.toByteArray()).isEqualTo(big);
            assertThat(reader.readFrame()).isNull();
        }
    }

    @Test
    void malformedStreamsAreRejected() throws IOException {
        MemoryChannel memory = new MemoryChannel();
        try (OggOpusWriter writer = new OggOpusWriter(memory.channel, 1, 312)) {
            writer.write(new EncodedFrame("audio/opus", new byte[] {(byte) 0xF8, 1, 2}, true, 0, TimeBase.ofRate(48000), 960));
        }
        byte[] good = memory.toByteArray();
        assertRejected(Arrays.copyOf(good, 10), "truncated");
        assertRejected(WavTest.patch(good, 0, 'X'), "OggS");
        assertRejected(WavTest.patch(good, 30, 'X'), "CRC");
        assertRejected(WavTest.patch(good, 4, 1), "version");
        assertRejected(Arrays.copyOf(good, 28 + 19), "ends before OpusTags");
        assertRejected(Arrays.copyOf(good, good.length - 1), "truncated");
        assertRejected(new byte[0], "ends before OpusHead");
        List<byte[]> pages = splitPages(good);
        assertRejected(concat(pages.get(1), pages.get(0)), "beginning of stream");
        assertRejected(concat(pages.get(0), pages.get(0)), "OpusTags");
    }

    private static void assertRejected(byte[] bytes, String message) {
        assertThatThrownBy(() -> {
            try (OggOpusReader reader = OggOpusReader.open(new ByteArrayInputStream(bytes))) {
                while (reader.readFrame() != null) {
                    // read all
                }
            }
        }).isInstanceOf(MediaFormatException.class).hasMessageContaining(message);
    }

    private static List<Long> pageGranules(byte[] stream) {
        List<Long> granules = new ArrayList<>();
        for (byte[] page : splitPages(stream)) {
            granules.add(ByteBuffer.wrap(page).order(ByteOrder.LITTLE_ENDIAN).getLong(6));
        }
        return granules;
    }

    static List<byte[]> splitPages(byte[] stream) {
        List<byte[]> pages = new ArrayList<>();
        int at = 0;
        while (at < stream.length) {
            int segments = stream[at + 26] & 0xFF;
            int size = 27 + segments;
            for (int i = 0; i < segments; i++) {
                size += stream[at + 27 + i] & 0xFF;
            }
            pages.add(Arrays.copyOfRange(stream, at, at + size));
            at += size;
        }
        return pages;
    }

    /** Splits a one-packet page laced 255,255,90 into a page of 255 and a continued page of 255,90. */
    private static byte[] splitPacketPage(byte[] page) {
        ByteBuffer h = ByteBuffer.wrap(page).order(ByteOrder.LITTLE_ENDIAN);
        int serial = h.getInt(14);
        int sequence = h.getInt(18);
        long granule = h.getLong(6);
        byte[] body = Arrays.copyOfRange(page, 27 + 3, page.length);
        byte[] first = page(0, -1, serial, sequence, new int[] {255}, Arrays.copyOfRange(body, 0, 255));
        byte[] second = page(0x01 | 0x04, granule, serial, sequence + 1, new int[] {255, 90}, Arrays.copyOfRange(body, 255, 600));
        return concat(first, second);
    }

    private static byte[] page(int flags, long granule, int serial, int sequence, int[] lacing, byte[] body) {
        return new org.ortc4j.media.internal.OggPage(flags, granule, serial, sequence, lacing, body).toBytes();
    }

    static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }
}
