package org.ortc4j.ice.stun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** ChannelData messages (RFC 8656 §12.4, §12.5): byte layout, padding, and malformed input. */
class ChannelDataTest {

    private static final ByteBufAllocator ALLOC = ByteBufAllocator.DEFAULT;

    private static ByteBuf hex(String hex) {
        return Unpooled.wrappedBuffer(HexFormat.of().parseHex(hex.replace(" ", "")));
    }

    private static String hexOf(ByteBuf buf) {
        return ByteBufUtil.hexDump(buf);
    }

    @Test
    void encodesChannelNumberLengthAndDataAsRfc8656Section12_4Shows() {
        ChannelData message = new ChannelData(0x4001, hex("010203"));
        try {
            ByteBuf unpadded = message.encode(ALLOC, false);
            ByteBuf padded = message.encode(ALLOC, true);
            // The length counts the data only, not the header or the padding.
            assertThat(hexOf(unpadded)).isEqualTo("40010003" + "010203");
            assertThat(hexOf(padded)).isEqualTo("40010003" + "010203" + "00");
            unpadded.release();
            padded.release();
        } finally {
            message.release();
        }
    }

    @Test
    void zeroLengthIsValid() {
        // RFC 8656 §12.4: "Note that 0 is a valid length."
        ChannelData message = new ChannelData(0x4FFF, Unpooled.EMPTY_BUFFER);
        ByteBuf encoded = message.encode(ALLOC, true);
        assertThat(hexOf(encoded)).isEqualTo("4fff0000");
        ChannelData decoded = ChannelData.decode(encoded);
        assertThat(decoded.channelNumber()).isEqualTo(0x4FFF);
        assertThat(decoded.dataLength()).isZero();
        decoded.release();
        encoded.release();
        message.release();
    }

    @Test
    void decodeRoundTripsEveryLengthModFourWithAndWithoutPadding() {
        for (int length = 0; length < 9; length++) {
            byte[] data = new byte[length];
            for (int i = 0; i < length; i++) {
                data[i] = (byte) (0xA0 + i);
            }
            for (boolean padded : new boolean[] {false, true}) {
                ByteBuf encoded = Unpooled.buffer();
                ChannelData.encode(0x4abc, Unpooled.wrappedBuffer(data), padded, encoded);
                assertThat(encoded.readableBytes()).isEqualTo(padded ? ChannelData.paddedLength(length) : 4 + length);
                assertThat(encoded.readableBytes() % 4 == 0 || !padded).isTrue();
                ChannelData decoded = ChannelData.decode(encoded);
                assertThat(decoded.channelNumber()).isEqualTo(0x4abc);
                assertThat(ByteBufUtil.getBytes(decoded.content())).isEqualTo(data);
                // decode leaves the input where it was
                assertThat(encoded.readerIndex()).isZero();
                decoded.release();
                assertThat(encoded.refCnt()).isEqualTo(1);
                encoded.release();
            }
        }
    }

    @Test
    void decodeSlicesTheInputWithoutCopying() {
        ByteBuf datagram = hex("40000004 deadbeef");
        ChannelData decoded = ChannelData.decode(datagram);
        assertThat(datagram.refCnt()).isEqualTo(2);
        datagram.setByte(4, 0x11);
        assertThat(decoded.content().getUnsignedByte(decoded.content().readerIndex())).isEqualTo((short) 0x11);
        decoded.release();
        datagram.release();
        assertThat(datagram.refCnt()).isZero();
    }

    @Test
    void distinguishesChannelDataFromStunByTheFirstTwoBits() {
        assertThat(ChannelData.isChannelData(0x40)).isTrue();
        assertThat(ChannelData.isChannelData(0x4F)).isTrue();
        assertThat(ChannelData.isChannelData(0x7F)).isTrue();
        assertThat(ChannelData.isChannelData(0x00)).isFalse(); // STUN
        assertThat(ChannelData.isChannelData(0x03)).isFalse();
        assertThat(ChannelData.isChannelData(0x80)).isFalse(); // RTP
        assertThat(ChannelData.isChannelData(0x16)).isFalse(); // DTLS
        assertThat(ChannelData.isChannelData(Unpooled.EMPTY_BUFFER)).isFalse();
        ByteBuf buf = hex("00 40");
        buf.readByte();
        assertThat(ChannelData.isChannelData(buf)).isTrue();
    }

