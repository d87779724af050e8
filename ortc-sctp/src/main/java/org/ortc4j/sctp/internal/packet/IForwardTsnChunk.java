package org.ortc4j.sctp.internal.packet;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * I-FORWARD-TSN chunk (RFC 8260 §2.3.1): a new cumulative TSN and, per stream and ordering, the
 * largest skipped message identifier.
 *
 * @param newCumulativeTsn the new cumulative TSN
 * @param streams the skipped messages
 */
public record IForwardTsnChunk(int newCumulativeTsn, List<StreamMessage> streams) implements Chunk {

    /**
     * @param streamIdentifier 16-bit stream
     * @param unordered U bit: the MID is of an unordered message
     * @param messageIdentifier 32-bit largest MID skipped
     */
    public record StreamMessage(int streamIdentifier, boolean unordered, int messageIdentifier) {
        /** Validates the stream identifier. */
        public StreamMessage {
            Tlv.checkU16(streamIdentifier, "stream identifier");
        }
    }

    /** Copies the list. */
    public IForwardTsnChunk {
        streams = List.copyOf(streams);
    }

    @Override
    public int type() {
        return ChunkType.I_FORWARD_TSN;
    }

    @Override
    public int valueLength() {
        return 4 + 8 * streams.size();
    }

    @Override
    public void writeValue(ByteBuffer out) {
        out.putInt(newCumulativeTsn);
        for (StreamMessage s : streams) {
            // RFC 8260 §2.3.1: 15 reserved bits sent as 0, then the U bit as the lowest bit.
            out.putShort((short) s.streamIdentifier()).putShort((short) (s.unordered() ? 1 : 0))
                    .putInt(s.messageIdentifier());
        }
    }

    static IForwardTsnChunk decode(ByteBuffer value) throws SctpParseException {
        Tlv.expectAtLeast(value, 4, "I-FORWARD-TSN");
        if ((value.remaining() - 4) % 8 != 0) {
            throw new SctpParseException("I-FORWARD-TSN: " + value.remaining() + " bytes is not 4 + 8n");
        }
        int tsn = value.getInt();
        List<StreamMessage> streams = new ArrayList<>(value.remaining() / 8);
        while (value.hasRemaining()) {
            int stream = Short.toUnsignedInt(value.getShort());
            boolean unordered = (value.getShort() & 1) != 0;
            streams.add(new StreamMessage(stream, unordered, value.getInt()));
        }
        return new IForwardTsnChunk(tsn, streams);
    }
}
