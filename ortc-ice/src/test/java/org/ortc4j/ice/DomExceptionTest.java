package org.ortc4j.ice;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DomExceptionTest {

    static Stream<Arguments> family() {
        IllegalStateException cause = new IllegalStateException("root");
        return Stream.of(
                Arguments.of(new InvalidAccessException("no credential"), "InvalidAccessError", null),
                Arguments.of(new InvalidAccessException("no credential", cause), "InvalidAccessError", cause),
                Arguments.of(new SyntaxException("bad url"), "SyntaxError", null),
                Arguments.of(new SyntaxException("bad url", cause), "SyntaxError", cause));
    }

    // WebIDL §3.14.1: each DOMException carries one of the names of the error names table.
    @ParameterizedTest
    @MethodSource("family")
    void nameIsTheW3cErrorName(DomException exception, String w3cName, Throwable cause) {
        assertThat(exception.name()).isEqualTo(w3cName);
        assertThat(exception.getCause()).isSameAs(cause);
        assertThat(exception).isInstanceOf(RuntimeException.class);
    }

    @Test
    void messageIsKept() {
        assertThat(new SyntaxException("invalid ICE server URL \"x\"")).hasMessage("invalid ICE server URL \"x\"");
    }

    @Test
    void callersCanCatchTheWholeFamily() {
        DomException caught = null;
        try {
            throw new InvalidAccessException("TURN server needs a username");
        } catch (DomException e) {
            caught = e;
        }
        assertThat(caught).isInstanceOf(InvalidAccessException.class);
        assertThat(caught.name()).isEqualTo("InvalidAccessError");
    }
}
