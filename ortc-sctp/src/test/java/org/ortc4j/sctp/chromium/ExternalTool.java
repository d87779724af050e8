package org.ortc4j.sctp.chromium;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The rule for a test that needs a tool from a Debian package (a compiler, a library's headers, a
 * peer program nobody here wrote): without the tool the test is skipped, with a message that
 * names the package to install; with {@code -Dortc4j.requireExternalTools=true}, as CI runs
 * ({@code .ci/run}, which also installs the packages), it fails with that message instead, so a
 * missing tool can never pass for a green run.
 *
 * <pre>
 * if (!Files.isExecutable(Path.of("/usr/bin/turnserver"))) {
 *     ExternalTool.unavailable("coturn", "/usr/bin/turnserver is not installed");
 * }
 * </pre>
 */
public final class ExternalTool {

    /** The system property that turns a missing tool from a skip into a failure. */
    public static final String REQUIRE_PROPERTY = "ortc4j.requireExternalTools";

    private ExternalTool() {
    }

    /** Whether this run requires every external tool to be there ({@code -Dortc4j.requireExternalTools=true}). */
    public static boolean required() {
        return Boolean.parseBoolean(System.getProperty(REQUIRE_PROPERTY, "false"));
    }

    /** The message a test stops with when a tool from {@code debianPackage} is missing. */
    public static String message(String debianPackage, String detail) {
        String install = "Install the Debian package " + debianPackage + " (apt-get install -y " + debianPackage + ")";
        return detail + (detail.endsWith(".") ? " " : ". ") + install
                + (required() ? "; " + REQUIRE_PROPERTY + "=true, so this fails instead of skipping"
                        : "; skipped (with -D" + REQUIRE_PROPERTY + "=true, as in CI, this fails)");
    }

    /**
     * Stops the current test because a tool from {@code debianPackage} is missing: skipped, or
     * failed when {@link #required()}. Call it per test (from {@code @BeforeEach} or the test), not
     * from {@code @BeforeAll}: Surefire counts a class aborted there as no tests at all, and the
     * reason is lost.
     *
     * @param detail what is missing and why, for example the compiler's output
     * @return never returns; declared so a caller can write {@code throw ExternalTool.unavailable(...)}
     *     where the compiler wants a throw
     */
    public static RuntimeException unavailable(String debianPackage, String detail) {
        String message = message(debianPackage, detail);
        if (required()) {
            Assertions.fail(message);
        }
        Assumptions.abort(message);
        throw new AssertionError("unreachable");
    }
}
