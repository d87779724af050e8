package org.ortc4j.examples.signaling;

/**
 * A signaling message that is not one of the messages aiortc's {@code contrib.signaling}
 * exchanges: malformed JSON, a JSON value that is not an object, an unknown {@code type}, a
 * missing or mistyped member, an SDP type or ICE candidate that does not parse, or a line longer
 * than the reader accepts. The message names the problem and quotes the start of the input.
 */
public final class InvalidSignalingMessageException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** An exception with this message. */
    public InvalidSignalingMessageException(String message) {
        super(message);
    }

    /** An exception with this message, caused by {@code cause}. */
    public InvalidSignalingMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
