package org.ortc4j.sctp.internal.packet;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.OptionalLong;

/** One packet holding every chunk type, for the mutation loop and the fuzz seeds. */
final class SampleChunks {

    private SampleChunks() {
    }

    static ByteBuffer bytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + 7);
        }
        return ByteBuffer.wrap(b);
    }

    static List<Chunk> all() {
        return List.of(
                new DataChunk(false, false, true, false, 1, 2, 3, 51, bytes(5)),
                new IDataChunk(false, true, false, true, 2, 3, 4, 5, bytes(3)),
                new InitChunk(1, 2, 3, 4, 5, List.of(new ForwardTsnSupportedParameter(),
                        new SupportedExtensionsParameter(List.of(0x82, 0xc0, 0x40, 0xc2)),
                        new ZeroChecksumAcceptableParameter(1), new UnknownParameter(0x8002, bytes(6)))),
                new InitAckChunk(6, 7, 8, 9, 10, List.of(new StateCookieParameter(bytes(9)))),
                new SackChunk(3, 4, List.of(new SackChunk.GapAckBlock(2, 4)), List.of(1, 2)),
                new HeartbeatChunk(bytes(7)),
                new HeartbeatAckChunk(bytes(8)),
                new AbortChunk(true, List.of(ErrorCause.protocolViolation("nope"))),
                new ShutdownChunk(9),
                new ShutdownAckChunk(),
                new ErrorChunk(List.of(ErrorCause.invalidStreamIdentifier(4),
                        ErrorCause.missingMandatoryParameter(List.of(7, 8)))),
                new CookieEchoChunk(bytes(9)),
                new CookieAckChunk(),
                new ShutdownCompleteChunk(false),
                new ForwardTsnChunk(10, List.of(new ForwardTsnChunk.StreamSequence(1, 2))),
                new IForwardTsnChunk(11, List.of(new IForwardTsnChunk.StreamMessage(1, true, 2))),
                new ReconfigChunk(List.of(new OutgoingSsnResetRequestParameter(1, 2, 3, List.of(1, 2, 3)),
                        new IncomingSsnResetRequestParameter(4, List.of()))),
                new ReconfigChunk(List.of(new ReconfigurationResponseParameter(1, 1, OptionalLong.of(5), OptionalLong.of(6)))),
                new UnknownChunk(0x84, 0, bytes(2)));
    }

    static SctpPacket packet() {
        return new SctpPacket(5000, 5000, 0x12345678, all());
    }
}
