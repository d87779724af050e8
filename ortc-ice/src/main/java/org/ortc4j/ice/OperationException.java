package org.ortc4j.ice;

/**
 * The W3C {@code "OperationError"} {@link DomException} (WebIDL §3.14.1: "The operation
 * failed for an operation-specific reason").
 *
 * <p>WebRTC throws it, for example, when a data channel's send buffer is full (W3C WebRTC §6.2
 * {@code send}), when a negotiated data channel id is already in use, or when no stream id is
 * left for a new data channel.
 */
public final class OperationException extends DomException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong, for a person to read
     */
    public OperationException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, for a person to read
     * @param cause the failure that led to this one
     */
    public OperationException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Always {@code "OperationError"}. */
    @Override
    public String name() {
        return "OperationError";
    }
}
