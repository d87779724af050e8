package org.ortc4j.rtp.payload;

/**
 * Thrown when RTP payload bytes from the network are not a well-formed payload of their format,
 * or when the payloads handed to a depacketizer do not form one complete frame. The only
 * exception the depacketizers and payload views throw; the receiver drops and counts the frame.
 */
public final class RtpPayloadException extends Exception {

    private static final long serialVersionUID = 1L;

    /** @param reason what is wrong with the input, for logs */
    public RtpPayloadException(String reason) {
        super(reason);
    }
}
