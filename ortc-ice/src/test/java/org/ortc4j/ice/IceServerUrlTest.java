package org.ortc4j.ice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ortc4j.ice.IceServerUrl.Scheme.STUN;
import static org.ortc4j.ice.IceServerUrl.Scheme.STUNS;
import static org.ortc4j.ice.IceServerUrl.Scheme.TURN;
import static org.ortc4j.ice.IceServerUrl.Scheme.TURNS;
import static org.ortc4j.ice.IceServerUrl.Transport.TCP;
import static org.ortc4j.ice.IceServerUrl.Transport.UDP;

import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.ortc4j.ice.IceServerUrl.Scheme;
import org.ortc4j.ice.IceServerUrl.Transport;

class IceServerUrlTest {

    // RFC 7064 §3.1: stunURI = scheme ":" host [ ":" port ]
    // RFC 7065 §3.1: turnURI = scheme ":" host [ ":" port ] [ "?transport=" transport ]
    static Stream<Arguments> validUrls() {
        return Stream.of(
                // the seed's servers
                valid("stun:stun.l.google.com:19302", STUN, "stun.l.google.com", 19302, null, "stun:stun.l.google.com:19302"),
                valid("turn:turnserver.example.com:3478", TURN, "turnserver.example.com", 3478, UDP, "turn:turnserver.example.com"),
                valid("turn:turnserver.example.com:443?transport=tcp", TURN, "turnserver.example.com", 443, TCP,
                        "turn:turnserver.example.com:443?transport=tcp"),
                // default ports (RFC 7064 §3.2, RFC 7065 §3.2) and transports (RFC 7065 §3.2)
                valid("stun:example.org", STUN, "example.org", 3478, null, "stun:example.org"),
                valid("stuns:example.org", STUNS, "example.org", 5349, null, "stuns:example.org"),
                valid("turn:example.org", TURN, "example.org", 3478, UDP, "turn:example.org"),
                valid("turns:example.org", TURNS, "example.org", 5349, TCP, "turns:example.org"),
                valid("turn:example.org?transport=udp", TURN, "example.org", 3478, UDP, "turn:example.org"),
                valid("turn:example.org?transport=tcp", TURN, "example.org", 3478, TCP, "turn:example.org?transport=tcp"),
                valid("turns:example.org?transport=tcp", TURNS, "example.org", 5349, TCP, "turns:example.org"),
                valid("turns:example.org?transport=udp", TURNS, "example.org", 5349, UDP, "turns:example.org?transport=udp"),
                valid("turns:example.org:443", TURNS, "example.org", 443, TCP, "turns:example.org:443"),
                valid("stuns:example.org:3478", STUNS, "example.org", 3478, null, "stuns:example.org:3478"),
                valid("stun:example.org:5349", STUN, "example.org", 5349, null, "stun:example.org:5349"),
                // RFC 3986 §3.1: schemes are case-insensitive; §3.2.2: so are hosts
                valid("STUN:Example.ORG", STUN, "example.org", 3478, null, "stun:example.org"),
                valid("Turns:TURN.example.org:5349", TURNS, "turn.example.org", 5349, TCP, "turns:turn.example.org"),
                valid("TURN:example.org?transport=tcp", TURN, "example.org", 3478, TCP, "turn:example.org?transport=tcp"),
                // ports: RFC 3986 §3.2.3 port = *DIGIT; empty means the default
                valid("stun:example.net:", STUN, "example.net", 3478, null, "stun:example.net"),
                valid("stun:example.net:1", STUN, "example.net", 1, null, "stun:example.net:1"),
                valid("stun:example.net:65535", STUN, "example.net", 65535, null, "stun:example.net:65535"),
                valid("stun:example.net:0003479", STUN, "example.net", 3479, null, "stun:example.net:3479"),
                // IPv4 (RFC 3986 §3.2.2 IPv4address)
                valid("stun:192.0.2.1", STUN, "192.0.2.1", 3478, null, "stun:192.0.2.1"),
                valid("turn:192.0.2.1:3479?transport=tcp", TURN, "192.0.2.1", 3479, TCP, "turn:192.0.2.1:3479?transport=tcp"),
                valid("stun:0.0.0.0", STUN, "0.0.0.0", 3478, null, "stun:0.0.0.0"),
                valid("stun:255.255.255.255", STUN, "255.255.255.255", 3478, null, "stun:255.255.255.255"),
                // IPv6 (RFC 3986 §3.2.2 IP-literal), canonical text per RFC 5952
                valid("stun:[2001:db8::1]", STUN, "2001:db8::1", 3478, null, "stun:[2001:db8::1]"),
                valid("stun:[2001:DB8:0:0:0:0:0:1]:19302", STUN, "2001:db8::1", 19302, null, "stun:[2001:db8::1]:19302"),
                valid("turn:[::1]:3478?transport=tcp", TURN, "::1", 3478, TCP, "turn:[::1]?transport=tcp"),
                valid("stun:[::]", STUN, "::", 3478, null, "stun:[::]"),
                valid("stun:[::1]:", STUN, "::1", 3478, null, "stun:[::1]"),
                valid("stun:[2001::1]", STUN, "2001::1", 3478, null, "stun:[2001::1]"),
                valid("stun:[::ffff:192.0.2.1]", STUN, "::ffff:192.0.2.1", 3478, null, "stun:[::ffff:192.0.2.1]"),
                valid("stun:[::FFFF:c000:0201]", STUN, "::ffff:192.0.2.1", 3478, null, "stun:[::ffff:192.0.2.1]"),
                valid("stun:[1:2:3:4:5:6:7:8]", STUN, "1:2:3:4:5:6:7:8", 3478, null, "stun:[1:2:3:4:5:6:7:8]"),
                valid("stun:[1:2:3:4:5:6:1.2.3.4]", STUN, "1:2:3:4:5:6:102:304", 3478, null, "stun:[1:2:3:4:5:6:102:304]"),
                // registered names: RFC 3986 reg-name, percent-encoding normalized (§6.2.2)
                valid("stun:ex%61mple.net", STUN, "example.net", 3478, null, "stun:example.net"),
                valid("stun:b%c3%bccher.example", STUN, "b%C3%BCcher.example", 3478, null, "stun:b%C3%BCcher.example"),
                valid("stun:xn--bcher-kva.example", STUN, "xn--bcher-kva.example", 3478, null, "stun:xn--bcher-kva.example"),
                valid("stun:my_host-1.example~x", STUN, "my_host-1.example~x", 3478, null, "stun:my_host-1.example~x"),
                valid("stun:a!$&'()*+,;=b", STUN, "a!$&'()*+,;=b", 3478, null, "stun:a!$&'()*+,;=b"),
                valid("stun:256.com", STUN, "256.com", 3478, null, "stun:256.com"),
                valid("stun:localhost", STUN, "localhost", 3478, null, "stun:localhost"));
    }

