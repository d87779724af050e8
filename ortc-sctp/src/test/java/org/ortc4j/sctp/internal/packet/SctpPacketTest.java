package org.ortc4j.sctp.internal.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

class SctpPacketTest {

    /**
     * An INIT as Chrome's usrsctp sends it, the raw packet of Pion's sctp tests (TestInitChunk,
     * github.com/pion/sctp chunk_test.go): ports 5000, tag 0, checksum 81 46 9d fc, initiate tag
     * 0x55b964a5, a_rwnd 131072, OS 1024, MIS 2048, initial TSN 0xe86d1030, then Forward-TSN-
     * Supported, Supported Extensions (FORWARD-TSN, AUTH, ASCONF, ASCONF-ACK, RE-CONFIG), Random,
     * HMAC-ALGO and CHUNKS. The chunk length 0x56 does not count the last parameter's padding.
     */
    static final byte[] CHROME_INIT = Hex.bytes("""
            13881388 00000000 81469dfc
            01000056 55b964a5 00020000 04000800 e86d1030
            c0000004
            80080009 c00fc180 82000000
            80020024 9febbb5c 50c9bf75 9cb12c57 4fa45a51 ba601778 27945c31 e65d5b09 47e22206
            80040006 00010000
            80030006 80c10000""");

    @Test
    void decodesChromeInitAndVerifiesItsChecksum() throws SctpParseException {
        SctpPacket packet = SctpPacket.decode(CHROME_INIT, false);

        assertThat(packet.sourcePort()).isEqualTo(5000);
        assertThat(packet.destinationPort()).isEqualTo(5000);
        assertThat(packet.verificationTag()).isZero();
        assertThat(packet.chunks()).hasSize(1);
        InitChunk init = (InitChunk) packet.chunks().get(0);
        assertThat(init.initiateTag()).isEqualTo(1438213285);
        assertThat(init.advertisedReceiverWindowCredit()).isEqualTo(131072);
        assertThat(init.outboundStreams()).isEqualTo(1024);
        assertThat(init.inboundStreams()).isEqualTo(2048);
        assertThat(init.initialTsn()).isEqualTo(0xe86d1030);
        assertThat(init.parameter(ForwardTsnSupportedParameter.class)).isPresent();
        assertThat(init.parameter(SupportedExtensionsParameter.class).orElseThrow().chunkTypes())
                .containsExactly(0xc0, 0x0f, 0xc1, 0x80, 0x82);
        assertThat(init.parameters()).hasSize(5);
        UnknownParameter random = (UnknownParameter) init.parameters().get(2);
        assertThat(random.type()).isEqualTo(0x8002);
        assertThat(random.value().remaining()).isEqualTo(32);
        // RFC 9260 §3.2.1: 10 = "Skip this parameter and continue processing."
        assertThat(random.action()).isEqualTo(UnrecognizedAction.SKIP);
    }

    @Test
    void reEncodesChromeInitByteForByteIncludingTheChecksum() throws SctpParseException {
        SctpPacket packet = SctpPacket.decode(CHROME_INIT, false);

        assertThat(packet.encode()).isEqualTo(CHROME_INIT);
    }

    @Test
    void checksumIsCrc32cOfThePacketWithZeroedFieldStoredLeastSignificantByteFirst() {
        // RFC 9260 §6.8: "the checksum field is set to zero" for the computation; Appendix A's
        // bit-reflected CRC32c lands on the wire least significant byte first.
        byte[] zeroed = CHROME_INIT.clone();
        zeroed[8] = zeroed[9] = zeroed[10] = zeroed[11] = 0;
        CRC32C crc = new CRC32C();
        crc.update(zeroed);
        long value = crc.getValue();

        assertThat(value).isEqualTo(0xfc9d4681L);
        assertThat(new byte[] {CHROME_INIT[8], CHROME_INIT[9], CHROME_INIT[10], CHROME_INIT[11]})
                .containsExactly((byte) value, (byte) (value >> 8), (byte) (value >> 16), (byte) (value >> 24));
    }

