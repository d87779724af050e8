package org.ortc4j.sctp.internal.packet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * Every chunk type against a layout written by hand from its RFC figure: the object encodes to
 * exactly those bytes, and those bytes decode to an equal object.
 */
class ChunkLayoutTest {

    private static void assertLayout(Chunk chunk, String hex) throws SctpParseException {
        byte[] expected = Hex.bytes(hex);
        assertThat(chunk.encode()).isEqualTo(expected);
        assertThat(Hex.decodeChunk(expected)).isEqualTo(chunk);
    }

    private static ByteBuffer bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return ByteBuffer.wrap(b);
    }

    @Test
    void dataChunkCarriesUbeFlagsTsnStreamSsnPpid() throws SctpParseException {
        // RFC 9260 §3.3.1: Type 0 | Reserved|U|B|E | Length; TSN; Stream Identifier S | SSN n; PPID; User Data
        assertLayout(new DataChunk(false, true, true, false, 0x01020304, 5, 0xfffe, 51, bytes('a', 'b', 'c')),
                "00 06 0013 01020304 0005 fffe 00000033 616263 00");
        assertLayout(new DataChunk(true, false, false, true, 1, 0, 0, 53, bytes()), "00 09 0010 00000001 0000 0000 00000035");
    }

    @Test
    void iDataChunkCarriesMidAndPpidOrFsn() throws SctpParseException {
        // RFC 8260 §2.1: TSN; Stream Identifier | Reserved; MID; PPID / FSN; User Data
        IDataChunk first = new IDataChunk(false, false, true, false, 10, 2, 7, 51, bytes('x'));
        assertLayout(first, "40 02 0015 0000000a 0002 0000 00000007 00000033 78 000000");
        assertThat(first.payloadProtocolIdentifier()).isEqualTo(51);
        assertThat(first.fragmentSequenceNumber()).isZero();
        IDataChunk middle = new IDataChunk(false, true, false, false, 11, 2, 7, 1, bytes('y'));
        assertThat(middle.fragmentSequenceNumber()).isEqualTo(1);
        assertLayout(middle, "40 04 0015 0000000b 0002 0000 00000007 00000001 79 000000");
    }

    @Test
    void initAndInitAckWithParameters() throws SctpParseException {
        // RFC 9260 §3.3.2: Initiate Tag; a_rwnd; OS | MIS; Initial TSN; parameters
        InitChunk init = new InitChunk(0xaabbccdd, 0x20000, 65535, 65535, 0x11223344, List.of(
                new ForwardTsnSupportedParameter(),
                new SupportedExtensionsParameter(List.of(0x82, 0xc0)),
                new ZeroChecksumAcceptableParameter(ZeroChecksumAcceptableParameter.DTLS),
                new UnknownParameter(0x8002, bytes(1, 2, 3))));
        // The chunk length (0x2f) leaves out only the last parameter's padding (RFC 9260 §3.2).
        assertLayout(init, "01 00 002f aabbccdd 00020000 ffff ffff 11223344"
                + " c000 0004"
                + " 8008 0006 82c0 0000"
                + " 8001 0008 00000001"
                + " 8002 0007 010203 00");
        InitAckChunk ack = new InitAckChunk(1, 2, 3, 4, 5, List.of(new StateCookieParameter(bytes(0xde, 0xad))));
        assertLayout(ack, "02 00 001a 00000001 00000002 0003 0004 00000005 0007 0006 dead 0000");
        assertThat(ack.parameter(StateCookieParameter.class).orElseThrow().cookie()).isEqualTo(bytes(0xde, 0xad));
    }

    @Test
    void sackCarriesGapBlocksAndDuplicates() throws SctpParseException {
        // RFC 9260 §3.3.4: Cumulative TSN Ack; a_rwnd; #gap blocks | #dup TSNs; starts/ends; dups
        assertLayout(new SackChunk(100, 4096, List.of(new SackChunk.GapAckBlock(2, 3), new SackChunk.GapAckBlock(5, 5)),
                        List.of(99)),
                "03 00 001c 00000064 00001000 0002 0001 0002 0003 0005 0005 00000063");
        assertLayout(new SackChunk(-1, 0, List.of(), List.of()), "03 00 0010 ffffffff 00000000 0000 0000");
    }

    @Test
    void heartbeatAndAckEchoTheInfoParameter() throws SctpParseException {
        // RFC 9260 §3.3.5: Heartbeat Info Type=1 | HB Info Length; sender-specific information
        assertLayout(new HeartbeatChunk(bytes(1, 2, 3, 4, 5)), "04 00 000d 0001 0009 0102030405 000000");
        assertLayout(new HeartbeatAckChunk(bytes(9, 8, 7, 6)), "05 00 000c 0001 0008 09080706");
    }

    @Test
    void abortWithTBitAndCauses() throws SctpParseException {
        // RFC 9260 §3.3.7: Type 6 | Reserved|T | Length; zero or more error causes
        assertLayout(new AbortChunk(true, List.of()), "06 01 0004");
        assertLayout(new AbortChunk(false, List.of(ErrorCause.userInitiatedAbort("bye"), ErrorCause.noUserData(7))),
                "06 00 0014 000c 0007 627965 00 0009 0008 00000007 ");
    }

    @Test
    void shutdownFamily() throws SctpParseException {
        assertLayout(new ShutdownChunk(0x01020304), "07 00 0008 01020304");
        assertLayout(new ShutdownAckChunk(), "08 00 0004");
        assertLayout(new ShutdownCompleteChunk(true), "0e 01 0004");
        assertLayout(new ShutdownCompleteChunk(false), "0e 00 0004");
    }

    @Test
    void errorChunkWithTypedCauses() throws SctpParseException {
        // RFC 9260 §3.3.10.1, .2, .13
        assertLayout(new ErrorChunk(List.of(
                        ErrorCause.invalidStreamIdentifier(0x1234),
                        ErrorCause.missingMandatoryParameter(List.of(7)),
                        ErrorCause.protocolViolation("x"))),
                "09 00 001d 0001 0008 1234 0000 0002 000a 00000001 0007 0000 000d 0005 78 000000");
    }

    @Test
    void unrecognizedChunkTypeCauseHoldsTheWholeChunk() throws SctpParseException {
        // RFC 9260 §3.3.10.6: "the Unrecognized Chunk field contains the unrecognized chunk from the
        // SCTP packet complete with Chunk Type, Chunk Flags, and Chunk Length."
        UnknownChunk unknown = new UnknownChunk(0xc5, 0x12, bytes(1, 2));
        ErrorCause cause = ErrorCause.unrecognizedChunkType(unknown);
        assertThat(Hex.of(cause.information())).isEqualTo(Hex.bytes("c5 12 0006 0102"));
        assertLayout(new ErrorChunk(List.of(cause)), "09 00 000e 0006 000a c5120006 0102 0000");
    }

    @Test
    void cookieEchoAndAck() throws SctpParseException {
        assertLayout(new CookieEchoChunk(bytes(1, 2, 3, 4, 5, 6)), "0a 00 000a 010203040506 0000");
        assertLayout(new CookieAckChunk(), "0b 00 0004");
    }

    @Test
    void forwardTsnCarriesStreamSsnPairs() throws SctpParseException {
        // RFC 3758 §3.2: New Cumulative TSN; Stream-1 | Stream Sequence-1; ...
        assertLayout(new ForwardTsnChunk(0x10, List.of(new ForwardTsnChunk.StreamSequence(1, 2),
                new ForwardTsnChunk.StreamSequence(3, 0xffff))), "c0 00 0010 00000010 0001 0002 0003 ffff");
        assertLayout(new ForwardTsnChunk(5, List.of()), "c0 00 0008 00000005");
    }

    @Test
    void iForwardTsnCarriesStreamUBitAndMid() throws SctpParseException {
        // RFC 8260 §2.3.1: New Cumulative TSN; Stream Identifier | Reserved |U; Message Identifier
        assertLayout(new IForwardTsnChunk(9, List.of(new IForwardTsnChunk.StreamMessage(4, true, 0x77),
                new IForwardTsnChunk.StreamMessage(5, false, 1))), "c2 00 0018 00000009 0004 0001 00000077 0005 0000 00000001");
    }

    @Test
    void reconfigWithResetRequestsAndResponse() throws SctpParseException {
        // RFC 6525 §4.1: Type 13 | Length; Request Seq; Response Seq; Sender's Last Assigned TSN; streams
        assertLayout(new ReconfigChunk(List.of(new OutgoingSsnResetRequestParameter(1, 2, 3, List.of(4, 5, 6)))),
                "82 00 001a 000d 0016 00000001 00000002 00000003 0004 0005 0006 0000");
        // §4.2 Incoming, with §4.1 Outgoing in one chunk
        assertLayout(new ReconfigChunk(List.of(new OutgoingSsnResetRequestParameter(7, 8, 9, List.of()),
                        new IncomingSsnResetRequestParameter(10, List.of(1)))),
                "82 00 001e 000d 0010 00000007 00000008 00000009 000e 000a 0000000a 0001 0000");
        // §4.4 Response, short and with both next TSNs
        assertLayout(new ReconfigChunk(List.of(new ReconfigurationResponseParameter(1,
                        ReconfigurationResponseParameter.RESULT_SUCCESS_PERFORMED))),
                "82 00 0010 0010 000c 00000001 00000001");
        assertLayout(new ReconfigChunk(List.of(new ReconfigurationResponseParameter(1, 0,
                        OptionalLong.of(0xfffffffeL), OptionalLong.of(3)))),
                "82 00 0018 0010 0014 00000001 00000000 fffffffe 00000003");
    }

    @Test
    void unknownChunkKeptByteForByteWithItsAction() throws SctpParseException {
        assertLayout(new UnknownChunk(0x0c, 0xff, bytes(1, 2, 3, 4)), "0c ff 0008 01020304");
        // RFC 9260 §3.2: the two highest bits of the type.
        assertThat(new UnknownChunk(0x3f, 0, bytes()).action()).isEqualTo(UnrecognizedAction.STOP);
        assertThat(new UnknownChunk(0x40 | 5, 0, bytes()).action()).isEqualTo(UnrecognizedAction.STOP_AND_REPORT);
        assertThat(new UnknownChunk(0x80 | 5, 0, bytes()).action()).isEqualTo(UnrecognizedAction.SKIP);
        assertThat(new UnknownChunk(0xc0 | 5, 0, bytes()).action()).isEqualTo(UnrecognizedAction.SKIP_AND_REPORT);
        assertThat(UnrecognizedAction.SKIP_AND_REPORT.continues()).isTrue();
        assertThat(UnrecognizedAction.STOP_AND_REPORT.reports()).isTrue();
        assertThat(UnrecognizedAction.STOP.continues()).isFalse();
    }

    @Test
    void unknownParameterActionFromItsTwoHighBits() {
        // RFC 9260 §3.2.1
        assertThat(new UnknownParameter(0x0005, bytes()).action()).isEqualTo(UnrecognizedAction.STOP);
        assertThat(new UnknownParameter(0x4005, bytes()).action()).isEqualTo(UnrecognizedAction.STOP_AND_REPORT);
        assertThat(new UnknownParameter(0x8005, bytes()).action()).isEqualTo(UnrecognizedAction.SKIP);
        assertThat(new UnknownParameter(0xc005, bytes()).action()).isEqualTo(UnrecognizedAction.SKIP_AND_REPORT);
    }

    @Test
    void lastParameterPaddingInsideTheChunkLengthIsAcceptedToo() throws SctpParseException {
        // Some stacks count the final parameter's padding in the chunk length; both forms decode alike.
        Chunk withPadding = Hex.decodeChunk(Hex.bytes("82 00 001c 000d 0016 00000001 00000002 00000003 0004 0005 0006 0000"));
        Chunk without = Hex.decodeChunk(Hex.bytes("82 00 001a 000d 0016 00000001 00000002 00000003 0004 0005 0006 0000"));
        assertThat(withPadding).isEqualTo(without);
    }

    @Test
    void reservedFlagsAndPaddingBytesAreIgnoredOnReceipt() throws SctpParseException {
        // RFC 9260 §3.2: "The receiver MUST ignore the padding bytes."; SHUTDOWN ACK flags: "ignored by the receiver"
        assertThat(Hex.decodeChunk(Hex.bytes("08 ff 0004"))).isEqualTo(new ShutdownAckChunk());
        assertThat(Hex.decodeChunk(Hex.bytes("0a 00 0005 01 ffffff"))).isEqualTo(new CookieEchoChunk(bytes(1)));
    }
}
