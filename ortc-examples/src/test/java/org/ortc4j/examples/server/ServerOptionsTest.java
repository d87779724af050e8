package org.ortc4j.examples.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The command line, as aiortc's server reads it, with the loopback option off by default. */
class ServerOptionsTest {

    @Test
    void defaultsAreAiortcsWithoutLoopbackCandidates() {
        assertThat(ServerOptions.parse()).isEqualTo(new ServerOptions("0.0.0.0", 8080, false, false));
    }

    @Test
    void readsEveryFlag() {
        assertThat(ServerOptions.parse("--host", "127.0.0.1", "--port", "0", "-v", "--include-loopback"))
                .isEqualTo(new ServerOptions("127.0.0.1", 0, true, true));
        assertThat(ServerOptions.parse("--verbose").verbose()).isTrue();
        assertThat(ServerOptions.parse("--help")).isNull();
    }

    @Test
    void badFlagsSayWhatIsWrong() {
        assertThatThrownBy(() -> ServerOptions.parse("--port")).hasMessage("--port needs a value");
        assertThatThrownBy(() -> ServerOptions.parse("--port", "http")).hasMessageContaining("0 to 65535");
        assertThatThrownBy(() -> ServerOptions.parse("--port", "70000")).hasMessageContaining("0 to 65535");
        assertThatThrownBy(() -> ServerOptions.parse("--record-to", "x.mp4")).hasMessage("unknown argument: --record-to");
        assertThatThrownBy(() -> ServerOptions.parse("--host", "--port")).hasMessage("--host needs a value");
    }
}