    @Test
    void channelNumberRange() {
        assertThat(ChannelData.isValidChannelNumber(0x3FFF)).isFalse();
        assertThat(ChannelData.isValidChannelNumber(0x4000)).isTrue();
        assertThat(ChannelData.isValidChannelNumber(0x4FFF)).isTrue();
        assertThat(ChannelData.isValidChannelNumber(0x5000)).isFalse();
        ByteBuf data = Unpooled.buffer(1).writeByte(1);
        assertThatThrownBy(() -> new ChannelData(0x5000, data)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0x5000");
        assertThatThrownBy(() -> ChannelData.encode(0x3FFF, data, true, Unpooled.buffer()))
                .isInstanceOf(IllegalArgumentException.class);
        data.release();
    }

    @Test
    void refusesDataLongerThanTheLengthField() {
        ByteBuf big = Unpooled.buffer(0x10000).writeZero(0x10000);
        assertThatThrownBy(() -> new ChannelData(0x4000, big)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("65536");
        big.release();
    }

    @Test
    void largestMessageRoundTrips() {
        ByteBuf data = Unpooled.buffer(0xFFFF).writeZero(0xFFFF);
        ChannelData message = new ChannelData(0x4000, data);
        ByteBuf encoded = message.encode(ALLOC, true);
        assertThat(encoded.readableBytes()).isEqualTo(ChannelData.MAX_PADDED_LENGTH).isEqualTo(65540);
        ChannelData decoded = ChannelData.decode(encoded);
        assertThat(decoded.dataLength()).isEqualTo(0xFFFF);
        decoded.release();
        encoded.release();
        message.release();
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("empty", "", "0 bytes is shorter than its 4-byte header"),
                Arguments.of("truncated header", "4000 00", "3 bytes is shorter"),
                Arguments.of("a STUN message", "0001 0000 2112a442", "does not start with the bits 01"),
                Arguments.of("RTP", "8000 0000", "does not start with the bits 01"),
                // RFC 8656 §12: 0x5000-0xFFFF are reserved
                Arguments.of("reserved channel 0x5000", "5000 0000", "channel number 0x5000 is reserved"),
                Arguments.of("reserved channel 0x7FFF", "7fff 0001 00", "channel number 0x7FFF is reserved"),
                // RFC 8656 §12.6: too short for the claimed length is discarded
                Arguments.of("truncated data", "4000 0005 01020304", "says 5 bytes but 4 follow"),
                Arguments.of("length far past the end", "4000 ffff", "says 65535 bytes but 0 follow"),
                Arguments.of("more than padding after the data", "4000 0001 01 000000 00", "followed by 4 bytes, more than its padding"),
                Arguments.of("trailing bytes after an aligned message", "4000 0004 01020304 00", "more than its padding"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedChannelDataIsRejectedWithAReason(String name, String hex, String reason) {
        ByteBuf buf = hex(hex);
        assertThatThrownBy(() -> ChannelData.decode(buf)).isInstanceOf(StunParseException.class).hasMessageContaining(reason);
        // Rejecting it neither consumed nor retained the input.
        assertThat(buf.refCnt()).isEqualTo(1);
        assertThat(buf.readerIndex()).isZero();
        buf.release();
    }

    @Test
    void copiesAndDuplicatesKeepTheChannelNumber() {
        ChannelData message = new ChannelData(0x4123, hex("0102"));
        ChannelData copy = message.copy();
        ChannelData duplicate = message.retainedDuplicate();
        assertThat(copy.channelNumber()).isEqualTo(0x4123);
        assertThat(duplicate.channelNumber()).isEqualTo(0x4123);
        assertThat(copy).isEqualTo(message);
        assertThat(copy.toString()).isEqualTo("ChannelData[0x4123, 2 bytes]");
        copy.release();
        duplicate.release();
        message.release();
        assertThat(message.refCnt()).isZero();
    }
}
