package org.ortc4j.rtp.payload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Av1PayloadTest {

    private static final int SEQUENCE_HEADER = 1;
    private static final int TEMPORAL_DELIMITER = 2;
    private static final int FRAME = 6;
    private static final int TILE_LIST = 8;

    private final Random random = new Random(0xA1);

    @Test
    void aggregationHeaderBits() throws RtpPayloadException {
        // §4.4: |Z|Y| W |N|-|-|-|
        Av1AggregationHeader header = Av1AggregationHeader.parse(ByteBuffer.wrap(Frames.bytes(0b1110_1000)));
        assertThat(header).isEqualTo(new Av1AggregationHeader(true, true, 2, true));
        assertThat(header.toByte()).isEqualTo(0b1110_1000);
        assertThat(new Av1AggregationHeader(false, false, 0, false).toByte()).isZero();
        assertThatThrownBy(() -> Av1AggregationHeader.parse(ByteBuffer.allocate(0))).isInstanceOf(RtpPayloadException.class);
    }

    @Test
    void keyTemporalUnitFitsOnePayloadWithoutTemporalDelimiterAndSizeFields() throws RtpPayloadException {
        byte[] sequenceHeader = Frames.random(random, 10);
        byte[] frame = Frames.random(random, 50);
        byte[] temporalUnit = Frames.concat(Frames.obu(TEMPORAL_DELIMITER, new byte[0]),
                Frames.obu(SEQUENCE_HEADER, sequenceHeader), Frames.obu(FRAME, frame));
        List<RtpPayload> payloads = new Av1Packetizer().packetize(ByteBuffer.wrap(temporalUnit), 1100);
        assertThat(payloads).hasSize(1);
        // Z = 0, Y = 0, W = 2, N = 1 (a sequence header starts a coded video sequence); the first
        // element has a length (1 + 10), the last none; OBU headers have obu_has_size_field = 0.
        byte[] expected = Frames.concat(Frames.bytes(0x28, 11, SEQUENCE_HEADER << 3), sequenceHeader,
                Frames.bytes(FRAME << 3), frame);
        assertThat(payloads.get(0).toByteArray()).isEqualTo(expected);
        assertThat(payloads.get(0).marker()).isTrue();
        Av1Depacketizer depacketizer = new Av1Depacketizer();
        assertThat(depacketizer.isKeyFrame(payloads.get(0).data())).isTrue();
        assertThat(depacketizer.isFrameStart(payloads.get(0).data())).isTrue();
        // Back in the low-overhead format, minus the temporal delimiter.
        assertThat(depacketizer.depacketize(Frames.buffers(payloads)))
                .isEqualTo(Frames.concat(Frames.obu(SEQUENCE_HEADER, sequenceHeader), Frames.obu(FRAME, frame)));
    }

    @Test
    void largeObuIsFragmentedWithZAndYBits() throws RtpPayloadException {
        byte[] frame = Frames.random(random, 3000);
        byte[] temporalUnit = Frames.obu(FRAME, frame);
        List<RtpPayload> payloads = new Av1Packetizer().packetize(ByteBuffer.wrap(temporalUnit), 1100);
        assertThat(payloads).hasSize(3);
        Av1Depacketizer depacketizer = new Av1Depacketizer();
        List<Av1AggregationHeader> headers = new java.util.ArrayList<>();
        for (RtpPayload payload : payloads) {
            headers.add(Av1AggregationHeader.parse(payload.data()));
        }
        assertThat(headers).containsExactly(new Av1AggregationHeader(false, true, 1, false),
                new Av1AggregationHeader(true, true, 1, false), new Av1AggregationHeader(true, false, 1, false));
        assertThat(depacketizer.isFrameStart(payloads.get(0).data())).isTrue();
        assertThat(depacketizer.isFrameStart(payloads.get(1).data())).isFalse();
        assertThat(depacketizer.isKeyFrame(payloads.get(0).data())).isFalse();
        assertThat(payloads).extracting(RtpPayload::marker).containsExactly(false, false, true);
        assertThat(depacketizer.depacketize(Frames.buffers(payloads))).isEqualTo(temporalUnit);
    }

    @ParameterizedTest
    @ValueSource(ints = {1100, 500, 100, 3})
    void temporalUnitsRoundTripAtMtuSizes(int maxPayloadSize) throws RtpPayloadException {
        int scale = maxPayloadSize < 100 ? 100 : 1;
        byte[] temporalUnit = Frames.concat(
                Frames.obu(TEMPORAL_DELIMITER, new byte[0]),
                Frames.obu(SEQUENCE_HEADER, Frames.random(random, 12)),
                Frames.obu(FRAME, 0x08, Frames.random(random, 100_000 / scale)), // temporal 0, spatial 1
                Frames.obu(3, Frames.random(random, 1)), // frame header
                Frames.obu(4, Frames.random(random, 50_000 / scale)), // tile group
                Frames.obu(5, new byte[0])); // metadata, empty payload
        List<RtpPayload> payloads = new Av1Packetizer().packetize(ByteBuffer.wrap(temporalUnit), maxPayloadSize);
        assertThat(payloads).allSatisfy(p -> assertThat(p.size()).isLessThanOrEqualTo(maxPayloadSize));
        assertThat(payloads.get(payloads.size() - 1).marker()).isTrue();
        byte[] withoutDelimiter = java.util.Arrays.copyOfRange(temporalUnit, 2, temporalUnit.length);
        assertThat(new Av1Depacketizer().depacketize(Frames.buffers(payloads))).isEqualTo(withoutDelimiter);
    }

    @Test
    void obuExactlyFillingOnePayloadAndOneByteMore() {
        Av1Packetizer packetizer = new Av1Packetizer();
        // One element of 1 + 98 bytes: aggregation header + a length byte counted conservatively.
        assertThat(packetizer.packetize(ByteBuffer.wrap(Frames.obu(FRAME, new byte[97])), 100)).hasSize(1);
        assertThat(packetizer.packetize(ByteBuffer.wrap(Frames.obu(FRAME, new byte[98])), 100)).hasSize(2);
        assertThat(packetizer.packetize(ByteBuffer.wrap(Frames.obu(FRAME, new byte[0])), 100)).hasSize(1);
        assertThatThrownBy(() -> packetizer.packetize(ByteBuffer.wrap(Frames.obu(TEMPORAL_DELIMITER, new byte[0])), 100))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> packetizer.packetize(ByteBuffer.wrap(Frames.bytes(0x32, 0x05, 1)), 100))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> packetizer.packetize(ByteBuffer.wrap(Frames.bytes(0xB2, 0x00)), 100))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void obusOfDifferentLayersGoInDifferentPayloads() throws RtpPayloadException {
        // §5: OBUs with extension headers in one packet have the same temporal_id and spatial_id;
        // the spec's example: [ SH MD MD(0,0) FH(0,0) TG(0,0) ] [ MD(0,1) FH(0,1) TG(0,1) ].
        int layer00 = 0x00;
        int layer01 = 0x08;
        byte[] temporalUnit = Frames.concat(
                Frames.obu(TEMPORAL_DELIMITER, new byte[0]),
                Frames.obu(SEQUENCE_HEADER, Frames.random(random, 8)),
                Frames.obu(5, Frames.random(random, 4)),
                Frames.obu(5, layer00, Frames.random(random, 4)),
                Frames.obu(3, layer00, Frames.random(random, 6)),
                Frames.obu(4, layer00, Frames.random(random, 30)),
                Frames.obu(5, layer01, Frames.random(random, 4)),
                Frames.obu(3, layer01, Frames.random(random, 6)),
                Frames.obu(4, layer01, Frames.random(random, 30)));
        List<RtpPayload> payloads = new Av1Packetizer().packetize(ByteBuffer.wrap(temporalUnit), 1100);
        assertThat(payloads).hasSize(2);
        assertThat(Av1AggregationHeader.parse(payloads.get(0).data()))
                .isEqualTo(new Av1AggregationHeader(false, false, 0, true));
        assertThat(Av1AggregationHeader.parse(payloads.get(1).data()))
                .isEqualTo(new Av1AggregationHeader(false, false, 3, false));
        assertThat(new Av1Depacketizer().depacketize(Frames.buffers(payloads)))
                .isEqualTo(java.util.Arrays.copyOfRange(temporalUnit, 2, temporalUnit.length));
    }

    @Test
    void elementsWithLengthFieldsWhenWIsZero() throws RtpPayloadException {
        // W = 0: every element is preceded by its LEB128 length; an OBU with extension byte (0x0C | ext).
        byte[] payload = Frames.bytes(0x00, 3, FRAME << 3 | 0x04, 0x28, 0xAB, 2, 3 << 3, 0xCD);
        byte[] frame = new Av1Depacketizer().depacketize(Frames.buffers(payload));
        assertThat(frame).containsExactly(FRAME << 3 | 0x06, 0x28, 1, 0xAB, 3 << 3 | 0x02, 1, 0xCD);
    }

    @Test
    void keptSizeFieldsTemporalDelimitersTileListsAndPaddingAreHandled() throws RtpPayloadException {
        // Pion's av1_depacketizer_test: OBUs that keep obu_has_size_field come out as they are, and
        // zero bytes after the last element are padding.
        byte[] withSize = Frames.obu(4, Frames.bytes(1, 2, 3));
        byte[] payload = Frames.concat(Frames.bytes(0x00, withSize.length), withSize,
                Frames.bytes(1, TEMPORAL_DELIMITER << 3, 2, TILE_LIST << 3, 9, 0, 0, 0));
        assertThat(new Av1Depacketizer().depacketize(Frames.buffers(payload))).isEqualTo(withSize);
    }

    @Test
    void malformedPayloadsAreRejected() {
        Av1Depacketizer depacketizer = new Av1Depacketizer();
        List<byte[]> malformed = List.of(
                Frames.bytes(), // no aggregation header
                Frames.bytes(0x00), // no elements
                Frames.bytes(0b1100_0000, 0xFF), // Pion: LEB128 cut short (and Z on the first payload)
                Frames.bytes(0x00, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01), // LEB128 over 8 bytes
                Frames.bytes(0x00, 0x80, 0x80, 0x80, 0x80, 0x10, 0x30), // LEB128 over 2^32 - 1
                Frames.bytes(0x00, 0x05, 0x30), // element longer than the payload
                Frames.bytes(0x80, 0x30), // Z = 1 on the first payload
                Frames.bytes(0x50, 0x30), // Y = 1 on the last payload
                Frames.bytes(0x20, 0x01, 0x30), // W = 2 with one element
                Frames.bytes(0x10, 0xB0), // forbidden bit
                Frames.bytes(0x10, 0x34), // extension flag without extension byte
                Frames.bytes(0x10, 0x32, 0x05, 0x01), // obu_size disagrees with element length
                Frames.bytes(0x00, 0x00)); // only an empty element
        for (byte[] payload : malformed) {
            assertThatThrownBy(() -> depacketizer.depacketize(Frames.buffers(payload)))
                    .as("payload %s", java.util.Arrays.toString(payload))
                    .isInstanceOf(RtpPayloadException.class);
        }
        // A fragment left open is not continued (Z = 0 after Y = 1).
        assertThatThrownBy(() -> depacketizer.depacketize(Frames.buffers(Frames.bytes(0x50, 0x30), Frames.bytes(0x10, 0x30))))
                .isInstanceOf(RtpPayloadException.class);
        assertThatThrownBy(() -> depacketizer.depacketize(List.of())).isInstanceOf(RtpPayloadException.class);
    }

    @Test
    void outputIsBoundedByTheInput() throws RtpPayloadException {
        // One-byte elements grow most: header + size byte each.
        byte[] payload = new byte[1 + 2 * 500];
        for (int i = 0; i < 500; i++) {
            payload[1 + 2 * i] = 1;
            payload[2 + 2 * i] = 3 << 3;
        }
        assertThat(new Av1Depacketizer().depacketize(Frames.buffers(payload))).hasSize(1000);
    }
}
