package org.ortc4j.rtp.packet;

/**
 * Thrown when bytes from the network are not a well-formed RTP packet, RTP header extension value
 * or RTCP compound packet. The only exception the parsers in this package throw; a receiver drops
 * and counts the packet.
 */
public final class RtpParseException extends Exception {

    private static final long serialVersionUID = 1L;

    /** @param reason what is wrong with the input, for logs */
    public RtpParseException(String reason) {
        super(reason);
    }
}
