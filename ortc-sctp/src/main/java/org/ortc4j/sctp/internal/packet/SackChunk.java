package org.ortc4j.sctp.internal.packet;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * SACK chunk (RFC 9260 §3.3.4).
 *
 * @param cumulativeTsnAck the last TSN received in sequence
 * @param advertisedReceiverWindowCredit a_rwnd
 * @param gapAckBlocks gap blocks, offsets relative to the cumulative TSN ack
 * @param duplicateTsns TSNs received more than once since the last SACK
 */
public record SackChunk(int cumulativeTsnAck, int advertisedReceiverWindowCredit, List<GapAckBlock> gapAckBlocks,
        List<Integer> duplicateTsns) implements Chunk {

    /**
     * A Gap Ack Block: "Gap Ack Block Start: 16 bits ... Indicates the Start offset TSN for this
     * Gap Ack Block. To calculate the actual TSN number the Cumulative TSN Ack is added to this
     * offset number."
     *
     * @param start 16-bit start offset
     * @param end 16-bit end offset
     */
    public record GapAckBlock(int start, int end) {
        /** Validates the 16-bit offsets. */
        public GapAckBlock {
            Tlv.checkU16(start, "gap block start");
            Tlv.checkU16(end, "gap block end");
        }
    }

    private static final int FIXED = 12;

    /** Copies the lists and checks that their counts fit the 16-bit count fields. */
    public SackChunk {
        gapAckBlocks = List.copyOf(gapAckBlocks);
        duplicateTsns = List.copyOf(duplicateTsns);
        Tlv.checkU16(gapAckBlocks.size(), "number of gap ack blocks");
        Tlv.checkU16(duplicateTsns.size(), "number of duplicate TSNs");
    }

    @Override
    public int type() {
        return ChunkType.SACK;
    }

    @Override
    public int valueLength() {
        return FIXED + 4 * gapAckBlocks.size() + 4 * duplicateTsns.size();
    }

    @Override
    public void writeValue(ByteBuffer out) {
        out.putInt(cumulativeTsnAck).putInt(advertisedReceiverWindowCredit).putShort((short) gapAckBlocks.size())
                .putShort((short) duplicateTsns.size());
        for (GapAckBlock block : gapAckBlocks) {
            out.putShort((short) block.start()).putShort((short) block.end());
        }
        for (int tsn : duplicateTsns) {
            out.putInt(tsn);
        }
    }

    static SackChunk decode(ByteBuffer value) throws SctpParseException {
        Tlv.expectAtLeast(value, FIXED, "SACK");
        int cumulative = value.getInt();
        int window = value.getInt();
        int gapCount = Short.toUnsignedInt(value.getShort());
        int dupCount = Short.toUnsignedInt(value.getShort());
        // The counts are bounded by the chunk length: each block and each duplicate takes 4 bytes.
        if (value.remaining() != 4 * gapCount + 4 * dupCount) {
            throw new SctpParseException("SACK: " + gapCount + " gap blocks and " + dupCount
                    + " duplicate TSNs do not fill " + value.remaining() + " bytes");
        }
        List<GapAckBlock> blocks = new ArrayList<>(gapCount);
        for (int i = 0; i < gapCount; i++) {
            blocks.add(new GapAckBlock(Short.toUnsignedInt(value.getShort()), Short.toUnsignedInt(value.getShort())));
        }
        List<Integer> duplicates = new ArrayList<>(dupCount);
        for (int i = 0; i < dupCount; i++) {
            duplicates.add(value.getInt());
        }
        return new SackChunk(cumulative, window, blocks, duplicates);
    }
}
