package org.ortc4j.ice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RTCIceServerTest {

    @Test
    void oneStunUrl() {
        RTCIceServer server = new RTCIceServer("stun:stun.l.google.com:19302");

        assertThat(server.urls()).containsExactly("stun:stun.l.google.com:19302");
        assertThat(server.username()).isNull();
        assertThat(server.credential()).isNull();
        assertThat(server.credentialType()).isEqualTo(RTCIceCredentialType.PASSWORD);
        assertThat(server.parsedUrls()).containsExactly(IceServerUrl.parse("stun:stun.l.google.com:19302"));
    }

    @Test
    void severalUrlsKeepTheirOrderAndSpelling() {
        RTCIceServer server = new RTCIceServer(List.of("stun:stun.l.google.com:19302", "STUN:stun1.l.google.com:19302"));

        assertThat(server.urls()).containsExactly("stun:stun.l.google.com:19302", "STUN:stun1.l.google.com:19302");
        assertThat(server.parsedUrls()).extracting(IceServerUrl::toString)
                .containsExactly("stun:stun.l.google.com:19302", "stun:stun1.l.google.com:19302");
    }

    @Test
    void turnWithCredentials() {
        RTCIceServer server = new RTCIceServer("turn:turnserver.example.com:3478", "myusername", "mypassword");

        assertThat(server.urls()).containsExactly("turn:turnserver.example.com:3478");
        assertThat(server.username()).isEqualTo("myusername");
        assertThat(server.credential()).isEqualTo("mypassword");
        assertThat(server.credentialType()).isEqualTo(RTCIceCredentialType.PASSWORD);
        IceServerUrl url = server.parsedUrls().get(0);
        assertThat(url.scheme()).isEqualTo(IceServerUrl.Scheme.TURN);
        assertThat(url.transport()).isEqualTo(IceServerUrl.Transport.UDP);
    }

    @Test
    void credentialTypeDefaultsToPassword() {
        assertThat(new RTCIceServer(List.of("stun:a.example"), null, null, null).credentialType())
                .isEqualTo(RTCIceCredentialType.PASSWORD);
        assertThat(RTCIceServer.newBuilder().urls("stun:a.example").build().credentialType())
                .isEqualTo(RTCIceCredentialType.PASSWORD);
    }

    @Test
    void builderSetsEveryField() {
        RTCIceServer server = RTCIceServer.newBuilder()
                .urls("turns:turn.example.org", "turn:turn.example.net")
                .username("user")
                .credential("myPassword")
                .credentialType(RTCIceCredentialType.PASSWORD)
                .build();

        assertThat(server).isEqualTo(new RTCIceServer(
                List.of("turns:turn.example.org", "turn:turn.example.net"), "user", "myPassword"));
        assertThat(RTCIceServer.newBuilder().urls(List.of("stun:a.example")).urls("stun:b.example").build().urls())
                .containsExactly("stun:b.example");
    }

    @Test
    void builderCopiesItsInput() {
        List<String> urls = new ArrayList<>(List.of("stun:a.example"));
        RTCIceServer.Builder builder = RTCIceServer.newBuilder().urls(urls);
        urls.set(0, "not a url");
        assertThat(builder.build().urls()).containsExactly("stun:a.example");

        String[] array = {"stun:a.example"};
        RTCIceServer.Builder fromArray = RTCIceServer.newBuilder().urls(array);
        array[0] = "not a url";
        assertThat(fromArray.build().urls()).containsExactly("stun:a.example");
    }

    // W3C §4.4.1.5: "If urls is empty, throw a "SyntaxError" DOMException."
    @Test
    void emptyUrlsIsASyntaxError() {
        assertThatThrownBy(() -> new RTCIceServer(List.of()))
                .isInstanceOf(SyntaxException.class)
                .hasMessageContaining("RTCIceServer.urls is empty");
        assertThatThrownBy(() -> RTCIceServer.newBuilder().build())
                .isInstanceOf(SyntaxException.class);
    }

    // W3C platform tests: "with ["stun:stun1.example.net", ""] url should throw SyntaxError"
    @Test
    void anyInvalidUrlIsASyntaxError() {
        assertThatThrownBy(() -> new RTCIceServer(List.of("stun:stun1.example.net", "")))
                .isInstanceOf(SyntaxException.class)
                .hasMessage("invalid ICE server URL \"\": the URL is empty");
        assertThatThrownBy(() -> new RTCIceServer("http://example.com"))
                .isInstanceOf(SyntaxException.class);
        assertThatThrownBy(() -> new RTCIceServer("stun://example.org"))
                .isInstanceOf(SyntaxException.class);
    }

    // W3C §4.4.1.5: a turn or turns URL without username or credential is an InvalidAccessError.
    @ParameterizedTest
    @ValueSource(strings = {"turn:turn.example.net", "turns:turn.example.net", "turn:turn.example.net?transport=tcp"})
    void turnWithoutCredentialsIsAnInvalidAccessError(String url) {
        assertThatThrownBy(() -> new RTCIceServer(url))
                .isInstanceOf(InvalidAccessException.class)
                .hasMessage("TURN server \"" + url + "\" needs a username")
                .extracting(e -> ((DomException) e).name()).isEqualTo("InvalidAccessError");
        assertThatThrownBy(() -> new RTCIceServer(url, "user", null))
                .isInstanceOf(InvalidAccessException.class)
                .hasMessage("TURN server \"" + url + "\" needs a credential");
        assertThatThrownBy(() -> new RTCIceServer(url, null, "cred"))
                .isInstanceOf(InvalidAccessException.class)
                .hasMessage("TURN server \"" + url + "\" needs a username");
    }

    @Test
    void turnAmongStunUrlsStillNeedsCredentials() {
        assertThatThrownBy(() -> new RTCIceServer(List.of("stun:a.example", "turn:b.example")))
                .isInstanceOf(InvalidAccessException.class);
    }

    // The URL check comes first, as in the W3C steps: a bad URL is a SyntaxError even if the
    // server also lacks credentials.
    @Test
    void syntaxIsCheckedBeforeCredentials() {
        assertThatThrownBy(() -> new RTCIceServer("turn://example.org"))
                .isInstanceOf(SyntaxException.class);
    }

    // W3C platform tests: "with turn server and empty string username, credential should succeed"
    @Test
    void emptyUsernameAndCredentialAreAccepted() {
        RTCIceServer server = new RTCIceServer("turns:turn.example.org", "", "");
        assertThat(server.username()).isEmpty();
        assertThat(server.credential()).isEmpty();
    }

    // RFC 8489 §14.3: USERNAME "MUST contain a UTF-8-encoded [RFC3629] sequence of fewer than
    // 509 bytes"; the W3C platform tests expect 510 characters to throw InvalidAccessError.
    @Test
    void turnUsernameMustBeFewerThan509Bytes() {
        assertThat(new RTCIceServer("turn:t.example", "u".repeat(508), "p").username()).hasSize(508);
        assertThatThrownBy(() -> new RTCIceServer("turn:t.example", "u".repeat(509), "p"))
                .isInstanceOf(InvalidAccessException.class)
                .hasMessage("TURN username for \"turn:t.example\" is 509 bytes of UTF-8; RFC 8489 §14.3 allows fewer than 509");
        // 254 two-byte characters are 508 bytes; 255 are 510.
        assertThat(new RTCIceServer("turn:t.example", "é".repeat(254), "p")).isNotNull();
        assertThatThrownBy(() -> new RTCIceServer("turn:t.example", "é".repeat(255), "p"))
                .isInstanceOf(InvalidAccessException.class);
        // STUN servers take no credentials, so the limit does not apply to them.
        assertThat(new RTCIceServer("stun:s.example", "u".repeat(600), "p")).isNotNull();
    }

    @Test
    void stunServersMayCarryCredentialsThatAreIgnored() {
        RTCIceServer server = new RTCIceServer("stun:stun.example.org", "user", "pass");
        assertThat(server.username()).isEqualTo("user");
    }

    @Test
    void nullsAreProgrammingErrors() {
        assertThatThrownBy(() -> new RTCIceServer((String) null))
                .isInstanceOf(NullPointerException.class).hasMessage("url");
        assertThatThrownBy(() -> new RTCIceServer((List<String>) null))
                .isInstanceOf(NullPointerException.class).hasMessage("urls");
        assertThatThrownBy(() -> new RTCIceServer(java.util.Arrays.asList("stun:a.example", null)))
                .isInstanceOf(NullPointerException.class).hasMessage("urls[1] is null");
        assertThatThrownBy(() -> RTCIceServer.newBuilder().urls((String[]) null))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void urlsAreAnUnmodifiableCopy() {
        List<String> urls = new ArrayList<>(List.of("stun:a.example", "stun:b.example"));
        RTCIceServer server = new RTCIceServer(urls);
        urls.add("stun:c.example");
        urls.set(0, "not a url");

        assertThat(server.urls()).containsExactly("stun:a.example", "stun:b.example");
        assertThatThrownBy(() -> server.urls().add("stun:d.example")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> server.parsedUrls().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void equalityIsByValue() {
        RTCIceServer a = new RTCIceServer("turn:t.example", "user", "pass");
        RTCIceServer b = RTCIceServer.newBuilder().urls("turn:t.example").username("user").credential("pass").build();

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(new RTCIceServer("turn:t.example", "user", "other"));
        assertThat(a).isNotEqualTo(new RTCIceServer("turn:t.example", "other", "pass"));
        // urls are kept as written: a different spelling is a different dictionary.
        assertThat(a).isNotEqualTo(new RTCIceServer("TURN:t.example", "user", "pass"));
    }

    @Test
    void toStringDoesNotShowTheCredential() {
        RTCIceServer server = new RTCIceServer("turn:t.example", "user", "s3cret");

        assertThat(server.toString())
                .isEqualTo("RTCIceServer[urls=[turn:t.example], username=user, credential=***, credentialType=password]")
                .doesNotContain("s3cret");
        assertThat(new RTCIceServer("stun:s.example").toString()).contains("credential=null");
    }
}
