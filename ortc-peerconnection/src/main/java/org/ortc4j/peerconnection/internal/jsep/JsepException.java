package org.ortc4j.peerconnection.internal.jsep;

/**
 * A description that JSEP cannot use, with the W3C error the peer connection turns it into.
 *
 * <p>The JSEP core never throws another exception type for bad descriptions: the peer connection
 * catches this one and rejects the promise-like future of {@code setRemoteDescription} or
 * {@code setLocalDescription} with a {@code DOMException} named by {@link #errorName()}.
 */
public final class JsepException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Which W3C error a failure becomes (W3C WebRTC §4.4.1.5 and §4.4.1.6). */
    public enum Kind {
        /** The SDP text does not parse: W3C {@code SyntaxError}. */
        SYNTAX("SyntaxError"),
        /**
         * The SDP parses but breaks a JSEP rule (RFC 9429 §5.8, §5.9), for example a BUNDLE group
         * that names a missing mid: W3C {@code InvalidAccessError}.
         */
        INVALID_ACCESS("InvalidAccessError"),
        /** The description is valid but cannot be applied here: W3C {@code OperationError}. */
        OPERATION("OperationError");

        private final String errorName;

        Kind(String errorName) {
            this.errorName = errorName;
        }

        /** The W3C DOMException name. */
        public String errorName() {
            return errorName;
        }
    }

    private final Kind kind;

    /** An exception of a kind with a message that says what is wrong and where. */
    public JsepException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    /** An exception of a kind caused by another (usually the SDP parser's). */
    public JsepException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    /** The kind of failure. */
    public Kind kind() {
        return kind;
    }

    /** The W3C DOMException name: SyntaxError, InvalidAccessError or OperationError. */
    public String errorName() {
        return kind.errorName();
    }
}
