package org.ortc4j.sctp.internal.association;

import java.nio.ByteBuffer;

/**
 * Where an association's outgoing SCTP packets go: the DTLS transport (RFC 8261: one packet per
 * DTLS record), or a test link. Called on the association's loop.
 */
@FunctionalInterface
public interface SctpPacketSink {

    /**
     * Sends one SCTP packet, from {@code packet}'s position to its limit. The buffer is only valid
     * during the call (the association reuses it): a sink that keeps the bytes copies them.
     */
    void send(ByteBuffer packet);
}
