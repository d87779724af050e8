package org.ortc4j.sctp.internal.packet;

import java.nio.ByteBuffer;

/**
 * HEARTBEAT ACK chunk (RFC 9260 §3.3.6): "This field MUST contain the Heartbeat Information
 * parameter of the Heartbeat Request to which this Heartbeat Acknowledgement is responding."
 *
 * @param heartbeatInformation read-only view of the echoed information
 */
public record HeartbeatAckChunk(ByteBuffer heartbeatInformation) implements Chunk {

    /** Takes a read-only view of the information. */
    public HeartbeatAckChunk {
        heartbeatInformation = Tlv.view(heartbeatInformation);
    }

    @Override
    public int type() {
        return ChunkType.HEARTBEAT_ACK;
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
        HeartbeatChunk.writeInfo(heartbeatInformation, out);
    }

    static HeartbeatAckChunk decode(ByteBuffer value) throws SctpParseException {
        return new HeartbeatAckChunk(HeartbeatChunk.decodeInfo(value, "HEARTBEAT ACK"));
    }
}
