package org.ortc4j.sdp;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed SDP is rejected with {@link SdpParseException} naming the line and the reason, and
 * never with any other exception.
 */
class MalformedSdpTest {

    private static final String HEAD = "v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n";
    private static final String AUDIO = "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\na=mid:0\r\n";

    /** A valid description with {@code line} appended to its audio section (line 8). */
    private static String withMediaLine(String line) {
        return HEAD + AUDIO + line + "\r\n";
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                // The frame: v=, o=, s=, t=
                Arguments.of("empty text", "", 0, "empty"),
                Arguments.of("only a line break", "\r\n", 0, "no lines"),
                Arguments.of("missing v=", "o=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n", 1, "must start with v=0"),
                Arguments.of("unknown version", "v=1\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n", 1, "unsupported SDP version"),
                Arguments.of("missing o=", "v=0\r\ns=-\r\nt=0 0\r\n", 2, "second line must be o="),
                Arguments.of("o= with five fields", "v=0\r\no=- 1 2 IN IP4\r\ns=-\r\nt=0 0\r\n", 2, "6 fields"),
                Arguments.of("o= with a non-numeric session id", "v=0\r\no=- abc 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n", 2,
                        "session id is not a decimal number"),
                Arguments.of("missing s=", "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\nt=0 0\r\n", 3, "third line must be s="),
                Arguments.of("missing t=", "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\na=ice-lite\r\n", 0, "no t= line"),
                Arguments.of("truncated after v=", "v=0\r\n", 0, "must start with v=, o= and s="),
                Arguments.of("second o=", HEAD + "o=- 1 2 IN IP4 127.0.0.1\r\n", 5, "second o= line"),
                Arguments.of("second session i=", HEAD + "i=a\r\ni=b\r\n", 6, "second i= line"),
                Arguments.of("r= before t=", "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nr=7d 1h 0 25h\r\nt=0 0\r\n", 4,
                        "r= line before any t= line"),
                Arguments.of("t= with one field", "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0\r\n", 4, "t= must be"),
                Arguments.of("t= not a number", "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=now 0\r\n", 4,
                        "start time is not a decimal number"),

                // Line syntax and junk
                Arguments.of("line without =", HEAD + "hello\r\n", 5, "expected <type>=<value>"),
                Arguments.of("upper-case type", HEAD + "A=rtcp-mux\r\n", 5, "expected <type>=<value>"),
                Arguments.of("indented line", HEAD + " a=rtcp-mux\r\n", 5, "expected <type>=<value>"),
                Arguments.of("blank line in the middle", HEAD + "\r\n" + AUDIO, 5, "empty line"),
                Arguments.of("NUL byte", HEAD + "a=ice-ufrag:ab\u0000cd\r\n", 5, "control character U+0000"),
                Arguments.of("binary junk", HEAD + "a=\u0001\u0002\u00ff\u0010\r\n", 5, "control character"),
                Arguments.of("bare carriage return inside a line", HEAD + "a=mid:0\rb=AS:1\r\n", 5, "control character U+000D"),
                Arguments.of("unpaired surrogate", HEAD + "s=\ud800x\r\n", 5, "unpaired surrogate"),
                Arguments.of("session-level t= in a media section", withMediaLine("t=0 0"), 8,
                        "session-level line and cannot be in a media section"),

                // c=, b=, m=
                Arguments.of("c= with two fields", withMediaLine("c=IN 0.0.0.0"), 8, "connection data must be"),
                Arguments.of("b= without a colon", withMediaLine("b=AS"), 8, "b= must be"),
                Arguments.of("b= negative", withMediaLine("b=AS:-5"), 8, "bandwidth is not a decimal number"),
                Arguments.of("m= without formats", HEAD + "m=audio 9 UDP/TLS/RTP/SAVPF\r\n", 5, "m= must be"),
                Arguments.of("m= port not a number", HEAD + "m=audio nine UDP/TLS/RTP/SAVPF 111\r\n", 5,
                        "media port is not a decimal number"),
                Arguments.of("m= port out of range", HEAD + "m=audio 70000 UDP/TLS/RTP/SAVPF 111\r\n", 5,
                        "media port 70000 is out of range"),
                Arguments.of("m= zero number of ports", HEAD + "m=audio 9/0 UDP/TLS/RTP/SAVPF 111\r\n", 5,
                        "number of ports 0 is out of range"),
                Arguments.of("m= bad protocol", HEAD + "m=audio 9 UDP//SAVPF 111\r\n", 5, "media protocol is not tokens"),

                // Attributes
                Arguments.of("empty attribute", withMediaLine("a="), 8, "empty attribute"),
                Arguments.of("attribute name with a space", withMediaLine("a=ice ufrag:x"), 8, "attribute name is not a valid token"),
                Arguments.of("rtpmap without clock rate", withMediaLine("a=rtpmap:111 opus"), 8, "bad a=rtpmap"),
                Arguments.of("rtpmap payload type 200", withMediaLine("a=rtpmap:200 opus/48000/2"), 8,
                        "rtpmap payload type 200 is out of range"),
                Arguments.of("rtpmap clock rate not a number", withMediaLine("a=rtpmap:111 opus/fast/2"), 8,
                        "rtpmap clock rate is not a decimal number"),
                Arguments.of("rtpmap with too many slashes", withMediaLine("a=rtpmap:111 opus/48000/2/1"), 8,
                        "rtpmap encoding must be"),
                Arguments.of("fmtp without parameters", withMediaLine("a=fmtp:111"), 8, "fmtp must be"),
                Arguments.of("fmtp payload type not a number", withMediaLine("a=fmtp:opus minptime=10"), 8,
                        "fmtp payload type is not a decimal number"),
                Arguments.of("rtcp-fb without type", withMediaLine("a=rtcp-fb:111"), 8, "rtcp-fb must be"),
                Arguments.of("extmap id 0", withMediaLine("a=extmap:0 urn:ietf:params:rtp-hdrext:sdes:mid"), 8,
                        "extmap id 0 is not in 1..255"),
                Arguments.of("extmap id 256", withMediaLine("a=extmap:256 urn:ietf:params:rtp-hdrext:sdes:mid"), 8,
                        "extmap id 256 is not in 1..255"),
                Arguments.of("extmap without URI", withMediaLine("a=extmap:3"), 8, "extmap must be"),
                Arguments.of("extmap bad direction", withMediaLine("a=extmap:3/sideways urn:x"), 8, "extmap direction"),
                Arguments.of("candidate with too few fields", withMediaLine("a=candidate:1 1 udp 2122260223 10.0.0.1 5000"), 8,
                        "candidate needs"),
                Arguments.of("candidate without typ", withMediaLine("a=candidate:1 1 udp 2122260223 10.0.0.1 5000 type host"), 8,
                        "where \"typ\" belongs"),
                Arguments.of("candidate port out of range", withMediaLine("a=candidate:1 1 udp 2122260223 10.0.0.1 99999 typ host"), 8,
                        "candidate port 99999 is out of range"),
                Arguments.of("candidate priority over 2^32", withMediaLine("a=candidate:1 1 udp 4294967296 10.0.0.1 5000 typ host"), 8,
                        "candidate priority 4294967296 is out of range"),
                Arguments.of("candidate extension without value",
                        withMediaLine("a=candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host generation"), 8, "has no value"),
                Arguments.of("candidate foundation with a bad character",
                        withMediaLine("a=candidate:a_b 1 udp 2122260223 10.0.0.1 5000 typ host"), 8, "candidate foundation"),
                Arguments.of("setup unknown role", withMediaLine("a=setup:client"), 8, "setup must be active, passive, actpass or holdconn"),
                Arguments.of("fingerprint not hex", withMediaLine("a=fingerprint:sha-256 ZZ:00"), 8, "not colon-separated hex"),
                Arguments.of("fingerprint without hash function", withMediaLine("a=fingerprint:AB:CD"), 8,
                        "needs a hash function and a fingerprint"),
                Arguments.of("ssrc over 2^32-1", withMediaLine("a=ssrc:4294967296 cname:x"), 8, "ssrc 4294967296 is out of range"),
                Arguments.of("ssrc-group without ssrcs", withMediaLine("a=ssrc-group:FID"), 8, "ssrc-group must be"),
                Arguments.of("sctp-port out of range", withMediaLine("a=sctp-port:65536"), 8, "sctp-port 65536 is out of range"),
                Arguments.of("max-message-size negative", withMediaLine("a=max-message-size:-1"), 8,
                        "max-message-size is not a decimal number"),
                Arguments.of("rid bad direction", withMediaLine("a=rid:hi sideways"), 8, "rid direction must be send or recv"),
                Arguments.of("rid id with a bad character", withMediaLine("a=rid:h!gh send"), 8, "rid id has a character"),
                Arguments.of("rid duplicate parameter", withMediaLine("a=rid:hi send max-width=1;max-width=2"), 8, "appears twice"),
                Arguments.of("simulcast bad direction", withMediaLine("a=simulcast:both hi;lo"), 8, "simulcast direction must be"),
                Arguments.of("simulcast empty stream", withMediaLine("a=simulcast:send hi;;lo"), 8, "rid id must be 1 to 255"),
                Arguments.of("simulcast two send lists", withMediaLine("a=simulcast:send hi recv lo send mid"), 8, "simulcast must be"),
                Arguments.of("group without semantics", "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:\r\n", 5,
                        "a=group needs a value"),
                Arguments.of("mid without value", withMediaLine("a=mid"), 8, "a=mid needs a value"),
                Arguments.of("rtcp-mux with a value", withMediaLine("a=rtcp-mux:yes"), 8, "a=rtcp-mux takes no value"),
                Arguments.of("msid with three fields", withMediaLine("a=msid:a b c"), 8, "msid must be"),
                Arguments.of("ice-ufrag with a space", withMediaLine("a=ice-ufrag:ab cd"), 8, "ice-ufrag contains whitespace"),
                Arguments.of("rtcp with two fields", withMediaLine("a=rtcp:9 IN"), 8, "rtcp must be"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rejectsWithLineAndReason(String name, String sdp, int line, String reason) {
        assertThatThrownBy(() -> SessionDescription.parse(sdp))
                .isExactlyInstanceOf(SdpParseException.class)
                .hasMessageContaining(reason)
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(((SdpParseException) e).lineNumber())
                        .as("line number").isEqualTo(line));
    }

    @Test
    void rejectsTextLongerThanTheLimit() {
        String huge = HEAD + "a=x:" + "y".repeat(1 << 20) + "\r\n";

        assertThatThrownBy(() -> SessionDescription.parse(huge))
                .isExactlyInstanceOf(SdpParseException.class)
                .hasMessageContaining("more than the limit of 1048576");
    }

    @Test
    void rejectsALineLongerThanTheLimit() {
        String longLine = HEAD + "a=x:" + "y".repeat(20_000) + "\r\n";

        assertThatThrownBy(() -> SessionDescription.parse(longLine))
                .isExactlyInstanceOf(SdpParseException.class)
                .hasMessageContaining("line is 20004 characters, more than the limit of 16384");
    }

    @Test
    void rejectsMoreLinesThanTheLimit() {
        SdpParser small = SdpParser.withLimits(1 << 20, 10, 1000);
        String manyLines = HEAD + "a=rtcp-mux\r\n".repeat(20);

        assertThatThrownBy(() -> small.parse(manyLines))
                .isExactlyInstanceOf(SdpParseException.class)
                .hasMessage("SDP line 11: SDP has more than 10 lines");
    }

    @Test
    void rejectsNull() {
        assertThatThrownBy(() -> SessionDescription.parse(null))
                .isExactlyInstanceOf(SdpParseException.class)
                .hasMessage("SDP: SDP is null");
    }
}
