package org.ortc4j.media.ffmpeg;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The rule for a test that needs a tool from a Debian package (here FFmpeg's {@code ffprobe} and
 * {@code ffmpeg}): without it the test is skipped with a message naming the package; with
 * {@code -Dortc4j.requireExternalTools=true}, as CI runs, it fails instead. Same rule as
 * ortc-srtp's and ortc-media's tests (copied: test classes are not shared between modules).
 */
final class ExternalTool {

    static final String REQUIRE_PROPERTY = "ortc4j.requireExternalTools";

    private ExternalTool() {
    }

    static boolean required() {
        return Boolean.parseBoolean(System.getProperty(REQUIRE_PROPERTY, "false"));
    }

    /** Skips (or fails, when required) because {@code tool} from {@code debianPackage} is missing. */
    static void requireOnPath(String tool, String debianPackage) {
        try {
            Process p = new ProcessBuilder(tool, "-version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
                return;
            }
        } catch (IOException e) {
            // not installed
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String message = tool + " is missing. Install the Debian package " + debianPackage
                + " (apt-get install -y " + debianPackage + ")"
                + (required() ? "; " + REQUIRE_PROPERTY + "=true, so this fails instead of skipping"
                        : "; skipped (with -D" + REQUIRE_PROPERTY + "=true, as in CI, this fails)");
        if (required()) {
            Assertions.fail(message);
        }
        Assumptions.abort(message);
    }

    /** Runs a command, returns its standard output; fails the test on a non-zero exit. */
    static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(new ArrayList<>(List.of(command))).start();
        byte[] err = new byte[0];
        byte[] out = p.getInputStream().readAllBytes();
        err = p.getErrorStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            Assertions.fail(String.join(" ", command) + " failed: " + new String(err, StandardCharsets.UTF_8));
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
