package org.ortc4j.ice.stun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Framing of STUN and ChannelData on TCP/TLS streams (RFC 8489 §6.2.2, RFC 8656 §12.5). */
class StunStreamFramerTest {

    /** Frames as byte arrays; each frame buffer released as a consumer must. */
    private final List<byte[]> received = new ArrayList<>();

    private void collect(ByteBuf frame) {
        received.add(ByteBufUtil.getBytes(frame));
        frame.release();
    }

    private static ByteBuf hex(String hex) {
        return Unpooled.wrappedBuffer(HexFormat.of().parseHex(hex.replace(" ", "")));
    }

    /** A stream of STUN messages and padded ChannelData messages of assorted sizes, and each frame. */
    private static List<byte[]> someFrames(Random random, int count) {
        List<byte[]> frames = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (random.nextBoolean()) {
                byte[] payload = new byte[random.nextInt(300)];
                random.nextBytes(payload);
                frames.add(StunMessage.newBuilder(StunMessageType.of(StunMethod.SEND, StunMessageClass.INDICATION))
                        .attribute(new DataAttribute(payload)).fingerprint().build().encode());
            } else {
                byte[] payload = new byte[random.nextInt(300)];
                random.nextBytes(payload);
                ByteBuf out = Unpooled.buffer();
                ChannelData.encode(0x4000 + random.nextInt(0x1000), Unpooled.wrappedBuffer(payload), true, out);
                frames.add(ByteBufUtil.getBytes(out));
                out.release();
            }
        }
        return frames;
    }

    private static byte[] concat(List<byte[]> frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        frames.forEach(out::writeBytes);
        return out.toByteArray();
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 42, 8656, 8489, 20261124})
    void arbitraryChunkSplitsYieldTheSameFrames(long seed) {
        Random random = new Random(seed);
        List<byte[]> frames = someFrames(random, 40);
        byte[] stream = concat(frames);
        StunStreamFramer framer = new StunStreamFramer();
        int position = 0;
        while (position < stream.length) {
            // Chunks from 1 byte to several frames long.
            int size = Math.min(stream.length - position, random.nextInt(4) == 0 ? 1 + random.nextInt(3) : 1 + random.nextInt(900));
            ByteBuf chunk = Unpooled.directBuffer(size).writeBytes(stream, position, size);
            framer.feed(chunk, this::collect);
            position += size;
        }
        assertThat(received).hasSize(frames.size());
        for (int i = 0; i < frames.size(); i++) {
            assertThat(received.get(i)).as("frame %d", i).isEqualTo(frames.get(i));
        }
        assertThat(framer.bufferedBytes()).isZero();
        assertThat(framer.frameCount()).isEqualTo(frames.size());
        framer.close();
    }

    @Test
    void framesStayValidWhileLaterChunksArrive() {
        // A consumer may keep a frame (a slice of a chunk) while more of the stream comes in.
        Random random = new Random(7);
        List<byte[]> frames = someFrames(random, 10);
        byte[] stream = concat(frames);
        List<ByteBuf> kept = new ArrayList<>();
        StunStreamFramer framer = new StunStreamFramer();
        for (int position = 0; position < stream.length; position += 37) {
            int size = Math.min(37, stream.length - position);
            framer.feed(Unpooled.copiedBuffer(stream, position, size), kept::add);
        }
        assertThat(kept).hasSize(frames.size());
        for (int i = 0; i < frames.size(); i++) {
            assertThat(ByteBufUtil.getBytes(kept.get(i))).isEqualTo(frames.get(i));
            kept.get(i).release();
        }
        framer.close();
    }

    @Test
    void eachFrameDecodesAsWhatItIs() {
        byte[] stun = StunMessage.newBuilder(StunMessageType.BINDING_REQUEST).fingerprint().build().encode();
        StunStreamFramer framer = new StunStreamFramer();
        ByteBuf stream = Unpooled.buffer().writeBytes(stun);
        ChannelData.encode(0x4001, hex("010203"), true, stream);
        framer.feed(stream, frame -> {
            if (ChannelData.isChannelData(frame)) {
                ChannelData data = ChannelData.decode(frame);
                received.add(ByteBufUtil.getBytes(data.content()));
                data.release();
            } else {
                received.add(StunMessage.decode(ByteBufUtil.getBytes(frame)).encode());
            }
            frame.release();
        });
        assertThat(received).containsExactly(stun, new byte[] {1, 2, 3});
        framer.close();
    }

    @Test
    void channelDataIsFramedWithItsPaddingOnStreams() {
        // RFC 8656 §12.5: "the actual size of a ChannelData message (including padding) is
        // (4 + Length) rounded up to the nearest multiple of 4."
        StunStreamFramer framer = new StunStreamFramer();
        framer.feed(hex("40000001 aa000000 40010002 bbcc0000 40020000"), this::collect);
        assertThat(received).extracting(HexFormat.of()::formatHex)
                .containsExactly("40000001aa000000", "40010002bbcc0000", "40020000");
        framer.close();
    }

    @Test
    void incompleteFrameIsBufferedAndReleasedOnClose() {
        StunStreamFramer framer = new StunStreamFramer();
        ByteBuf chunk = hex("40000008 0102");
        framer.feed(chunk, this::collect);
        assertThat(received).isEmpty();
        assertThat(framer.bufferedBytes()).isEqualTo(6);
        assertThat(chunk.refCnt()).isZero();
        framer.close();
        assertThat(framer.bufferedBytes()).isZero();
        ByteBuf late = hex("00");
        assertThatThrownBy(() -> framer.feed(late, this::collect)).isInstanceOf(IllegalStateException.class);
        assertThat(late.refCnt()).isZero();
    }

    static Stream<Arguments> garbage() {
        return Stream.of(
                Arguments.of("first bits 10 (RTP)", "80000000 00000000", "first byte 0x80 starts neither"),
                Arguments.of("first bits 11", "c0000000", "first byte 0xC0"),
                Arguments.of("STUN length not a multiple of 4", "00010003 2112a442", "length 3 at stream offset is not a multiple of 4"),
                Arguments.of("STUN without the magic cookie", "00010000 a1b2c3d4 00000000 00000000 00000000", "magic cookie is 0xA1B2C3D4"),
                Arguments.of("reserved channel number", "50000000", "channel number 0x5000 is reserved"),
                Arguments.of("HTTP POST on the TURN port", "504f5354 202f2048", "channel number 0x504F is reserved"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("garbage")
    void garbageFailsTheStreamAfterDeliveringTheFramesBeforeIt(String name, String garbage, String reason) {
        StunStreamFramer framer = new StunStreamFramer();
        ByteBuf chunk = hex("40000002 abcd0000" + garbage.replace(" ", ""));
        assertThatThrownBy(() -> framer.feed(chunk, this::collect)).isInstanceOf(StunParseException.class)
                .hasMessageContaining(reason);
        assertThat(received).extracting(HexFormat.of()::formatHex).containsExactly("40000002abcd0000");
        assertThat(framer.isFailed()).isTrue();
        assertThat(chunk.refCnt()).isZero();
        ByteBuf more = hex("40000000");
        assertThatThrownBy(() -> framer.feed(more, this::collect)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("framing error");
        assertThat(more.refCnt()).isZero();
        framer.close();
    }

    @Test
    void garbageInALaterChunkReleasesTheBufferedBytes() {
        StunStreamFramer framer = new StunStreamFramer();
        framer.feed(hex("4000"), this::collect);
        assertThat(framer.bufferedBytes()).isEqualTo(2);
        // 0x4000 with length 1 and padding, then garbage
        assertThatThrownBy(() -> framer.feed(hex("0001 ee000000 ff"), this::collect)).isInstanceOf(StunParseException.class);
        assertThat(received).extracting(HexFormat.of()::formatHex).containsExactly("40000001ee000000");
        assertThat(framer.bufferedBytes()).isZero();
        framer.close();
    }

    @Test
    void frameLargerThanTheCapFailsTheStreamAtOnce() {
        StunStreamFramer framer = new StunStreamFramer(100);
        // A ChannelData header announcing 200 bytes: refused before buffering them.
        assertThatThrownBy(() -> framer.feed(hex("400000c8 00"), this::collect)).isInstanceOf(StunParseException.class)
                .hasMessageContaining("frame of 204 bytes is more than the 100 bytes");
        framer.close();
        assertThatThrownBy(() -> new StunStreamFramer(19)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void largestStunFrameFitsTheDefaultCap() {
        StunStreamFramer framer = new StunStreamFramer();
        ByteBuf header = hex("0001fffc 2112a442 000000000000000000000000");
        framer.feed(header, this::collect);
        for (int i = 0; i < 0xFFFC / 4; i += 16) {
            framer.feed(Unpooled.buffer(64).writeZero(Math.min(64, 0xFFFC - 4 * i)), this::collect);
        }
        assertThat(received).hasSize(1);
        assertThat(received.get(0)).hasSize(StunStreamFramer.MAX_FRAME_LENGTH);
        framer.close();
    }

    @Test
    void aConsumerThatThrowsFailsTheStreamWithoutLeaking() {
        StunStreamFramer framer = new StunStreamFramer();
        ByteBuf chunk = hex("40000000 40000000");
        assertThatThrownBy(() -> framer.feed(chunk, frame -> {
            frame.release();
            throw new IllegalStateException("consumer bug");
        })).hasMessage("consumer bug");
        assertThat(chunk.refCnt()).isZero();
        assertThat(framer.isFailed()).isTrue();
        framer.close();
    }
}
