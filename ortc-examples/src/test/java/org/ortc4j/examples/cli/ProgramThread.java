package org.ortc4j.examples.cli;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A program running on a thread of its own, as a test runs both ends of an example. */
public final class ProgramThread {

    private final CompletableFuture<Integer> status = new CompletableFuture<>();

    /** Starts {@code program.run()} on a new daemon thread. */
    public ProgramThread(String name, ExampleProgram program) {
        Thread thread = new Thread(() -> {
            // As ProgramLauncher: the status is known once the program has closed.
            int exit;
            try {
                exit = program.run();
            } catch (Throwable e) {
                program.close();
                status.completeExceptionally(e);
                return;
            }
            program.close();
            status.complete(exit);
        }, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Completes with the exit status once run() has returned and close() has run. */
    public CompletableFuture<Integer> status() {
        return status;
    }

    /** Waits for the exit status. */
    public int await(long seconds) throws Exception {
        return status.get(seconds, TimeUnit.SECONDS);
    }

    /** Waits for the exit status; fails with what the program printed if it does not come. */
    public int await(long seconds, PrintedLines printed) throws Exception {
        try {
            return status.get(seconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("the program did not end within " + seconds + " s; it printed:\n" + printed.text(), e);
        }
    }
}
