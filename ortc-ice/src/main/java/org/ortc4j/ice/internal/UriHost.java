package org.ortc4j.ice.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The host part of a URI (RFC 3986 §3.2.2): validation and the one canonical text for each host,
 * so that two spellings of the same server compare equal.
 *
 * <p>RFC 3986 §3.2.2: {@code host = IP-literal / IPv4address / reg-name}. The canonical form is
 * <ul>
 *   <li>for a registered name, RFC 3986 §6.2.2 normalization: ASCII letters in lower case,
 *       percent-encoded unreserved characters decoded, other percent-encodings with upper-case
 *       hex digits;</li>
 *   <li>for an IPv4 address, the dotted quad itself (RFC 3986 allows no other form);</li>
 *   <li>for an IPv6 address, the RFC 5952 §4 text, without the brackets that the URI puts
 *       around it.</li>
 * </ul>
 *
 * <p>Methods throw {@link IllegalArgumentException} with the reason; callers that speak W3C turn
 * it into a {@code SyntaxException}.
 */
public final class UriHost {

    // RFC 3986 §2.3: unreserved = ALPHA / DIGIT / "-" / "." / "_" / "~"
    private static final String UNRESERVED_MARKS = "-._~";
    // RFC 3986 §2.2: sub-delims = "!" / "$" / "&" / "'" / "(" / ")" / "*" / "+" / "," / ";" / "="
    private static final String SUB_DELIMS = "!$&'()*+,;=";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private UriHost() {
    }

    /**
     * Whether {@code canonicalHost}, a result of {@link #canonicalize}, is an IPv6 address, which a
     * URI must write inside brackets. No registered name or IPv4 address contains a colon.
     */
    public static boolean isIpv6(String canonicalHost) {
        return canonicalHost.indexOf(':') >= 0;
    }

    /**
     * Checks a host and returns its canonical text.
     *
     * @param host a registered name, a dotted-quad IPv4 address, or an IPv6 address with or
     *     without the surrounding brackets
     * @return the canonical host; an IPv6 address comes back without brackets
     * @throws IllegalArgumentException if {@code host} is not an RFC 3986 host, saying why
     */
    public static String canonicalize(String host) {
        if (host.isEmpty()) {
            throw new IllegalArgumentException("the host is empty");
        }
        if (host.charAt(0) == '[') {
            // RFC 3986 §3.2.2: IP-literal = "[" ( IPv6address / IPvFuture ) "]"
            if (host.length() < 2 || host.charAt(host.length() - 1) != ']') {
                throw new IllegalArgumentException("IP literal " + quote(host) + " lacks its closing ']'");
            }
            return canonicalIpv6(host.substring(1, host.length() - 1));
        }
        if (host.indexOf(':') >= 0) {
            return canonicalIpv6(host);
        }
        if (endsInNumber(host)) {
            return canonicalIpv4(host);
        }
        return canonicalRegName(host);
    }

