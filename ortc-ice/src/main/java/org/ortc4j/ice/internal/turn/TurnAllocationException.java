package org.ortc4j.ice.internal.turn;

/**
 * An Allocate (or the connection to the server) failed: the server refused with an error code
 * (486 Allocation Quota Reached, 508 Insufficient Capacity, 401 wrong credentials, ...), sent a
 * malformed success response, or could not be reached.
 */
public final class TurnAllocationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int errorCode;

    public TurnAllocationException(String message, int errorCode, Throwable cause) {
        super(message, cause);
        this.errorCode = errorCode;
    }

    /** The STUN error code the server answered with, or 0 when the failure was not an error response. */
    public int errorCode() {
        return errorCode;
    }
}
