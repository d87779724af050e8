package org.ortc4j.ice;

/**
 * The W3C {@code "InvalidAccessError"} {@link DomException} (WebIDL §3.14.1: "The object does not
 * support the operation or argument").
 *
 * <p>WebRTC throws it, for example, when an {@code RTCIceServer} names a TURN server but lacks a
 * username or credential (W3C WebRTC §4.4.1.5, "validate an ICE server URL").
 */
public final class InvalidAccessException extends DomException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong, for a person to read
     */
    public InvalidAccessException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, for a person to read
     * @param cause the failure that led to this one
     */
    public InvalidAccessException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Always {@code "InvalidAccessError"}. */
    @Override
    public String name() {
        return "InvalidAccessError";
    }
}
