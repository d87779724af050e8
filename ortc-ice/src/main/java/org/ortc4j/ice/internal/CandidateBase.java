package org.ortc4j.ice.internal;

import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;

/**
 * Where a local candidate sends from (RFC 8445 §5.1.1, "base"): a host UDP socket, or a TURN
 * allocation for a relayed candidate. Server-reflexive candidates share their host socket's
 * base. Called on the stack's loop.
 */
public interface CandidateBase {

    /**
     * The base's own transport address: the socket's address, or the relayed address of a TURN
     * allocation.
     */
    InetSocketAddress address();

    /** Whether sending goes through a TURN relay (Send indications or ChannelData). */
    boolean relayed();

    /** Sends one datagram to {@code to}. Takes ownership of {@code data}. */
    void send(ByteBuf data, InetSocketAddress to);

    /** Whether the base can still send (its socket or allocation is alive). */
    boolean isOpen();
}
