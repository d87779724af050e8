package org.ortc4j.examples.cli;

/**
 * A running example: {@link #run()} does its work on the calling thread until it is done, the
 * other side says bye or {@link #close()} is called from another thread (Ctrl-C, a test).
 */
public interface ExampleProgram extends AutoCloseable {

    /** Exit status: done. */
    int EXIT_OK = 0;
    /** Exit status: something did not happen (a timeout, a failed connection, a file error). */
    int EXIT_FAILURE = 1;
    /** Exit status: wrong arguments, as argparse. */
    int EXIT_USAGE = 2;

    /**
     * Runs the example.
     *
     * @return the exit status
     * @throws Exception if it failed; the launcher prints the message and exits with
     *     {@link #EXIT_FAILURE}
     */
    int run() throws Exception;

    /** Stops the example: {@link #run()} returns soon after. Idempotent, callable from any thread. */
    @Override
    void close();
}
