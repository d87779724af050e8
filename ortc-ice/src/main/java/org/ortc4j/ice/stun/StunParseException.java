package org.ortc4j.ice.stun;

/**
 * Bytes that are not a well-formed STUN message, and why.
 *
 * <p>{@link StunMessage#decode(byte[])} throws only this exception for bad input, whatever the
 * input is. It is unchecked because the usual caller, the receive path of an ICE transport, drops
 * the datagram and counts it rather than handling the failure in place (ARCHITECTURE.md, "Bad
 * input").
 */
public final class StunParseException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String reason;

    /**
     * @param reason what is wrong, in words
     */
    public StunParseException(String reason) {
        super("STUN: " + reason);
        this.reason = reason;
    }

    /** What is wrong, in words, without the {@code "STUN: "} prefix of {@link #getMessage()}. */
    public String reason() {
        return reason;
    }
}
