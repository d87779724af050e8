package org.ortc4j.ice.stun;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The domain name to check the certificate of the ALTERNATE-SERVER against, over TLS or DTLS
 * (RFC 8489 §14.16).
 *
 * <p>RFC 8489 §14.16: "The value of ALTERNATE-DOMAIN is variable length. It MUST be a valid DNS
 * name [RFC1123] (including A-labels [RFC5890]) of 255 or fewer ASCII characters." This class
 * checks length and printable ASCII; whether the name is a valid host name is for the TLS client
 * that uses it.
 *
 * @param domain the domain name, 1 to 255 printable ASCII characters
 */
public record AlternateDomainAttribute(String domain) implements StunAttribute {

    private static final int MAX_LENGTH = 255;

    /**
     * @throws IllegalArgumentException if {@code domain} is empty, longer than 255 characters or
     *     not printable ASCII
     */
    public AlternateDomainAttribute {
        Objects.requireNonNull(domain, "domain");
        String problem = problem(domain);
        if (problem != null) {
            throw new IllegalArgumentException("ALTERNATE-DOMAIN: " + problem);
        }
    }

    private static String problem(String domain) {
        if (domain.isEmpty() || domain.length() > MAX_LENGTH) {
            return "domain of " + domain.length() + " characters is not 1 to 255";
        }
        for (int i = 0; i < domain.length(); i++) {
            char c = domain.charAt(i);
            if (c < 0x21 || c > 0x7E) {
                return String.format("character U+%04X is not printable ASCII", (int) c);
            }
        }
        return null;
    }

    @Override
    public StunAttributeType type() {
        return StunAttributeType.ALTERNATE_DOMAIN;
    }

    @Override
    public byte[] encodeValue(byte[] transactionId) {
        return domain.getBytes(StandardCharsets.US_ASCII);
    }

    static AlternateDomainAttribute decode(AttributeValue value) {
        String domain = new String(value.all(), StandardCharsets.ISO_8859_1);
        String problem = problem(domain);
        if (problem != null) {
            throw value.error(problem);
        }
        return new AlternateDomainAttribute(domain);
    }
}
