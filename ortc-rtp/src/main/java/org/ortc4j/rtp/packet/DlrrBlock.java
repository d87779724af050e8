package org.ortc4j.rtp.packet;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * DLRR report block (RFC 3611 §4.5), block type 5: for each receiver, the last RRTR received from
 * it and the delay since.
 *
 * @param subBlocks the sub-blocks, one per receiver
 */
public record DlrrBlock(List<SubBlock> subBlocks) implements XrBlock {

    /** RFC 3611 §4.5: BT=5. */
    public static final int BLOCK_TYPE = 5;

    /**
     * One receiver's timing (RFC 3611 §4.5).
     *
     * @param ssrc the receiver's SSRC
     * @param lastReceiverReport LRR, the middle 32 bits of its last RRTR's NTP timestamp
     * @param delaySinceLastReceiverReport DLRR, in units of 1/65536 seconds
     */
    public record SubBlock(int ssrc, long lastReceiverReport, long delaySinceLastReceiverReport) {

        /** @throws IllegalArgumentException if a field is not unsigned 32 bits */
        public SubBlock {
            ReportBlock.checkU32(lastReceiverReport, "LRR");
            ReportBlock.checkU32(delaySinceLastReceiverReport, "DLRR");
        }
    }

    /** Copies the sub-blocks. */
    public DlrrBlock {
        subBlocks = List.copyOf(subBlocks);
        if (subBlocks.size() > 0xFFFF / 3) {
            throw new IllegalArgumentException("too many DLRR sub-blocks for the 16-bit block length");
        }
    }

    static DlrrBlock read(RtcpReader in, int words) throws RtpParseException {
        // RFC 3611 §4.5: "block length: 16 bits ... 3*N" for N sub-blocks of 3 words each.
        if (words % 3 != 0) {
            throw in.error("DLRR block length " + words + " is not a multiple of 3");
        }
        List<SubBlock> subBlocks = new ArrayList<>(words / 3);
        for (int i = 0; i < words / 3; i++) {
            subBlocks.add(new SubBlock(in.s32("DLRR SSRC"), in.u32("LRR"), in.u32("DLRR")));
        }
        return new DlrrBlock(subBlocks);
    }

    @Override
    public int blockType() {
        return BLOCK_TYPE;
    }

    @Override
    public int encodedLength() {
        return 4 + 12 * subBlocks.size();
    }

    @Override
    public void writeTo(ByteBuffer out) {
        out.put((byte) BLOCK_TYPE);
        out.put((byte) 0);
        out.putShort((short) (3 * subBlocks.size()));
        for (SubBlock subBlock : subBlocks) {
            out.putInt(subBlock.ssrc());
            out.putInt((int) subBlock.lastReceiverReport());
            out.putInt((int) subBlock.delaySinceLastReceiverReport());
        }
    }
}
