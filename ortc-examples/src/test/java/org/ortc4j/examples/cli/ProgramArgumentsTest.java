package org.ortc4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.ortc4j.examples.signaling.SignalingMethod;

/** The examples' command lines, read as argparse reads aiortc's. */
class ProgramArgumentsTest {

    @Test
    void signalingFlagsCommonFlagsOwnFlagsAndPositionalsAreTakenApart() {
        ProgramArguments args = ProgramArguments.parse(List.of("offer", "-s", "tcp-socket", "--signaling-port", "4321",
                "--play-from=in.webm", "--record-to", "out.mp4", "-vv", "--loopback"), Set.of("--play-from", "--record-to"));
        assertThat(args.signaling().method()).isEqualTo(SignalingMethod.TCP_SOCKET);
        assertThat(args.signaling().port()).isEqualTo(4321);
        assertThat(args.verbose()).isTrue();
        assertThat(args.loopback()).isTrue();
        assertThat(args.option("--play-from")).contains("in.webm");
        assertThat(args.option("--record-to")).contains("out.mp4");
        assertThat(args.positional(0, "role", "offer", "answer")).isEqualTo("offer");
        args.expectPositionals(1);
    }

    @Test
    void defaultsAreAiortcsCopyAndPasteWithoutLoopbackCandidates() {
        ProgramArguments args = ProgramArguments.parse(List.of("answer"), Set.of());
        assertThat(args.signaling().method()).isEqualTo(SignalingMethod.COPY_AND_PASTE);
        assertThat(args.verbose()).isFalse();
        assertThat(args.loopback()).isFalse();
        assertThat(args.option("--play-from")).isEmpty();
    }

    @Test
    void mistakesGetArgparseMessages() {
        assertThatThrownBy(() -> ProgramArguments.parse(List.of("offer", "--record-to"), Set.of("--record-to")))
                .hasMessage("argument --record-to: expected one argument");
        assertThatThrownBy(() -> ProgramArguments.parse(List.of("offer", "--frobnicate"), Set.of()))
                .hasMessage("unrecognized arguments: --frobnicate");
        ProgramArguments extra = ProgramArguments.parse(List.of("offer", "answer"), Set.of());
        assertThatThrownBy(() -> extra.expectPositionals(1)).hasMessage("unrecognized arguments: answer");
        assertThatThrownBy(() -> extra.positional(2, "filename")).hasMessage("the following arguments are required: filename");
    }

    @Test
    void theLauncherExitsWithTwoAndTheUsageOnAUsageErrorAndZeroForHelp() {
        PrintedLines out = new PrintedLines();
        PrintedLines err = new PrintedLines();
        ProgramLauncher.Factory factory = (args, stream) -> {
            ProgramArguments.parse(args, Set.of()).positional(0, "role", "offer", "answer");
            throw new AssertionError("not reached");
        };
        assertThat(ProgramLauncher.run(List.of(), "usage: x {offer,answer}\n", factory, out.stream(), err.stream()))
                .isEqualTo(ExampleProgram.EXIT_USAGE);
        assertThat(err.lines()).containsExactly("usage: x {offer,answer}", "error: the following arguments are required: role");
        assertThat(ProgramLauncher.run(List.of("--help"), "usage: x {offer,answer}\n", factory, out.stream(), err.stream()))
                .isEqualTo(ExampleProgram.EXIT_OK);
        assertThat(out.lines()).containsExactly("usage: x {offer,answer}");
    }

    @Test
    void theLauncherReportsAFailedRunWithOneAndClosesTheProgram() {
        PrintedLines err = new PrintedLines();
        boolean[] closed = new boolean[1];
        ExampleProgram failing = new ExampleProgram() {
            @Override
            public int run() throws Exception {
                throw new java.io.IOException("setRemoteDescription failed: no fingerprint");
            }

            @Override
            public void close() {
                closed[0] = true;
            }
        };
        assertThat(ProgramLauncher.run(List.of(), "", (args, out) -> failing, new PrintedLines().stream(), err.stream()))
                .isEqualTo(ExampleProgram.EXIT_FAILURE);
        assertThat(err.lines()).containsExactly("error: setRemoteDescription failed: no fingerprint");
        assertThat(closed[0]).isTrue();
    }
}
