package org.ortc4j.sctp.internal.packet;

import java.nio.ByteBuffer;

/**
 * COOKIE ECHO chunk (RFC 9260 §3.3.11): "This field MUST contain the exact cookie received in the
 * State Cookie parameter from the previous INIT ACK."
 *
 * @param cookie read-only view of the cookie
 */
public record CookieEchoChunk(ByteBuffer cookie) implements Chunk {

    /** Takes a read-only view of the cookie. */
    public CookieEchoChunk {
        cookie = Tlv.view(cookie);
    }

    @Override
    public int type() {
        return ChunkType.COOKIE_ECHO;
    }

    /** @return a read-only view of the bytes, its own position and limit, so that readers do not disturb the chunk */
    @Override
    public ByteBuffer cookie() {
        return cookie.duplicate();
    }

    @Override
    public int valueLength() {
        return cookie.remaining();
    }

    @Override
    public void writeValue(ByteBuffer out) {
        out.put(cookie.duplicate());
    }

    static CookieEchoChunk decode(ByteBuffer value) {
        return new CookieEchoChunk(Tlv.rest(value));
    }
}
