package org.ortc4j.sctp.internal.packet;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * HEARTBEAT chunk (RFC 9260 §3.3.5): one Heartbeat Info parameter (type 1) whose value is opaque
 * to the receiver, which echoes it in a {@link HeartbeatAckChunk}.
 *
 * @param heartbeatInformation read-only view of the sender-specific heartbeat information
 */
public record HeartbeatChunk(ByteBuffer heartbeatInformation) implements Chunk {

    /** Parameter type of Heartbeat Info (RFC 9260 §3.3.5). */
    public static final int HEARTBEAT_INFO = 1;

    /** Takes a read-only view of the information. */
    public HeartbeatChunk {
        heartbeatInformation = Tlv.view(heartbeatInformation);
    }

    @Override
    public int type() {
        return ChunkType.HEARTBEAT;
    }

    /** @return a read-only view of the bytes, its own position and limit, so that readers do not disturb the chunk */
    @Override
    public ByteBuffer heartbeatInformation() {
        return heartbeatInformation.duplicate();
    }

    @Override
    public int valueLength() {
        return 4 + heartbeatInformation.remaining();
    }

    @Override
    public void writeValue(ByteBuffer out) {
        writeInfo(heartbeatInformation, out);
    }

    static void writeInfo(ByteBuffer info, ByteBuffer out) {
        out.putShort((short) HEARTBEAT_INFO).putShort((short) (4 + info.remaining())).put(info.duplicate());
    }

    static ByteBuffer decodeInfo(ByteBuffer value, String what) throws SctpParseException {
        // RFC 9260 §3.3.5: the Heartbeat Information is a variable-length parameter (type 1) in
        // the format of §3.2.1.
        List<UnknownParameter> params = Tlv.decodeList(value, UnknownParameter::new, what);
        if (params.size() != 1 || params.get(0).type() != HEARTBEAT_INFO) {
            throw new SctpParseException(what + ": expected exactly one Heartbeat Info parameter");
        }
        return params.get(0).value();
    }

    static HeartbeatChunk decode(ByteBuffer value) throws SctpParseException {
        return new HeartbeatChunk(decodeInfo(value, "HEARTBEAT"));
    }
}
