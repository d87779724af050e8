package org.ortc4j.dtls;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ortc4j.srtp.SrtpProfile;

/**
 * A running {@code openssl s_server -dtls1_2} or {@code openssl s_client -dtls1_2}: its stdin to
 * send application data with, and its stdout and stderr (merged) read line by line on a thread
 * of its own, so that a test waits for what openssl prints, with a timeout, instead of sleeping.
 *
 * <p>Both programs write each line of stdin to the peer as one application-data record and print
 * the application data they receive. After the handshake they print the negotiated cipher suite,
 * "SRTP Extension negotiated, profile=..." and the exported keying material
 * ("Keying material: HEX"); the accessors here wait for those lines and parse them.
 */
final class OpensslPeer implements AutoCloseable {

    private static final Pattern ACCEPT = Pattern.compile("^ACCEPT\\s+(\\S+):(\\d+)\\s*$");
    private static final Pattern KEYING_MATERIAL = Pattern.compile("^\\s*Keying material:\\s*([0-9A-Fa-f]+)\\s*$");
    private static final Pattern SRTP = Pattern.compile("SRTP Extension negotiated, profile=(\\S+)");
    private static final Pattern CIPHER = Pattern.compile("(?i)\\bcipher is (\\S+)");

    private final String name;
    private final Process process;
    private final OutputStream stdin;
    private final List<String> lines = new ArrayList<>();
    private boolean ended;

    private OpensslPeer(String name, Process process) {
        this.name = name;
        this.process = process;
        this.stdin = process.getOutputStream();
        Thread reader = new Thread(this::readOutput, "openssl-" + name + "-output");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts {@code openssl <arguments>} ({@code s_server ...} or {@code s_client ...}) in
     * {@code dir}. Call {@link Openssl#requireInstalled()} first.
     */
    static OpensslPeer start(Path dir, List<String> arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Openssl.BINARY.toString());
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        return new OpensslPeer(arguments.get(0), process);
    }

    private void readOutput() {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.ISO_8859_1))) {
            String line;
            while ((line = reader.readLine()) != null) {
                synchronized (this) {
                    lines.add(line);
                    notifyAll();
                }
            }
        } catch (IOException e) {
            // The process was killed; what was read stays.
        } finally {
            synchronized (this) {
                ended = true;
                notifyAll();
            }
        }
    }

    /**
     * Waits for the first line, from the start of the output, that {@code matches}.
     *
     * @throws TimeoutException with the whole output when no such line came in time or the
     *     process ended without printing one
     */
    synchronized String awaitLine(Predicate<String> matches, Duration timeout, String what)
            throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int checked = 0;
        while (true) {
            for (; checked < lines.size(); checked++) {
                if (matches.test(lines.get(checked))) {
                    return lines.get(checked);
                }
            }
            long left = deadline - System.nanoTime();
            if (ended || left <= 0) {
                throw new TimeoutException(name + " printed no " + what + (ended ? " before it ended" : " within " + timeout)
                        + "; its output:\n" + output());
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    /** Waits for the line that matches {@code pattern} and returns its first group. */
    private String awaitGroup(Pattern pattern, Duration timeout, String what) throws InterruptedException, TimeoutException {
        Matcher m = pattern.matcher(awaitLine(line -> pattern.matcher(line).find(), timeout, what));
        if (!m.find()) {
            throw new IllegalStateException("unreachable");
        }
        return m.group(1);
    }

    /** The address s_server listens on, from its "ACCEPT host:port" line (start it with {@code -accept 127.0.0.1:0}). */
    InetSocketAddress awaitAcceptAddress(Duration timeout) throws InterruptedException, TimeoutException {
        Matcher m = ACCEPT.matcher(awaitLine(line -> ACCEPT.matcher(line).matches(), timeout, "ACCEPT line"));
        if (!m.matches()) {
            throw new IllegalStateException("unreachable");
        }
        return new InetSocketAddress(m.group(1), Integer.parseInt(m.group(2)));
    }

    /** The keying material openssl exported ({@code -keymatexport}), printed once the handshake is done. */
    byte[] awaitKeyingMaterial(Duration timeout) throws InterruptedException, TimeoutException {
        return HexFormat.of().parseHex(awaitGroup(KEYING_MATERIAL, timeout, "keying material"));
    }

    /** The SRTP profile openssl says was negotiated (RFC 5764 use_srtp). */
    SrtpProfile awaitSrtpProfile(Duration timeout) throws InterruptedException, TimeoutException {
        return Openssl.srtpProfile(awaitGroup(SRTP, timeout, "negotiated SRTP profile"));
    }

    /** The cipher suite openssl says was negotiated, in openssl's naming (ECDHE-ECDSA-AES128-GCM-SHA256). */
    String awaitCipher(Duration timeout) throws InterruptedException, TimeoutException {
        return awaitGroup(CIPHER, timeout, "cipher");
    }

    /**
     * The peer's certificate as openssl printed it (DER): s_server prints it after
     * "Client certificate", s_client after "Server certificate".
     */
    byte[] awaitPeerCertificate(String heading, Duration timeout) throws InterruptedException, TimeoutException {
        awaitLine(heading::equals, timeout, heading);
        awaitLine("-----END CERTIFICATE-----"::equals, timeout, heading + " PEM block");
        synchronized (this) {
            return Openssl.pemBlock(String.join("\n", lines), lines.indexOf(heading)).orElseThrow();
        }
    }

    /** Sends {@code text} and a newline on stdin: openssl sends it to the peer as application data. */
    void writeLine(String text) throws IOException {
        stdin.write((text + "\n").getBytes(StandardCharsets.ISO_8859_1));
        stdin.flush();
    }

    /** Whether the process is still running. */
    boolean isAlive() {
        return process.isAlive();
    }

    /** Everything openssl printed so far. */
    synchronized String output() {
        return String.join("\n", lines);
    }

    /** Kills the process and waits for it. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        try {
            stdin.close();
        } catch (IOException ignored) {
            // The pipe is gone with the process.
        }
    }
}
