package org.ortc4j.rtp.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class RtpPacketTest {

    @Test
    void parsesRealOpusPacketWithProfileDefinedExtension() throws RtpParseException {
        // A packet from Pion's rtp tests (packet_test.go TestBasic): M=1, PT 96, extension profile 0x0001.
        RtpPacket p = RtpPacket.parse(Hex.buffer("90e0698fd9c293da1c642782 0001 0001 ffffffff 9836be889e"));

        assertThat(p.marker()).isTrue();
        assertThat(p.payloadType()).isEqualTo(96);
        assertThat(p.sequenceNumber()).isEqualTo(27023);
        assertThat(p.timestamp()).isEqualTo(3653407706L);
        assertThat(p.ssrc()).isEqualTo(476325762);
        assertThat(p.csrcCount()).isZero();
        assertThat(p.extensionProfile()).isEqualTo(1);
        // RFC 3550 §5.3.1: a profile-defined extension that is not RFC 8285's is opaque.
        assertThat(p.hasExtensionElements()).isFalse();
        assertThat(p.extensionCount()).isZero();
        assertThat(Hex.of(p.extensionData())).isEqualTo("ffffffff");
        assertThat(Hex.of(p.payload())).isEqualTo("9836be889e");
        assertThat(p.paddingLength()).isZero();
        assertThat(p.headerLength()).isEqualTo(20);
        assertThat(p.toBuilder().toByteArray()).isEqualTo(Hex.bytes("90e0698fd9c293da1c642782 0001 0001 ffffffff 9836be889e"));
    }

    @Test
    void parsesOneByteExtensionsOfRfc8285Figure() throws RtpParseException {
        // RFC 8285 §4.2 figure: length=3; ID L=0 data; ID L=1 data data; 0 (pad) 0 (pad); ID L=3 data x4.
        String packet = "900100010000000200000003 bede0003 10aa 21bbbb 0000 33cccccccc 0102";
        RtpPacket p = RtpPacket.parse(Hex.buffer(packet));

        assertThat(p.extensionProfile()).isEqualTo(RtpPacket.ONE_BYTE_PROFILE);
        assertThat(p.extensionCount()).isEqualTo(3);
        assertThat(p.extensionId(0)).isEqualTo(1);
        assertThat(Hex.of(p.extensionValue(0))).isEqualTo("aa");
        assertThat(Hex.of(p.extension(2))).isEqualTo("bbbb");
        assertThat(Hex.of(p.extension(3))).isEqualTo("cccccccc");
        assertThat(p.extension(4)).isNull();
        assertThat(Hex.of(p.payload())).isEqualTo("0102");
    }

    @Test
    void parsesTwoByteExtensionsOfRfc8285Figure() throws RtpParseException {
        // RFC 8285 §4.3 figure: 0x1000 length=3; ID L=0; ID L=1 data; 0 (pad); ID L=4 data x4.
        String packet = "900100010000000200000003 10000003 0100 0201aa 00 0304bbbbbbbb";
        RtpPacket p = RtpPacket.parse(Hex.buffer(packet));

        assertThat(p.extensionProfile()).isEqualTo(0x1000);
        assertThat(p.extensionCount()).isEqualTo(3);
        assertThat(p.extension(1).remaining()).isZero();
        assertThat(Hex.of(p.extension(2))).isEqualTo("aa");
        assertThat(Hex.of(p.extension(3))).isEqualTo("bbbbbbbb");
        assertThat(p.payloadLength()).isZero();
    }

    @Test
    void oneByteId15EndsExtensionProcessing() throws RtpParseException {
        // RFC 8285 §4.2: "If the ID value 15 is encountered, its length field should be ignored,
        // processing of the entire extension should terminate at that point".
        RtpPacket p = RtpPacket.parse(Hex.buffer("900100010000000200000003 bede0001 10aa f3ff"));
        assertThat(p.extensionCount()).isEqualTo(1);
        assertThat(p.extension(1)).isNotNull();
    }

    @Test
    void parsesCsrcsAndPadding() throws RtpParseException {
        // RFC 3550 §5.1: CC=2, P=1; the last padding octet counts the padding, itself included.
        RtpPacket p = RtpPacket.parse(Hex.buffer("a2 08 1234 00000064 11111111 22222222 33333333 cafe 000003"));
        assertThat(p.csrcCount()).isEqualTo(2);
        assertThat(p.csrc(0)).isEqualTo(0x22222222);
        assertThat(p.csrc(1)).isEqualTo(0x33333333);
        assertThat(p.hasPadding()).isTrue();
        assertThat(p.paddingLength()).isEqualTo(3);
        assertThat(Hex.of(p.payload())).isEqualTo("cafe");
        assertThat(p.payloadType()).isEqualTo(8);
        assertThat(p.marker()).isFalse();
        assertThatThrownBy(() -> p.csrc(2)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void parseDoesNotCopyThePayloadOrMoveTheBuffer() throws RtpParseException {
        byte[] bytes = Hex.bytes("000000 80 00 0001 00000002 00000003 aabbcc");
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        buffer.position(3);
        RtpPacket p = RtpPacket.parse(buffer);
        assertThat(buffer.position()).isEqualTo(3);
        bytes[bytes.length - 1] = 0x11;
        assertThat(Hex.of(p.payload())).isEqualTo("aabb11");
        assertThat(p.payload().isReadOnly()).isTrue();
    }

    @Test
    void builderWritesOneByteFormWhenEveryElementFits() {
        byte[] packet = RtpPacket.builder()
                .marker(true).payloadType(111).sequenceNumber(0xFFFF).timestamp(0xFFFF_FFFFL).ssrc(0x01020304)
                .addExtension(1, new byte[] {(byte) 0xaa})
                .addExtension(14, Hex.bytes("00112233445566778899aabbccddeeff"))
                .payload(Hex.bytes("0102"))
                .toByteArray();
        // 1 + 1 + 1 + 16 = 19 bytes of elements, padded to 20: length 5 words.
        assertThat(Hex.of(packet)).isEqualTo(Hex.clean("90efffffffffffff01020304 bede0005 10aa ef00112233445566778899aabbccddeeff 00 0102"));
    }

    @Test
    void builderWritesTwoByteFormForLargeIdsEmptyOrLongValues() {
        byte[] packet = RtpPacket.builder().payloadType(96)
                .addExtension(1, new byte[] {(byte) 0xaa})
                .addExtension(15, new byte[0])
                .toByteArray();
        assertThat(Hex.of(packet)).isEqualTo(Hex.clean("906000000000000000000000 10000002 0101aa 0f00 000000"));
        assertThat(RtpPacket.builder().addExtension(2, new byte[17]).size()).isEqualTo(12 + 4 + 20);
    }

    @Test
    void builderRejectsElementsThatDoNotFitAFixedOneByteForm() {
        RtpPacketBuilder builder = RtpPacket.builder().extensionProfile(RtpPacket.ONE_BYTE_PROFILE).addExtension(15, new byte[1]);
        assertThatThrownBy(builder::toByteArray).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> RtpPacket.builder().payloadType(128)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RtpPacket.builder().addExtension(0, new byte[1])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void builderWritesPaddingWithItsCountLast() throws RtpParseException {
        byte[] packet = RtpPacket.builder().payloadType(0).payload(new byte[] {7}).paddingLength(4).toByteArray();
        assertThat(Hex.of(packet)).isEqualTo(Hex.clean("a00000000000000000000000 07 00000004"));
        assertThat(RtpPacket.parse(ByteBuffer.wrap(packet)).paddingLength()).isEqualTo(4);
    }

    @Test
    void roundTripsEveryFieldThroughTheBuilder() throws RtpParseException {
        RtpPacket original = RtpPacket.builder()
                .marker(true).payloadType(100).sequenceNumber(4321).timestamp(90_000).ssrc(-5)
                .addCsrc(1).addCsrc(-2)
                .extensionProfile(0x1003)
                .addExtension(200, Hex.bytes("0102"))
                .addExtension(3, new byte[0])
                .payload(new byte[1200])
                .paddingLength(9)
                .build();
        RtpPacket again = RtpPacket.parse(ByteBuffer.wrap(original.toBuilder().toByteArray()));
        assertThat(again).isEqualTo(original);
        assertThat(again.extensionProfile()).isEqualTo(0x1003);
        assertThat(again.csrc(1)).isEqualTo(-2);
        assertThat(again.ssrc()).isEqualTo(-5);
        assertThat(again.toString()).contains("seq=4321");
    }

    @Test
    void packetsThatDifferInAnyElementAreNotEqual() {
        RtpPacket a = RtpPacket.builder().addExtension(1, new byte[] {1}).build();
        RtpPacket b = RtpPacket.builder().addExtension(1, new byte[] {2}).build();
        RtpPacket c = RtpPacket.builder().addExtension(2, new byte[] {1}).build();
        assertThat(a).isNotEqualTo(b).isNotEqualTo(c).isEqualTo(RtpPacket.builder().addExtension(1, new byte[] {1}).build());
    }

    @Test
    void builderRefusesABufferTooSmallAndLeavesItUntouched() {
        RtpPacketBuilder builder = RtpPacket.builder().payload(new byte[100]);
        ByteBuffer small = ByteBuffer.allocate(50);
        assertThatThrownBy(() -> builder.writeTo(small)).isInstanceOf(java.nio.BufferOverflowException.class);
        assertThat(small.position()).isZero();
    }

    @Test
    void unknownExtensionIdsAreKeptAsBytes() throws RtpParseException {
        // Nothing in the packet says what id 9 is; its bytes survive a round trip.
        RtpPacket p = RtpPacket.parse(Hex.buffer("900100010000000200000003 bede0001 92010203"));
        assertThat(Hex.of(p.extension(9))).isEqualTo("010203");
        assertThat(p.toBuilder().build()).isEqualTo(p);
    }
}