    @Test
    void rejectsACorruptedPacket() {
        byte[] corrupted = CHROME_INIT.clone();
        corrupted[20] ^= 0x01;

        assertThatThrownBy(() -> SctpPacket.decode(corrupted, false))
                .isInstanceOf(SctpParseException.class).hasMessageContaining("checksum");
    }

    @Test
    void zeroChecksumIsAcceptedOnlyWhenNegotiated() throws SctpParseException {
        SctpPacket packet = new SctpPacket(5000, 5000, 0x01020304, List.of(new CookieAckChunk()));
        byte[] zero = packet.encode(true);
        assertThat(zero).containsSequence(0, 0, 0, 0).hasSize(16);
        assertThat(zero[8] | zero[9] | zero[10] | zero[11]).isZero();

        // RFC 9653 §5.3: zero is accepted only by a receiver that announced the EDMID.
        assertThat(SctpPacket.decode(zero, true)).isEqualTo(packet);
        assertThatThrownBy(() -> SctpPacket.decode(zero, false)).isInstanceOf(SctpParseException.class);
        // A correct checksum is always accepted.
        assertThat(SctpPacket.decode(packet.encode(), true)).isEqualTo(packet);
    }

    @Test
    void headerOnlyPacketDecodesWithNoChunks() throws SctpParseException {
        // Pion's TestPacketUnmarshal header-only packet, checksum 06 a9 00 e1.
        SctpPacket packet = SctpPacket.decode(Hex.bytes("13881388 00000000 06a900e1"), false);
        assertThat(packet.chunks()).isEmpty();
        assertThat(packet.encode()).isEqualTo(Hex.bytes("13881388 00000000 06a900e1"));
    }

    @Test
    void rejectsPacketsShorterThanTheCommonHeader() {
        assertThatThrownBy(() -> SctpPacket.decode(new byte[11], true)).isInstanceOf(SctpParseException.class);
    }

    @Test
    void decodeDoesNotMoveTheCallersBufferAndChunksAreViewsOfIt() throws SctpParseException {
        SctpPacket sent = new SctpPacket(1, 2, 3, List.of(new DataChunk(false, false, true, true, 7, 1, 0, 51,
                ByteBuffer.wrap(new byte[] {'h', 'i'}))));
        ByteBuffer buf = ByteBuffer.allocate(100);
        buf.position(10);
        sent.encodeTo(buf, false);
        assertThat(buf.position()).isEqualTo(10 + sent.encodedLength());
        buf.flip().position(10);

        SctpPacket received = SctpPacket.decode(buf, false);

        assertThat(buf.position()).isEqualTo(10);
        assertThat(received).isEqualTo(sent);
        DataChunk data = (DataChunk) received.chunks().get(0);
        assertThat(data.userData().isReadOnly()).isTrue();
        // Reading the payload does not disturb the chunk.
        data.userData().get();
        assertThat(data.userData().remaining()).isEqualTo(2);
        assertThat(data.valueLength()).isEqualTo(14);
    }

    @Test
    void padsEveryChunkToFourBytes() throws SctpParseException {
        SctpPacket packet = new SctpPacket(1, 2, 3, List.of(
                new DataChunk(false, false, true, true, 1, 0, 0, 51, ByteBuffer.wrap(new byte[] {1})),
                new CookieEchoChunk(ByteBuffer.wrap(new byte[] {9, 9, 9}))));
        byte[] bytes = packet.encode();

        // DATA: 4 + 12 + 1 = 17, padded to 20; COOKIE ECHO: 4 + 3 = 7, padded to 8.
        assertThat(bytes).hasSize(12 + 20 + 8);
        assertThat(bytes[12 + 3]).isEqualTo((byte) 17);
        assertThat(bytes[32 + 3]).isEqualTo((byte) 7);
        assertThat(SctpPacket.decode(bytes, false)).isEqualTo(packet);
    }
}
