package org.ortc4j.sdp;

import java.util.Locale;
import org.ortc4j.sdp.internal.SdpSyntax;

/**
 * {@code a=fingerprint:<hash-function> <fingerprint>}: the hash of the DTLS certificate the
 * endpoint will present (RFC 8122 §5).
 *
 * @param hashFunction the hash function name as written, such as {@code sha-256}
 * @param fingerprint the hash as upper- or lower-case hex byte pairs joined by colons
 */
public record FingerprintAttribute(String hashFunction, String fingerprint) implements SdpAttribute {

    /** The attribute name, {@value}. */
    public static final String NAME = "fingerprint";

    public FingerprintAttribute {
        SdpSyntax.requireToken(hashFunction, "fingerprint hash function");
        requireHexPairs(fingerprint);
    }

    // RFC 8122 §5: fingerprint = 2UHEX *(":" 2UHEX). Lower-case is accepted on input because
    // some stacks send it; comparisons should use bytes(), not the text.
    private static void requireHexPairs(String fingerprint) {
        if (fingerprint == null || fingerprint.isEmpty()) {
            throw new IllegalArgumentException("fingerprint is missing");
        }
        int n = fingerprint.length();
        if (n % 3 != 2 || n > 3 * 64) {
            throw new IllegalArgumentException("fingerprint is not colon-separated hex byte pairs: "
                    + SdpSyntax.quote(fingerprint));
        }
        for (int i = 0; i < n; i++) {
            char c = fingerprint.charAt(i);
            boolean ok = i % 3 == 2 ? c == ':' : Character.digit(c, 16) >= 0 && c < 0x80;
            if (!ok) {
                throw new IllegalArgumentException("fingerprint is not colon-separated hex byte pairs: "
                        + SdpSyntax.quote(fingerprint));
            }
        }
    }

    /** Reads the text after {@code a=fingerprint:}. */
    public static FingerprintAttribute parse(String value) {
        int space = value.indexOf(' ');
        if (space < 0) {
            throw new IllegalArgumentException("fingerprint needs a hash function and a fingerprint");
        }
        return new FingerprintAttribute(value.substring(0, space), value.substring(space + 1));
    }

    /** The hash function in lower case, as RFC 8122 compares it: {@code sha-256}. */
    public String normalizedHashFunction() {
        return hashFunction.toLowerCase(Locale.ROOT);
    }

    /** The fingerprint as bytes. */
    public byte[] bytes() {
        byte[] out = new byte[(fingerprint.length() + 1) / 3];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(fingerprint, 3 * i, 3 * i + 2, 16);
        }
        return out;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String value() {
        return hashFunction + ' ' + fingerprint;
    }
}
