package org.ortc4j.examples.cli;

import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.ortc4j.examples.signaling.CopyAndPasteSignaling;
import org.ortc4j.examples.signaling.Signaling;
import org.ortc4j.examples.signaling.SignalingArguments;
import org.ortc4j.examples.signaling.SignalingMethod;
import org.ortc4j.ice.RTCIceGatherOptions;
import org.ortc4j.peerconnection.RTCConfiguration;
import org.ortc4j.peerconnection.RTCPeerConnection;

/**
 * An example's command line: the signaling flags ({@link SignalingArguments}), the flags every
 * example takes, the example's own flags with a value, and its positional arguments, read as
 * argparse reads them.
 * <pre>
 * --verbose, -v   print signaling messages and state changes (aiortc: debug logging)
 * --loopback      also gather 127.0.0.1 / ::1 candidates, for two programs on a machine with no
 *                 other interface (off by default: aiortc and browsers leave loopback out)
 * </pre>
 *
 * @param signaling the signaling flags
 * @param verbose whether {@code --verbose} was given
 * @param loopback whether {@code --loopback} was given
 * @param options the example's own flags with their values, by flag ({@code --play-from})
 * @param positionals the other arguments, in order
 */
public record ProgramArguments(SignalingArguments signaling, boolean verbose, boolean loopback,
        Map<String, String> options, List<String> positionals) {

    /** The help of the flags every example takes, for a usage text. */
    public static final String USAGE = SignalingArguments.USAGE + """
              --verbose, -v         print signaling messages and state changes
              --loopback            gather loopback candidates too (both programs on one machine)
            """;

    /** Copies the collections. */
    public ProgramArguments {
        Objects.requireNonNull(signaling, "signaling");
        options = Map.copyOf(options);
        positionals = List.copyOf(positionals);
    }

    /**
     * Reads a command line.
     *
     * @param args the command line
     * @param valueFlags the example's own flags that take a value ({@code --play-from})
     * @return what it says
     * @throws IllegalArgumentException with an argparse-like message for a flag that is not known
     *     or lacks its value
     */
    public static ProgramArguments parse(List<String> args, Set<String> valueFlags) {
        SignalingArguments signaling = SignalingArguments.parse(args);
        boolean verbose = false;
        boolean loopback = false;
        Map<String, String> options = new LinkedHashMap<>();
        List<String> positionals = new ArrayList<>();
        List<String> rest = signaling.otherArguments();
        for (int i = 0; i < rest.size(); i++) {
            String arg = rest.get(i);
            if (arg.equals("--")) {
                positionals.addAll(rest.subList(i + 1, rest.size()));
                break;
            }
            int equals = arg.indexOf('=');
            String name = arg.startsWith("--") && equals > 0 ? arg.substring(0, equals) : arg;
            if (arg.equals("--verbose") || arg.matches("-v+")) {
                verbose = true;
            } else if (arg.equals("--loopback")) {
                loopback = true;
            } else if (valueFlags.contains(name)) {
                if (equals > 0) {
                    options.put(name, arg.substring(equals + 1));
                } else if (i + 1 < rest.size()) {
                    options.put(name, rest.get(++i));
                } else {
                    throw new IllegalArgumentException("argument " + name + ": expected one argument");
                }
            } else if (arg.startsWith("-") && arg.length() > 1) {
                throw new IllegalArgumentException("unrecognized arguments: " + arg);
            } else {
                positionals.add(arg);
            }
        }
        return new ProgramArguments(signaling, verbose, loopback, options, positionals);
    }

    /** The value of one of the example's own flags, if given. */
    public Optional<String> option(String flag) {
        return Optional.ofNullable(options.get(flag));
    }

    /**
     * The positional argument at {@code index}, which must be one of {@code choices} when any are
     * given.
     *
     * @param name its name in messages ({@code role})
     * @throws IllegalArgumentException if it is missing or not one of the choices
     */
    public String positional(int index, String name, String... choices) {
        if (index >= positionals.size()) {
            throw new IllegalArgumentException("the following arguments are required: " + name);
        }
        String value = positionals.get(index);
        if (choices.length > 0 && !List.of(choices).contains(value)) {
            throw new IllegalArgumentException("argument " + name + ": invalid choice: '" + value + "' (choose from "
                    + String.join(", ", List.of(choices).stream().map(c -> "'" + c + "'").toList()) + ")");
        }
        return value;
    }

    /**
     * Fails unless there are exactly {@code count} positional arguments.
     *
     * @throws IllegalArgumentException naming the first extra one
     */
    public void expectPositionals(int count) {
        if (positionals.size() > count) {
            throw new IllegalArgumentException("unrecognized arguments: "
                    + String.join(" ", positionals.subList(count, positionals.size())));
        }
    }

    /**
     * The signaling these flags choose; copy-and-paste prints to {@code out} and reads standard
     * input.
     */
    public Signaling newSignaling(PrintStream out) {
        if (signaling.method() == SignalingMethod.COPY_AND_PASTE) {
            return new CopyAndPasteSignaling(new InputStreamReader(System.in, Charset.defaultCharset()), out);
        }
        return signaling.createSignaling();
    }

    /**
     * A peer connection with the W3C default configuration (no STUN or TURN server, as aiortc's
     * examples) whose gatherer adds loopback candidates when {@code --loopback} was given.
     */
    public RTCPeerConnection newPeerConnection() {
        return new RTCPeerConnection(new RTCConfiguration(),
                RTCIceGatherOptions.newBuilder().includeLoopback(loopback).build());
    }
}
