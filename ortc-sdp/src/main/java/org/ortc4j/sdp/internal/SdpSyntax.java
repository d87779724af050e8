package org.ortc4j.sdp.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The small pieces of RFC 8866 grammar that every line and attribute parser needs: tokens,
 * bounded decimal numbers, space-separated fields. Problems are reported as
 * {@link IllegalArgumentException} with a reason in words; the parser adds the line number.
 */
public final class SdpSyntax {

    private SdpSyntax() {
    }

    /**
     * A decimal number of {@code what}, digits only (no sign, no spaces), within {@code [min, max]}.
     */
    public static long parseLong(String text, long min, long max, String what) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException(what + " is missing");
        }
        // 19 digits always fit a long; more than that is out of any range we accept.
        if (text.length() > 19) {
            throw new IllegalArgumentException(what + " is out of range: " + abbreviate(text));
        }
        long value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException(what + " is not a decimal number: " + abbreviate(text));
            }
            value = value * 10 + (c - '0');
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException(what + " " + value + " is out of range " + min + ".." + max);
        }
        return value;
    }

    /** As {@link #parseLong} for values that fit an int. */
    public static int parseInt(String text, int min, int max, String what) {
        return (int) parseLong(text, min, max, what);
    }

    /** Whether every character is an RFC 8866 {@code token-char} and there is at least one. */
    public static boolean isToken(String text) {
        if (text == null || text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (!isTokenChar(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    // RFC 8866 §9: token-char = %x21 / %x23-27 / %x2A-2B / %x2D-2E / %x30-39 / %x41-5A / %x5E-7E
    private static boolean isTokenChar(char c) {
        return c == 0x21
                || (c >= 0x23 && c <= 0x27)
                || c == 0x2A || c == 0x2B || c == 0x2D || c == 0x2E
                || (c >= 0x30 && c <= 0x39)
                || (c >= 0x41 && c <= 0x5A)
                || (c >= 0x5E && c <= 0x7E);
    }

    /** Requires {@code text} to be a token, naming {@code what} it is otherwise. */
    public static String requireToken(String text, String what) {
        if (!isToken(text)) {
            throw new IllegalArgumentException(what + " is not a valid token: " + quote(text));
        }
        return text;
    }

    /** Requires RFC 8866 {@code proto = token *("/" token)}, such as {@code UDP/TLS/RTP/SAVPF}. */
    public static String requireProto(String text, String what) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException(what + " is missing");
        }
        for (String part : text.split("/", -1)) {
            if (!isToken(part)) {
                throw new IllegalArgumentException(what + " is not tokens joined by '/': " + quote(text));
            }
        }
        return text;
    }

    /** Requires a non-empty value with no spaces in it (a "non-ws-string"). */
    public static String requireNonWs(String text, String what) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException(what + " is missing");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\t') {
                throw new IllegalArgumentException(what + " contains whitespace: " + quote(text));
            }
        }
        return text;
    }

    /**
     * The fields of {@code text} separated by single spaces. Runs of spaces are treated as one
     * separator, as most WebRTC stacks do, so {@code "a  b"} gives {@code [a, b]}.
     */
    public static List<String> fields(String text) {
        List<String> out = new ArrayList<>(8);
        int n = text.length();
        int i = 0;
        while (i < n) {
            while (i < n && text.charAt(i) == ' ') {
                i++;
            }
            int start = i;
            while (i < n && text.charAt(i) != ' ') {
                i++;
            }
            if (i > start) {
                out.add(text.substring(start, i));
            }
        }
        return out;
    }

    /** {@code text} in quotes, cut short if long, for error messages. */
    public static String quote(String text) {
        return text == null ? "null" : '"' + abbreviate(text) + '"';
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }
}