    // A name whose last label is all digits is meant as an IPv4 address: no DNS top-level domain is
    // all-numeric (RFC 3696 §2), and the WHATWG URL parser, which browsers use to validate ICE
    // server URLs, reads such a host as IPv4 too. RFC 3986 would accept "192.168.0.257" as a
    // reg-name; nobody means that, so it is rejected here instead of failing later in DNS.
    private static boolean endsInNumber(String host) {
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        String last = name.substring(name.lastIndexOf('.') + 1);
        if (last.isEmpty()) {
            return false;
        }
        for (int i = 0; i < last.length(); i++) {
            if (!isDigit(last.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static String canonicalIpv4(String host) {
        if (parseIpv4(host) == null) {
            throw new IllegalArgumentException(quote(host) + " ends in a number but is not an IPv4 address:"
                    + " RFC 3986 §3.2.2 IPv4address is four decimal octets 0-255 without leading zeros");
        }
        return host;
    }

    /**
     * RFC 3986 §3.2.2: {@code IPv4address = dec-octet "." dec-octet "." dec-octet "." dec-octet},
     * where a dec-octet is 0-255 written without leading zeros.
     *
     * @return the four octets, or {@code null} if {@code text} is not such an address
     */
    static int[] parseIpv4(String text) {
        int[] octets = new int[4];
        int part = 0;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i < text.length() && text.charAt(i) != '.') {
                continue;
            }
            if (part == 4) {
                return null;
            }
            int length = i - start;
            if (length < 1 || length > 3 || (length > 1 && text.charAt(start) == '0')) {
                return null;
            }
            int value = 0;
            for (int j = start; j < i; j++) {
                char c = text.charAt(j);
                if (!isDigit(c)) {
                    return null;
                }
                value = value * 10 + (c - '0');
            }
            if (value > 255) {
                return null;
            }
            octets[part++] = value;
            start = i + 1;
        }
        return part == 4 ? octets : null;
    }

    private static String canonicalIpv6(String text) {
        if (!text.isEmpty() && (text.charAt(0) == 'v' || text.charAt(0) == 'V')) {
            // RFC 3986 §3.2.2 IPvFuture: no such version exists, and browsers reject it too.
            throw new IllegalArgumentException("IP literal [" + text + "] is an IPvFuture address, which is not supported");
        }
        if (text.indexOf('%') >= 0) {
            // RFC 6874 zone identifiers name an interface of this host only; the W3C algorithm's
            // URL parser rejects them, and an ICE server is never link-local in practice.
            throw new IllegalArgumentException("IPv6 address " + quote(text) + " has a zone identifier, which is not supported");
        }
        int[] groups = parseIpv6(text);
        if (groups == null) {
            throw new IllegalArgumentException(quote(text) + " is not an IPv6 address (RFC 3986 §3.2.2 IPv6address)");
        }
        return formatIpv6(groups);
    }

    /**
     * Parses the RFC 3986 §3.2.2 {@code IPv6address} rule (the RFC 4291 §2.2 text forms: eight
     * groups of 1-4 hex digits, at most one "::", and an optional dotted-quad IPv4 tail).
     *
     * @return the eight 16-bit groups, or {@code null} if {@code text} is not an IPv6 address
     */
    static int[] parseIpv6(String text) {
        int doubleColon = text.indexOf("::");
        if (doubleColon >= 0 && text.indexOf("::", doubleColon + 1) >= 0) {
            return null;
        }
        int[] groups = new int[8];
        if (doubleColon < 0) {
            int count = parseGroups(text, groups, true);
            return count == 8 ? groups : null;
        }
        int[] head = new int[8];
        int[] tail = new int[8];
        // An IPv4 tail may only end the address, so never the part before "::".
        int headCount = parseGroups(text.substring(0, doubleColon), head, false);
        int tailCount = parseGroups(text.substring(doubleColon + 2), tail, true);
        // "::" stands for at least one zero group (RFC 4291 §2.2, RFC 3986 §3.2.2).
        if (headCount < 0 || tailCount < 0 || headCount + tailCount > 7) {
            return null;
        }
        System.arraycopy(head, 0, groups, 0, headCount);
        System.arraycopy(tail, 0, groups, 8 - tailCount, tailCount);
        return groups;
    }

    // Parses colon-separated h16 groups, the last of which may be a dotted-quad (two groups) if
    // allowIpv4 is set. Returns the number of groups written, or -1 if the text is malformed.
    private static int parseGroups(String part, int[] into, boolean allowIpv4) {
        if (part.isEmpty()) {
            return 0;
        }
        String[] pieces = part.split(":", -1);
        int count = 0;
        for (int p = 0; p < pieces.length; p++) {
            String piece = pieces[p];
            boolean last = p == pieces.length - 1;
            if (last && allowIpv4 && piece.indexOf('.') >= 0) {
                int[] octets = parseIpv4(piece);
                if (octets == null || count + 2 > 8) {
                    return -1;
                }
                into[count++] = octets[0] << 8 | octets[1];
                into[count++] = octets[2] << 8 | octets[3];
                continue;
            }
            // RFC 3986 §3.2.2: h16 = 1*4HEXDIG
            if (piece.isEmpty() || piece.length() > 4 || count == 8) {
                return -1;
            }
            int value = 0;
            for (int i = 0; i < piece.length(); i++) {
                int digit = hexValue(piece.charAt(i));
                if (digit < 0) {
                    return -1;
                }
                value = value << 4 | digit;
            }
            into[count++] = value;
        }
        return count;
    }

    /**
     * The RFC 5952 §4 text of an IPv6 address: hex digits in lower case without leading zeros
     * (§4.1, §4.3), and "::" replacing the longest run of two or more zero groups, the first such
     * run on a tie (§4.2). An IPv4-mapped address ends in its dotted quad, as RFC 5952 §5
     * recommends.
     */
    static String formatIpv6(int[] groups) {
        boolean ipv4Mapped = groups[0] == 0 && groups[1] == 0 && groups[2] == 0 && groups[3] == 0
                && groups[4] == 0 && groups[5] == 0xffff;
        int hexGroups = ipv4Mapped ? 6 : 8;
        int bestStart = -1;
        int bestLength = 0;
        for (int i = 0; i < hexGroups; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int start = i;
            while (i < hexGroups && groups[i] == 0) {
                i++;
            }
            // §4.2.2: "The symbol "::" MUST NOT be used to shorten just one 16-bit 0 field."
            // §4.2.3: on equal runs "the first sequence of zero bits MUST be shortened."
            if (i - start > bestLength && i - start >= 2) {
                bestStart = start;
                bestLength = i - start;
            }
        }
        StringBuilder text = new StringBuilder(39);
        for (int i = 0; i < hexGroups; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        if (ipv4Mapped) {
            if (text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(groups[6] >> 8).append('.').append(groups[6] & 0xff).append('.')
                    .append(groups[7] >> 8).append('.').append(groups[7] & 0xff);
        }
        return text.toString();
    }

    // RFC 3986 §3.2.2: reg-name = *( unreserved / pct-encoded / sub-delims )
    private static String canonicalRegName(String host) {
        StringBuilder canonical = new StringBuilder(host.length());
        ByteArrayOutputStream octets = new ByteArrayOutputStream(host.length());
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c == '%') {
                // RFC 3986 §2.1: pct-encoded = "%" HEXDIG HEXDIG
                int high = i + 1 < host.length() ? hexValue(host.charAt(i + 1)) : -1;
                int low = i + 2 < host.length() ? hexValue(host.charAt(i + 2)) : -1;
                if (high < 0 || low < 0) {
                    throw new IllegalArgumentException("host " + quote(host) + " has a '%' that is not followed by"
                            + " two hex digits (RFC 3986 §2.1 percent-encoding)");
                }
                int octet = high << 4 | low;
                if (octet < 0x20 || octet == 0x7f) {
                    throw new IllegalArgumentException("host " + quote(host) + " encodes control character %"
                            + HEX[high] + HEX[low]);
                }
                octets.write(octet);
                if (octet < 0x80 && isUnreserved((char) octet)) {
                    // RFC 3986 §6.2.2.2: percent-encoded unreserved characters "should be decoded".
                    canonical.append(Character.toLowerCase((char) octet));
                } else {
                    // RFC 3986 §6.2.2.1: hex digits of a percent-encoding are normalized to upper case.
                    canonical.append('%').append(HEX[high]).append(HEX[low]);
                }
                i += 2;
            } else if (c < 0x80 && (isUnreserved(c) || SUB_DELIMS.indexOf(c) >= 0)) {
                octets.write(c);
                // RFC 3986 §3.2.2: "The host subcomponent is case-insensitive"; §6.2.2.1 lowers it.
                canonical.append(toLowerAscii(c));
            } else {
                throw new IllegalArgumentException("host " + quote(host) + " contains " + describe(c)
                        + ", which RFC 3986 §3.2.2 does not allow in a host name; an internationalized"
                        + " name must be given as its A-label (xn--...) or as percent-encoded UTF-8");
            }
        }
        // RFC 3986 §3.2.2: non-ASCII characters in a reg-name are percent-encoded UTF-8.
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(octets.toByteArray()));
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("host " + quote(host) + " percent-encodes bytes that are not UTF-8", e);
        }
        return canonical.toString();
    }

    private static boolean isUnreserved(char c) {
        return isAsciiLetter(c) || isDigit(c) || UNRESERVED_MARKS.indexOf(c) >= 0;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static char toLowerAscii(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }

    private static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    private static String quote(String text) {
        return '"' + text + '"';
    }

    /**
     * A character for an error message: printable ASCII quoted, other visible characters quoted
     * with their code, invisible ones as their code only.
     */
    static String describe(char c) {
        if (c >= 0x20 && c < 0x7f) {
            return "'" + c + "'";
        }
        String code = String.format(Locale.ROOT, "U+%04X", (int) c);
        if (Character.isISOControl(c) || Character.isWhitespace(c) || Character.isSpaceChar(c)
                || Character.isSurrogate(c) || Character.getType(c) == Character.FORMAT) {
            return code;
        }
        return "'" + c + "' (" + code + ")";
    }
}
