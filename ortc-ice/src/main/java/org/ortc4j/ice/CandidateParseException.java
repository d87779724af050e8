package org.ortc4j.ice;

/**
 * A string that is not an ICE candidate attribute (RFC 8839 §5.1), from
 * {@link RTCIceCandidate#parse}. The message names the input and what is wrong with it.
 *
 * <p>It is its own type, not a {@link DomException}: the W3C API reports an unparseable remote
 * candidate as an {@code "OperationError"} from {@code addIceCandidate} (W3C WebRTC, {@code addIceCandidate} steps),
 * which is the peer connection's to raise; a parser says only that the text is bad. It extends
 * {@link IllegalArgumentException}, so code that catches bad arguments in general also catches
 * it, and it is unchecked, as every parser in ortc4j is (ARCHITECTURE.md, "Bad input").
 */
public final class CandidateParseException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong, for a person to read
     */
    public CandidateParseException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, for a person to read
     * @param cause the failure that led to this one
     */
    public CandidateParseException(String message, Throwable cause) {
        super(message, cause);
    }
}
