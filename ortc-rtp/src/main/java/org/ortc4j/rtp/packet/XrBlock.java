package org.ortc4j.rtp.packet;

import java.nio.ByteBuffer;

/**
 * A report block of an extended report (RFC 3611 §3): block type, type-specific byte, length.
 * RRTR and DLRR blocks are modelled; others are kept as {@link UnknownXrBlock}.
 */
public sealed interface XrBlock permits ReceiverReferenceTimeBlock, DlrrBlock, UnknownXrBlock {

    /** The block type (BT). */
    int blockType();

    /** The length of the block on the wire in bytes, its 4-byte header included. */
    int encodedLength();

    /** Writes the block, header included. */
    void writeTo(ByteBuffer out);

    static XrBlock read(RtcpReader in) throws RtpParseException {
        int blockType = in.u8("XR block type");
        int typeSpecific = in.u8("XR type-specific byte");
        // RFC 3611 §3: "block length: 16 bits The length of this report block, including the header,
        // in 32-bit words minus one."
        int words = in.u16("XR block length");
        in.need(4 * words, "XR block of type " + blockType);
        switch (blockType) {
            case ReceiverReferenceTimeBlock.BLOCK_TYPE:
                if (words != 2) {
                    throw in.error("RRTR block length must be 2, not " + words);
                }
                return new ReceiverReferenceTimeBlock(in.s64("RRTR NTP timestamp"));
            case DlrrBlock.BLOCK_TYPE:
                return DlrrBlock.read(in, words);
            default:
                return new UnknownXrBlock(blockType, typeSpecific, in.bytes(4 * words, "XR block"));
        }
    }
}
