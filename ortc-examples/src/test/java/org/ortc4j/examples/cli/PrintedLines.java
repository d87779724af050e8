package org.ortc4j.examples.cli;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * What a program prints, line by line, for a test to read and wait on: a {@link PrintStream}
 * whose complete lines are kept, and futures that complete when a line matches.
 */
public final class PrintedLines extends OutputStream {

    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private final List<String> lines = new ArrayList<>();
    private final List<Waiter> waiters = new ArrayList<>();
    private final PrintStream stream = new PrintStream(this, true, StandardCharsets.UTF_8);

    private record Waiter(Predicate<String> predicate, int count, List<String> matched, CompletableFuture<List<String>> done) {
    }

    /** The stream to give the program. */
    public PrintStream stream() {
        return stream;
    }

    @Override
    public synchronized void write(int b) {
        if (b == '\n') {
            String line = partial.toString(StandardCharsets.UTF_8);
            partial.reset();
            lines.add(line);
            for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
                Waiter waiter = it.next();
                if (waiter.predicate().test(line)) {
                    waiter.matched().add(line);
                    if (waiter.matched().size() == waiter.count()) {
                        waiter.done().complete(List.copyOf(waiter.matched()));
                        it.remove();
                    }
                }
            }
        } else {
            partial.write(b);
        }
    }

    /** Every complete line so far. */
    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    /** Everything printed so far, the unfinished line included. */
    public synchronized String text() {
        return String.join("\n", lines) + "\n" + partial.toString(StandardCharsets.UTF_8);
    }

    /** Completes with the first {@code count} lines, past or future, that match. */
    public synchronized CompletableFuture<List<String>> matching(int count, Predicate<String> predicate) {
        Waiter waiter = new Waiter(predicate, count, new ArrayList<>(), new CompletableFuture<>());
        for (String line : lines) {
            if (predicate.test(line) && waiter.matched().size() < count) {
                waiter.matched().add(line);
            }
        }
        if (waiter.matched().size() == count) {
            waiter.done().complete(List.copyOf(waiter.matched()));
        } else {
            waiters.add(waiter);
        }
        return waiter.done();
    }

    /** Waits for {@code count} matching lines; fails with what was printed if they do not come. */
    public List<String> await(int count, Predicate<String> predicate, long seconds) throws Exception {
        try {
            return matching(count, predicate).get(seconds, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("expected " + count + " matching line(s) within " + seconds + " s; printed:\n" + text(), e);
        }
    }
}
