package org.ortc4j.rtp.payload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Vp9PayloadTest {

    private final Random random = new Random(9628);

    private static Vp9PayloadDescriptor parse(int... bytes) throws RtpPayloadException {
        return Vp9PayloadDescriptor.parse(ByteBuffer.wrap(Frames.bytes(bytes)));
    }

    @Test
    void nonFlexibleModeLayerIndicesAreFollowedByTl0PicIdx() throws RtpPayloadException {
        // Pion's vp9_packet_test "NonFlexibleLayerIndicePictureID": I L; PID 2; TID 1 SID 1 D; TL0PICIDX 1.
        Vp9PayloadDescriptor d = parse(0xA0, 0x02, 0x23, 0x01, 0xAA);
        assertThat(d.flexibleMode()).isFalse();
        assertThat(d.pictureId()).isEqualTo(2);
        assertThat(d.pictureIdBits()).isEqualTo(7);
        assertThat(d.temporalLayer()).isEqualTo(1);
        assertThat(d.spatialLayer()).isEqualTo(1);
        assertThat(d.interLayerDependency()).isTrue();
        assertThat(d.switchingUpPoint()).isFalse();
        assertThat(d.tl0PicIdx()).isEqualTo(1);
        assertThat(d.size()).isEqualTo(4);
    }

    @Test
    void flexibleModeHasNoTl0PicIdx() throws RtpPayloadException {
        // Pion's "FlexibleLayerIndicePictureID": the same bytes with F = 1; 0x01 is VP9 data now.
        Vp9PayloadDescriptor d = parse(0xB0, 0x02, 0x23, 0x01, 0xAA);
        assertThat(d.flexibleMode()).isTrue();
        assertThat(d.tl0PicIdx()).isEqualTo(-1);
        assertThat(d.size()).isEqualTo(3);
    }

    @Test
    void flexibleModeReferencesAreUpToThreePDiffs() throws RtpPayloadException {
        // Pion's "FlexiblePictureIDRefIndex": I P F; PID 2; P_DIFF 1 with N; P_DIFF 2.
        Vp9PayloadDescriptor d = parse(0xD0, 0x02, 0x03, 0x04, 0xAA);
        assertThat(d.interPicturePredicted()).isTrue();
        assertThat(d.referenceCount()).isEqualTo(2);
        assertThat(d.referenceDiff(0)).isEqualTo(1);
        assertThat(d.referenceDiff(1)).isEqualTo(2);
        assertThat(d.size()).isEqualTo(4);
        // RFC 9628 §4.2: at most three; Pion's "FlexiblePictureIDRefIndex_TooManyPDiff".
        assertThatThrownBy(() -> parse(0xD0, 0x02, 0x03, 0x05, 0x07, 0x09, 0x10, 0xAA))
                .isInstanceOf(RtpPayloadException.class);
    }

    @Test
    void fifteenBitPictureId() throws RtpPayloadException {
        // Pion's "NonFlexiblePictureIDExt".
        assertThat(parse(0x80, 0x81, 0xFF, 0xAA).pictureId()).isEqualTo(0x01FF);
        assertThat(parse(0x80, 0x81, 0xFF, 0xAA).pictureIdBits()).isEqualTo(15);
        assertThat(parse(0x00, 0xAA).pictureId()).isEqualTo(-1);
    }

    @Test
    void scalabilityStructureWithResolutionsAndPictureGroup() throws RtpPayloadException {
        // RFC 9628 §4.2.1 layout: N_S = 1 (two spatial layers), Y, G; 640x360 and 1280x720; N_G = 2:
        // TID 0 U 0 R 1 P_DIFF 2; TID 1 U 1 R 1 P_DIFF 1.
        Vp9PayloadDescriptor d = parse(0x8A, 0x05, 0b0011_1000, 0x02, 0x80, 0x01, 0x68, 0x05, 0x00, 0x02, 0xD0,
                0x02, 0b0000_0100, 0x02, 0b0011_0100, 0x01, 0xAA);
        assertThat(d.startOfFrame()).isTrue();
        Vp9ScalabilityStructure ss = d.scalabilityStructure();
        assertThat(ss.spatialLayers()).isEqualTo(2);
        assertThat(ss.hasResolutions()).isTrue();
        assertThat(ss.width(0)).isEqualTo(640);
        assertThat(ss.height(0)).isEqualTo(360);
        assertThat(ss.width(1)).isEqualTo(1280);
        assertThat(ss.height(1)).isEqualTo(720);
        assertThat(ss.pictureGroupSize()).isEqualTo(2);
        assertThat(ss.temporalLayer(1)).isEqualTo(1);
        assertThat(ss.switchingUpPoint(1)).isTrue();
        assertThat(ss.referenceCount(0)).isEqualTo(1);
        assertThat(ss.referenceDiff(0, 0)).isEqualTo(2);
        assertThat(d.size()).isEqualTo(16);
    }

    @Test
    void truncatedDescriptorsAreRejected() {
        for (byte[] payload : List.of(Frames.bytes(), Frames.bytes(0x80), Frames.bytes(0x80, 0x81),
                Frames.bytes(0xA0, 0x02, 0x23), Frames.bytes(0xD0, 0x02, 0x03), Frames.bytes(0x02),
                Frames.bytes(0x02, 0x10, 0x02, 0x80), Frames.bytes(0x02, 0x08), Frames.bytes(0x02, 0x08, 0x01, 0x04))) {
            assertThatThrownBy(() -> Vp9PayloadDescriptor.parse(ByteBuffer.wrap(payload)))
                    .isInstanceOf(RtpPayloadException.class);
        }
    }

    @Test
    void keyFrameFirstPayloadCarriesScalabilityStructureWithResolution() throws RtpPayloadException {
        byte[] frame = Frames.vp9KeyFrame(random, 3000);
        List<RtpPayload> payloads = new Vp9Packetizer(0x1234).packetize(ByteBuffer.wrap(frame), 1100);
        byte[] first = payloads.get(0).toByteArray();
        // I B V; M PID; SS: N_S 0, Y, G; 1920, 1080; N_G 1; TID 0 U 0 R 1; P_DIFF 1.
        assertThat(first).startsWith(0x8A, 0x92, 0x34, 0x18, 0x07, 0x80, 0x04, 0x38, 0x01, 0x04, 0x01, 0x82, 0x49);
        Vp9PayloadDescriptor d = Vp9PayloadDescriptor.parse(payloads.get(0).data());
        assertThat(d.scalabilityStructure()).isEqualTo(Vp9ScalabilityStructure.singleLayer(1920, 1080));
        assertThat(Vp9PayloadDescriptor.parse(payloads.get(1).data()).scalabilityStructure()).isNull();
        Vp9PayloadDescriptor last = Vp9PayloadDescriptor.parse(payloads.get(payloads.size() - 1).data());
        assertThat(last.endOfFrame()).isTrue();
        assertThat(last.startOfFrame()).isFalse();
        Vp9Depacketizer depacketizer = new Vp9Depacketizer();
        assertThat(depacketizer.isKeyFrame(payloads.get(0).data())).isTrue();
        assertThat(depacketizer.isFrameStart(payloads.get(0).data())).isTrue();
        assertThat(depacketizer.isFrameStart(payloads.get(1).data())).isFalse();
    }

    @Test
    void interFrameHasPBitAndNoScalabilityStructure() throws RtpPayloadException {
        byte[] frame = Frames.vp9InterFrame(random, 50);
        List<RtpPayload> payloads = new Vp9Packetizer(5).packetize(ByteBuffer.wrap(frame), 1100);
        // I P B E; 15-bit PID 5.
        assertThat(payloads).singleElement().satisfies(p -> assertThat(p.toByteArray()).startsWith(0xCC, 0x80, 0x05));
        assertThat(new Vp9Depacketizer().isKeyFrame(payloads.get(0).data())).isFalse();
    }

    @Test
    void flexibleModeInterFramesReferenceThePreviousPicture() throws RtpPayloadException {
        Vp9Packetizer packetizer = new Vp9Packetizer(7, true);
        assertThat(packetizer.flexibleMode()).isTrue();
        List<RtpPayload> key = packetizer.packetize(ByteBuffer.wrap(Frames.vp9KeyFrame(random, 50)), 1100);
        // I F B E V; PID 7; SS: N_S 0, Y, no G; 1920x1080.
        assertThat(key.get(0).toByteArray()).startsWith(0x9E, 0x80, 0x07, 0x10, 0x07, 0x80, 0x04, 0x38, 0x82);
        List<RtpPayload> inter = packetizer.packetize(ByteBuffer.wrap(Frames.vp9InterFrame(random, 50)), 1100);
        // I P F B E; PID 8; P_DIFF 1, N = 0.
        assertThat(inter.get(0).toByteArray()).startsWith(0xDC, 0x80, 0x08, 0x02, 0x86);
        Vp9PayloadDescriptor d = Vp9PayloadDescriptor.parse(inter.get(0).data());
        assertThat(d.flexibleMode()).isTrue();
        assertThat(d.referenceCount()).isEqualTo(1);
        assertThat(d.referenceDiff(0)).isEqualTo(1);
        Vp9Depacketizer depacketizer = new Vp9Depacketizer();
        assertThat(depacketizer.isKeyFrame(key.get(0).data())).isTrue();
        assertThat(depacketizer.isKeyFrame(inter.get(0).data())).isFalse();
        byte[] big = Frames.vp9InterFrame(random, 5000);
        assertThat(depacketizer.depacketize(Frames.buffers(packetizer.packetize(ByteBuffer.wrap(big), 500)))).isEqualTo(big);
    }

    @ParameterizedTest
    @ValueSource(ints = {1100, 500, 100, 12})
    void framesRoundTripAtMtuSizes(int maxPayloadSize) throws RtpPayloadException {
        Vp9Packetizer packetizer = new Vp9Packetizer(0x7FFF);
        Vp9Depacketizer depacketizer = new Vp9Depacketizer();
        for (byte[] frame : List.of(Frames.vp9KeyFrame(random, 150_000 / (maxPayloadSize < 100 ? 50 : 1)),
                Frames.vp9InterFrame(random, 20_000), Frames.vp9InterFrame(random, 1))) {
            List<RtpPayload> payloads = packetizer.packetize(ByteBuffer.wrap(frame), maxPayloadSize);
            assertThat(payloads).allSatisfy(p -> assertThat(p.size()).isLessThanOrEqualTo(maxPayloadSize));
            assertThat(payloads).filteredOn(RtpPayload::marker).hasSize(1);
            assertThat(payloads.get(payloads.size() - 1).marker()).isTrue();
            assertThat(depacketizer.depacketize(Frames.buffers(payloads))).isEqualTo(frame);
        }
        assertThat(packetizer.nextPictureId()).isEqualTo(2);
    }

    @Test
    void frameExactlyFillingOnePayloadAndOneByteMore() {
        Vp9Packetizer packetizer = new Vp9Packetizer();
        assertThat(packetizer.packetize(ByteBuffer.wrap(Frames.vp9InterFrame(random, 97)), 100)).hasSize(1);
        assertThat(packetizer.packetize(ByteBuffer.wrap(Frames.vp9InterFrame(random, 98)), 100))
                .extracting(RtpPayload::size).containsExactly(100, 4);
        assertThatThrownBy(() -> packetizer.packetize(ByteBuffer.allocate(0), 100))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> packetizer.packetize(ByteBuffer.wrap(Frames.vp9KeyFrame(random, 20)), 11))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void depacketizerChecksLayerFramesAreWhole() {
        Vp9Depacketizer depacketizer = new Vp9Depacketizer();
        byte[] whole = Frames.bytes(0x8C, 0x01, 0xAA); // I B E
        byte[] start = Frames.bytes(0x88, 0x01, 0xAA); // I B
        byte[] middle = Frames.bytes(0x80, 0x01, 0xAA); // I
        byte[] end = Frames.bytes(0x84, 0x01, 0xAA); // I E
        byte[] otherPicture = Frames.bytes(0x84, 0x02, 0xAA);
        assertThatThrownBy(() -> depacketizer.depacketize(Frames.buffers(middle, end))).isInstanceOf(RtpPayloadException.class);
        assertThatThrownBy(() -> depacketizer.depacketize(Frames.buffers(start, middle))).isInstanceOf(RtpPayloadException.class);
        assertThatThrownBy(() -> depacketizer.depacketize(Frames.buffers(start, whole))).isInstanceOf(RtpPayloadException.class);
        assertThatThrownBy(() -> depacketizer.depacketize(Frames.buffers(whole, end))).isInstanceOf(RtpPayloadException.class);
        assertThatThrownBy(() -> depacketizer.depacketize(Frames.buffers(start, otherPicture))).isInstanceOf(RtpPayloadException.class);
        assertThatThrownBy(() -> depacketizer.depacketize(Frames.buffers(Frames.bytes(0x8C, 0x01)))).isInstanceOf(RtpPayloadException.class);
        assertThatThrownBy(() -> depacketizer.depacketize(List.of())).isInstanceOf(RtpPayloadException.class);
    }

    @Test
    void spatialLayerFramesOfOnePictureAreJoined() throws RtpPayloadException {
        // Two layer frames of picture 1: SID 0 (B E) then SID 1 (B E, D), non-flexible with TL0PICIDX.
        byte[] base = Frames.bytes(0xAC, 0x01, 0x00, 0x07, 0x11);
        byte[] upper = Frames.bytes(0xEC, 0x01, 0x03, 0x07, 0x22);
        Vp9Depacketizer depacketizer = new Vp9Depacketizer();
        assertThat(depacketizer.depacketize(Frames.buffers(base, upper))).containsExactly(0x11, 0x22);
        assertThat(depacketizer.isFrameStart(ByteBuffer.wrap(base))).isTrue();
        assertThat(depacketizer.isFrameStart(ByteBuffer.wrap(upper))).isFalse();
        assertThat(depacketizer.isKeyFrame(ByteBuffer.wrap(base))).isTrue();
        assertThat(depacketizer.isKeyFrame(ByteBuffer.wrap(upper))).isFalse();
    }
}
