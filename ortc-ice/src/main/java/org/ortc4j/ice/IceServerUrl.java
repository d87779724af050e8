package org.ortc4j.ice;

import java.util.Locale;
import java.util.Objects;
import org.ortc4j.ice.internal.UriHost;

/**
 * A STUN or TURN server URL, parsed: a {@code stun:}/{@code stuns:} URI (RFC 7064 §3.1) or a
 * {@code turn:}/{@code turns:} URI (RFC 7065 §3.1).
 *
 * <pre>
 * stunURI       = scheme ":" host [ ":" port ]                              ; RFC 7064 §3.1
 * turnURI       = scheme ":" host [ ":" port ] [ "?transport=" transport ]  ; RFC 7065 §3.1
 * </pre>
 *
 * <p>{@link #parse} applies the W3C "validate an ICE server URL" algorithm (W3C WebRTC §4.4.1.5,
 * within "set the configuration") and fails the way it says: {@link SyntaxException} for anything
 * that is not such a URI. Unlike the algorithm's WHATWG URL parser, which a browser uses,
 * {@code parse} reads the RFC grammar strictly: it does not strip white space, does not map
 * Unicode host names through IDNA, and does not take the legacy IPv4 forms ({@code 0x7f.1},
 * {@code 127.1}); an ICE server URL is configuration, and a typo is better reported than guessed.
 *
 * <p>The record holds the URL in canonical form, so two spellings of one server are equal: the
 * host normalized (RFC 3986 §6.2.2: lower case, percent-encodings; RFC 5952 §4 for IPv6), the
 * port and transport with their defaults filled in. {@link #toString()} writes the canonical URL
 * back.
 *
 * @param scheme which protocol, and whether over TLS/DTLS
 * @param host the server: a registered name in lower case, a dotted-quad IPv4 address, or an
 *     IPv6 address in RFC 5952 text without brackets
 * @param port the server port, 1 to 65535
 * @param transport for TURN, whether the client reaches the server over UDP or TCP; {@code null}
 *     for STUN, whose URIs name no transport
 */
public record IceServerUrl(Scheme scheme, String host, int port, Transport transport) {

