package org.ortc4j.ice.internal.mdns;

/**
 * Bytes that are not a well-formed DNS message, and why.
 *
 * <p>{@link DnsMessage#decode(byte[])} throws only this exception for bad input, whatever the
 * input is. It is unchecked because its callers, the receive paths of {@link MdnsResolver} and
 * {@link MdnsResponder}, drop the datagram and count it (ARCHITECTURE.md, "Bad input").
 */
public final class DnsParseException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String reason;

    /**
     * @param reason what is wrong, in words
     */
    public DnsParseException(String reason) {
        super("DNS: " + reason);
        this.reason = reason;
    }

    /** What is wrong, in words, without the {@code "DNS: "} prefix of {@link #getMessage()}. */
    public String reason() {
        return reason;
    }
}
