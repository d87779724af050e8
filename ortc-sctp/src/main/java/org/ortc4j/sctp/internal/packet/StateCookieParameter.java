package org.ortc4j.sctp.internal.packet;

import java.nio.ByteBuffer;

/**
 * State Cookie parameter of INIT ACK (RFC 9260 §3.3.3.1): opaque to the receiver, echoed in COOKIE ECHO.
 *
 * @param cookie read-only view of the cookie
 */
public record StateCookieParameter(ByteBuffer cookie) implements Parameter {

    /** Takes a read-only view. */
    public StateCookieParameter {
        cookie = Tlv.view(cookie);
    }

    @Override
    public int type() {
        return ParameterType.STATE_COOKIE;
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
}
