package org.ortc4j.rtp.payload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class H264PayloadTest {

    /** A STAP-A with a Constrained Baseline SPS and a PPS, from Pion's h264_packet_test.go ("singlePayloadMultiNALU"). */
    private static final byte[] PION_STAP_A = Frames.bytes(
            0x78, 0x00, 0x0f, 0x67, 0x42, 0xc0, 0x1f, 0x1a, 0x32, 0x35, 0x01, 0x40, 0x7a, 0x40,
            0x3c, 0x22, 0x11, 0xa8, 0x00, 0x05, 0x68, 0x1a, 0x34, 0xe3, 0xc8);
    private static final byte[] SPS = Frames.bytes(
            0x67, 0x42, 0xc0, 0x1f, 0x1a, 0x32, 0x35, 0x01, 0x40, 0x7a, 0x40, 0x3c, 0x22, 0x11, 0xa8);
    private static final byte[] PPS = Frames.bytes(0x68, 0x1a, 0x34, 0xe3, 0xc8);
    private static final byte[] START = {0, 0, 0, 1};

    private final Random random = new Random(6184);

    @Test
    void stapAOfSpsAndPpsBecomesAnnexB() throws RtpPayloadException {
        H264Depacketizer depacketizer = new H264Depacketizer();
        byte[] frame = depacketizer.depacketize(Frames.buffers(PION_STAP_A));
        assertThat(frame).isEqualTo(Frames.annexB(SPS, PPS));
        assertThat(H264Depacketizer.nalUnitTypes(ByteBuffer.wrap(PION_STAP_A))).isEqualTo((1 << 7) | (1 << 8));
        assertThat(depacketizer.isFrameStart(ByteBuffer.wrap(PION_STAP_A))).isTrue();
        assertThat(depacketizer.isKeyFrame(ByteBuffer.wrap(PION_STAP_A))).isFalse();
    }

    @Test
    void packetizerAggregatesSpsPpsAndSmallIdrInOneStapA() {
        // RFC 6184 §5.7.1 Figure 7: STAP-A NAL HDR, then per NAL unit a 16-bit size and the NAL unit.
        byte[] idr = Frames.bytes(0x65, 0x88, 0x84);
        List<RtpPayload> payloads = new H264Packetizer(H264PacketizationMode.NON_INTERLEAVED)
                .packetize(ByteBuffer.wrap(Frames.annexB(SPS, PPS, idr)), 1100);
        assertThat(payloads).hasSize(1);
        // NRI = 3 (the maximum of the three), type 24.
        byte[] expected = Frames.concat(Frames.bytes(0x78, 0x00, 0x0f), SPS, Frames.bytes(0x00, 0x05), PPS,
                Frames.bytes(0x00, 0x03), idr);
        assertThat(payloads.get(0).toByteArray()).isEqualTo(expected);
        assertThat(payloads.get(0).marker()).isTrue();
    }

    @Test
    void stapANriIsTheMaximumOfItsNalUnits() {
        byte[] sei = Frames.bytes(0x06, 0x05, 0x01); // NRI 0
        byte[] slice = Frames.bytes(0x41, 0x9a, 0x02); // NRI 2, non-IDR slice
        List<RtpPayload> payloads = new H264Packetizer(H264PacketizationMode.NON_INTERLEAVED)
                .packetize(ByteBuffer.wrap(Frames.annexB(sei, slice)), 100);
        assertThat(payloads.get(0).toByteArray()[0]).isEqualTo((byte) 0x58);
    }

    @Test
    void largeNalUnitIsSplitIntoFuAFragments() throws RtpPayloadException {
        // RFC 6184 §5.8 Figure 14: FU indicator (F, NRI, type 28), FU header (S, E, R, type).
        byte[] idr = Frames.nal(random, 3, 5, 10);
        List<RtpPayload> payloads = new H264Packetizer(H264PacketizationMode.NON_INTERLEAVED)
                .packetize(ByteBuffer.wrap(Frames.annexB(idr)), 6);
        assertThat(payloads).extracting(RtpPayload::size).containsExactly(6, 6, 3);
        assertThat(payloads.get(0).toByteArray()).startsWith(0x7C, 0x85).endsWith(idr[1], idr[2], idr[3], idr[4]);
        assertThat(payloads.get(1).toByteArray()).startsWith(0x7C, 0x05);
        assertThat(payloads.get(2).toByteArray()).startsWith(0x7C, 0x45);
        assertThat(payloads).extracting(RtpPayload::marker).containsExactly(false, false, true);
        H264Depacketizer depacketizer = new H264Depacketizer();
        assertThat(depacketizer.isFrameStart(payloads.get(0).data())).isTrue();
        assertThat(depacketizer.isFrameStart(payloads.get(1).data())).isFalse();
        assertThat(depacketizer.isKeyFrame(payloads.get(2).data())).isTrue();
        assertThat(depacketizer.depacketize(Frames.buffers(payloads))).isEqualTo(Frames.annexB(idr));
    }

    @ParameterizedTest
    @ValueSource(ints = {1100, 500, 100})
    void idrAccessUnitRoundTripsAtMtuSizes(int maxPayloadSize) throws RtpPayloadException {
        byte[] sei = Frames.nal(random, 0, 6, 30);
        byte[] idr1 = Frames.nal(random, 3, 5, 100_000);
        byte[] idr2 = Frames.nal(random, 3, 5, 50_000);
        byte[] accessUnit = Frames.annexB(SPS, PPS, sei, idr1, idr2);
        List<RtpPayload> payloads = new H264Packetizer(H264PacketizationMode.NON_INTERLEAVED)
                .packetize(ByteBuffer.wrap(accessUnit), maxPayloadSize);
        assertThat(payloads).allSatisfy(p -> assertThat(p.size()).isLessThanOrEqualTo(maxPayloadSize));
        assertThat(payloads.subList(0, payloads.size() - 1)).noneMatch(RtpPayload::marker);
        assertThat(payloads.get(payloads.size() - 1).marker()).isTrue();
        assertThat(new H264Depacketizer().depacketize(Frames.buffers(payloads))).isEqualTo(accessUnit);
    }

    @Test
    void nalUnitExactlyFillingAPayloadIsSentAloneOneByteMoreIsFragmented() {
        H264Packetizer packetizer = new H264Packetizer(H264PacketizationMode.NON_INTERLEAVED);
        byte[] exact = Frames.nal(random, 2, 1, 100);
        assertThat(packetizer.packetize(ByteBuffer.wrap(Frames.annexB(exact)), 100))
                .singleElement().satisfies(p -> assertThat(p.toByteArray()).isEqualTo(exact));
        byte[] oneMore = Frames.nal(random, 2, 1, 101);
        List<RtpPayload> payloads = packetizer.packetize(ByteBuffer.wrap(Frames.annexB(oneMore)), 100);
        // The NAL unit header travels in the FU indicator and header: 100 data bytes as 98 + 2.
        assertThat(payloads).extracting(RtpPayload::size).containsExactly(100, 4);
    }

    @Test
    void singleNalUnitModeSendsEachNalUnitAloneAndRejectsLargeOnes() throws RtpPayloadException {
        H264Packetizer packetizer = new H264Packetizer(H264PacketizationMode.SINGLE_NAL_UNIT);
        byte[] idr = Frames.nal(random, 3, 5, 500);
        List<RtpPayload> payloads = packetizer.packetize(ByteBuffer.wrap(Frames.annexB(SPS, PPS, idr)), 1100);
        assertThat(payloads).extracting(RtpPayload::toByteArray).containsExactly(SPS, PPS, idr);
        assertThat(new H264Depacketizer().depacketize(Frames.buffers(payloads))).isEqualTo(Frames.annexB(SPS, PPS, idr));
        assertThatThrownBy(() -> packetizer.packetize(ByteBuffer.wrap(Frames.annexB(idr)), 499))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void threeByteStartCodesAudsAndTrailingZerosAreHandled() {
        byte[] aud = Frames.bytes(0x09, 0xf0);
        byte[] slice = Frames.bytes(0x41, 0x9a, 0x02);
        byte[] stream = Frames.concat(Frames.bytes(0, 0, 1), aud, Frames.bytes(0, 0, 1), slice, Frames.bytes(0, 0));
        List<RtpPayload> payloads = new H264Packetizer(H264PacketizationMode.NON_INTERLEAVED)
                .packetize(ByteBuffer.wrap(stream), 100);
        assertThat(payloads).singleElement().satisfies(p -> assertThat(p.toByteArray()).isEqualTo(slice));
        assertThatThrownBy(() -> new H264Packetizer(H264PacketizationMode.NON_INTERLEAVED)
                .packetize(ByteBuffer.wrap(Frames.bytes(0x41, 0x9a)), 100)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new H264Packetizer(H264PacketizationMode.NON_INTERLEAVED)
                .packetize(ByteBuffer.wrap(Frames.annexB(aud)), 100)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void packetizerResendsRememberedSpsAndPpsBeforeAnIdrWithout() {
        H264Packetizer packetizer = new H264Packetizer(H264PacketizationMode.NON_INTERLEAVED);
        packetizer.packetize(ByteBuffer.wrap(Frames.annexB(SPS, PPS, Frames.bytes(0x65, 1))), 1100);
        List<RtpPayload> next = packetizer.packetize(ByteBuffer.wrap(Frames.annexB(Frames.bytes(0x65, 2))), 1100);
        assertThat(next.get(0).toByteArray()).isEqualTo(Frames.concat(Frames.bytes(0x78, 0x00, 0x0f), SPS,
                Frames.bytes(0x00, 0x05), PPS, Frames.bytes(0x00, 0x02, 0x65, 2)));
        List<RtpPayload> inter = packetizer.packetize(ByteBuffer.wrap(Frames.annexB(Frames.bytes(0x41, 3))), 1100);
        assertThat(inter.get(0).toByteArray()).containsExactly(0x41, 3);
    }

    @Test
    void depacketizerPrependsRememberedSpsAndPpsToAnIdrWithout() throws RtpPayloadException {
        H264Depacketizer depacketizer = new H264Depacketizer();
        depacketizer.depacketize(Frames.buffers(PION_STAP_A));
        byte[] idr = Frames.bytes(0x65, 0x88, 0x84);
        assertThat(depacketizer.depacketize(Frames.buffers(idr))).isEqualTo(Frames.annexB(SPS, PPS, idr));
        byte[] slice = Frames.bytes(0x41, 0x9a);
        assertThat(depacketizer.depacketize(Frames.buffers(slice))).isEqualTo(Frames.annexB(slice));
        // Without remembered parameter sets the IDR comes out alone.
        assertThat(new H264Depacketizer().depacketize(Frames.buffers(idr))).isEqualTo(Frames.annexB(idr));
    }

    @Test
    void malformedPayloadsAreRejected() {
        H264Depacketizer depacketizer = new H264Depacketizer();
        List<byte[]> malformed = List.of(
                Frames.bytes(), // empty
                Frames.bytes(0x00, 0x01), // type 0 undefined
                Frames.bytes(0x1e, 0x01), // type 30 undefined
                Frames.bytes(0x19, 0x00, 0x00), // STAP-B: mode 2 only
                Frames.bytes(0x1a, 0x00), // MTAP16
                Frames.bytes(0x1d, 0x80, 0x01), // FU-B
                Frames.bytes(0x78), // STAP-A without NAL units
                Frames.bytes(0x78, 0x00), // STAP-A size cut
                Frames.bytes(0x78, 0x00, 0x00), // STAP-A NAL unit of size 0
                Frames.bytes(0x78, 0x00, 0x05, 0x67, 0x42), // STAP-A size beyond the payload
                Frames.bytes(0x7c), // FU-A without FU header
                Frames.bytes(0x7c, 0x85), // FU-A without data
                Frames.bytes(0x7c, 0xc5, 0x01), // S and E both set
                Frames.bytes(0x7c, 0x85, 0x01), // FU-A start without end
                Frames.bytes(0x7c, 0x45, 0x01)); // FU-A end without start
        for (byte[] payload : malformed) {
            assertThatThrownBy(() -> depacketizer.depacketize(Frames.buffers(payload)))
                    .as("payload %s", java.util.Arrays.toString(payload))
                    .isInstanceOf(RtpPayloadException.class);
        }
        // A fragment interrupted by another NAL unit, or continued with another type.
        assertThatThrownBy(() -> depacketizer.depacketize(Frames.buffers(
                Frames.bytes(0x7c, 0x85, 0x01), Frames.bytes(0x41, 0x01)))).isInstanceOf(RtpPayloadException.class);
        assertThatThrownBy(() -> depacketizer.depacketize(Frames.buffers(
                Frames.bytes(0x7c, 0x85, 0x01), Frames.bytes(0x7c, 0x41, 0x01)))).isInstanceOf(RtpPayloadException.class);
        assertThatThrownBy(() -> depacketizer.depacketize(List.of())).isInstanceOf(RtpPayloadException.class);
        assertThatThrownBy(() -> H264Depacketizer.nalUnitTypes(ByteBuffer.wrap(Frames.bytes(0x78, 0x00, 0x09, 0x67))))
                .isInstanceOf(RtpPayloadException.class);
    }

    @Test
    void packetizersReadFramesAtAnyPositionInHeapAndDirectBuffers() throws RtpPayloadException {
        byte[] accessUnit = Frames.annexB(SPS, PPS, Frames.nal(random, 3, 5, 3000));
        byte[] padded = Frames.concat(Frames.bytes(9, 9, 9), accessUnit, Frames.bytes(9));
        ByteBuffer sliced = ByteBuffer.wrap(padded, 3, accessUnit.length).slice();
        ByteBuffer positioned = ByteBuffer.wrap(padded, 3, accessUnit.length);
        ByteBuffer direct = ByteBuffer.allocateDirect(padded.length).put(padded);
        direct.position(3).limit(3 + accessUnit.length);
        for (ByteBuffer frame : List.of(sliced, positioned, direct, positioned.asReadOnlyBuffer())) {
            int position = frame.position();
            List<RtpPayload> payloads = new H264Packetizer(H264PacketizationMode.NON_INTERLEAVED).packetize(frame, 1100);
            assertThat(new H264Depacketizer().depacketize(Frames.buffers(payloads))).isEqualTo(accessUnit);
            assertThat(frame.position()).isEqualTo(position);
            List<RtpPayload> vp8 = new Vp8Packetizer().packetize(frame, 1100);
            assertThat(new Vp8Depacketizer().depacketize(Frames.buffers(vp8))).isEqualTo(accessUnit);
            List<RtpPayload> vp9 = new Vp9Packetizer().packetize(frame, 1100);
            assertThat(new Vp9Depacketizer().depacketize(Frames.buffers(vp9))).isEqualTo(accessUnit);
        }
    }

    @Test
    void outputIsBoundedByTheInput() throws RtpPayloadException {
        // One-byte NAL units in a STAP-A grow most: 3 input bytes become 5.
        byte[] stap = new byte[1 + 3 * 400];
        stap[0] = 0x78;
        for (int i = 0; i < 400; i++) {
            stap[1 + 3 * i + 1] = 1;
            stap[1 + 3 * i + 2] = 0x41;
        }
        byte[] frame = new H264Depacketizer().depacketize(Frames.buffers(stap));
        assertThat(frame).hasSize(400 * (START.length + 1));
    }
}
