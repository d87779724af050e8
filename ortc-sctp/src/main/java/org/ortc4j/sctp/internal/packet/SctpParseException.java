package org.ortc4j.sctp.internal.packet;

/**
 * Thrown when bytes from the network are not a well-formed SCTP packet, chunk, parameter or
 * error cause. The only exception the decoders throw; the association drops and counts the packet.
 */
public final class SctpParseException extends Exception {

    private static final long serialVersionUID = 1L;

    /** @param reason what is wrong with the input, for logs */
    public SctpParseException(String reason) {
        super(reason);
    }
}
