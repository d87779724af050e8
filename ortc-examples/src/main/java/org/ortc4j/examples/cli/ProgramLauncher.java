package org.ortc4j.examples.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The {@code main} of every example: builds the program from the command line (a usage error
 * prints the usage and exits with {@link ExampleProgram#EXIT_USAGE}, as argparse), runs it,
 * closes it on Ctrl-C, and ends the JVM with its exit status. Ending the JVM matters under
 * {@code mvn exec:java}, which runs the program in Maven's JVM and would otherwise wait for the
 * transports' threads.
 */
public final class ProgramLauncher {

    /** How long Ctrl-C waits for the program to close its connections before the JVM goes. */
    private static final long SHUTDOWN_WAIT_SECONDS = 3;

    /** Builds a program from its command line and where it prints. */
    @FunctionalInterface
    public interface Factory {
        /**
         * @throws IllegalArgumentException for a usage error
         * @throws Exception if the program cannot start (a file that cannot be opened)
         */
        ExampleProgram create(List<String> args, PrintStream out) throws Exception;
    }

    private ProgramLauncher() {
    }

    /**
     * Runs a program and exits the JVM with its status.
     *
     * @param usage the usage text, printed on a usage error
     */
    public static void launch(String[] args, String usage, Factory factory) {
        System.exit(run(List.of(args), usage, factory, System.out, System.err));
    }

    /** What {@link #launch} does, without ending the JVM: returns the exit status. */
    static int run(List<String> args, String usage, Factory factory, PrintStream out, PrintStream err) {
        if (args.contains("--help") || args.contains("-h")) {
            out.print(usage);
            return ExampleProgram.EXIT_OK;
        }
        ExampleProgram program;
        try {
            program = factory.create(args, out);
        } catch (IllegalArgumentException e) {
            err.print(usage);
            err.println("error: " + e.getMessage());
            return ExampleProgram.EXIT_USAGE;
        } catch (Exception e) {
            err.println("error: " + e.getMessage());
            return ExampleProgram.EXIT_FAILURE;
        }
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            program.close();
            try {
                finished.await(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "ortc4j-example-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return program.run();
        } catch (Exception e) {
            err.println("error: " + e.getMessage());
            return ExampleProgram.EXIT_FAILURE;
        } finally {
            program.close();
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is running and waits for the latch counted down above.
            }
        }
    }
}
