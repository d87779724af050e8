package org.ortc4j.dtls.internal.cert;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Optional;

/**
 * The hash functions a certificate fingerprint may use (RFC 8122 §5, named as in the IANA "Hash
 * Function Textual Names" registry), with the JDK digest that computes each and the RFC 8122 §5
 * text form of a hash.
 */
public enum FingerprintAlgorithm {
    SHA_1("sha-1", "SHA-1", 20),
    SHA_256("sha-256", "SHA-256", 32),
    SHA_384("sha-384", "SHA-384", 48),
    SHA_512("sha-512", "SHA-512", 64);

    private final String textualName;
    private final String jcaName;
    private final int length;

    FingerprintAlgorithm(String textualName, String jcaName, int length) {
        this.textualName = textualName;
        this.jcaName = jcaName;
        this.length = length;
    }

    /** The name in {@code a=fingerprint} and {@code RTCDtlsFingerprint.algorithm}, e.g. {@code sha-256}. */
    public String textualName() {
        return textualName;
    }

    /** The length of a hash in bytes. */
    public int length() {
        return length;
    }

    /**
     * The algorithm with this textual name, ignoring case (RFC 8122 §5 ABNF strings are
     * case-insensitive, RFC 5234 §2.3), or empty for a name this library does not know.
     */
    public static Optional<FingerprintAlgorithm> byName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String lower = name.toLowerCase(Locale.ROOT);
        for (FingerprintAlgorithm algorithm : values()) {
            if (algorithm.textualName.equals(lower)) {
                return Optional.of(algorithm);
            }
        }
        return Optional.empty();
    }

    /** The hash of {@code der}. */
    public byte[] digest(byte[] der) {
        try {
            return MessageDigest.getInstance(jcaName).digest(der);
        } catch (NoSuchAlgorithmException e) {
            // Every Java SE platform must provide SHA-1 and SHA-256; the JDK has SHA-384/512 too.
            throw new IllegalStateException("the JDK has no " + jcaName + " digest", e);
        }
    }

    /**
     * The fingerprint text of a certificate: its hash in upper-case hex pairs separated by colons.
     */
    // RFC 8122 §5: "A certificate fingerprint is a secure one-way hash of the Distinguished
    // Encoding Rules (DER) form of the certificate."
    // RFC 8122 §5: fingerprint = 2UHEX *(":" 2UHEX) ; "Each byte in upper-case hex, separated by colons."
    public String fingerprint(byte[] der) {
        return format(digest(der));
    }

    /** Upper-case hex pairs separated by colons. */
    public static String format(byte[] hash) {
        StringBuilder text = new StringBuilder(hash.length * 3);
        for (int i = 0; i < hash.length; i++) {
            if (i > 0) {
                text.append(':');
            }
            text.append(Character.toUpperCase(Character.forDigit((hash[i] >> 4) & 0xF, 16)));
            text.append(Character.toUpperCase(Character.forDigit(hash[i] & 0xF, 16)));
        }
        return text.toString();
    }

    /**
     * The bytes of a fingerprint text (hex pairs separated by colons, either case), or empty when
     * the text is not of that form.
     */
    public static Optional<byte[]> parse(String text) {
        if (text == null || text.length() % 3 != 2) {
            return Optional.empty();
        }
        byte[] bytes = new byte[(text.length() + 1) / 3];
        for (int i = 0; i < bytes.length; i++) {
            int at = i * 3;
            int high = hexValue(text.charAt(at));
            int low = hexValue(text.charAt(at + 1));
            if (high < 0 || low < 0 || (i + 1 < bytes.length && text.charAt(at + 2) != ':')) {
                return Optional.empty();
            }
            bytes[i] = (byte) ((high << 4) | low);
        }
        return Optional.of(bytes);
    }

    /** The value of an ASCII hex digit, or -1 (Character.digit would also take non-ASCII digits). */
    private static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return -1;
    }
}
