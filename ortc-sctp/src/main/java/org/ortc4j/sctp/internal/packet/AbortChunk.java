package org.ortc4j.sctp.internal.packet;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * ABORT chunk (RFC 9260 §3.3.7).
 *
 * @param tagReflected T bit: "The T bit is set to 0 if the sender filled in the Verification Tag
 *     expected by the peer. If the Verification Tag is reflected, the T bit MUST be set to 1."
 * @param errorCauses zero or more error causes
 */
public record AbortChunk(boolean tagReflected, List<ErrorCause> errorCauses) implements Chunk {

    /** Copies the cause list. */
    public AbortChunk {
        errorCauses = List.copyOf(errorCauses);
    }

    @Override
    public int type() {
        return ChunkType.ABORT;
    }

    @Override
    public int flags() {
        return tagReflected ? 1 : 0;
    }

    @Override
    public int valueLength() {
        return Tlv.listLength(errorCauses);
    }

    @Override
    public void writeValue(ByteBuffer out) {
        Tlv.writeList(errorCauses, out);
    }

    static AbortChunk decode(int flags, ByteBuffer value) throws SctpParseException {
        return new AbortChunk((flags & 1) != 0, ErrorCause.decodeList(value, "ABORT"));
    }
}
