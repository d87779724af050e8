package org.ortc4j.examples;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ortc4j.sdp.SdpParseException;
import org.ortc4j.sdp.SessionDescription;

/**
 * Parses an SDP file or a pasted offer and prints what it negotiates.
 *
 * <pre>
 * SdpInspect                        a bundled real offer and answer (Chromium 156 and aiortc 1.4.0)
 * SdpInspect offer.sdp              a summary of one description
 * SdpInspect offer.sdp answer.sdp   both summaries, then what the answer settles for the offer
 * </pre>
 *
 * {@code -} as a file reads standard input. Exit status: 0 when everything parsed, 1 when an
 * SDP is malformed or the answer cannot answer the offer, 2 for a usage error or a file that
 * cannot be read.
 */
public final class SdpInspect {

    /** Everything parsed and was reported. */
    public static final int EXIT_OK = 0;
    /** An SDP is malformed, or the second file cannot answer the first. */
    public static final int EXIT_BAD_SDP = 1;
    /** Wrong arguments, or a file that does not exist or cannot be read. */
    public static final int EXIT_USAGE = 2;

    /** Chromium 156's audio+video offer, made for an aiortc answerer (see the ortc-sdp corpus). */
    static final String BUNDLED_OFFER = "chromium-offer-media.sdp";
    /** aiortc 1.4.0's answer to {@link #BUNDLED_OFFER}. */
    static final String BUNDLED_ANSWER = "aiortc-answer-media-to-chromium.sdp";

    private static final String STDIN = "-";
    private static final String STDIN_NAME = "stdin";

    private static final String USAGE = """
            usage: SdpInspect [offer.sdp [answer.sdp]]
              no file              inspect a bundled Chromium offer and aiortc's answer to it
              one file             summarize one session description
              offer and answer     summarize both and show what they negotiate
              -                    read that description from standard input (paste it, then Ctrl-D)
            with Maven, from the repository root:
              mvn -q -pl ortc-examples -am compile exec:java -Dexec.args="offer.sdp answer.sdp"
            """;

    private SdpInspect() {
    }

    public static void main(String[] args) {
        int status = run(args, System.in, System.out, System.err, System.console() != null);
        // Only a failure ends the JVM early: on success main returns, which under exec:java lets
        // Maven finish normally.
        if (status != EXIT_OK) {
            System.exit(status);
        }
    }

    /**
     * Runs the program with the given streams and returns its exit status; never calls
     * {@code System.exit}.
     */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        return run(args, in, out, err, false);
    }

    private static int run(String[] args, InputStream in, PrintStream out, PrintStream err, boolean interactive) {
        if (args.length == 1 && (args[0].equals("-h") || args[0].equals("--help"))) {
            out.print(USAGE);
            return EXIT_OK;
        }
        String problem = usageProblem(args);
        if (problem != null) {
            err.println("SdpInspect: " + problem);
            err.print(USAGE);
            return EXIT_USAGE;
        }

        List<SdpInput> inputs = new ArrayList<>();
        if (args.length == 0) {
            inputs.add(SdpInput.bundled(BUNDLED_OFFER));
            inputs.add(SdpInput.bundled(BUNDLED_ANSWER));
        }
        for (String arg : args) {
            try {
                inputs.add(read(arg, in, err, interactive));
            } catch (NoSuchFileException e) {
                err.println("SdpInspect: no such file: " + arg);
                return EXIT_USAGE;
            } catch (IOException | InvalidPathException e) {
                err.println("SdpInspect: cannot read " + arg + ": " + e.getMessage());
                return EXIT_USAGE;
            } catch (SdpParseException e) {
                err.println(describe(arg.equals(STDIN) ? STDIN_NAME : arg, e));
                return EXIT_BAD_SDP;
            }
        }

        List<SessionDescription> descriptions = new ArrayList<>();
        for (SdpInput input : inputs) {
            try {
                descriptions.add(SessionDescription.parse(input.text()));
            } catch (SdpParseException e) {
                err.println(describe(input.name(), e));
                return EXIT_BAD_SDP;
            }
        }

        Negotiation negotiation = null;
        if (descriptions.size() == 2) {
            try {
                negotiation = Negotiation.of(descriptions.get(0), descriptions.get(1));
            } catch (IllegalArgumentException e) {
                err.println("SdpInspect: " + inputs.get(1).name() + " cannot answer " + inputs.get(0).name() + ": "
                        + e.getMessage());
                return EXIT_BAD_SDP;
            }
        }

        print(out, inputs, descriptions, negotiation, args.length == 0);
        return EXIT_OK;
    }

    private static void print(PrintStream out, List<SdpInput> inputs, List<SessionDescription> descriptions,
            Negotiation negotiation, boolean bundled) {
        if (bundled) {
            out.println("No files given, so here is a real pair bundled with this example:");
            out.println("Chromium 156's audio+video offer and aiortc 1.4.0's answer to it.");
            out.println();
        }
        for (int i = 0; i < descriptions.size(); i++) {
            String role = descriptions.size() == 1 ? "" : i == 0 ? "offer: " : "answer: ";
            out.println("=== " + role + inputs.get(i).name() + " ===");
            out.print(DescriptionReport.format(descriptions.get(i)));
            out.println();
        }
        if (negotiation != null) {
            out.println("=== negotiated: what the answer settles for the offer ===");
            out.print(NegotiationReport.format(negotiation));
        }
        if (bundled) {
            out.println();
            out.println("To inspect your own SDP:");
            out.print(USAGE);
        }
        out.flush();
    }

    private static String usageProblem(String[] args) {
        if (args.length > 2) {
            return "expected at most two files (an offer and its answer), got " + args.length + " arguments";
        }
        for (String arg : args) {
            if (arg.startsWith("-") && !arg.equals(STDIN)) {
                return "unknown option " + arg;
            }
        }
        if (args.length == 2 && args[0].equals(STDIN) && args[1].equals(STDIN)) {
            return "only one of the two files can be - (standard input)";
        }
        return null;
    }

    private static SdpInput read(String arg, InputStream in, PrintStream err, boolean interactive) throws IOException {
        if (arg.equals(STDIN)) {
            if (interactive) {
                err.println("Paste the SDP, then press Ctrl-D on a line of its own:");
            }
            return SdpInput.fromStream(STDIN_NAME, in);
        }
        // A relative path resolves against the working directory of the JVM; under exec:java that
        // is the directory mvn was started in.
        return SdpInput.fromFile(Path.of(arg));
    }

    /** {@code offer.sdp: line 7: reason}, or {@code offer.sdp: reason} when no line is to blame. */
    static String describe(String source, SdpParseException e) {
        return e.lineNumber() > 0
                ? source + ": line " + e.lineNumber() + ": " + e.reason()
                : source + ": " + e.reason();
    }
}
