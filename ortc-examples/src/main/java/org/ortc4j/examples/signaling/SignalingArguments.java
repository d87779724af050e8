package org.ortc4j.examples.signaling;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The signaling flags of the examples, as aiortc's {@code add_signaling_arguments} defines them,
 * and the signaling they choose ({@code create_signaling}):
 * <pre>
 * --signaling, -s METHOD   copy-and-paste (the default) or tcp-socket
 * --signaling-host HOST    tcp-socket only; default 127.0.0.1
 * --signaling-port PORT    tcp-socket only; default 1234
 * </pre>
 * A value follows its flag as the next argument or after {@code =} ({@code --signaling=tcp-socket});
 * the short flag also takes it attached ({@code -stcp-socket}). A flag given twice keeps its last
 * value, as argparse does. Every other argument is the example's own and is kept, in order, in
 * {@link #otherArguments()}; so is everything from a {@code --} on. aiortc's {@code unix-socket}
 * method is not offered.
 *
 * @param method the signaling method
 * @param host the TCP host
 * @param port the TCP port, 0 to 65535
 * @param otherArguments the arguments that are not signaling flags, in order
 */
public record SignalingArguments(SignalingMethod method, String host, int port, List<String> otherArguments) {

    /** aiortc's default {@code --signaling-host}. */
    public static final String DEFAULT_HOST = "127.0.0.1";
    /** aiortc's default {@code --signaling-port}. */
    public static final int DEFAULT_PORT = 1234;

    /** The flags' help, one line each, for an example's usage text. */
    public static final String USAGE = """
              --signaling, -s {copy-and-paste,tcp-socket}
                                    how offers, answers and candidates are exchanged (default: copy-and-paste)
              --signaling-host HOST Signaling host (tcp-socket only; default: 127.0.0.1)
              --signaling-port PORT Signaling port (tcp-socket only; default: 1234)
            """;

    private static final String LONG = "--signaling";
    private static final String SHORT = "-s";
    private static final String HOST = "--signaling-host";
    private static final String PORT = "--signaling-port";

    /**
     * @throws IllegalArgumentException if the port is outside 0..65535
     * @throws NullPointerException if a component is null
     */
    public SignalingArguments {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is outside 0..65535");
        }
        otherArguments = List.copyOf(otherArguments);
    }

    /**
     * Reads the signaling flags out of an example's command line.
     *
     * @param args the command line
     * @return the flags' values, defaults where a flag is absent, and the other arguments
     * @throws IllegalArgumentException with an argparse-like message if a flag has no value, the
     *     method is not one of the choices, or the port is not a number in 0..65535
     */
    public static SignalingArguments parse(List<String> args) {
        SignalingMethod method = SignalingMethod.COPY_AND_PASTE;
        String host = DEFAULT_HOST;
        int port = DEFAULT_PORT;
        List<String> others = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = Objects.requireNonNull(args.get(i), "argument");
            if (arg.equals("--")) {
                others.addAll(args.subList(i, args.size()));
                break;
            }
            String flag;
            String value;
            int equals = arg.indexOf('=');
            String name = arg.startsWith("--") && equals > 0 ? arg.substring(0, equals) : arg;
            if (name.equals(LONG) || name.equals(HOST) || name.equals(PORT)) {
                flag = name;
                if (equals > 0) {
                    value = arg.substring(equals + 1);
                } else if (i + 1 < args.size()) {
                    value = args.get(++i);
                } else {
                    throw new IllegalArgumentException("argument " + describe(flag) + ": expected one argument");
                }
            } else if (arg.startsWith(SHORT)) {
                flag = LONG;
                if (arg.length() > SHORT.length()) {
                    value = arg.substring(SHORT.length());
                } else if (i + 1 < args.size()) {
                    value = args.get(++i);
                } else {
                    throw new IllegalArgumentException("argument --signaling/-s: expected one argument");
                }
            } else {
                others.add(arg);
                continue;
            }
            switch (flag) {
                case LONG -> method = SignalingMethod.fromFlagValue(value);
                case HOST -> host = value;
                default -> port = parsePort(value);
            }
        }
        return new SignalingArguments(method, host, port, others);
    }

    /** {@link #parse(List)} of an array, as {@code main} receives it. */
    public static SignalingArguments parse(String... args) {
        return parse(List.of(args));
    }

    /**
     * The signaling these flags choose, as aiortc's {@code create_signaling}: a
     * {@link TcpSocketSignaling} on the host and port, or a {@link CopyAndPasteSignaling} on
     * standard input and output.
     */
    public Signaling createSignaling() {
        return switch (method) {
            case TCP_SOCKET -> new TcpSocketSignaling(host, port);
            case COPY_AND_PASTE -> new CopyAndPasteSignaling();
        };
    }

    private static int parsePort(String value) {
        if (!value.isEmpty() && value.length() <= 5 && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            int port = Integer.parseInt(value);
            if (port <= 65535) {
                return port;
            }
        }
        throw new IllegalArgumentException("argument --signaling-port: invalid port: '" + value
                + "' (expected a number from 0 to 65535)");
    }

    private static String describe(String flag) {
        return flag.equals(LONG) ? "--signaling/-s" : flag;
    }
}