    private static Arguments valid(String url, Scheme scheme, String host, int port, Transport transport, String canonical) {
        return Arguments.of(url, scheme, host, port, transport, canonical);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validUrls")
    void parsesValidUrls(String url, Scheme scheme, String host, int port, Transport transport, String canonical) {
        IceServerUrl parsed = IceServerUrl.parse(url);

        assertThat(parsed.scheme()).isEqualTo(scheme);
        assertThat(parsed.host()).isEqualTo(host);
        assertThat(parsed.port()).isEqualTo(port);
        assertThat(parsed.transport()).isEqualTo(transport);
        assertThat(parsed).hasToString(canonical);
        // The canonical text parses back to the same value.
        assertThat(IceServerUrl.parse(parsed.toString())).isEqualTo(parsed);
    }

    static Stream<Arguments> invalidUrls() {
        return Stream.of(
                invalid("", "the URL is empty"),
                // W3C platform tests: relative and http URLs throw SyntaxError
                invalid("relative-url", "does not start with a scheme"),
                invalid(":example.org", "does not start with a scheme"),
                invalid("1stun:example.org", "does not start with a scheme"),
                invalid("st un:example.org", "does not start with a scheme"),
                invalid("http://example.com", "scheme \"http\" is not an ICE server scheme"),
                invalid("https:example.com", "scheme \"https\" is not an ICE server scheme"),
                invalid("stun1:example.com", "scheme \"stun1\" is not an ICE server scheme"),
                invalid("turn-udp:example.com", "scheme \"turn-udp\" is not an ICE server scheme"),
                // RFC 7064 §3.1 and RFC 7065 §3.1 have no authority: "//" is wrong
                invalid("stun://example.org", "\"//\" is not allowed"),
                invalid("turn://example.org/foo?x=y", "\"//\" is not allowed"),
                invalid("stun://example.org/foo?x=y", "\"//\" is not allowed"),
                // W3C §4.4.1.5: an opaque path with "/" or "@"
                invalid("stun:/example.net", "no path"),
                invalid("stun:example.net/foo", "no path"),
                invalid("stun:example.net/", "no path"),
                invalid("stun:user@example.net", "no user information"),
                invalid("turn:user:pass@example.net", "no user information"),
                invalid("stun:@example.net", "no user information"),
                // W3C §4.4.1.5: a fragment
                invalid("stun:example.net#foo", "no fragment"),
                invalid("turn:example.net?transport=udp#x", "no fragment"),
                // W3C §4.4.1.5: a STUN URL with a query, even an empty one
                invalid("stun:example.net?transport=udp", "has no query"),
                invalid("stuns:example.net?x", "has no query"),
                invalid("stun:example.net?", "has no query"),
                // W3C §4.4.1.5: a TURN query other than transport=udp or transport=tcp
                invalid("turn:example.net?transport=sctp", "transport=udp or transport=tcp, not \"transport=sctp\""),
                invalid("turn:example.net?transport=tls", "not \"transport=tls\""),
                invalid("turn:example.net?transport=UDP", "not \"transport=UDP\""),
                invalid("turn:example.net?transport=", "not \"transport=\""),
                invalid("turn:example.net?transport=udp&x=y", "not \"transport=udp&x=y\""),
                invalid("turn:example.net?foo=bar", "not \"foo=bar\""),
                invalid("turn:example.net?", "not \"\""),
                invalid("turns:example.net?transport=udp?transport=tcp", "not \"transport=udp?transport=tcp\""),
                // host missing
                invalid("stun:", "the host is missing"),
                invalid("stun::3478", "the host is missing"),
                invalid("turn:?transport=udp", "the host is missing"),
                invalid("stun:::1", "the host is missing"),
                // ports: 1 to 65535, decimal digits only
                invalid("stun:example.net:0", "port 0 is not a server port"),
                invalid("stun:example.net:0000000000000000", "port 0 is not a server port"),
                invalid("stun:example.net:65536", "port 65536 is out of range"),
                invalid("stun:example.net:99999999999999999999", "is out of range"),
                invalid("stun:example.net:b", "port \"b\" is not a decimal number"),
                invalid("stun:example.net:-21", "port \"-21\" is not a decimal number"),
                invalid("stun:example.net:+21", "port \"+21\" is not a decimal number"),
                invalid("stun:example.net: 21", "port \" 21\" is not a decimal number"),
                invalid("stun:example.net:3478:1", "port \"3478:1\" is not a decimal number"),
                invalid("stun:example.net:٣٤٧٨", "is not a decimal number"),
                invalid("stun:[::1]:x", "port \"x\" is not a decimal number"),
                // reg-name characters (RFC 3986 §3.2.2); no trimming, no IDNA
                invalid("stun:example net", "contains ' '"),
                invalid("stun: example.net", "contains ' '"),
                invalid("stun:example.net ", "contains ' '"),
                invalid("stun:ex\tample.net", "contains U+0009"),
                invalid("stun:你好你好", "A-label"),
                invalid("stun:faß.example", "contains 'ß'"),
                invalid("stun:a<b", "contains '<'"),
                invalid("stun:a^b", "contains '^'"),
                invalid("stun:a\\b", "contains '\\'"),
                invalid("stun:a|b", "contains '|'"),
                invalid("stun:a\"b", "contains '\"'"),
                invalid("stun:a[b", "contains '['"),
                invalid("stun:a]b", "contains ']'"),
                // percent-encoding (RFC 3986 §2.1)
                invalid("stun:%zz.com", "not followed by two hex digits"),
                invalid("stun:example%2", "not followed by two hex digits"),
                invalid("stun:example%", "not followed by two hex digits"),
                invalid("stun:hello%00", "encodes control character %00"),
                invalid("stun:ho%0Ast", "encodes control character %0A"),
                invalid("stun:example.com%80", "not UTF-8"),
                invalid("stun:b%C3.example", "not UTF-8"),
                // a last label that is a number must be a dotted-quad IPv4 address
                invalid("stun:192.168.0.257", "is not an IPv4 address"),
                invalid("stun:256.256.256.256", "is not an IPv4 address"),
                invalid("stun:192.168.257", "is not an IPv4 address"),
                invalid("stun:10000000000", "is not an IPv4 address"),
                invalid("stun:256", "is not an IPv4 address"),
                invalid("stun:1.2.3.4.", "is not an IPv4 address"),
                invalid("stun:1.2.3.4.5", "is not an IPv4 address"),
                invalid("stun:01.2.3.4", "is not an IPv4 address"),
                invalid("stun:example.256", "is not an IPv4 address"),
                // IPv6 literals
                invalid("stun:[61:24:74]:98", "is not an IPv6 address"),
                invalid("stun:[::127.0.0.1.]", "is not an IPv6 address"),
                invalid("stun:[::1.2.3.4x]", "is not an IPv6 address"),
                invalid("stun:[::1.2.3.]", "is not an IPv6 address"),
                invalid("stun:[::1.2.]", "is not an IPv6 address"),
                invalid("stun:[::.1.2]", "is not an IPv6 address"),
                invalid("stun:[::1.]", "is not an IPv6 address"),
                invalid("stun:[::256.1.1.1]", "is not an IPv6 address"),
                invalid("stun:[1.2.3.4::]", "is not an IPv6 address"),
                invalid("stun:[example.net]", "is not an IPv6 address"),
                invalid("stun:[1:2:3:4:5:6:7:8:9]", "is not an IPv6 address"),
                invalid("stun:[1:2:3:4:5:6:7]", "is not an IPv6 address"),
                invalid("stun:[::1:2:3:4:5:6:7:8]", "is not an IPv6 address"),
                invalid("stun:[1::2::3]", "is not an IPv6 address"),
                invalid("stun:[:1:2:3:4:5:6:7]", "is not an IPv6 address"),
                invalid("stun:[1:2:3:4:5:6:7:]", "is not an IPv6 address"),
                invalid("stun:[12345::1]", "is not an IPv6 address"),
                invalid("stun:[g::1]", "is not an IPv6 address"),
                invalid("stun:[]", "is not an IPv6 address"),
                invalid("stun:[::%31]", "zone identifier"),
                invalid("stun:[fe80::1%25eth0]", "zone identifier"),
                invalid("stun:[v1.fe80::a+en1]", "IPvFuture"),
                invalid("stun:[::1", "lacks its closing ']'"),
                invalid("stun:[::1]x", "unexpected text after the IPv6 address"),
                invalid("stun:%5B::1]", "is not a decimal number"));
    }

    private static Arguments invalid(String url, String reason) {
        return Arguments.of(url, reason);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @MethodSource("invalidUrls")
    void rejectsInvalidUrlsWithSyntaxError(String url, String reason) {
        assertThatThrownBy(() -> IceServerUrl.parse(url))
                .isInstanceOf(SyntaxException.class)
                .hasMessageStartingWith("invalid ICE server URL \"" + url + "\": ")
                .hasMessageContaining(reason)
                .extracting(e -> ((DomException) e).name()).isEqualTo("SyntaxError");
    }

    // W3C §4.4.1.5 (since 2023): a scheme other than the four is a SyntaxError, not a
    // NotSupportedError; the platform test "with http url should throw SyntaxError" checks it.
    @Test
    void unknownSchemeIsASyntaxErrorAsTheCurrentW3cAlgorithmSays() {
        assertThatThrownBy(() -> IceServerUrl.parse("http://example.com"))
                .isInstanceOf(SyntaxException.class)
                .hasMessage("invalid ICE server URL \"http://example.com\": scheme \"http\" is not an ICE server scheme;"
                        + " expected stun, stuns, turn or turns");
    }

    @Test
    void nullIsAProgrammingError() {
        assertThatThrownBy(() -> IceServerUrl.parse(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("url");
    }

    @Test
    void spellingsOfOneServerAreEqual() {
        IceServerUrl plain = IceServerUrl.parse("turn:turn.example.org");
        assertThat(IceServerUrl.parse("TURN:Turn.Example.Org:3478?transport=udp"))
                .isEqualTo(plain)
                .hasSameHashCodeAs(plain);
        assertThat(IceServerUrl.parse("turn:turn.example.org?transport=tcp")).isNotEqualTo(plain);
        assertThat(IceServerUrl.parse("turns:turn.example.org")).isNotEqualTo(plain);
        assertThat(IceServerUrl.parse("stun:[2001:db8:0:0:1:0:0:1]"))
                .isEqualTo(IceServerUrl.parse("stun:[2001:0db8::1:0:0:1]"));
    }

    @Test
    void constructorFillsTheDefaultTransportAndNormalizesTheHost() {
        IceServerUrl url = new IceServerUrl(TURNS, "[2001:DB8::1]", 5349, null);
        assertThat(url.host()).isEqualTo("2001:db8::1");
        assertThat(url.transport()).isEqualTo(TCP);
        assertThat(url).hasToString("turns:[2001:db8::1]").isEqualTo(IceServerUrl.parse("turns:[2001:db8::1]"));
        assertThat(new IceServerUrl(TURN, "Example.org", 3478, null).transport()).isEqualTo(UDP);
    }

    @Test
    void constructorRejectsBadPartsWithIllegalArgument() {
        assertThatThrownBy(() -> new IceServerUrl(STUN, "example.org", 0, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("port 0");
        assertThatThrownBy(() -> new IceServerUrl(STUN, "example.org", 65536, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("port 65536");
        assertThatThrownBy(() -> new IceServerUrl(STUN, "example.org", 3478, UDP))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has no transport");
        assertThatThrownBy(() -> new IceServerUrl(STUN, "exa mple.org", 3478, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("contains ' '");
        assertThatThrownBy(() -> new IceServerUrl(STUN, "", 3478, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("the host is empty");
        assertThatThrownBy(() -> new IceServerUrl(null, "example.org", 3478, null))
                .isInstanceOf(NullPointerException.class).hasMessage("scheme");
        assertThatThrownBy(() -> new IceServerUrl(STUN, null, 3478, null))
                .isInstanceOf(NullPointerException.class).hasMessage("host");
    }

    @Test
    void schemesKnowTheirDefaults() {
        assertThat(STUN.defaultPort()).isEqualTo(3478);
        assertThat(TURN.defaultPort()).isEqualTo(3478);
        assertThat(STUNS.defaultPort()).isEqualTo(5349);
        assertThat(TURNS.defaultPort()).isEqualTo(5349);
        assertThat(STUN.defaultTransport()).isNull();
        assertThat(STUNS.defaultTransport()).isNull();
        assertThat(TURN.defaultTransport()).isEqualTo(UDP);
        assertThat(TURNS.defaultTransport()).isEqualTo(TCP);
        assertThat(Stream.of(Scheme.values()).filter(Scheme::isTurn)).containsExactly(TURN, TURNS);
        assertThat(Stream.of(Scheme.values()).filter(Scheme::isSecure)).containsExactly(STUNS, TURNS);
    }

    @Test
    void schemeAndTransportMapToTheirUrlStrings() {
        assertThat(Stream.of(Scheme.values()).map(Scheme::value)).containsExactly("stun", "stuns", "turn", "turns");
        assertThat(Stream.of(Scheme.values()).map(Scheme::toString)).containsExactly("stun", "stuns", "turn", "turns");
        assertThat(Scheme.fromValue("turns")).isEqualTo(TURNS);
        assertThatThrownBy(() -> Scheme.fromValue("http"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not an ICE server URL scheme: \"http\"; expected stun, stuns, turn or turns");
        assertThat(Transport.fromValue("tcp")).isEqualTo(TCP);
        assertThat(UDP.value()).isEqualTo("udp");
        assertThat(TCP).hasToString("tcp");
        assertThatThrownBy(() -> Transport.fromValue("sctp"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a TURN transport: \"sctp\"; expected udp or tcp");
    }

    // ARCHITECTURE.md "Bad input": a parser fails with its typed exception and a message, never
    // with NullPointerException or IndexOutOfBoundsException, whatever the text.
    @Test
    void arbitraryTextFailsOnlyWithSyntaxError() {
        String alphabet = "stunrSTUNR:/?#@[]%.-_~!$&'()*+,;=0123456789abcdefABCDEF \t\u00e9\u4f60\u0000";
        String[] prefixes = {"", "stun:", "stuns:", "turn:", "turns:", "turn:[", "stun:[::", "turn:h?transport="};
        Random random = new Random(3986L);
        for (int i = 0; i < 20000; i++) {
            StringBuilder text = new StringBuilder(prefixes[random.nextInt(prefixes.length)]);
            for (int c = random.nextInt(16); c > 0; c--) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String url = text.toString();
            try {
                IceServerUrl parsed = IceServerUrl.parse(url);
                assertThat(IceServerUrl.parse(parsed.toString())).as(url).isEqualTo(parsed);
            } catch (SyntaxException e) {
                assertThat(e.getMessage()).as(url).startsWith("invalid ICE server URL \"" + url + "\": ");
            }
        }
    }

    // Every URL the constructor accepts writes out a text that parses back to it.
    @Test
    void canonicalTextRoundTrips() {
        Random random = new Random(7064_7065L);
        for (int i = 0; i < 2000; i++) {
            IceServerUrl url = randomUrl(random);
            IceServerUrl again = IceServerUrl.parse(url.toString());
            assertThat(again).as(url.toString()).isEqualTo(url);
            assertThat(again.toString()).isEqualTo(url.toString());
        }
    }

    private static IceServerUrl randomUrl(Random random) {
        Scheme scheme = Scheme.values()[random.nextInt(4)];
        String host;
        switch (random.nextInt(3)) {
            case 0: {
                StringBuilder name = new StringBuilder();
                int labels = 1 + random.nextInt(4);
                for (int l = 0; l < labels; l++) {
                    name.append(l == 0 ? "" : ".");
                    // A leading letter keeps the last label from being all digits (that means IPv4).
                    name.append((char) ('a' + random.nextInt(26)));
                    String chars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_~";
                    for (int c = random.nextInt(10); c > 0; c--) {
                        name.append(chars.charAt(random.nextInt(chars.length())));
                    }
                }
                host = name.toString();
                break;
            }
            case 1:
                host = random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256);
                break;
            default: {
                StringBuilder address = new StringBuilder("[");
                int zerosFrom = random.nextInt(8);
                int zerosTo = zerosFrom + random.nextInt(9 - zerosFrom);
                for (int g = 0; g < 8; g++) {
                    int value = g >= zerosFrom && g < zerosTo ? 0 : random.nextInt(0x10000);
                    address.append(g == 0 ? "" : ":").append(Integer.toHexString(value));
                }
                host = address.append(']').toString();
            }
        }
        int port = random.nextBoolean() ? scheme.defaultPort() : 1 + random.nextInt(65535);
        Transport transport = scheme.isTurn() && random.nextBoolean() ? Transport.values()[random.nextInt(2)] : null;
        return new IceServerUrl(scheme, host, port, transport);
    }
}
