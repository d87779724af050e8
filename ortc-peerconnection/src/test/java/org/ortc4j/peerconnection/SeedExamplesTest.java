package org.ortc4j.peerconnection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.ortc4j.ice.RTCIceServer;

/**
 * The examples of the seed (shared/seed/000_3543d80a5385a583.txt) that use only configuration
 * objects, in Java. Each test does what its Python example does and checks the lines the example
 * prints, built from the Java accessors into a list instead of printed.
 *
 * <p>Differences in the printed text that come from the languages, not from ortc4j:
 * <ul>
 *   <li>Java prints {@code null} where Python prints {@code None}, and lists without quotes
 *       ({@code [a, b]} for Python's {@code ['a', 'b']}).</li>
 *   <li>{@code urls} is always a list, as the seed documents ({@code urls -> list}) and as
 *       browsers return it; aiortc itself keeps a single URL given as a string as that string.</li>
 *   <li>These examples stop at the configuration objects: ortc4j validates when they are built,
 *       which is where the examples would fail. The seed's offer/answer example, which constructs
 *       peer connections, is {@code SeedOfferAnswerExampleTest}.</li>
 * </ul>
 */
class SeedExamplesTest {

    // Seed example: "Create basic configuration with STUN server"
    //   config = aiortc.RTCConfiguration(iceServers=[aiortc.RTCIceServer("stun:stun.l.google.com:19302")])
    //   print(f"Bundle policy: {config.bundlePolicy}")
    //   print(f"ICE servers: {[server.urls for server in config.iceServers]}")
    @Test
    void basicConfigurationWithStunServer() {
        RTCConfiguration config = new RTCConfiguration(List.of(new RTCIceServer("stun:stun.l.google.com:19302")));

        List<String> printed = new ArrayList<>();
        printed.add("Bundle policy: " + config.bundlePolicy());
        printed.add("ICE servers: " + config.iceServers().stream().map(RTCIceServer::urls).toList());

        assertThat(printed).containsExactly(
                "Bundle policy: balanced",
                "ICE servers: [[stun:stun.l.google.com:19302]]");
    }

    // Seed example: "Multiple STUN/TURN servers with authentication"
    //   for i, server in enumerate(config.iceServers):
    //       print(f"Server {i+1}:"); print(f" URLs: {server.urls}")
    //       print(f" Username: {server.username}"); print(f" Credential type: {server.credentialType}")
    @Test
    void multipleStunAndTurnServersWithAuthentication() {
        RTCConfiguration config = new RTCConfiguration(
                List.of(
                        // Public STUN servers
                        new RTCIceServer(List.of("stun:stun.l.google.com:19302", "stun:stun1.l.google.com:19302")),
                        // TURN server with authentication
                        new RTCIceServer("turn:turnserver.example.com:3478", "myusername", "mypassword"),
                        // TURN server with TCP transport
                        new RTCIceServer("turn:turnserver.example.com:443?transport=tcp", "myusername", "mypassword")),
                RTCBundlePolicy.MAX_BUNDLE);

        List<String> printed = new ArrayList<>();
        for (int i = 0; i < config.iceServers().size(); i++) {
            RTCIceServer server = config.iceServers().get(i);
            printed.add("Server " + (i + 1) + ":");
            printed.add(" URLs: " + server.urls());
            printed.add(" Username: " + server.username());
            printed.add(" Credential type: " + server.credentialType());
        }

        assertThat(printed).containsExactly(
                "Server 1:",
                " URLs: [stun:stun.l.google.com:19302, stun:stun1.l.google.com:19302]",
                " Username: null",
                " Credential type: password",
                "Server 2:",
                " URLs: [turn:turnserver.example.com:3478]",
                " Username: myusername",
                " Credential type: password",
                "Server 3:",
                " URLs: [turn:turnserver.example.com:443?transport=tcp]",
                " Username: myusername",
                " Credential type: password");
        assertThat(config.bundlePolicy()).isEqualTo(RTCBundlePolicy.MAX_BUNDLE);
        // The third server's URL asks for TCP (RFC 7065 §3.1 "?transport=tcp").
        assertThat(config.iceServers().get(2).parsedUrls().get(0).transport().value()).isEqualTo("tcp");
    }

    // Seed example: "Different bundle policies"
    //   configs = {"balanced": RTCConfiguration(bundlePolicy=BALANCED), "max_compat": ..., "max_bundle": ...}
    //   for policy_name, config in configs.items(): print(f"{policy_name}: {config.bundlePolicy}")
    @Test
    void differentBundlePolicies() {
        Map<String, RTCConfiguration> configs = new LinkedHashMap<>();
        configs.put("balanced", RTCConfiguration.newBuilder().bundlePolicy(RTCBundlePolicy.BALANCED).build());
        configs.put("max_compat", RTCConfiguration.newBuilder().bundlePolicy(RTCBundlePolicy.MAX_COMPAT).build());
        configs.put("max_bundle", RTCConfiguration.newBuilder().bundlePolicy(RTCBundlePolicy.MAX_BUNDLE).build());

        List<String> printed = new ArrayList<>();
        configs.forEach((policyName, config) -> printed.add(policyName + ": " + config.bundlePolicy()));

        assertThat(printed).containsExactly(
                "balanced: balanced",
                "max_compat: max-compat",
                "max_bundle: max-bundle");
    }

