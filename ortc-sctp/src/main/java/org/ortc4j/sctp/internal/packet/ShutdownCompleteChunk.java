package org.ortc4j.sctp.internal.packet;

import java.nio.ByteBuffer;

/**
 * SHUTDOWN COMPLETE chunk (RFC 9260 §3.3.13): header only, with the T bit.
 *
 * @param tagReflected T bit, as for ABORT: set when the verification tag is reflected
 */
public record ShutdownCompleteChunk(boolean tagReflected) implements Chunk {

    @Override
    public int type() {
        return ChunkType.SHUTDOWN_COMPLETE;
    }

    @Override
    public int flags() {
        return tagReflected ? 1 : 0;
    }

    @Override
    public int valueLength() {
        return 0;
    }

    @Override
    public void writeValue(ByteBuffer out) {
        // no value
    }

    static ShutdownCompleteChunk decode(int flags, ByteBuffer value) throws SctpParseException {
        Tlv.expectExactly(value, 0, "SHUTDOWN COMPLETE");
        return new ShutdownCompleteChunk((flags & 1) != 0);
    }
}
