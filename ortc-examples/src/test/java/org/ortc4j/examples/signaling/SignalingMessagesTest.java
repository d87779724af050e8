package org.ortc4j.examples.signaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ortc4j.ice.RTCIceCandidate;
import org.ortc4j.ice.RTCIceCandidateType;
import org.ortc4j.sdp.RTCSdpType;
import org.ortc4j.sdp.RTCSessionDescription;

/**
 * The JSON of aiortc's contrib/signaling.py: {@code object_to_string} is
 * {@code json.dumps(message, sort_keys=True)}, so the expected strings below are what Python
 * prints for those dicts (members sorted, ", " and ": " separators, ensure_ascii escapes).
 */
class SignalingMessagesTest {

    private static final String SDP = "v=0\r\no=- 3890917427 3890917427 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\n";
    private static final String SDP_JSON = "v=0\\r\\no=- 3890917427 3890917427 IN IP4 0.0.0.0\\r\\ns=-\\r\\nt=0 0\\r\\n";

    /** What aiortc's candidate_to_sdp writes for an aioice host candidate (md5 hex foundation). */
    private static final String HOST = "candidate:0f1e2d3c4b5a69788796a5b4c3d2e1f0 1 udp 2130706431 192.168.1.2 54321 typ host";

    @Test
    void offerIsSdpThenTypeAsPythonSortsThem() {
        String json = SignalingMessages.toJson(new RTCSessionDescription(RTCSdpType.OFFER, SDP));

        assertThat(json).isEqualTo("{\"sdp\": \"" + SDP_JSON + "\", \"type\": \"offer\"}");
    }

    @Test
    void answerRoundTrips() {
        RTCSessionDescription answer = new RTCSessionDescription(RTCSdpType.ANSWER, SDP);

        String json = SignalingMessages.toJson(answer);

        assertThat(json).isEqualTo("{\"sdp\": \"" + SDP_JSON + "\", \"type\": \"answer\"}");
        assertThat(SignalingMessages.fromJson(json)).isEqualTo(answer);
    }

    @Test
    void hostCandidateIsCandidateIdLabelType() {
        SignaledCandidate signaled = new SignaledCandidate(RTCIceCandidate.parse(HOST), "0", 0);

        String json = SignalingMessages.toJson(signaled);

        assertThat(json).isEqualTo("{\"candidate\": \"" + HOST + "\", \"id\": \"0\", \"label\": 0, \"type\": \"candidate\"}");
        assertThat(SignalingMessages.fromJson(json)).isEqualTo(signaled);
    }

    @Test
    void reflexiveCandidateWritesRaddrAndRportAsAiortcDoes() {
        RTCIceCandidate srflx = RTCIceCandidate.newBuilder().foundation("a1b2").componentId(1).priority(1694498815L)
                .address("203.0.113.7").port(40000).type(RTCIceCandidateType.SRFLX)
                .relatedAddress("192.168.1.2").relatedPort(54321).build();

        String json = SignalingMessages.toJson(new SignaledCandidate(srflx, "audio", 1));

        // candidate_to_sdp: "... typ {type}" + " raddr {relatedAddress}" + " rport {relatedPort}"
        assertThat(json).isEqualTo("{\"candidate\": \"candidate:a1b2 1 udp 1694498815 203.0.113.7 40000 typ srflx"
                + " raddr 192.168.1.2 rport 54321\", \"id\": \"audio\", \"label\": 1, \"type\": \"candidate\"}");
    }

    @Test
    void tcpCandidateWritesTcptypeLast() {
        String text = "candidate:7 1 tcp 1518280447 192.168.1.2 9 typ host tcptype active";

        String json = SignalingMessages.toJson(new SignaledCandidate(RTCIceCandidate.parse(text), "0", 0));

        assertThat(json).startsWith("{\"candidate\": \"" + text + "\", ");
    }

    @Test
    void missingMidAndIndexAreNull() {
        SignaledCandidate signaled = new SignaledCandidate(RTCIceCandidate.parse(HOST), null, null);

        String json = SignalingMessages.toJson(signaled);

        assertThat(json).isEqualTo("{\"candidate\": \"" + HOST + "\", \"id\": null, \"label\": null, \"type\": \"candidate\"}");
        assertThat(SignalingMessages.fromJson(json)).isEqualTo(signaled);
    }

