package org.ortc4j.sctp.internal.packet;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;

/**
 * INIT ACK chunk (RFC 9260 §3.3.3): the same fields as INIT; the State Cookie parameter is
 * mandatory (checked by the association, not the codec).
 *
 * @param initiateTag the verification tag the peer must use towards us (never 0)
 * @param advertisedReceiverWindowCredit a_rwnd, 32 bits
 * @param outboundStreams OS, 16 bits
 * @param inboundStreams MIS, 16 bits
 * @param initialTsn initial TSN
 * @param parameters optional parameters in order, unknown ones kept
 */
public record InitAckChunk(int initiateTag, int advertisedReceiverWindowCredit, int outboundStreams,
        int inboundStreams, int initialTsn, List<Parameter> parameters) implements Chunk {

    private static final int FIXED = InitChunk.FIXED;

    /** Validates the 16-bit fields and copies the parameter list. */
    public InitAckChunk {
        Tlv.checkU16(outboundStreams, "outbound streams");
        Tlv.checkU16(inboundStreams, "inbound streams");
        parameters = List.copyOf(parameters);
    }

    /** @return the first parameter of the given class, if any */
    public <P extends Parameter> Optional<P> parameter(Class<P> type) {
        return Parameters.first(parameters, type);
    }

    @Override
    public int type() {
        return ChunkType.INIT_ACK;
    }

    @Override
    public int valueLength() {
        return FIXED + Tlv.listLength(parameters);
    }

    @Override
    public void writeValue(ByteBuffer out) {
        asInit().writeValue(out);
    }

    /** The same fields as an INIT, whose layout this chunk shares (RFC 9260 §3.3.3). */
    private InitChunk asInit() {
        return new InitChunk(initiateTag, advertisedReceiverWindowCredit, outboundStreams, inboundStreams, initialTsn,
                parameters);
    }

    static InitAckChunk decode(ByteBuffer value) throws SctpParseException {
        InitChunk fields = InitChunk.decode(value, "INIT ACK");
        return new InitAckChunk(fields.initiateTag(), fields.advertisedReceiverWindowCredit(),
                fields.outboundStreams(), fields.inboundStreams(), fields.initialTsn(), fields.parameters());
    }
}
