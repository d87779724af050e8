package org.ortc4j.sdp;

/**
 * SDP text that cannot be read: which line, and why.
 *
 * <p>The parser throws only this exception for bad input, whatever the input is. It is unchecked
 * because the common caller (JSEP's {@code setRemoteDescription}) turns it into a rejected
 * future rather than handling it in place.
 */
public final class SdpParseException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final int lineNumber;
    private final String reason;

    /**
     * @param lineNumber the 1-based line the problem is on, or 0 when it concerns the whole text
     * @param reason what is wrong, in words
     */
    public SdpParseException(int lineNumber, String reason) {
        super(lineNumber > 0 ? "SDP line " + lineNumber + ": " + reason : "SDP: " + reason);
        this.lineNumber = lineNumber;
        this.reason = reason;
    }

    /** The 1-based number of the offending line, or 0 when the problem is the text as a whole. */
    public int lineNumber() {
        return lineNumber;
    }

    /** What is wrong, without the line number. */
    public String reason() {
        return reason;
    }
}
