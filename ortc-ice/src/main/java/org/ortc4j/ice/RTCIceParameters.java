package org.ortc4j.ice;

import java.security.SecureRandom;
import java.util.Objects;

/**
 * The ICE credentials of one side of an ICE session (ORTC and W3C WebRTC
 * dictionary {@code RTCIceParameters}): the username fragment and password that build and
 * check the STUN short-term credentials of connectivity checks (RFC 8445 §7.2.2), and whether
 * the agent is ICE-lite (RFC 8445 §2.5).
 *
 * <p>The record validates as RFC 8839 §5.4 reads:
 * <pre>
 * ice-pwd-att   = "ice-pwd:" password
 * ice-ufrag-att = "ice-ufrag:" ufrag
 * password      = 22*256ice-char
 * ufrag         = 4*256ice-char
 * ice-char      = ALPHA / DIGIT / "+" / "/"              ; RFC 8839 §5.1
 * </pre>
 *
 * @param usernameFragment the ufrag, 4 to 256 ice-chars
 * @param password the pwd, 22 to 256 ice-chars
 * @param iceLite whether the agent implements only ICE-lite (RFC 8445 §2.5)
 */
public record RTCIceParameters(String usernameFragment, String password, boolean iceLite) {

    /** The 64 ice-chars (RFC 8839 §5.1), in the order {@link #generate} draws from. */
    private static final String ICE_CHARS =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    /** Length of a generated ufrag: 48 random bits, twice RFC 8445 §5.3's minimum of 24. */
    static final int GENERATED_UFRAG_LENGTH = 8;

    /** Length of a generated pwd: 144 random bits, over RFC 8445 §5.3's minimum of 128. */
    static final int GENERATED_PASSWORD_LENGTH = 24;

    private static final class DefaultRandom {
        static final SecureRandom INSTANCE = new SecureRandom();
    }

    /**
     * Checks both credentials against RFC 8839 §5.4.
     *
     * @throws IllegalArgumentException if the ufrag is not 4 to 256 ice-chars or the password
     *     not 22 to 256 ice-chars
     * @throws NullPointerException if either is null
     */
    public RTCIceParameters {
        Objects.requireNonNull(usernameFragment, "usernameFragment");
        Objects.requireNonNull(password, "password");
        // RFC 8839 §5.4: ufrag = 4*256ice-char
        requireIceChars(usernameFragment, 4, 256, "usernameFragment");
        // RFC 8839 §5.4: password = 22*256ice-char
        requireIceChars(password, 22, 256, "password");
    }

    /**
     * Parameters of a full (not ICE-lite) agent.
     *
     * @param usernameFragment the ufrag, 4 to 256 ice-chars
     * @param password the pwd, 22 to 256 ice-chars
     */
    public RTCIceParameters(String usernameFragment, String password) {
        this(usernameFragment, password, false);
    }

    /**
     * Fresh random credentials for a full agent: an 8-character ufrag and a 24-character password
     * drawn uniformly from the 64 ice-chars, 6 bits each.
     *
     * <p>RFC 8445 §5.3: "The username fragment MUST contain at least 24 bits of randomness, and
     * the password MUST contain at least 128 bits of randomness." Browsers use 4 and 24
     * characters (libwebrtc's {@code ICE_UFRAG_LENGTH}/{@code ICE_PWD_LENGTH}); a longer ufrag
     * makes collisions between sessions rarer at no cost.
     *
     * @param random the source of randomness
     */
    public static RTCIceParameters generate(SecureRandom random) {
        Objects.requireNonNull(random, "random");
        return new RTCIceParameters(randomIceChars(random, GENERATED_UFRAG_LENGTH),
                randomIceChars(random, GENERATED_PASSWORD_LENGTH), false);
    }

    /** {@link #generate(SecureRandom)} with a shared {@link SecureRandom}. */
    public static RTCIceParameters generate() {
        return generate(DefaultRandom.INSTANCE);
    }

    /** A copy with {@link #iceLite()} set as given. */
    public RTCIceParameters withIceLite(boolean iceLite) {
        return new RTCIceParameters(usernameFragment, password, iceLite);
    }

    /** The fields with the password masked, so that logging parameters does not leak it. */
    @Override
    public String toString() {
        return "RTCIceParameters[usernameFragment=" + usernameFragment + ", password=***, iceLite=" + iceLite + "]";
    }

    private static String randomIceChars(SecureRandom random, int length) {
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = ICE_CHARS.charAt(random.nextInt(ICE_CHARS.length()));
        }
        return new String(chars);
    }

    /** RFC 8839 §5.1: {@code ice-char = ALPHA / DIGIT / "+" / "/"}. */
    static boolean isIceChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
    }

    /** Whether {@code text} is {@code min} to {@code max} ice-chars. */
    static boolean isIceChars(String text, int min, int max) {
        if (text.length() < min || text.length() > max) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (!isIceChar(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static void requireIceChars(String text, int min, int max, String what) {
        if (text.length() < min || text.length() > max) {
            throw new IllegalArgumentException(what + " must be " + min + " to " + max
                    + " ice-chars (RFC 8839 §5.4); it has " + text.length());
        }
        for (int i = 0; i < text.length(); i++) {
            if (!isIceChar(text.charAt(i))) {
                throw new IllegalArgumentException(what + " has a character that is not an ice-char at index " + i
                        + " (RFC 8839 §5.1 allows ALPHA / DIGIT / \"+\" / \"/\")");
            }
        }
    }
}
