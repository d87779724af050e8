package org.ortc4j.sctp.internal.packet;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * RE-CONFIG chunk (RFC 6525 §3.1): one or two re-configuration parameters (§4).
 *
 * @param parameters the request and/or response parameters
 */
public record ReconfigChunk(List<Parameter> parameters) implements Chunk {

    /** Copies the list. */
    public ReconfigChunk {
        parameters = List.copyOf(parameters);
    }

    @Override
    public int type() {
        return ChunkType.RE_CONFIG;
    }

    @Override
    public int valueLength() {
        return Tlv.listLength(parameters);
    }

    @Override
    public void writeValue(ByteBuffer out) {
        Tlv.writeList(parameters, out);
    }

    static ReconfigChunk decode(ByteBuffer value) throws SctpParseException {
        List<Parameter> parameters = Parameters.decodeList(value, "RE-CONFIG");
        // RFC 6525 §3.1: a RE-CONFIG chunk carries one or two re-configuration parameters (which
        // pairs are legal is the association's check).
        if (parameters.isEmpty() || parameters.size() > 2) {
            throw new SctpParseException("RE-CONFIG: " + parameters.size() + " parameters, expected 1 or 2");
        }
        return new ReconfigChunk(parameters);
    }
}
