package org.ortc4j.sctp;

/**
 * What an SCTP transport can receive (W3C WebRTC §6.1 / ORTC §12 {@code RTCSctpCapabilities}).
 *
 * @param maxMessageSize the largest message, in bytes, the transport accepts; 0 means any size
 *     (W3C §6.1.1: "a value of 0 ... indicates that the remote peer can receive messages of any
 *     size")
 */
public record RTCSctpCapabilities(long maxMessageSize) {

    /** Checks the value. */
    public RTCSctpCapabilities {
        if (maxMessageSize < 0) {
            throw new IllegalArgumentException("maxMessageSize must not be negative: " + maxMessageSize);
        }
    }
}
