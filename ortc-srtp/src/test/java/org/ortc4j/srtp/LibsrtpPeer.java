package org.ortc4j.srtp;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One libsrtp 2 session in a child process: {@code src/test/c/srtp_peer.c}, which the first
 * {@link #start()} of a test JVM builds with gcc against Debian's libsrtp2 into
 * {@code target/srtp_peer}. The helper speaks one line per command and one per answer; see the
 * comment at the top of the C file.
 *
 * <p>If gcc or the libsrtp2 headers are missing, {@link #start()} stops the test through
 * {@link ExternalTool}: skipped, naming {@value #DEBIAN_PACKAGE}, or failed in CI.
 */
final class LibsrtpPeer implements AutoCloseable {

    static final String DEBIAN_PACKAGE = "libsrtp2-dev";

    /** libsrtp's {@code srtp_err_status_bad_param}: among others, a profile it was built without. */
    static final int ERR_BAD_PARAM = 2;
    /** libsrtp's {@code srtp_err_status_auth_fail}. */
    static final int ERR_AUTH_FAIL = 7;
    /** libsrtp's {@code srtp_err_status_replay_fail}: an index already seen. */
    static final int ERR_REPLAY_FAIL = 9;
    /** libsrtp's {@code srtp_err_status_replay_old}: an index older than the replay window. */
    static final int ERR_REPLAY_OLD = 10;

    private static final HexFormat HEX = HexFormat.of();

    /** The built helper, or the reason it could not be built; decided once per JVM. */
    private static Path helper;
    private static String buildFailure;

    private final Process process;
    private final BufferedWriter in;
    private final BufferedReader out;

    /** An answer: {@code status} 0 and maybe a packet, or a libsrtp {@code srtp_err_status_t}. */
    record Reply(int status, byte[] packet) {
        boolean ok() {
            return status == 0;
        }
    }

    private LibsrtpPeer(Process process) {
        this.process = process;
        this.in = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.US_ASCII));
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII));
    }

    /** Builds the helper if this JVM has not yet (stopping the test if it cannot), and starts one. */
    static LibsrtpPeer start() {
        Path binary = helper();
        try {
            Process process = new ProcessBuilder(binary.toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            return new LibsrtpPeer(process);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + binary, e);
        }
    }

    /**
     * The path of the built helper: {@code gcc -O2 -o target/srtp_peer src/test/c/srtp_peer.c
     * -lsrtp2} in the module's directory, run once per JVM.
     */
    static synchronized Path helper() {
        if (helper == null && buildFailure == null) {
            build();
        }
        if (buildFailure != null) {
            throw ExternalTool.unavailable(DEBIAN_PACKAGE, buildFailure);
        }
        return helper;
    }

    private static void build() {
        Path module = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
        Path source = module.resolve("src/test/c/srtp_peer.c");
        Path target = module.resolve("target");
        Path binary = target.resolve("srtp_peer");
        // Built under a name of its own, then moved: two JVMs building at once never run a half-written file.
        Path partial = target.resolve("srtp_peer." + ProcessHandle.current().pid() + ".tmp");
        List<String> command = new ArrayList<>(List.of("gcc", "-O2", "-o", module.relativize(partial).toString(),
                module.relativize(source).toString(), "-lsrtp2"));
        try {
            Files.createDirectories(target);
            Process gcc = new ProcessBuilder(command).directory(module.toFile()).redirectErrorStream(true).start();
            gcc.getOutputStream().close();
            String output = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!gcc.waitFor(120, TimeUnit.SECONDS)) {
                gcc.destroyForcibly();
                buildFailure = "gcc did not finish building the libsrtp test helper in 120 s";
                return;
            }
            if (gcc.exitValue() != 0) {
                buildFailure = "cannot build the libsrtp test helper: `" + String.join(" ", command) + "` exited "
                        + gcc.exitValue() + (output.contains("srtp2/srtp.h") || output.contains("lsrtp2")
                                ? ", libsrtp2's header or library is missing"
                                : "") + " (gcc: " + String.join(" | ", output.lines().limit(6).toList()) + ")";
                return;
            }
            Files.move(partial, binary, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            helper = binary;
        } catch (IOException e) {
            // ProcessBuilder.start throws this when there is no gcc at all.
            buildFailure = "cannot build the libsrtp test helper: " + e.getMessage()
                    + " (is gcc installed? Debian package gcc)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            buildFailure = "interrupted while building the libsrtp test helper";
        }
    }

    /** libsrtp's version string, e.g. {@code libsrtp2 2.5.0}. */
    String version() {
        String answer = ask("version");
        if (!answer.startsWith("ok ")) {
            throw new IllegalStateException("srtp_peer: " + answer);
        }
        return answer.substring(3);
    }

    /**
     * Replaces this peer's session with one for {@code key}: {@code outbound} protects (like an
     * {@link SrtpOutboundSession}), otherwise it unprotects. Any SSRC, replay window 128.
     */
    Reply session(boolean outbound, SrtpMasterKey key) {
        return reply(ask("session " + (outbound ? "out " : "in ") + key.profile().name() + " "
                + HEX.formatHex(key.key()) + " " + HEX.formatHex(key.salt())));
    }

    /** srtp_protect or srtp_unprotect, by the session's direction. */
    Reply rtp(byte[] packet) {
        return reply(ask("rtp " + HEX.formatHex(packet)));
    }

    /** srtp_protect_rtcp or srtp_unprotect_rtcp, by the session's direction. */
    Reply rtcp(byte[] packet) {
        return reply(ask("rtcp " + HEX.formatHex(packet)));
    }

    /** srtp_set_stream_roc, adding a stream for {@code ssrc} first if the session has none. */
    Reply setRolloverCounter(int ssrc, long roc) {
        return reply(ask("roc " + Integer.toUnsignedString(ssrc) + " " + roc));
    }

    /** srtp_get_stream_roc: the rollover counter libsrtp holds for {@code ssrc}. */
    long rolloverCounter(int ssrc) {
        String answer = ask("getroc " + Integer.toUnsignedString(ssrc));
        if (!answer.startsWith("ok ")) {
            throw new IllegalStateException("srtp_peer getroc: " + answer);
        }
        return Long.parseLong(answer.substring(3));
    }

    private String ask(String line) {
        try {
            in.write(line);
            in.write('\n');
            in.flush();
            String answer = out.readLine();
            if (answer == null) {
                throw new IllegalStateException("srtp_peer ended" + (process.isAlive() ? "" : " with exit code "
                        + process.waitFor()));
            }
            return answer;
        } catch (IOException e) {
            throw new UncheckedIOException("srtp_peer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static Reply reply(String answer) {
        if (answer.equals("ok")) {
            return new Reply(0, null);
        }
        if (answer.startsWith("ok ")) {
            return new Reply(0, HEX.parseHex(answer.substring(3)));
        }
        if (answer.startsWith("err ")) {
            return new Reply(Integer.parseInt(answer.substring(4)), null);
        }
        // "bad ...": the test asked something the helper does not understand.
        throw new IllegalStateException("srtp_peer: " + answer);
    }

    @Override
    public void close() {
        try {
            in.write("quit\n");
            in.flush();
        } catch (IOException e) {
            // Already gone; destroyed below if not.
        }
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
