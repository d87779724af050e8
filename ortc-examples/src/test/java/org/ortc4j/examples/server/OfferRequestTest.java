package org.ortc4j.examples.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ortc4j.examples.signaling.JsonText;
import org.ortc4j.sdp.RTCSdpType;

/** The body the page posts to /offer, read strictly: bad bodies get a message, never a crash. */
class OfferRequestTest {

    private static final String SDP = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n";

    @Test
    void readsWhatThePageSends() {
        OfferRequest request = OfferRequest.parse("{\"sdp\":\"v=0\\r\\no=- 1 2 IN IP4 127.0.0.1\\r\\ns=-\\r\\nt=0 0\\r\\n\","
                + "\"type\":\"offer\",\"video_transform\":\"edges\"}");
        assertThat(request.offer().type()).isEqualTo(RTCSdpType.OFFER);
        assertThat(request.offer().sdp()).isEqualTo(SDP);
        assertThat(request.videoTransform()).isEqualTo(VideoTransform.EDGES);
    }

    @Test
    void aMissingTransformMeansNone() {
        assertThat(OfferRequest.parse(" {\"type\": \"offer\", \"sdp\": \"x\"} \n").videoTransform())
                .isEqualTo(VideoTransform.NONE);
    }

    @Test
    void escapesAreDecoded() {
        assertThat(JsonText.parseObject("{\"a\":\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\u20AC\"}"))
                .isEqualTo(Map.of("a", "\"\\/\b\f\n\r\t\u00e9\u20ac"));
        assertThat(JsonText.parseObject("{}")).isEmpty();
    }

    @Test
    void refusesWhatIsNotAnOfferRequest() {
        assertRefused("", "expected a JSON object");
        assertRefused("[]", "expected a JSON object, starting with '{'");
        assertRefused("{\"sdp\":\"x\",\"type\":\"offer\",}", "expected a member name");
        assertRefused("{\"sdp\":\"x\",\"type\":\"offer\"} x", "text after the JSON object");
        assertRefused("{\"sdp\":1,\"type\":\"offer\"}", "\"sdp\" is not a string");
        assertRefused("{\"sdp\":\"x\",\"sdp\":\"y\",\"type\":\"offer\"}", "duplicate member \"sdp\"");
        assertRefused("{\"sdp\":\"a\u0001\",\"type\":\"offer\"}", "unescaped control character U+0001");
        assertRefused("{\"sdp\":\"\\x\",\"type\":\"offer\"}", "invalid escape \\'x'");
        assertRefused("{\"sdp\":\"\\u12\"}", "\\u must be followed by four hex digits");
        assertRefused("{\"sdp\":\"x\"", "at the end");
        assertRefused("{\"sdp\":\"x\",\"type\":\"offer\",\"video_transform\":[]}", "\"video_transform\" is not a string");
        assertRefused("{\"type\":\"offer\"}", "needs the members");
        assertRefused("{\"sdp\":\"x\",\"type\":\"answer\"}", "must be \"offer\"");
        assertRefused("{\"sdp\":\"x\",\"type\":\"offer\",\"video_transform\":\"sepia\"}", "unknown video transform");
    }

    private static void assertRefused(String body, String message) {
        assertThatThrownBy(() -> OfferRequest.parse(body)).as(body).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}
