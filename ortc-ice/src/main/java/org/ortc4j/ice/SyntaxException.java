package org.ortc4j.ice;

/**
 * The W3C {@code "SyntaxError"} {@link DomException} (WebIDL §3.14.1: "The string did not match
 * the expected pattern").
 *
 * <p>WebRTC throws it, for example, for an ICE server URL that is not a STUN or TURN URI
 * (W3C WebRTC §4.4.1.5, "validate an ICE server URL"; RFC 7064 §3.1, RFC 7065 §3.1) and for an
 * {@code RTCIceServer} whose list of URLs is empty.
 */
public final class SyntaxException extends DomException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong, for a person to read
     */
    public SyntaxException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, for a person to read
     * @param cause the failure that led to this one
     */
    public SyntaxException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Always {@code "SyntaxError"}. */
    @Override
    public String name() {
        return "SyntaxError";
    }
}
