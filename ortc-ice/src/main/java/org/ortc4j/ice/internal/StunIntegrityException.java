package org.ortc4j.ice.internal;

/**
 * A STUN transaction ended because the responses that came back failed their integrity check.
 *
 * <p>RFC 8489 §9.2.5 (and §9.1.4 alike): over an unreliable transport, "If all the responses
 * received are discarded, then instead of signaling a timeout after ending the transaction, the
 * layer MUST signal that the integrity protection was violated." Over a reliable transport "the
 * response MUST be discarded, and the layer MUST immediately end the transaction and signal that
 * the integrity protection was violated."
 */
public final class StunIntegrityException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StunIntegrityException(String message, Throwable cause) {
        super(message, cause);
    }
}
