package org.ortc4j.examples.server;

import java.util.List;

/**
 * The server example's command line, as aiortc's server reads it (less its certificate and
 * recording options): {@code --host} (default 0.0.0.0), {@code --port} (default 8080),
 * {@code --verbose}/{@code -v}, and {@code --include-loopback} for loopback ICE candidates (a
 * browser on this machine started with {@code --allow-loopback-in-peer-connection}; off by
 * default, as browsers never offer them).
 *
 * @param host the address the HTTP server binds
 * @param port the HTTP port, 0 for any free one
 * @param verbose whether every call's events are logged, not only its start and end
 * @param includeLoopback whether the peer connections gather loopback candidates
 */
public record ServerOptions(String host, int port, boolean verbose, boolean includeLoopback) {

    /** Every flag, one line each, for the usage text. */
    public static final String USAGE = String.join(System.lineSeparator(), List.of(
            "usage: Server [--host HOST] [--port PORT] [--verbose] [--include-loopback]",
            "  --host HOST         address of the HTTP server (default: 0.0.0.0)",
            "  --port PORT         port of the HTTP server (default: 8080)",
            "  --verbose, -v       log every event of every call",
            "  --include-loopback  offer loopback ICE candidates (a browser on this machine started",
            "                      with --allow-loopback-in-peer-connection)",
            "  --help, -h          this text"));

    /** The defaults: 0.0.0.0:8080, quiet, no loopback candidates. */
    public static ServerOptions defaults() {
        return new ServerOptions("0.0.0.0", 8080, false, false);
    }

    /**
     * Reads the command line.
     *
     * @return the options, or null when {@code --help} was asked for
     * @throws IllegalArgumentException with a message for the user if a flag is unknown, lacks its
     *     value or has a bad one
     */
    public static ServerOptions parse(String... args) {
        ServerOptions options = defaults();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--host" -> options = new ServerOptions(value(args, ++i, arg), options.port, options.verbose,
                        options.includeLoopback);
                case "--port" -> options = new ServerOptions(options.host, port(value(args, ++i, arg)), options.verbose,
                        options.includeLoopback);
                case "--verbose", "-v" -> options = new ServerOptions(options.host, options.port, true,
                        options.includeLoopback);
                case "--include-loopback" -> options = new ServerOptions(options.host, options.port, options.verbose,
                        true);
                case "--help", "-h" -> {
                    return null;
                }
                default -> throw new IllegalArgumentException("unknown argument: " + arg);
            }
        }
        return options;
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[i];
    }

    private static int port(String text) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--port must be a number from 0 to 65535, not \"" + text + "\"");
    }
}
