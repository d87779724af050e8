package org.ortc4j.sctp.internal.packet;

import java.nio.ByteBuffer;

/** SHUTDOWN ACK chunk (RFC 9260 §3.3.9): header only, length 4. */
public record ShutdownAckChunk() implements Chunk {

    @Override
    public int type() {
        return ChunkType.SHUTDOWN_ACK;
    }

    @Override
    public int valueLength() {
        return 0;
    }

    @Override
    public void writeValue(ByteBuffer out) {
        // no value
    }

    static ShutdownAckChunk decode(ByteBuffer value) throws SctpParseException {
        Tlv.expectExactly(value, 0, "SHUTDOWN ACK");
        return new ShutdownAckChunk();
    }
}
