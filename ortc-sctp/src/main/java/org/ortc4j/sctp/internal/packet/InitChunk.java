package org.ortc4j.sctp.internal.packet;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;

/**
 * INIT chunk (RFC 9260 §3.3.2): the initiate tag, a_rwnd, stream counts, initial TSN and
 * optional parameters. {@link InitAckChunk} has the same layout.
 *
 * @param initiateTag the verification tag the peer must use towards us (never 0)
 * @param advertisedReceiverWindowCredit a_rwnd, 32 bits
 * @param outboundStreams OS, 16 bits
 * @param inboundStreams MIS, 16 bits
 * @param initialTsn initial TSN
 * @param parameters optional parameters in order, unknown ones kept
 */
public record InitChunk(int initiateTag, int advertisedReceiverWindowCredit, int outboundStreams,
        int inboundStreams, int initialTsn, List<Parameter> parameters) implements Chunk {

    static final int FIXED = 16;

    /** Validates the 16-bit fields and copies the parameter list. */
    public InitChunk {
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
        return ChunkType.INIT;
    }

    @Override
    public int valueLength() {
        return FIXED + Tlv.listLength(parameters);
    }

    @Override
    public void writeValue(ByteBuffer out) {
        out.putInt(initiateTag).putInt(advertisedReceiverWindowCredit).putShort((short) outboundStreams)
                .putShort((short) inboundStreams).putInt(initialTsn);
        Tlv.writeList(parameters, out);
    }

    static InitChunk decode(ByteBuffer value) throws SctpParseException {
        return decode(value, "INIT");
    }

    /** Reads the INIT layout, which INIT ACK shares; {@code name} goes into error messages. */
    static InitChunk decode(ByteBuffer value, String name) throws SctpParseException {
        Tlv.expectAtLeast(value, FIXED, name);
        return new InitChunk(value.getInt(), value.getInt(), Short.toUnsignedInt(value.getShort()),
                Short.toUnsignedInt(value.getShort()), value.getInt(), Parameters.decodeList(value, name));
    }
}
