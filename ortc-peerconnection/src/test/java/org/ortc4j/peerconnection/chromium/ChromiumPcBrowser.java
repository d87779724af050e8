package org.ortc4j.peerconnection.chromium;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opentest4j.TestAbortedException;
import org.ortc4j.sctp.chromium.ChromiumPeer;

/**
 * What every test class against Chromium's {@code pc_datachannel.html} shares: one headless
 * Chromium per class (a launch takes seconds; the page reloads for each test), a fresh
 * {@link ChromiumPcSession} per test, and both sides' states, stats and Chromium's log printed
 * when a test fails. Without Chromium (Debian package {@code chromium}) the tests skip, or fail
 * with {@code -Dortc4j.requireExternalTools=true}.
 */
abstract class ChromiumPcBrowser {

    private static ChromiumPeer browser;
    /** The class whose tests {@link #browser} serves; a new class starts its own. */
    private static Class<?> owner;

    ChromiumPcSession session;

    @RegisterExtension
    final AfterTestExecutionCallback diagnosticsOnFailure = this::printDiagnosticsOnFailure;

    private void printDiagnosticsOnFailure(ExtensionContext context) {
        if (context.getExecutionException().filter(e -> !(e instanceof TestAbortedException)).isPresent()
                && session != null) {
            System.err.println("[" + getClass().getSimpleName() + " " + context.getDisplayName() + "]\n"
                    + session.diagnostics());
        }
    }

    @BeforeEach
    final void openPage() throws Exception {
        ChromiumPeer.requireInstalled();
        if (browser != null && (!browser.alive() || owner != getClass())) {
            closeBrowser();
        }
        if (browser == null) {
            browser = ChromiumPeer.launch(ChromiumPcBrowser.class, "pc_datachannel.html", List.of());
            owner = getClass();
        } else {
            browser.reload();
        }
        session = new ChromiumPcSession(browser);
    }

    @AfterEach
    final void closeSession() {
        if (session != null) {
            session.close();
        }
    }

    @AfterAll
    static void closeBrowser() throws Exception {
        if (browser != null) {
            browser.close();
            browser = null;
            owner = null;
        }
    }
}
