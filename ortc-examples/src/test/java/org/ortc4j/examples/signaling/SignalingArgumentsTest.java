package org.ortc4j.examples.signaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** aiortc's add_signaling_arguments and create_signaling. */
class SignalingArgumentsTest {

    @Test
    void defaultsAreAiortcs() {
        SignalingArguments parsed = SignalingArguments.parse();

        assertThat(parsed).isEqualTo(new SignalingArguments(SignalingMethod.COPY_AND_PASTE, "127.0.0.1", 1234, List.of()));
        assertThat(parsed.createSignaling()).isInstanceOf(CopyAndPasteSignaling.class);
    }

    @Test
    void tcpSocketWithHostAndPort() {
        SignalingArguments parsed = SignalingArguments.parse("--signaling", "tcp-socket",
                "--signaling-host", "192.0.2.1", "--signaling-port", "4321");

        assertThat(parsed).isEqualTo(new SignalingArguments(SignalingMethod.TCP_SOCKET, "192.0.2.1", 4321, List.of()));
        assertThat(parsed.createSignaling()).isInstanceOfSatisfying(TcpSocketSignaling.class, tcp -> {
            assertThat(tcp.host()).isEqualTo("192.0.2.1");
            assertThat(tcp.port()).isEqualTo(4321);
        });
    }

    @Test
    void shortFlagEqualsFormsAndTheExamplesOwnArgumentsInOrder() {
        SignalingArguments parsed = SignalingArguments.parse("offer", "-s", "copy-and-paste", "--verbose",
                "--signaling-port=5000", "-stcp-socket", "--signaling-host=::1", "--", "-s", "x");

        assertThat(parsed.method()).isEqualTo(SignalingMethod.TCP_SOCKET);
        assertThat(parsed.port()).isEqualTo(5000);
        assertThat(parsed.host()).isEqualTo("::1");
        assertThat(parsed.otherArguments()).containsExactly("offer", "--verbose", "--", "-s", "x");
    }

    @Test
    void lastValueWinsAsInArgparse() {
        SignalingArguments parsed = SignalingArguments.parse("--signaling-port", "1", "--signaling-port", "65535");

        assertThat(parsed.port()).isEqualTo(65535);
    }

    @Test
    void unknownMethodNamesTheChoices() {
        assertThatThrownBy(() -> SignalingArguments.parse("--signaling", "unix-socket"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("argument --signaling/-s: invalid choice: 'unix-socket' (choose from 'copy-and-paste', 'tcp-socket')");
    }

    @Test
    void badOrMissingValuesAreRefused() {
        for (String port : new String[] {"", "x", "-1", "65536", "123456", "12a"}) {
            assertThatThrownBy(() -> SignalingArguments.parse("--signaling-port", port))
                    .as(port).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid port");
        }
        assertThatThrownBy(() -> SignalingArguments.parse("--signaling-host"))
                .hasMessage("argument --signaling-host: expected one argument");
        assertThatThrownBy(() -> SignalingArguments.parse("-s"))
                .hasMessage("argument --signaling/-s: expected one argument");
    }

    @Test
    void methodsHaveAiortcsNames() {
        assertThat(SignalingMethod.fromFlagValue("tcp-socket")).isEqualTo(SignalingMethod.TCP_SOCKET);
        assertThat(SignalingMethod.COPY_AND_PASTE.flagValue()).isEqualTo("copy-and-paste");
        assertThat(SignalingArguments.USAGE).contains("--signaling-host").contains("--signaling-port");
    }
}
