package org.ortc4j.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class Y4mTest {

    @Test
    void framesRoundTripWithTheirRate() throws IOException {
        MemoryChannel memory = new MemoryChannel();
        byte[] packed = new byte[VideoFrame.i420Size(3, 3)];
        for (int i = 0; i < packed.length; i++) {
            packed[i] = (byte) (i * 7);
        }
        try (Y4mWriter writer = new Y4mWriter(memory.channel, 3, 3, 30000, 1001)) {
            writer.write(VideoFrame.fromI420(3, 3, packed, 0, TimeBase.VIDEO_90KHZ));
            writer.write(VideoFrame.fromI420(3, 3, packed, 3003, TimeBase.VIDEO_90KHZ));
        }
        byte[] bytes = memory.toByteArray();
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        assertThat(text).startsWith("YUV4MPEG2 W3 H3 F30000:1001 Ip A1:1 C420jpeg\nFRAME\n");
        assertThat(bytes).hasSize(text.indexOf('\n') + 1 + 2 * (6 + 9 + 4 + 4));

        try (Y4mReader reader = Y4mReader.open(new ByteArrayInputStream(bytes))) {
            assertThat(reader.width()).isEqualTo(3);
            assertThat(reader.timeBase()).isEqualTo(new TimeBase(1001, 30000));
            VideoFrame first = reader.readFrame();
            assertThat(first.toI420()).isEqualTo(packed);
            VideoFrame second = reader.readFrame();
            assertThat(second.pts()).isEqualTo(1);
            assertThat(second.timeBase().convert(second.pts(), TimeBase.VIDEO_90KHZ)).isEqualTo(3003);
            assertThat(reader.readFrame()).isNull();
        }
    }

    @Test
    void framesWithParametersAndHeadersWithoutColourSpaceAreRead() throws IOException {
        byte[] frame = new byte[6];
        byte[] bytes = concat("YUV4MPEG2 W2 H2\nFRAME Ixyz\n".getBytes(StandardCharsets.US_ASCII), frame);
        try (Y4mReader reader = Y4mReader.open(new ByteArrayInputStream(bytes))) {
            assertThat(reader.timeBase()).isEqualTo(new TimeBase(1, 30));
            assertThat(reader.readFrame().width()).isEqualTo(2);
        }
    }

    @Test
    void malformedFilesAreRejected() {
        assertRejected("YUV4MPEG W2 H2\n", "not a YUV4MPEG2");
        assertRejected("YUV4MPEG2 W2\n", "without W and H");
        assertRejected("YUV4MPEG2 W2 H2 C444\n", "not 4:2:0");
        assertRejected("YUV4MPEG2 W0 H2\n", "positive");
        assertRejected("YUV4MPEG2 W2 H99999\n", "over");
        assertRejected("YUV4MPEG2 W2 H2 F30\n", "n:d");
        assertRejected("YUV4MPEG2 Wx H2\n", "not a number");
        assertRejected("YUV4MPEG2 W2 H2 Q1\n", "unknown");
        assertRejected("YUV4MPEG2 W2 H2\nFRAME\n\0\0\0", "truncated");
        assertRejected("YUV4MPEG2 W2 H2\nFRAMX\n\0\0\0\0\0\0", "expected FRAME");
        assertRejected("YUV4MPEG2 W2 H2" + " ".repeat(2000) + "\n", "longer than");
    }

    private static void assertRejected(String text, String message) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> {
            try (Y4mReader reader = Y4mReader.open(new ByteArrayInputStream(bytes))) {
                while (reader.readFrame() != null) {
                    // read all
                }
            }
        }).isInstanceOf(MediaFormatException.class).hasMessageContaining(message);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
