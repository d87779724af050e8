package org.ortc4j.ice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RTCIceCredentialTypeTest {

    @Test
    void passwordMapsToItsW3cString() {
        assertThat(RTCIceCredentialType.PASSWORD.value()).isEqualTo("password");
        assertThat(RTCIceCredentialType.PASSWORD).hasToString("password");
        assertThat(RTCIceCredentialType.fromValue("password")).isSameAs(RTCIceCredentialType.PASSWORD);
    }

    // The W3C enum had only "password"; the OAuth type was removed from WebRTC 1.0 in 2019.
    @Test
    void unknownValuesAreRejectedNamingTheAllowedOnes() {
        assertThatThrownBy(() -> RTCIceCredentialType.fromValue("oauth"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not an RTCIceCredentialType: \"oauth\"; expected password");
        assertThatThrownBy(() -> RTCIceCredentialType.fromValue("PASSWORD"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RTCIceCredentialType.fromValue(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("null");
    }
}
