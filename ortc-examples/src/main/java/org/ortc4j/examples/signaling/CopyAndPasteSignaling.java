package org.ortc4j.examples.signaling;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Signaling by hand, as aiortc's {@code CopyAndPasteSignaling}: {@link #send} prints the JSON of a
 * message for the user to copy to the other party, and {@link #receive} asks the user to paste
 * the other party's message as one line. The prompts are aiortc's, so the two look the same side
 * by side:
 * <pre>
 * -- Please send this message to the remote party --
 * {"sdp": "v=0\r\n...", "type": "offer"}
 *
 * -- Please enter a message from remote party --
 * </pre>
 *
 * <p>{@link #close()} sends {@link Bye#BYE} if {@link #connect()} was called, as aiortc's does;
 * it leaves the reader and the stream open, since they are the caller's (usually standard input
 * and output). At the end of the input {@link #receive} returns {@code null}, where aiortc would
 * fail to parse an empty string.
 *
 * <p>Blocking; one thread may send while another receives.
 */
public final class CopyAndPasteSignaling implements Signaling {

    /** The longest line read, in characters. */
    public static final int MAX_LINE_CHARS = 1 << 20;

    static final String SEND_PROMPT = "-- Please send this message to the remote party --";
    static final String RECEIVE_PROMPT = "-- Please enter a message from remote party --";

    private final BufferedReader in;
    private final PrintStream out;
    private volatile boolean connected;

    /** Signaling on standard input and standard output. */
    public CopyAndPasteSignaling() {
        // aiortc writes JSON with ensure_ascii, so a pasted message is ASCII in any charset
        this(new InputStreamReader(System.in, StandardCharsets.UTF_8), System.out);
    }

    /**
     * Signaling on the given streams.
     *
     * @param in where pasted messages are read, one per line
     * @param out where prompts and messages to copy are printed
     */
    public CopyAndPasteSignaling(Reader in, PrintStream out) {
        Objects.requireNonNull(in, "in");
        this.in = in instanceof BufferedReader buffered ? buffered : new BufferedReader(in);
        this.out = Objects.requireNonNull(out, "out");
    }

    /** Marks the channel open, so that {@link #close()} sends the bye. */
    @Override
    public void connect() {
        connected = true;
    }

    @Override
    public void send(Object message) throws IOException {
        String json = SignalingMessages.toJson(message);
        synchronized (out) {
            // aiortc: print(prompt); write(json + "\n"); print(); always "\n", as Python writes on POSIX
            out.print(SEND_PROMPT + "\n" + json + "\n\n");
            out.flush();
            if (out.checkError()) {
                throw new IOException("could not print the signaling message");
            }
        }
    }

    @Override
    public Object receive() throws IOException {
        synchronized (out) {
            out.print(RECEIVE_PROMPT + "\n");
            out.flush();
        }
        String line = BoundedLines.readLine(in, MAX_LINE_CHARS);
        synchronized (out) {
            out.print("\n");
            out.flush();
        }
        return line == null ? null : SignalingMessages.fromJson(line);
    }

    @Override
    public void close() throws IOException {
        if (connected) {
            connected = false;
            send(Bye.BYE);
        }
    }
}
