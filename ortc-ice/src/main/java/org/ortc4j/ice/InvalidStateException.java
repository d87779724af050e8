package org.ortc4j.ice;

/**
 * The W3C {@code "InvalidStateError"} {@link DomException} (WebIDL §3.14.1: "The object is in an
 * invalid state").
 *
 * <p>WebRTC and ORTC throw it, for example, when a closed or stopped transport is used.
 */
public final class InvalidStateException extends DomException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong, for a person to read
     */
    public InvalidStateException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, for a person to read
     * @param cause the failure that led to this one
     */
    public InvalidStateException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Always {@code "InvalidStateError"}. */
    @Override
    public String name() {
        return "InvalidStateError";
    }
}
