package org.ortc4j.peerconnection.chromium;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.opentest4j.TestAbortedException;
import org.ortc4j.sctp.chromium.ChromiumPeer;

/**
 * What every media test class against Chromium's {@code pc_media.html} shares, as a JUnit
 * extension registered in a static field: Opus warmed up once, one headless Chromium for the
 * class (its page reloaded for each test, relaunched if it died), a fresh {@link ChromiumMediaCall}
 * for each test — a test method takes it as a parameter —, hung up after the test, and both
 * sides' state logged when a test fails (not when it is skipped).
 */
final class ChromiumMediaCalls implements BeforeAllCallback, BeforeEachCallback, AfterTestExecutionCallback,
        AfterEachCallback, AfterAllCallback, ParameterResolver {

    private ChromiumPeer browser;
    private ChromiumMediaCall call;

    @Override
    public void beforeAll(ExtensionContext context) {
        ChromiumMediaCall.warmUpOpus();
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        browser = ChromiumMediaCall.launchOrReload(browser);
        call = new ChromiumMediaCall(browser);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ChromiumMediaCall.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return call;
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        if (call != null && context.getExecutionException().filter(e -> !(e instanceof TestAbortedException)).isPresent()) {
            call.logFailure(context.getDisplayName());
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        if (call != null) {
            call.close();
            call = null;
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }
}
