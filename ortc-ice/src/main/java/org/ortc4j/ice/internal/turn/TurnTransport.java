package org.ortc4j.ice.internal.turn;

/** How a client reaches its TURN server (RFC 8656 §3.1); the relayed transport is always UDP. */
public enum TurnTransport {
    /** TURN over UDP: STUN retransmissions (RFC 8489 §6.2.1). */
    UDP,
    /** TURN over TCP: one connection, framed (RFC 8656 §12.5), no retransmissions (RFC 8489 §6.2.2). */
    TCP,
    /** TURN over TLS over TCP ({@code turns:}), as TCP. */
    TLS;

    /** Whether the transport is a reliable byte stream. */
    public boolean reliable() {
        return this != UDP;
    }
}
