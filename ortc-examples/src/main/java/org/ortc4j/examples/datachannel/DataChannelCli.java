package org.ortc4j.examples.datachannel;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.ortc4j.examples.cli.ExampleProgram;
import org.ortc4j.examples.cli.ProgramArguments;
import org.ortc4j.examples.cli.ProgramLauncher;
import org.ortc4j.examples.cli.SignalingSession;
import org.ortc4j.examples.signaling.Signaling;
import org.ortc4j.peerconnection.RTCPeerConnection;
import org.ortc4j.sctp.RTCDataChannel;
import org.ortc4j.sctp.RTCDataChannelMessage;

/**
 * Data channel ping/pong between two programs (aiortc's {@code datachannel-cli}): the offerer
 * opens channel {@code chat} and sends {@code ping <time>} every second, with the time in
 * microseconds since its first stamp; the answerer replies {@code pong <time>} with the same
 * time; the offerer prints the round-trip time. Every message is printed as aiortc prints it:
 * <pre>
 * channel(chat) - created by local party
 * channel(chat) &gt; ping 0
 * channel(chat) &lt; pong 0
 *  RTT 1.23 ms
 * </pre>
 * The program ends on the other side's bye, the end of the signaling channel (EOF) or Ctrl-C.
 * Start the offerer first: with {@code tcp-socket} it listens and the answerer connects.
 */
public final class DataChannelCli implements ExampleProgram {

    /** The channel the offerer opens, as in aiortc. */
    public static final String CHANNEL_LABEL = "chat";

    static final String USAGE = """
            usage: datachannel-cli {offer,answer} [--verbose] [--loopback] [--signaling ...]
            Data channels ping/pong
              role                  offer (opens "chat" and pings every second) or answer (replies pong)
            """ + ProgramArguments.USAGE;

    private static final long PING_INTERVAL_MILLIS = 1000;

    private final boolean offer;
    private final Signaling signaling;
    private final RTCPeerConnection pc;
    private final SignalingSession session;
    private final PrintStream out;
    private final ScheduledExecutorService pinger = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "datachannel-cli-ping");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean closed = new AtomicBoolean();
    /** aiortc's {@code time_start}: the first stamp is 0. */
    private volatile long startNanos = Long.MIN_VALUE;

    /**
     * The program for a command line.
     *
     * @throws IllegalArgumentException for a usage error
     */
    public static DataChannelCli create(List<String> args, PrintStream out) {
        ProgramArguments arguments = ProgramArguments.parse(args, Set.of());
        String role = arguments.positional(0, "role", "offer", "answer");
        arguments.expectPositionals(1);
        return new DataChannelCli(role.equals("offer"), arguments.newSignaling(out), arguments.newPeerConnection(),
                out, arguments.verbose());
    }

    /**
     * @param offer true for the offerer
     * @param signaling the channel to the other program
     * @param pc the peer connection to use; closed with this program
     * @param out where the program prints
     * @param verbose whether to print signaling traffic and states
     */
    public DataChannelCli(boolean offer, Signaling signaling, RTCPeerConnection pc, PrintStream out, boolean verbose) {
        this.offer = offer;
        this.signaling = Objects.requireNonNull(signaling, "signaling");
        this.pc = Objects.requireNonNull(pc, "pc");
        this.out = Objects.requireNonNull(out, "out");
        this.session = new SignalingSession(pc, signaling, out, verbose);
    }

    /** The signaling channel (a test reads the port a {@code tcp-socket} offerer listens on). */
    public Signaling signaling() {
        return signaling;
    }

    /** {@code datachannel-cli offer|answer [flags]}. */
    public static void main(String[] args) {
        ProgramLauncher.launch(args, USAGE, DataChannelCli::create);
    }

    @Override
    public int run() throws Exception {
        if (offer) {
            RTCDataChannel channel = pc.createDataChannel(CHANNEL_LABEL);
            log(channel, "-", "created by local party");
            channel.onOpen(() -> pinger.scheduleAtFixedRate(() -> ping(channel), 0, PING_INTERVAL_MILLIS,
                    TimeUnit.MILLISECONDS));
            channel.onMessage(message -> {
                String text = show(message);
                log(channel, "<", text);
                if (text.startsWith("pong ")) {
                    printRoundTrip(text.substring(5));
                }
            });
            session.sendOffer();
        } else {
            pc.onDataChannel(channel -> {
                log(channel, "-", "created by remote party");
                channel.onMessage(message -> {
                    String text = show(message);
                    log(channel, "<", text);
                    if (!message.isBinary() && text.startsWith("ping")) {
                        send(channel, "pong" + text.substring(4));
                    }
                });
            });
        }
        session.consume();
        return EXIT_OK;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            pinger.shutdownNow();
            session.close();
            pc.close();
        }
    }

    private void ping(RTCDataChannel channel) {
        try {
            send(channel, "ping " + currentStamp());
        } catch (RuntimeException e) {
            // The channel closed between two pings: the session is ending.
            pinger.shutdown();
        }
    }

    private void printRoundTrip(String stamp) {
        try {
            double elapsedMillis = (currentStamp() - Long.parseLong(stamp.trim())) / 1000.0;
            out.println(String.format(Locale.ROOT, " RTT %.2f ms", elapsedMillis));
        } catch (NumberFormatException e) {
            out.println(" (a pong with no time in it)");
        }
    }

    /** Microseconds since the first call, which returns 0 (aiortc's {@code current_stamp}). */
    private long currentStamp() {
        long now = System.nanoTime();
        synchronized (this) {
            if (startNanos == Long.MIN_VALUE) {
                startNanos = now;
            }
        }
        return (now - startNanos) / 1000;
    }

    private void send(RTCDataChannel channel, String text) {
        log(channel, ">", text);
        channel.send(text);
    }

    private void log(RTCDataChannel channel, String direction, String text) {
        out.println("channel(" + channel.label() + ") " + direction + " " + text);
    }

    private static String show(RTCDataChannelMessage message) {
        return message.isBinary() ? "<" + message.length() + " bytes>" : message.text();
    }
}
