package org.ortc4j.sctp.internal.packet;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * FORWARD TSN chunk (RFC 3758 §3.2): a new cumulative TSN and, for ordered streams, the largest
 * skipped SSN per stream.
 *
 * @param newCumulativeTsn "This indicates the new cumulative TSN to the data receiver."
 * @param streams stream/SSN pairs
 */
public record ForwardTsnChunk(int newCumulativeTsn, List<StreamSequence> streams) implements Chunk {

    /**
     * @param streamIdentifier 16-bit stream
     * @param streamSequenceNumber 16-bit largest SSN skipped on that stream
     */
    public record StreamSequence(int streamIdentifier, int streamSequenceNumber) {
        /** Validates the 16-bit fields. */
        public StreamSequence {
            Tlv.checkU16(streamIdentifier, "stream identifier");
            Tlv.checkU16(streamSequenceNumber, "stream sequence number");
        }
    }

    /** Copies the list. */
    public ForwardTsnChunk {
        streams = List.copyOf(streams);
    }

    @Override
    public int type() {
        return ChunkType.FORWARD_TSN;
    }

    @Override
    public int valueLength() {
        return 4 + 4 * streams.size();
    }

    @Override
    public void writeValue(ByteBuffer out) {
        out.putInt(newCumulativeTsn);
        for (StreamSequence s : streams) {
            out.putShort((short) s.streamIdentifier()).putShort((short) s.streamSequenceNumber());
        }
    }

    static ForwardTsnChunk decode(ByteBuffer value) throws SctpParseException {
        Tlv.expectAtLeast(value, 4, "FORWARD TSN");
        if (value.remaining() % 4 != 0) {
            throw new SctpParseException("FORWARD TSN: " + value.remaining() + " bytes is not 4 + 4n");
        }
        int tsn = value.getInt();
        List<StreamSequence> streams = new ArrayList<>(value.remaining() / 4);
        while (value.hasRemaining()) {
            streams.add(new StreamSequence(Short.toUnsignedInt(value.getShort()), Short.toUnsignedInt(value.getShort())));
        }
        return new ForwardTsnChunk(tsn, streams);
    }
}
