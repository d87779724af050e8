package org.ortc4j.sctp.internal.packet;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * OPERATION ERROR chunk (RFC 9260 §3.3.10): "It contains one or more error causes."
 *
 * @param errorCauses the causes
 */
public record ErrorChunk(List<ErrorCause> errorCauses) implements Chunk {

    /** Copies the cause list. */
    public ErrorChunk {
        errorCauses = List.copyOf(errorCauses);
    }

    @Override
    public int type() {
        return ChunkType.ERROR;
    }

    @Override
    public int valueLength() {
        return Tlv.listLength(errorCauses);
    }

    @Override
    public void writeValue(ByteBuffer out) {
        Tlv.writeList(errorCauses, out);
    }

    static ErrorChunk decode(ByteBuffer value) throws SctpParseException {
        return new ErrorChunk(ErrorCause.decodeList(value, "ERROR"));
    }
}
