package org.ortc4j.sctp.internal.packet;

import java.nio.ByteBuffer;

/**
 * SHUTDOWN chunk (RFC 9260 §3.3.8): "Length: 16 bits (unsigned integer) Indicates the length of
 * the parameter. Set to 8."
 *
 * @param cumulativeTsnAck the last TSN received in sequence
 */
public record ShutdownChunk(int cumulativeTsnAck) implements Chunk {

    @Override
    public int type() {
        return ChunkType.SHUTDOWN;
    }

    @Override
    public int valueLength() {
        return 4;
    }

    @Override
    public void writeValue(ByteBuffer out) {
        out.putInt(cumulativeTsnAck);
    }

    static ShutdownChunk decode(ByteBuffer value) throws SctpParseException {
        Tlv.expectExactly(value, 4, "SHUTDOWN");
        return new ShutdownChunk(value.getInt());
    }
}
