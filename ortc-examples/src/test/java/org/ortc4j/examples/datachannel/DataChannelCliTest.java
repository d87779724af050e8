package org.ortc4j.examples.datachannel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ortc4j.examples.cli.ExampleProgram;
import org.ortc4j.examples.cli.PrintedLines;
import org.ortc4j.examples.cli.ProgramThread;
import org.ortc4j.examples.signaling.TcpSocketSignaling;

/**
 * Both ends of datachannel-cli in one JVM, over the real TCP signaling on a port the system picks
 * and loopback candidates: the offerer's pings come back as pongs and it prints their RTT, and a
 * bye from one side ends the other.
 */
class DataChannelCliTest {

    private static final long TIMEOUT_SECONDS = 20;

    private final PrintedLines offerOut = new PrintedLines();
    private final PrintedLines answerOut = new PrintedLines();
    private DataChannelCli offerer;
    private DataChannelCli answerer;

    @AfterEach
    void close() {
        if (offerer != null) {
            offerer.close();
        }
        if (answerer != null) {
            answerer.close();
        }
    }

    @Test
    void pingsAreAnsweredWithPongsAndTheOffererPrintsTheRoundTripTime() throws Exception {
        offerer = DataChannelCli.create(List.of("offer", "--signaling", "tcp-socket", "--signaling-port", "0",
                "--loopback"), offerOut.stream());
        ProgramThread offering = new ProgramThread("offer", offerer);
        InetSocketAddress listening = ((TcpSocketSignaling) offerer.signaling()).listening()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        answerer = DataChannelCli.create(List.of("answer", "-s", "tcp-socket", "--signaling-port",
                String.valueOf(listening.getPort()), "--loopback", "--verbose"), answerOut.stream());
        ProgramThread answering = new ProgramThread("answer", answerer);

        // aiortc's lines: the stamp of a pong is the stamp of its ping, and the first one is 0.
        List<String> rtts = offerOut.await(2, line -> line.startsWith(" RTT "), TIMEOUT_SECONDS);
        assertThat(rtts).allSatisfy(line -> assertThat(line).matches(" RTT \\d+\\.\\d\\d ms"));
        assertThat(offerOut.lines()).startsWith("channel(chat) - created by local party");
        assertThat(offerOut.lines()).contains("channel(chat) > ping 0", "channel(chat) < pong 0");
        List<String> pings = offerOut.lines().stream().filter(l -> l.startsWith("channel(chat) > ping ")).toList();
        assertThat(pings).hasSizeGreaterThanOrEqualTo(2);
        // One second apart, in microseconds: the second stamp is about 1,000,000. The pings run at a
        // fixed rate from the first, whose own lateness (a thread starting on a loaded machine)
        // shortens the second stamp as much as the second's lateness lengthens it; the bounds
        // still tell a second from 100 ms or 10 s, and µs from ms or ns.
        long second = Long.parseLong(pings.get(1).substring("channel(chat) > ping ".length()));
        assertThat(second).isBetween(500_000L, 3_000_000L);
        answerOut.await(2, line -> line.startsWith("channel(chat) > pong "), TIMEOUT_SECONDS);
        assertThat(answerOut.lines()).contains("channel(chat) - created by remote party", "channel(chat) < ping 0",
                "channel(chat) > pong 0");
        // --verbose shows the signaling and the connection coming up.
        assertThat(answerOut.lines()).contains("-- signaling < offer", "-- signaling > answer",
                "-- connection state: connected");

        // Ctrl-C on the answerer: it says bye, and the offerer exits on it.
        answerer.close();
        assertThat(answering.await(TIMEOUT_SECONDS)).isEqualTo(ExampleProgram.EXIT_OK);
        assertThat(offering.await(TIMEOUT_SECONDS)).isEqualTo(ExampleProgram.EXIT_OK);
        assertThat(offerOut.lines()).contains("Exiting");
    }

    @Test
    void aRoleIsRequiredAndMustBeOfferOrAnswer() {
        assertThatThrownBy(() -> DataChannelCli.create(List.of(), offerOut.stream()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("the following arguments are required: role");
        assertThatThrownBy(() -> DataChannelCli.create(List.of("call"), offerOut.stream()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("argument role: invalid choice: 'call' (choose from 'offer', 'answer')");
        assertThatThrownBy(() -> DataChannelCli.create(List.of("offer", "--fast"), offerOut.stream()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("unrecognized arguments: --fast");
    }
}
