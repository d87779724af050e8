package org.ortc4j.media;

/**
 * A codec could not encode or decode a frame: most often an encoded frame from the network that
 * is not valid for its codec. The frame is lost; the codec stays usable.
 */
public class MediaCodecException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** An exception with a message. */
    public MediaCodecException(String message) {
        super(message);
    }

    /** An exception with a message and the codec library's cause. */
    public MediaCodecException(String message, Throwable cause) {
        super(message, cause);
    }
}
