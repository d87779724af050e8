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

class IvfTest {

    // RFC 6386 §9.1: a VP8 key frame starts with a frame tag whose low bit is 0, then the start
    // code 9d 01 2a; an interframe's tag has the low bit set.
    private static final byte[] VP8_KEY = {0x50, 0x02, 0x00, (byte) 0x9d, 0x01, 0x2a, 0x40, 0x01, (byte) 0xf0, 0x00};
    private static final byte[] VP8_INTER = {0x31, 0x01, 0x00, 0x11, 0x22};

    @Test
    void fileRoundTripsWithHeaderFieldsAndFrameCount(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("video.ivf");
        try (IvfWriter writer = IvfWriter.create(file, "video/VP8", 320, 240, TimeBase.ofRate(30))) {
            writer.write(new EncodedFrame("video/VP8", VP8_KEY, true, 0, TimeBase.VIDEO_90KHZ, 3000));
            writer.write(new EncodedFrame("video/VP8", VP8_INTER, false, 3000, TimeBase.VIDEO_90KHZ, 3000));
        }
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer h = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(new String(bytes, 0, 4, "US-ASCII")).isEqualTo("DKIF");
        assertThat(new String(bytes, 8, 4, "US-ASCII")).isEqualTo("VP80");
        assertThat(h.getShort(6)).isEqualTo((short) 32);
        assertThat(h.getShort(12)).isEqualTo((short) 320);
        assertThat(h.getInt(16)).isEqualTo(30);
        assertThat(h.getInt(20)).isEqualTo(1);
        assertThat(h.getInt(24)).isEqualTo(2);
        assertThat(h.getInt(32)).isEqualTo(VP8_KEY.length);
        assertThat(h.getLong(36)).isEqualTo(0);
        assertThat(bytes).hasSize(32 + 12 + VP8_KEY.length + 12 + VP8_INTER.length);

        try (IvfReader reader = IvfReader.open(file)) {
            assertThat(reader.mimeType()).isEqualTo("video/VP8");
            assertThat(reader.width()).isEqualTo(320);
            assertThat(reader.height()).isEqualTo(240);
            assertThat(reader.frameCount()).isEqualTo(2);
            EncodedFrame key = reader.readFrame();
            assertThat(key.toByteArray()).isEqualTo(VP8_KEY);
            assertThat(key.keyFrame()).isTrue();
            EncodedFrame inter = reader.readFrame();
            assertThat(inter.keyFrame()).isFalse();
            assertThat(inter.pts()).isEqualTo(1);
            assertThat(inter.timeBase()).isEqualTo(TimeBase.ofRate(30));
            assertThat(reader.readFrame()).isNull();
        }
    }

    @Test
    void vp9AndAv1KeyFramesAreRecognized() throws IOException {
        MemoryChannel memory = new MemoryChannel();
        // VP9 profile 0: frame_marker 10, profile 00, show_existing 0, frame_type 0 (key) -> 0x80;
        // frame_type 1 (inter) -> 0x84.
        try (IvfWriter writer = new IvfWriter(memory.channel, "video/VP9", 64, 64, TimeBase.ofRate(30))) {
            writer.write(new EncodedFrame("video/VP9", new byte[] {(byte) 0x82, 0x49, (byte) 0x83}, true, 0, TimeBase.ofRate(30), 1));
            writer.write(new EncodedFrame("video/VP9", new byte[] {(byte) 0x86, 0x00}, false, 1, TimeBase.ofRate(30), 1));
        }
        try (IvfReader reader = IvfReader.open(new ByteArrayInputStream(memory.toByteArray()))) {
            assertThat(reader.frameCount()).isZero(); // not seekable: count left at 0
            assertThat(reader.readFrame().keyFrame()).isTrue();
            assertThat(reader.readFrame().keyFrame()).isFalse();
        }
        MemoryChannel av1 = new MemoryChannel();
        // AV1 §5.3: temporal delimiter OBU (type 2, has_size, size 0) then a sequence header OBU (type 1).
        byte[] key = {0x12, 0x00, 0x0A, 0x01, 0x00};
        byte[] inter = {0x12, 0x00, 0x32, 0x01, 0x00};
        try (IvfWriter writer = new IvfWriter(av1.channel, "video/AV1", 64, 64, TimeBase.ofRate(30))) {
            writer.write(new EncodedFrame("video/AV1", key, true, 0, TimeBase.ofRate(30), 1));
            writer.write(new EncodedFrame("video/AV1", inter, false, 1, TimeBase.ofRate(30), 1));
        }
        try (IvfReader reader = IvfReader.open(new ByteArrayInputStream(av1.toByteArray()))) {
            assertThat(reader.mimeType()).isEqualTo("video/AV1");
            assertThat(reader.readFrame().keyFrame()).isTrue();
            assertThat(reader.readFrame().keyFrame()).isFalse();
        }
    }

    @Test
    void malformedFilesAreRejected() throws IOException {
        MemoryChannel memory = new MemoryChannel();
        try (IvfWriter writer = new IvfWriter(memory.channel, "video/VP8", 16, 16, TimeBase.ofRate(30))) {
            writer.write(new EncodedFrame("video/VP8", VP8_KEY, true, 0, TimeBase.ofRate(30), 1));
        }
        byte[] good = memory.toByteArray();
        assertRejected(Arrays.copyOf(good, 20), "IVF header truncated");
        assertRejected(WavTest.patch(good, 0, 'X'), "DKIF");
        assertRejected(WavTest.patch(good, 4, 1), "version");
        assertRejected(WavTest.patch(good, 6, 8), "header size");
        assertRejected(WavTest.patch(good, 8, 'H', '2', '6', '4'), "not VP8");
        assertRejected(WavTest.patch(good, 16, 0, 0, 0, 0), "time base");
        assertRejected(Arrays.copyOf(good, 40), "frame header truncated");
        assertRejected(Arrays.copyOf(good, good.length - 1), "IVF frame truncated");
        assertRejected(WavTest.patch(good, 32, 0xFF, 0xFF, 0xFF, 0xFF), "limit");
    }

    private static void assertRejected(byte[] bytes, String message) {
        assertThatThrownBy(() -> {
            try (IvfReader reader = IvfReader.open(new ByteArrayInputStream(bytes))) {
                while (reader.readFrame() != null) {
                    // read all
                }
            }
        }).isInstanceOf(MediaFormatException.class).hasMessageContaining(message);
    }
}
