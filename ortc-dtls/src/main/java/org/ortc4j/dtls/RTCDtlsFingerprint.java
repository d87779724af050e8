package org.ortc4j.dtls;

import java.util.Locale;
import java.util.Objects;

/**
 * A certificate fingerprint as signalled (W3C WebRTC §4.9.2 {@code RTCDtlsFingerprint}; RFC 8122
 * §5 {@code a=fingerprint}).
 *
 * @param algorithm the hash function's name in lower case as RFC 8122 §5 and the IANA "Hash
 *     Function Textual Names" registry spell it: {@code sha-1}, {@code sha-256}, {@code sha-384},
 *     {@code sha-512}
 * @param value the hash in upper-case hex pairs separated by colons (RFC 8122 §5:
 *     {@code fingerprint = 2UHEX *(":" 2UHEX)}); compared case-insensitively
 */
public record RTCDtlsFingerprint(String algorithm, String value) {

    public RTCDtlsFingerprint {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(value, "value");
        algorithm = algorithm.toLowerCase(Locale.ROOT);
        value = value.toUpperCase(Locale.ROOT);
        if (!value.matches("[0-9A-F]{2}(:[0-9A-F]{2})*")) {
            throw new IllegalArgumentException("a fingerprint is hex pairs separated by colons (RFC 8122 §5): " + value);
        }
    }
}