    /**
     * Checks the parts and puts them in canonical form. This is the Java-facing constructor: bad
     * parts are programming errors and raise {@link IllegalArgumentException}; {@link #parse}
     * reports bad text as the W3C {@link SyntaxException} instead.
     *
     * @param transport for {@code turn}/{@code turns}, {@code null} means the scheme's default
     *     ({@link Scheme#defaultTransport()}); for {@code stun}/{@code stuns} it must be {@code null}
     * @throws IllegalArgumentException if the host is not an RFC 3986 host, the port is outside
     *     1..65535, or a STUN URL is given a transport
     */
    public IceServerUrl {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(host, "host");
        host = UriHost.canonicalize(host);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not a server port; expected 1 to 65535");
        }
        if (scheme.isTurn()) {
            if (transport == null) {
                transport = scheme.defaultTransport();
            }
        } else if (transport != null) {
            throw new IllegalArgumentException("a " + scheme + ": URL has no transport (RFC 7064 §3.1)");
        }
    }

    /**
     * Parses a STUN or TURN URL.
     *
     * <p>Scheme names are case-insensitive (RFC 3986 §3.1): {@code STUN:host} is accepted. An empty
     * port ({@code stun:host:}) means the default port (RFC 3986 §3.2.3). The transport query is
     * matched exactly, as the W3C algorithm says: only {@code ?transport=udp} and
     * {@code ?transport=tcp}.
     *
     * @param url the URL text, for example {@code "stun:stun.l.google.com:19302"} or
     *     {@code "turn:turn.example.com:443?transport=tcp"}
     * @return the URL in canonical form
     * @throws SyntaxException if {@code url} is not a STUN or TURN URI, with the reason
     * @throws NullPointerException if {@code url} is null
     */
    public static IceServerUrl parse(String url) {
        Objects.requireNonNull(url, "url");
        if (url.isEmpty()) {
            throw syntax(url, "the URL is empty");
        }
        // RFC 3986 §3.1: scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ), then ":".
        int colon = url.indexOf(':');
        if (colon <= 0 || !isSchemeName(url.substring(0, colon))) {
            throw syntax(url, "it does not start with a scheme; expected stun:, stuns:, turn: or turns:");
        }
        String schemeName = url.substring(0, colon).toLowerCase(Locale.ROOT);
        Scheme scheme = Scheme.lookup(schemeName);
        // W3C §4.4.1.5: SyntaxError if "parsedURL's scheme is neither "stun", "stuns", "turn",
        // nor "turns"". (NotSupportedError is only for one of these four that the user agent does
        // not implement; ortc4j accepts all four.)
        if (scheme == null) {
            throw syntax(url, "scheme \"" + schemeName + "\" is not an ICE server scheme;"
                    + " expected stun, stuns, turn or turns");
        }
        // W3C §4.4.1.5: SyntaxError if "parsedURL's fragment is non-null".
        if (url.indexOf('#') >= 0) {
            throw syntax(url, "an ICE server URL has no fragment ('#')");
        }
        int questionMark = url.indexOf('?', colon + 1);
        String hostPort = questionMark < 0 ? url.substring(colon + 1) : url.substring(colon + 1, questionMark);
        String query = questionMark < 0 ? null : url.substring(questionMark + 1);
        // W3C §4.4.1.5: SyntaxError if "parsedURL's opaque path contains one or more "/" or "@"".
        // RFC 7064 §3.1 and RFC 7065 §3.1 have no authority component: "stun://host" is wrong.
        if (hostPort.startsWith("//")) {
            throw syntax(url, "\"//\" is not allowed; write " + schemeName + ":host[:port] (RFC 7064 §3.1, RFC 7065 §3.1)");
        }
        if (hostPort.indexOf('/') >= 0) {
            throw syntax(url, "an ICE server URL has no path ('/')");
        }
        if (hostPort.indexOf('@') >= 0) {
            throw syntax(url, "an ICE server URL has no user information ('@');"
                    + " give the username and credential to RTCIceServer instead");
        }
        // W3C §4.4.1.5: SyntaxError if "parsedURL's scheme is "stun" or "stuns", and parsedURL's
        // query is non-null".
        if (!scheme.isTurn() && query != null) {
            throw syntax(url, "a " + schemeName + ": URL has no query ('?') (RFC 7064 §3.1)");
        }

        String hostText;
        String portText;
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            if (close < 0) {
                throw syntax(url, "the IPv6 address lacks its closing ']'");
            }
            hostText = hostPort.substring(0, close + 1);
            String rest = hostPort.substring(close + 1);
            if (!rest.isEmpty() && rest.charAt(0) != ':') {
                throw syntax(url, "unexpected text after the IPv6 address: \"" + rest + "\"");
            }
            portText = rest.isEmpty() ? null : rest.substring(1);
        } else {
            // Only an IP-literal may contain ':', so the first one starts the port.
            int portColon = hostPort.indexOf(':');
            hostText = portColon < 0 ? hostPort : hostPort.substring(0, portColon);
            portText = portColon < 0 ? null : hostPort.substring(portColon + 1);
        }
        if (hostText.isEmpty()) {
            throw syntax(url, "the host is missing");
        }
        String host;
        try {
            host = UriHost.canonicalize(hostText);
        } catch (IllegalArgumentException e) {
            throw new SyntaxException(message(url, e.getMessage()), e);
        }
        int port = parsePort(url, portText, scheme);

        Transport transport = null;
        if (query != null) {
            // W3C §4.4.1.5: "If parsedURL's query is non-null and if parsedURL's query is different
            // from either "transport=udp" or "transport=tcp", throw a "SyntaxError" DOMException."
            if (query.equals("transport=udp")) {
                transport = Transport.UDP;
            } else if (query.equals("transport=tcp")) {
                transport = Transport.TCP;
            } else {
                throw syntax(url, "the query must be transport=udp or transport=tcp, not \"" + query + "\"");
            }
        }
        return new IceServerUrl(scheme, host, port, transport);
    }

    // RFC 3986 §3.2.3: port = *DIGIT. Empty means the scheme's default port.
    private static int parsePort(String url, String portText, Scheme scheme) {
        if (portText == null || portText.isEmpty()) {
            return scheme.defaultPort();
        }
        int port = 0;
        for (int i = 0; i < portText.length(); i++) {
            char c = portText.charAt(i);
            if (c < '0' || c > '9') {
                throw syntax(url, "port \"" + portText + "\" is not a decimal number");
            }
            port = port * 10 + (c - '0');
            if (port > 65535) {
                throw syntax(url, "port " + portText + " is out of range; expected 1 to 65535");
            }
        }
        if (port == 0) {
            throw syntax(url, "port 0 is not a server port; expected 1 to 65535");
        }
        return port;
    }

    private static boolean isSchemeName(String text) {
        char first = text.charAt(0);
        if (!((first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z'))) {
            return false;
        }
        for (int i = 1; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '+' || c == '-' || c == '.';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static SyntaxException syntax(String url, String reason) {
        return new SyntaxException(message(url, reason));
    }

    private static String message(String url, String reason) {
        return "invalid ICE server URL \"" + url + "\": " + reason;
    }

    /**
     * The canonical URL: the scheme, the host (an IPv6 address in brackets), then the port and
     * the transport query only where they differ from the scheme's defaults, as RFC 3986 §6.2.3
     * scheme-based normalization says ("the port component should be omitted when its value
     * would be the same as that of the scheme's default"). {@code parse(url.toString())} equals
     * {@code url}.
     */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(scheme.value()).append(':');
        if (UriHost.isIpv6(host)) {
            text.append('[').append(host).append(']');
        } else {
            text.append(host);
        }
        if (port != scheme.defaultPort()) {
            text.append(':').append(port);
        }
        if (transport != null && transport != scheme.defaultTransport()) {
            text.append("?transport=").append(transport.value());
        }
        return text.toString();
    }

    /** The four URI schemes of ICE servers (RFC 7064 §3.1, RFC 7065 §3.1). */
    public enum Scheme {
        /** {@code stun}: STUN over UDP or TCP (RFC 7064 §3.1). */
        STUN("stun", false, false),
        /** {@code stuns}: STUN over TLS or DTLS (RFC 7064 §3.1). */
        STUNS("stuns", true, false),
        /** {@code turn}: TURN over UDP or TCP (RFC 7065 §3.1). */
        TURN("turn", false, true),
        /** {@code turns}: TURN over TLS or DTLS (RFC 7065 §3.1). */
        TURNS("turns", true, true);

        private final String value;
        private final boolean secure;
        private final boolean turn;

        Scheme(String value, boolean secure, boolean turn) {
            this.value = value;
            this.secure = secure;
            this.turn = turn;
        }

        /** The scheme name as written in URLs, in lower case: {@code "stun"}, {@code "turns"}, ... */
        public String value() {
            return value;
        }

        /** Whether the client talks to the server over TLS or DTLS ({@code stuns}, {@code turns}). */
        public boolean isSecure() {
            return secure;
        }

        /**
         * Whether this is a TURN scheme, whose server needs a username and credential
         * (W3C WebRTC §4.4.1.5).
         */
        public boolean isTurn() {
            return turn;
        }

        /**
         * The port used when a URL gives none: 3478 for {@code stun}/{@code turn}, 5349 for
         * {@code stuns}/{@code turns} (RFC 7064 §3.2, RFC 7065 §3.2; in RFC 8656 §4.1's words:
         * "the default port is 3478 for both UDP and TCP. The default port for TURN over TLS and
         * TURN over DTLS is 5349").
         */
        public int defaultPort() {
            return secure ? 5349 : 3478;
        }

        /**
         * The transport used when a TURN URL has no {@code ?transport=} query (RFC 7065 §3.2): UDP
         * for {@code turn}, TCP (TLS) for {@code turns}. {@code null} for the STUN schemes, whose
         * URIs carry no transport.
         */
        public Transport defaultTransport() {
            if (!turn) {
                return null;
            }
            return secure ? Transport.TCP : Transport.UDP;
        }

        /**
         * The scheme named by its lower-case name.
         *
         * @throws IllegalArgumentException if {@code value} is not stun, stuns, turn or turns
         */
        public static Scheme fromValue(String value) {
            Scheme scheme = value == null ? null : lookup(value);
            if (scheme == null) {
                throw new IllegalArgumentException("not an ICE server URL scheme: "
                        + (value == null ? "null" : '"' + value + '"') + "; expected stun, stuns, turn or turns");
            }
            return scheme;
        }

        static Scheme lookup(String value) {
            for (Scheme scheme : values()) {
                if (scheme.value.equals(value)) {
                    return scheme;
                }
            }
            return null;
        }

        /** The scheme name, as written in URLs. */
        @Override
        public String toString() {
            return value;
        }
    }

    /** The transport a TURN client uses to reach its server (RFC 7065 §3.1 {@code transport}). */
    public enum Transport {
        /** UDP, or DTLS over UDP for {@code turns}. */
        UDP("udp"),
        /** TCP, or TLS over TCP for {@code turns}. */
        TCP("tcp");

        private final String value;

        Transport(String value) {
            this.value = value;
        }

        /** The name as written in the {@code ?transport=} query: {@code "udp"} or {@code "tcp"}. */
        public String value() {
            return value;
        }

        /**
         * The transport named by its query value.
         *
         * @throws IllegalArgumentException if {@code value} is not udp or tcp
         */
        public static Transport fromValue(String value) {
            for (Transport transport : values()) {
                if (transport.value.equals(value)) {
                    return transport;
                }
            }
            throw new IllegalArgumentException("not a TURN transport: "
                    + (value == null ? "null" : '"' + value + '"') + "; expected udp or tcp");
        }

        /** The query value, as written in URLs. */
        @Override
        public String toString() {
            return value;
        }
    }
}
