package org.ortc4j.sctp.internal.dcep;

/**
 * Bytes that are not a well-formed DCEP message (RFC 8832), and why.
 *
 * <p>{@link DcepMessage#decode(byte[])} throws only this exception for bad input. It is unchecked
 * because the caller, the association's receive path, drops the message and counts it.
 */
public final class DcepParseException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String reason;

    /**
     * @param reason what is wrong, in words
     */
    public DcepParseException(String reason) {
        super("DCEP: " + reason);
        this.reason = reason;
    }

    /** What is wrong, in words, without the {@code "DCEP: "} prefix. */
    public String reason() {
        return reason;
    }
}
