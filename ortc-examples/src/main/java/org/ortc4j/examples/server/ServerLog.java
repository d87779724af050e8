package org.ortc4j.examples.server;

import java.io.PrintStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/**
 * The server's log on a stream: what aiortc's server logs at INFO (calls created, tracks,
 * connection states) always, and the details (HTTP requests, chat messages) with
 * {@code --verbose}. Thread-safe (a PrintStream is).
 */
final class ServerLog {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private final PrintStream out;
    private final boolean verbose;

    ServerLog(PrintStream out, boolean verbose) {
        this.out = out;
        this.verbose = verbose;
    }

    /** Logs {@code message} always. */
    void info(String message) {
        out.println(LocalTime.now().format(TIME) + " INFO " + message);
    }

    /** Logs {@code message} with {@code --verbose} only. */
    void debug(String message) {
        if (verbose) {
            out.println(LocalTime.now().format(TIME) + " DEBUG " + message);
        }
    }
}
