package org.ortc4j.sctp.internal.packet;

import java.nio.ByteBuffer;

/** COOKIE ACK chunk (RFC 9260 §3.3.12): header only, length 4. */
public record CookieAckChunk() implements Chunk {

    @Override
    public int type() {
        return ChunkType.COOKIE_ACK;
    }

    @Override
    public int valueLength() {
        return 0;
    }

    @Override
    public void writeValue(ByteBuffer out) {
        // no value
    }

    static CookieAckChunk decode(ByteBuffer value) throws SctpParseException {
        Tlv.expectExactly(value, 0, "COOKIE ACK");
        return new CookieAckChunk();
    }
}