    // Seed example: "validate_configuration()" - "Validate RTCConfiguration settings"
    //   for test in test_configs:
    //       try: ...; print(f"✓ {test['name']}: Valid")
    //            print(f"  Bundle policy: {config.bundlePolicy}")
    //            print(f"  ICE servers: {len(config.iceServers) if config.iceServers else 0}")
    //       except Exception as e: print(f"✗ {test['name']}: Invalid - {e}")
    @Test
    void validateConfiguration() {
        Map<String, Supplier<RTCConfiguration>> testConfigs = new LinkedHashMap<>();
        // Valid configuration
        testConfigs.put("Valid STUN only", () -> new RTCConfiguration(
                List.of(new RTCIceServer("stun:stun.l.google.com:19302"))));
        // Valid TURN configuration
        testConfigs.put("Valid TURN with auth", () -> new RTCConfiguration(
                List.of(new RTCIceServer("turn:turnserver.example.com:3478", "user", "pass"))));
        // No ICE servers (valid, will use defaults)
        testConfigs.put("No ICE servers", RTCConfiguration::new);

        assertThat(validate(testConfigs)).containsExactly(
                "✓ Valid STUN only: Valid",
                " Bundle policy: balanced",
                " ICE servers: 1",
                "✓ Valid TURN with auth: Valid",
                " Bundle policy: balanced",
                " ICE servers: 1",
                "✓ No ICE servers: Valid",
                " Bundle policy: balanced",
                " ICE servers: 0");
    }

    // Not in the seed: the same validation loop with configurations that fail, to show the "✗"
    // branch of the seed's validate_configuration() and the W3C errors behind it.
    @Test
    void validateConfigurationReportsInvalidOnes() {
        Map<String, Supplier<RTCConfiguration>> testConfigs = new LinkedHashMap<>();
        testConfigs.put("TURN without auth", () -> new RTCConfiguration(
                List.of(new RTCIceServer("turn:turnserver.example.com:3478"))));
        testConfigs.put("HTTP URL", () -> new RTCConfiguration(
                List.of(new RTCIceServer("http://stun.l.google.com:19302"))));
        testConfigs.put("No URLs", () -> new RTCConfiguration(List.of(new RTCIceServer(List.of()))));

        assertThat(validate(testConfigs)).containsExactly(
                "✗ TURN without auth: Invalid - InvalidAccessError: TURN server \"turn:turnserver.example.com:3478\" needs a username",
                "✗ HTTP URL: Invalid - SyntaxError: invalid ICE server URL \"http://stun.l.google.com:19302\":"
                        + " scheme \"http\" is not an ICE server scheme; expected stun, stuns, turn or turns",
                "✗ No URLs: Invalid - SyntaxError: RTCIceServer.urls is empty;"
                        + " give at least one stun:, stuns:, turn: or turns: URL");
    }

    private static List<String> validate(Map<String, Supplier<RTCConfiguration>> testConfigs) {
        List<String> printed = new ArrayList<>();
        testConfigs.forEach((name, configSupplier) -> {
            try {
                RTCConfiguration config = configSupplier.get();
                printed.add("✓ " + name + ": Valid");
                // Access configuration properties
                printed.add(" Bundle policy: " + config.bundlePolicy());
                printed.add(" ICE servers: " + config.iceServers().size());
            } catch (org.ortc4j.ice.DomException e) {
                printed.add("✗ " + name + ": Invalid - " + e.name() + ": " + e.getMessage());
            }
        });
        return printed;
    }

    // Seed example: "dynamic_configuration()" - "Demonstrate dynamic configuration scenarios"
    //   print("Initial configuration:"); print(f"  ICE servers: {len(pc.configuration.iceServers)}")
    //   print(f"  Bundle policy: {pc.configuration.bundlePolicy}")
    //   ... then the same for updated_config with a STUN and a TURN server and MAX_BUNDLE.
    // The seed reads the configuration back from the peer connection; here it is read from the
    // configuration objects themselves.
    @Test
    void dynamicConfiguration() {
        // Start with basic configuration
        RTCConfiguration initialConfig = new RTCConfiguration(
                List.of(new RTCIceServer("stun:stun.l.google.com:19302")));

        List<String> printed = new ArrayList<>();
        printed.add("Initial configuration:");
        printed.add(" ICE servers: " + initialConfig.iceServers().size());
        printed.add(" Bundle policy: " + initialConfig.bundlePolicy());

        // A peer connection does not change its configuration after creation: a new one is made
        // from an updated configuration.
        RTCConfiguration updatedConfig = new RTCConfiguration(
                List.of(
                        new RTCIceServer("stun:stun.l.google.com:19302"),
                        new RTCIceServer("turn:turnserver.example.com:3478", "newuser", "newpass")),
                RTCBundlePolicy.MAX_BUNDLE);
        printed.add("Updated configuration:");
        printed.add(" ICE servers: " + updatedConfig.iceServers().size());
        printed.add(" Bundle policy: " + updatedConfig.bundlePolicy());

        assertThat(printed).containsExactly(
                "Initial configuration:",
                " ICE servers: 1",
                " Bundle policy: balanced",
                "Updated configuration:",
                " ICE servers: 2",
                " Bundle policy: max-bundle");
    }
}
