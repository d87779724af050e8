package org.ortc4j.examples.filexfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ortc4j.examples.cli.ExampleProgram;
import org.ortc4j.examples.cli.PrintedLines;
import org.ortc4j.examples.cli.ProgramThread;
import org.ortc4j.examples.signaling.TcpSocketSignaling;

/**
 * Both ends of datachannel-filexfer in one JVM over the real TCP signaling and loopback
 * candidates: a 5 MB file arrives byte for byte, both sides print their throughput, and both exit.
 */
class DataChannelFileTransferTest {

    /** A bound for a loaded machine: the transfer takes a few seconds on two idle cores. */
    private static final long TIMEOUT_SECONDS = 90;
    private static final int FILE_BYTES = 5 * 1000 * 1000;

    @TempDir
    Path dir;

    private final PrintedLines senderOut = new PrintedLines();
    private final PrintedLines receiverOut = new PrintedLines();
    private DataChannelFileTransfer sender;
    private DataChannelFileTransfer receiver;

    @AfterEach
    void close() {
        if (sender != null) {
            sender.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void aFiveMegabyteFileArrivesByteForByteAndBothSidesPrintTheirThroughput() throws Exception {
        byte[] content = new byte[FILE_BYTES];
        new Random(9).nextBytes(content);
        Path source = Files.write(dir.resolve("source.bin"), content);
        Path target = dir.resolve("received.bin");

        sender = DataChannelFileTransfer.create(List.of("send", source.toString(), "--signaling", "tcp-socket",
                "--signaling-port", "0", "--loopback"), senderOut.stream());
        ProgramThread sending = new ProgramThread("send", sender);
        InetSocketAddress listening = ((TcpSocketSignaling) sender.signaling()).listening()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        receiver = DataChannelFileTransfer.create(List.of("receive", target.toString(), "--signaling", "tcp-socket",
                "--signaling-port", String.valueOf(listening.getPort()), "--loopback"), receiverOut.stream());
        ProgramThread receiving = new ProgramThread("receive", receiver);

        assertThat(sending.await(TIMEOUT_SECONDS, senderOut)).as(senderOut.text()).isEqualTo(ExampleProgram.EXIT_OK);
        assertThat(receiving.await(TIMEOUT_SECONDS, receiverOut)).as(receiverOut.text()).isEqualTo(ExampleProgram.EXIT_OK);

        // The throughput both sides printed, into the test's output: docs/benchmarks.md explains
        // why it is low under load (spurious SCTP retransmission timeouts), to be watched.
        receiverOut.lines().stream().filter(line -> line.startsWith("received ")).forEach(System.out::println);
        senderOut.lines().stream().filter(line -> line.startsWith("sent ")).forEach(System.out::println);
        assertThat(Files.readAllBytes(target)).isEqualTo(content);
        // aiortc's receiver line, then the bye that ends the sender, whose own bye ends the receiver.
        assertThat(receiverOut.lines()).anySatisfy(line -> assertThat(line)
                .matches("received " + FILE_BYTES + " bytes in \\d+\\.\\d s \\(\\d+\\.\\d{3} Mbps\\)"));
        assertThat(receiverOut.lines()).contains("Exiting");
        assertThat(senderOut.lines()).contains("Exiting").anySatisfy(line -> assertThat(line)
                .matches("sent " + FILE_BYTES + " bytes in \\d+\\.\\d s \\(\\d+\\.\\d{3} Mbps\\)"));
        // The progress bar was redrawn in place up to 100 %.
        String bar = senderOut.text();
        assertThat(bar).contains("\r[" + "-".repeat(ProgressBar.WIDTH) + "]   0%")
                .contains("\r[" + "#".repeat(ProgressBar.WIDTH) + "] 100%  5.0 of 5.0 MB");
    }

    @Test
    void theFileToSendMustExistAndBothArgumentsAreRequired() {
        assertThatThrownBy(() -> DataChannelFileTransfer.create(List.of("send", dir.resolve("none").toString()),
                senderOut.stream())).isInstanceOf(IOException.class).hasMessageContaining("cannot read");
        assertThatThrownBy(() -> DataChannelFileTransfer.create(List.of("receive"), senderOut.stream()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the following arguments are required: filename");
    }

    @Test
    void theProgressBarIsRedrawnOnlyWhenItsPercentageChanges() {
        ProgressBar bar = new ProgressBar(2_000_000);
        assertThat(bar.update(0)).isEqualTo("\r[" + "-".repeat(30) + "]   0%  0.0 of 2.0 MB");
        assertThat(bar.update(10_000)).isNull();
        assertThat(bar.update(1_000_000)).isEqualTo("\r[" + "#".repeat(15) + "-".repeat(15) + "]  50%  1.0 of 2.0 MB");
        assertThat(bar.update(2_000_000)).endsWith("] 100%  2.0 of 2.0 MB");
        assertThat(new ProgressBar(0).render(0)).startsWith("[" + "#".repeat(30) + "] 100%");
    }
}
