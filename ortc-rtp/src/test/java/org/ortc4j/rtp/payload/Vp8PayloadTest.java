package org.ortc4j.rtp.payload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class Vp8PayloadTest {

    private final Random random = new Random(7741);

    @Test
    void descriptorWithEveryExtensionField() throws RtpPayloadException {
        // RFC 7741 §4.2 layout: X=1 N=1 S=1 PID=2; I L T K; M=1 PictureID=0x1234; TL0PICIDX=0x56;
        // TID=2 Y=1 KEYIDX=17.
        byte[] payload = Frames.bytes(0xB2, 0xF0, 0x80 | 0x12, 0x34, 0x56, 0b1011_0001, 0xAA);
        Vp8PayloadDescriptor d = Vp8PayloadDescriptor.parse(ByteBuffer.wrap(payload));
        assertThat(d.nonReference()).isTrue();
        assertThat(d.startOfPartition()).isTrue();
        assertThat(d.partitionIndex()).isEqualTo(2);
        assertThat(d.pictureId()).isEqualTo(0x1234);
        assertThat(d.pictureIdBits()).isEqualTo(15);
        assertThat(d.tl0PicIdx()).isEqualTo(0x56);
        assertThat(d.temporalLayer()).isEqualTo(2);
        assertThat(d.layerSync()).isTrue();
        assertThat(d.keyIndex()).isEqualTo(17);
        assertThat(d.size()).isEqualTo(6);
        assertThat(d.startsFrame()).isFalse();
    }

    @Test
    void descriptorWithSevenBitPictureIdOnly() throws RtpPayloadException {
        // RFC 7741 §4.2: "M: ... If set, the PictureID field MUST contain 15 bits; otherwise, it
        // MUST contain 7 bits." Pion's vp8_packet_test: {0x80, 0x80, 42} is "Header with PictureID".
        Vp8PayloadDescriptor d = Vp8PayloadDescriptor.parse(ByteBuffer.wrap(Frames.bytes(0x90, 0x80, 42, 0x00)));
        assertThat(d.pictureId()).isEqualTo(42);
        assertThat(d.pictureIdBits()).isEqualTo(7);
        assertThat(d.tl0PicIdx()).isEqualTo(-1);
        assertThat(d.temporalLayer()).isEqualTo(-1);
        assertThat(d.keyIndex()).isEqualTo(-1);
        assertThat(d.size()).isEqualTo(3);
        assertThat(d.startsFrame()).isTrue();
    }

    @Test
    void minimalDescriptorIsOneByte() throws RtpPayloadException {
        // Pion's vp8_packet_test: {0x00, 0x2a, 0x94} "witnessed in nature".
        Vp8PayloadDescriptor d = Vp8PayloadDescriptor.parse(ByteBuffer.wrap(Frames.bytes(0x00, 0x2a, 0x94)));
        assertThat(d.size()).isEqualTo(1);
        assertThat(d.pictureId()).isEqualTo(-1);
        assertThat(d.startsFrame()).isFalse();
    }

    @Test
    void truncatedDescriptorsAreRejected() {
        // Pion's vp8_packet_test: {0x81, 0x81, 0x94} ends inside a 15-bit picture ID; {0xff, 0xff,
        // 0x00, 0x00} ends before TL0PICIDX and TID.
        for (byte[] payload : List.of(Frames.bytes(), Frames.bytes(0x81, 0x81), Frames.bytes(0xff, 0xff, 0x00, 0x00),
                Frames.bytes(0x80), Frames.bytes(0x80, 0x40), Frames.bytes(0x80, 0x10))) {
            assertThatThrownBy(() -> Vp8PayloadDescriptor.parse(ByteBuffer.wrap(payload)))
                    .isInstanceOf(RtpPayloadException.class);
        }
    }

    @Test
    void packetizerWritesFifteenBitPictureIdAndStartBitOnFirstPayload() {
        Vp8Packetizer packetizer = new Vp8Packetizer(0x1234);
        List<RtpPayload> payloads = packetizer.packetize(ByteBuffer.wrap(Frames.bytes(1, 2, 3, 4, 5, 6, 7)), 8);
        // RFC 7741 §4.2: X=1, S=1 on the first packet; I=1; M=1 and a 15-bit picture ID.
        assertThat(payloads.get(0).toByteArray()).containsExactly(0x90, 0x80, 0x92, 0x34, 1, 2, 3, 4);
        assertThat(payloads.get(1).toByteArray()).containsExactly(0x80, 0x80, 0x92, 0x34, 5, 6, 7);
        assertThat(payloads).extracting(RtpPayload::marker).containsExactly(false, true);
        assertThat(packetizer.nextPictureId()).isEqualTo(0x1235);
    }

    @Test
    void pictureIdWrapsAfter15Bits() throws RtpPayloadException {
        Vp8Packetizer packetizer = new Vp8Packetizer(0x7FFF);
        packetizer.packetize(ByteBuffer.wrap(new byte[10]), 100);
        List<RtpPayload> next = packetizer.packetize(ByteBuffer.wrap(new byte[10]), 100);
        assertThat(Vp8PayloadDescriptor.parse(next.get(0).data()).pictureId()).isZero();
    }

    @ParameterizedTest
    @ValueSource(ints = {1100, 500, 100, 5})
    void keyFrameRoundTripsAtMtuSizes(int maxPayloadSize) throws RtpPayloadException {
        byte[] frame = Frames.vp8KeyFrame(random, 150_000 / (maxPayloadSize < 100 ? 100 : 1));
        List<RtpPayload> payloads = new Vp8Packetizer(77).packetize(ByteBuffer.wrap(frame), maxPayloadSize);
        assertThat(payloads).allSatisfy(p -> assertThat(p.size()).isLessThanOrEqualTo(maxPayloadSize));
        Vp8Depacketizer depacketizer = new Vp8Depacketizer();
        assertThat(depacketizer.isFrameStart(payloads.get(0).data())).isTrue();
        assertThat(depacketizer.isKeyFrame(payloads.get(0).data())).isTrue();
        assertThat(depacketizer.isFrameStart(payloads.get(1).data())).isFalse();
        assertThat(depacketizer.depacketize(Frames.buffers(payloads))).isEqualTo(frame);
    }

    @Test
    void interFrameIsNotKey() throws RtpPayloadException {
        byte[] frame = Frames.vp8InterFrame(random, 3000);
        List<RtpPayload> payloads = new Vp8Packetizer().packetize(ByteBuffer.wrap(frame), 1100);
        assertThat(new Vp8Depacketizer().isKeyFrame(payloads.get(0).data())).isFalse();
        assertThat(new Vp8Depacketizer().depacketize(Frames.buffers(payloads))).isEqualTo(frame);
    }

    @Test
    void frameExactlyFillingOnePayloadAndOneByteMore() {
        Vp8Packetizer packetizer = new Vp8Packetizer();
        assertThat(packetizer.packetize(ByteBuffer.wrap(new byte[96]), 100)).hasSize(1);
        assertThat(packetizer.packetize(ByteBuffer.wrap(new byte[97]), 100))
                .extracting(RtpPayload::size).containsExactly(100, 5);
        assertThat(packetizer.packetize(ByteBuffer.wrap(new byte[1]), 100)).hasSize(1);
        assertThatThrownBy(() -> packetizer.packetize(ByteBuffer.allocate(0), 100))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> packetizer.packetize(ByteBuffer.allocate(10), 4))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void depacketizerChecksTheFrameIsWhole() {
        Vp8Depacketizer depacketizer = new Vp8Depacketizer();
        byte[] start = Frames.bytes(0x90, 0x80, 0x81, 0x00, 0x01);
        byte[] middle = Frames.bytes(0x80, 0x80, 0x81, 0x00, 0x02);
        byte[] otherPicture = Frames.bytes(0x80, 0x80, 0x81, 0x01, 0x02);
        // Not starting at partition 0.
        assertThatThrownBy(() -> depacketizer.depacketize(Frames.buffers(middle)))
                .isInstanceOf(RtpPayloadException.class);
        // A second frame start inside the frame.
        assertThatThrownBy(() -> depacketizer.depacketize(Frames.buffers(start, start)))
                .isInstanceOf(RtpPayloadException.class);
        // Picture IDs that disagree.
        assertThatThrownBy(() -> depacketizer.depacketize(Frames.buffers(start, otherPicture)))
                .isInstanceOf(RtpPayloadException.class);
        // No data at all.
        assertThatThrownBy(() -> depacketizer.depacketize(Frames.buffers(Frames.bytes(0x10))))
                .isInstanceOf(RtpPayloadException.class);
        assertThatThrownBy(() -> depacketizer.depacketize(List.of())).isInstanceOf(RtpPayloadException.class);
        assertThatThrownBy(() -> depacketizer.isFrameStart(ByteBuffer.allocate(0)))
                .isInstanceOf(RtpPayloadException.class);
    }

    @Test
    void emptyPayloadInsideAFrameIsTolerated() throws RtpPayloadException {
        // Pion's vp8_packet_test keeps {0x00} (descriptor only) as seen from real senders.
        byte[] frame = new Vp8Depacketizer().depacketize(Frames.buffers(
                Frames.bytes(0x10, 0x01), Frames.bytes(0x00), Frames.bytes(0x00, 0x02)));
        assertThat(frame).containsExactly(0x01, 0x02);
    }

    @Test
    void depacketizerReadsFromBufferPositionsAndLeavesThem() throws RtpPayloadException {
        byte[] packet = Frames.bytes(0xEE, 0xEE, 0x10, 0x00, 0x42, 0xEE);
        ByteBuffer payload = ByteBuffer.wrap(packet, 2, 3);
        Vp8Depacketizer depacketizer = new Vp8Depacketizer();
        assertThat(depacketizer.depacketize(List.of(payload))).containsExactly(0x00, 0x42);
        assertThat(depacketizer.isKeyFrame(payload)).isTrue();
        assertThat(payload.position()).isEqualTo(2);
        assertThat(payload.limit()).isEqualTo(5);
    }
}