    @Test
    void byeIsTypeOnly() {
        assertThat(SignalingMessages.toJson(Bye.BYE)).isEqualTo("{\"type\": \"bye\"}");
        assertThat(SignalingMessages.fromJson("{\"type\": \"bye\"}")).isSameAs(Bye.BYE);
    }

    @Test
    void stringsAreEscapedAsPythonEnsureAsciiDoes() {
        String sdp = "s=caf\u00e9 \uD83D\uDE00 \"q\" back\\slash /slash\ttab\b\f\u0001\u007f\r\n";

        String json = SignalingMessages.toJson(new RTCSessionDescription(RTCSdpType.OFFER, sdp));

        // json.dumps: \" \\ \t \b \f short escapes; other non-printable-ASCII as lower-case \\uXXXX,
        // astral characters as surrogate pairs; '/' left alone
        assertThat(json).isEqualTo("{\"sdp\": \"s=caf\\u00e9 \\ud83d\\ude00 \\\"q\\\" back\\\\slash /slash\\ttab"
                + "\\b\\f\\u0001\\u007f\\r\\n\", \"type\": \"offer\"}");
        assertThat(json).matches("[\\x20-\\x7e]*");
        assertThat(SignalingMessages.fromJson(json)).isEqualTo(new RTCSessionDescription(RTCSdpType.OFFER, sdp));
    }

    @Test
    void readsAnyMemberOrderWhiteSpaceAndEscapes() {
        String json = " {\n\t\"type\":\"offer\" ,\"sdp\":\"v=0\\r\\n\\u0073=\\/x\\r\\n\"}\r\n";

        assertThat(SignalingMessages.fromJson(json)).isEqualTo(new RTCSessionDescription(RTCSdpType.OFFER, "v=0\r\ns=/x\r\n"));
    }

    @Test
    void candidateAndByeIgnoreExtraMembersAsAiortcDoes() {
        Object candidate = SignalingMessages.fromJson("{\"type\": \"candidate\", \"candidate\": \"" + HOST
                + "\", \"id\": \"0\", \"label\": 0, \"usernameFragment\": \"abcd\", \"x\": [1, {\"y\": null}]}");
        Object bye = SignalingMessages.fromJson("{\"type\": \"bye\", \"reason\": \"done\"}");

        assertThat(candidate).isEqualTo(new SignaledCandidate(RTCIceCandidate.parse(HOST), "0", 0));
        assertThat(bye).isSameAs(Bye.BYE);
    }

