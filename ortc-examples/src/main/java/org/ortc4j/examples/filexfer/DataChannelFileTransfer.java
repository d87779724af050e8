package org.ortc4j.examples.filexfer;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.ortc4j.examples.cli.ExampleProgram;
import org.ortc4j.examples.cli.ProgramArguments;
import org.ortc4j.examples.cli.ProgramLauncher;
import org.ortc4j.examples.cli.SignalingSession;
import org.ortc4j.examples.signaling.Signaling;
import org.ortc4j.peerconnection.RTCPeerConnection;
import org.ortc4j.sctp.RTCDataChannel;

/**
 * A file over a data channel (aiortc's {@code datachannel-filexfer}): the sender (the offerer)
 * opens channel {@code filexfer} and sends the file in 16 KiB messages with flow control
 * ({@link FileSender}), drawing a progress bar, then an empty message as the end marker; the
 * receiver (the answerer) writes the messages to the file, and at the end marker prints
 * {@code received N bytes in S s (M Mbps)} and says bye; the sender then prints its own
 * throughput and both exit. Compatible with aiortc's filexfer at the other end.
 */
public final class DataChannelFileTransfer implements ExampleProgram {

    /** The channel the sender opens, as in aiortc. */
    public static final String CHANNEL_LABEL = "filexfer";

    static final String USAGE = """
            usage: datachannel-filexfer {send,receive} FILENAME [--verbose] [--loopback] [--signaling ...]
            Data channel file transfer
              role                  send (offers, then sends the file) or receive (answers, writes the file)
              filename              the file to send, or where to write what is received
            """ + ProgramArguments.USAGE;

    private final boolean send;
    private final Path file;
    private final Signaling signaling;
    private final RTCPeerConnection pc;
    private final SignalingSession session;
    private final PrintStream out;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile FileSender sender;

    /**
     * The program for a command line. The file to send must be readable; the file to receive
     * into is created (or truncated) when the transfer starts.
     *
     * @throws IllegalArgumentException for a usage error
     * @throws IOException if the file to send cannot be read
     */
    public static DataChannelFileTransfer create(List<String> args, PrintStream out) throws IOException {
        ProgramArguments arguments = ProgramArguments.parse(args, Set.of());
        String role = arguments.positional(0, "role", "send", "receive");
        Path file = Path.of(arguments.positional(1, "filename"));
        arguments.expectPositionals(2);
        boolean send = role.equals("send");
        if (send && !Files.isReadable(file)) {
            throw new IOException("cannot read " + file);
        }
        return new DataChannelFileTransfer(send, file, arguments.newSignaling(out), arguments.newPeerConnection(), out,
                arguments.verbose());
    }

    /**
     * @param send true to send {@code file} (as the offerer), false to receive into it
     * @param file the file
     * @param signaling the channel to the other program
     * @param pc the peer connection; closed with this program
     * @param out where the program prints
     * @param verbose whether to print signaling traffic and states
     */
    public DataChannelFileTransfer(boolean send, Path file, Signaling signaling, RTCPeerConnection pc, PrintStream out,
            boolean verbose) {
        this.send = send;
        this.file = Objects.requireNonNull(file, "file");
        this.signaling = Objects.requireNonNull(signaling, "signaling");
        this.pc = Objects.requireNonNull(pc, "pc");
        this.out = Objects.requireNonNull(out, "out");
        this.session = new SignalingSession(pc, signaling, out, verbose);
    }

    /** {@code datachannel-filexfer send|receive FILENAME [flags]}. */
    public static void main(String[] args) {
        ProgramLauncher.launch(args, USAGE, DataChannelFileTransfer::create);
    }

    /** The signaling channel (a test reads the port a {@code tcp-socket} sender listens on). */
    public Signaling signaling() {
        return signaling;
    }

    @Override
    public int run() throws Exception {
        return send ? runSender() : runReceiver();
    }

    private int runSender() throws Exception {
        long size = Files.size(file);
        InputStream in = Files.newInputStream(file);
        RTCDataChannel channel = pc.createDataChannel(CHANNEL_LABEL);
        FileSender fileSender = new FileSender(channel, in, size, out);
        sender = fileSender;
        CompletableFuture<Long> sent = new CompletableFuture<>();
        AtomicLong startNanos = new AtomicLong();
        channel.onOpen(() -> {
            startNanos.set(System.nanoTime());
            // Off the channel's thread: reading the file and waiting for room may block.
            Thread thread = new Thread(() -> {
                try {
                    sent.complete(fileSender.send());
                } catch (Exception e) {
                    sent.completeExceptionally(e);
                }
            }, "filexfer-send");
            thread.setDaemon(true);
            thread.start();
        });
        session.sendOffer();
        // The receiver says bye once it has the end marker: everything arrived.
        boolean bye = session.consume();
        if (bye) {
            // The bye may overtake the sending thread's last step after the end marker left.
            try {
                sent.get(5, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                // reported below
            }
        }
        if (!bye || !sent.isDone() || sent.isCompletedExceptionally()) {
            String why = sent.isCompletedExceptionally() ? sent.handle((v, e) -> e.getMessage()).join()
                    : "the receiver left before the end of the file";
            out.println("transfer failed: " + why);
            return EXIT_FAILURE;
        }
        double seconds = (System.nanoTime() - startNanos.get()) / 1e9;
        long bytes = sent.join();
        out.println(String.format(Locale.ROOT, "sent %d bytes in %.1f s (%.3f Mbps)", bytes, seconds,
                seconds > 0 ? bytes * 8 / seconds / 1e6 : 0));
        return EXIT_OK;
    }

    private int runReceiver() throws Exception {
        CompletableFuture<FileReceiver.Result> received = new CompletableFuture<>();
        pc.onDataChannel(channel -> {
            FileChannel target;
            try {
                target = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING);
            } catch (IOException e) {
                received.completeExceptionally(e);
                session.close();
                return;
            }
            FileReceiver receiver = new FileReceiver(target);
            channel.onMessage(receiver::onMessage);
            receiver.done().whenComplete((result, error) -> {
                if (error != null) {
                    received.completeExceptionally(error);
                    session.close();
                    return;
                }
                out.println(String.format(Locale.ROOT, "received %d bytes in %.1f s (%.3f Mbps)", result.bytes(),
                        result.seconds(), result.megabitsPerSecond()));
                received.complete(result);
                // Off the channel's thread: signaling writes to a socket. The sender exits on it
                // and closes the signaling, which ends consume() below.
                CompletableFuture.runAsync(() -> {
                    try {
                        session.sendBye();
                    } catch (IOException e) {
                        session.close();
                    }
                });
            });
        });
        session.consume();
        if (!received.isDone()) {
            out.println("transfer failed: the sender left before the end of the file");
            return EXIT_FAILURE;
        }
        if (received.isCompletedExceptionally()) {
            out.println("transfer failed: " + received.handle((v, e) -> e.getMessage()).join());
            return EXIT_FAILURE;
        }
        return EXIT_OK;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            FileSender s = sender;
            if (s != null) {
                s.stop();
            }
            session.close();
            pc.close();
        }
    }
}
