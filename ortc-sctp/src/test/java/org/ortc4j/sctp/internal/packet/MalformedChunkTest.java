package org.ortc4j.sctp.internal.packet;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Malformed chunks are rejected with {@link SctpParseException} and nothing else. */
class MalformedChunkTest {

    private static void assertRejected(String hex) {
        assertThatThrownBy(() -> ChunkCodec.decodeAll(Hex.buffer(hex))).isInstanceOf(SctpParseException.class);
    }

    /** The same bytes inside a packet with a valid checksum are rejected too. */
    private static void assertPacketRejected(String chunkHex) {
        byte[] chunk = Hex.bytes(chunkHex);
        ByteBuffer packet = ByteBuffer.allocate(12 + chunk.length).putShort((short) 5000).putShort((short) 5000)
                .putInt(1).putInt(0).put(chunk).flip();
        int crc = SctpPacket.checksum(packet);
        packet.put(8, (byte) crc).put(9, (byte) (crc >> 8)).put(10, (byte) (crc >> 16)).put(11, (byte) (crc >> 24));
        assertThatThrownBy(() -> SctpPacket.decode(packet, false)).isInstanceOf(SctpParseException.class);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "truncated chunk header                | 00 03 00",
            "chunk length below 4                  | 0b 00 0003",
            "chunk length past the end             | 0b 00 0008 0000",
            "padding missing at the packet end     | 0a 00 0005 01",
            "DATA shorter than its 12 fixed bytes  | 00 03 000c 00000001 00000000",
            "I-DATA shorter than 16 fixed bytes    | 40 03 0010 00000001 0000 0000 00000000",
            "INIT shorter than 16 fixed bytes      | 01 00 0010 00000001 00000002 0003 0004",
            "INIT ACK shorter than 16 fixed bytes  | 02 00 0008 00000001",
            "INIT parameter length below 4         | 01 00 0018 00000001 00000002 0003 0004 00000005 c000 0002",
            "INIT parameter length past the chunk  | 01 00 0018 00000001 00000002 0003 0004 00000005 0007 0010",
            "INIT parameter header truncated       | 01 00 0016 00000001 00000002 0003 0004 00000005 c000 0000",
            "Forward-TSN-Supported with a value    | 01 00 0019 00000001 00000002 0003 0004 00000005 c000 0005 01 000000",
            "Zero Checksum Acceptable too short    | 01 00 001a 00000001 00000002 0003 0004 00000005 8001 0006 0001 0000",
            "SACK shorter than 12 fixed bytes      | 03 00 000c 00000001 00000002",
            "SACK with too many gap blocks         | 03 00 0014 00000001 00000002 0003 0000 0001 0002",
            "SACK with too many duplicates         | 03 00 0014 00000001 00000002 0000 0002 00000007",
            "SACK with bytes left over             | 03 00 0018 00000001 00000002 0001 0000 0001 0002 00000000",
            "HEARTBEAT without info parameter      | 04 00 0004",
            "HEARTBEAT with the wrong parameter    | 04 00 0008 0002 0004",
            "HEARTBEAT ACK info past the end       | 05 00 0008 0001 0010",
            "ABORT cause length below 4            | 06 00 0008 000c 0002",
            "ABORT cause past the end              | 06 00 0008 000c 0009",
            "SHUTDOWN too short                    | 07 00 0006 0102 0000",
            "SHUTDOWN too long                     | 07 00 000c 01020304 05060708",
            "SHUTDOWN ACK with a value             | 08 00 0008 00000000",
            "COOKIE ACK with a value               | 0b 00 0005 00 000000",
            "SHUTDOWN COMPLETE with a value        | 0e 01 0008 00000000",
            "ERROR cause truncated                 | 09 00 0006 0001 0000",
            "FORWARD TSN without TSN               | c0 00 0004",
            "FORWARD TSN with half a stream pair   | c0 00 000a 00000001 0001 0000",
            "I-FORWARD-TSN with half an entry      | c2 00 000c 00000001 0001 0000",
            "RE-CONFIG with no parameter           | 82 00 0004",
            "RE-CONFIG with three parameters       | 82 00 0028 0010 000c 00000001 00000000 0010 000c 00000002 00000000 0010 000c 00000003 00000000",
            "Outgoing reset request too short      | 82 00 000c 000d 0008 00000001",
            "Outgoing reset odd stream list        | 82 00 0015 000d 0011 00000001 00000002 00000003 01 000000",
            "Incoming reset request too short      | 82 00 0008 000e 0004",
            "Response of 12 bytes                  | 82 00 0014 0010 0010 00000001 00000000 00000001",
    })
    void rejects(String description, String hex) {
        assertRejected(hex);
        assertPacketRejected(hex);
    }

    @Test
    void rejectsAPacketWhoseChunkRunsPastTheEnd() {
        SctpPacket packet = new SctpPacket(1, 2, 3, List.of(new CookieEchoChunk(ByteBuffer.wrap(new byte[8]))));
        byte[] bytes = packet.encode();
        byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length - 4);
        assertThatThrownBy(() -> SctpPacket.decode(truncated, true)).isInstanceOf(SctpParseException.class);
    }

    @Test
    void apiMisuseIsAnIllegalArgument() {
        assertThatThrownBy(() -> new SctpPacket(70000, 1, 0, List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DataChunk(false, false, true, true, 1, -1, 0, 0, ByteBuffer.allocate(0)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CookieEchoChunk(ByteBuffer.allocate(70000)).encode())
                .isInstanceOf(IllegalArgumentException.class);
    }
}
