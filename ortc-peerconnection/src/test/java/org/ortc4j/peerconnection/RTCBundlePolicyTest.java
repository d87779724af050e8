package org.ortc4j.peerconnection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RTCBundlePolicyTest {

    // W3C WebRTC §4.2.4: enum RTCBundlePolicy { "balanced", "max-compat", "max-bundle" };
    @ParameterizedTest
    @CsvSource({"BALANCED, balanced", "MAX_COMPAT, max-compat", "MAX_BUNDLE, max-bundle"})
    void mapsToItsW3cString(RTCBundlePolicy policy, String w3c) {
        assertThat(policy.value()).isEqualTo(w3c);
        assertThat(policy).hasToString(w3c);
        assertThat(RTCBundlePolicy.fromValue(w3c)).isSameAs(policy);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "BALANCED", "max_bundle", "maxbundle", "negotiate"})
    void unknownStringsAreRejectedNamingTheAllowedOnes(String value) {
        assertThatThrownBy(() -> RTCBundlePolicy.fromValue(value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not an RTCBundlePolicy: \"" + value + "\"; expected balanced, max-compat or max-bundle");
    }

    @Test
    void nullIsRejected() {
        assertThatThrownBy(() -> RTCBundlePolicy.fromValue(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not an RTCBundlePolicy: null; expected balanced, max-compat or max-bundle");
    }
}