    @Test
    void chromiumCandidateKeepsItsExtensions() {
        String chromium = "candidate:842163049 1 udp 1677729535 203.0.113.7 61665 typ srflx raddr 0.0.0.0 rport 0"
                + " generation 0 ufrag sB1g network-cost 999";

        Object read = SignalingMessages.fromJson("{\"candidate\": \"" + chromium + "\", \"id\": \"0\", \"label\": 0, \"type\": \"candidate\"}");

        assertThat(read).isInstanceOfSatisfying(SignaledCandidate.class, c -> {
            assertThat(c.candidate().usernameFragment()).isEqualTo("sB1g");
            assertThat(SignalingMessages.toJson(c)).contains("\"" + chromium + "\"");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "   ",
        "null",
        "[]",
        "\"offer\"",
        "{",
        "{\"type\": \"bye\"",
        "{\"type\": \"bye\",}",
        "{'type': 'bye'}",
        "{type: \"bye\"}",
        "{\"type\": \"bye\"} {}",
        "{\"type\": \"bye\"} x",
        "{\"type\": \"bye\", \"type\": \"bye\"}",
        "{\"type\": \"bye\" \"x\": 1}",
        "{\"type\": \"b\\ye\"}",
        "{\"type\": \"bye\", \"n\": 01}",
        "{\"type\": \"bye\", \"n\": 1.}",
        "{\"type\": \"bye\", \"n\": NaN}",
        "{\"type\": \"bye\", \"n\": tru}",
        "{\"type\": \"bye\", \"s\": \"a\tb\"}",
        "{\"type\": \"bye\", \"s\": \"\\u12g4\"}",
        "{\"type\": \"bye\", \"a\": [1,]}",
        "{\"type\": \"bye\", \"a\": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}",
    })
    void malformedJsonIsRefused(String json) {
        assertThatThrownBy(() -> SignalingMessages.fromJson(json))
                .isInstanceOf(InvalidSignalingMessageException.class)
                .hasMessageContaining("JSON");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{}",
        "{\"sdp\": \"v=0\\r\\n\"}",
        "{\"type\": 1}",
        "{\"type\": \"hello\"}",
        "{\"type\": \"Offer\", \"sdp\": \"\"}",
        "{\"type\": \"offer\"}",
        "{\"type\": \"offer\", \"sdp\": null}",
        "{\"type\": \"offer\", \"sdp\": \"v=0\", \"extra\": 1}",
        "{\"type\": \"rollback\", \"sdp\": \"v=0\"}",
        "{\"type\": \"candidate\", \"candidate\": \"\", \"id\": \"0\", \"label\": 0}",
        "{\"type\": \"candidate\", \"id\": \"0\", \"label\": 0}",
        "{\"type\": \"candidate\", \"candidate\": \"candidate:1 1 udp 1 192.0.2.1 1 typ host\", \"label\": 0}",
        "{\"type\": \"candidate\", \"candidate\": \"candidate:1 1 udp 1 192.0.2.1 1 typ host\", \"id\": \"0\"}",
        "{\"type\": \"candidate\", \"candidate\": \"candidate:1 1 udp 1 192.0.2.1 1 typ host\", \"id\": 0, \"label\": 0}",
        "{\"type\": \"candidate\", \"candidate\": \"candidate:1 1 udp 1 192.0.2.1 1 typ host\", \"id\": \"0\", \"label\": \"0\"}",
        "{\"type\": \"candidate\", \"candidate\": \"candidate:1 1 udp 1 192.0.2.1 1 typ host\", \"id\": \"0\", \"label\": 1.0}",
        "{\"type\": \"candidate\", \"candidate\": \"candidate:1 1 udp 1 192.0.2.1 1 typ host\", \"id\": \"0\", \"label\": -1}",
        "{\"type\": \"candidate\", \"candidate\": \"candidate:1 1 udp 1 192.0.2.1 1 typ host\", \"id\": \"0\", \"label\": 65536}",
        "{\"type\": \"candidate\", \"candidate\": \"candidate:1 1 udp 1 192.0.2.1 1 typ host\", \"id\": \"0\", \"label\": 99999999999}",
        "{\"type\": \"candidate\", \"candidate\": \"1 1 udp 1 192.0.2.1 1 typ host\", \"id\": \"0\", \"label\": 0}",
        "{\"type\": \"candidate\", \"candidate\": \"candidate:1 1 udp 1 192.0.2.1 1 typ\", \"id\": \"0\", \"label\": 0}",
        "{\"type\": \"candidate\", \"candidate\": \"candidate:1 1 sctp 1 192.0.2.1 1 typ host\", \"id\": \"0\", \"label\": 0}",
    })
    void wellFormedJsonThatIsNoSignalingMessageIsRefused(String json) {
        assertThatThrownBy(() -> SignalingMessages.fromJson(json))
                .isInstanceOf(InvalidSignalingMessageException.class)
                .hasMessageContaining("invalid");
    }

    @Test
    void errorNamesTheUnknownType() {
        assertThatThrownBy(() -> SignalingMessages.fromJson("{\"type\": \"hangup\"}"))
                .hasMessageContaining("unknown type \"hangup\"");
    }

    @Test
    void largestLabelIsAccepted() {
        Object read = SignalingMessages.fromJson("{\"candidate\": \"" + HOST + "\", \"id\": null, \"label\": 65535, \"type\": \"candidate\"}");

        assertThat(read).isEqualTo(new SignaledCandidate(RTCIceCandidate.parse(HOST), null, 65535));
    }

    @Test
    void signaledCandidateNeedsACandidateAndAnUnsignedShortIndex() {
        RTCIceCandidate host = RTCIceCandidate.parse(HOST);

        assertThatThrownBy(() -> new SignaledCandidate(null, "0", 0)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new SignaledCandidate(host, "0", -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SignaledCandidate(host, "0", 65536)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void otherObjectsCannotBeSent() {
        assertThatThrownBy(() -> SignalingMessages.toJson(RTCIceCandidate.parse(HOST)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SignaledCandidate");
    }
}
