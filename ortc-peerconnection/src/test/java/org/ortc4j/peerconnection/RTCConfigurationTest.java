package org.ortc4j.peerconnection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ortc4j.ice.RTCIceServer;

class RTCConfigurationTest {

    private static final RTCIceServer STUN = new RTCIceServer("stun:stun.l.google.com:19302");
    private static final RTCIceServer TURN = new RTCIceServer("turn:turnserver.example.com:3478", "user", "pass");

    // W3C §4.2.1: iceServers "defaulting to []", bundlePolicy "defaulting to "balanced"".
    @Test
    void defaultsAreNoServersAndBalanced() {
        RTCConfiguration config = new RTCConfiguration();
        assertThat(config.iceServers()).isEmpty();
        assertThat(config.bundlePolicy()).isEqualTo(RTCBundlePolicy.BALANCED);
        assertThat(RTCConfiguration.newBuilder().build()).isEqualTo(config);
        assertThat(new RTCConfiguration(null, null)).isEqualTo(config);
        assertThat(new RTCConfiguration((List<RTCIceServer>) null)).isEqualTo(config);
    }

    @Test
    void constructorsSetTheFields() {
        RTCConfiguration servers = new RTCConfiguration(List.of(STUN, TURN));
        assertThat(servers.iceServers()).containsExactly(STUN, TURN);
        assertThat(servers.bundlePolicy()).isEqualTo(RTCBundlePolicy.BALANCED);

        RTCConfiguration both = new RTCConfiguration(List.of(STUN), RTCBundlePolicy.MAX_BUNDLE);
        assertThat(both.iceServers()).containsExactly(STUN);
        assertThat(both.bundlePolicy()).isEqualTo(RTCBundlePolicy.MAX_BUNDLE);
    }

    @Test
    void builderSetsTheFields() {
        RTCConfiguration config = RTCConfiguration.newBuilder()
                .iceServers(STUN, TURN)
                .bundlePolicy(RTCBundlePolicy.MAX_COMPAT)
                .build();
        assertThat(config).isEqualTo(new RTCConfiguration(List.of(STUN, TURN), RTCBundlePolicy.MAX_COMPAT));

        assertThat(RTCConfiguration.newBuilder().iceServers(List.of(TURN)).iceServers(STUN).build().iceServers())
                .containsExactly(STUN);
        assertThat(RTCConfiguration.newBuilder().iceServers((List<RTCIceServer>) null).bundlePolicy(null).build())
                .isEqualTo(new RTCConfiguration());
    }

    @Test
    void builderCopiesItsInput() {
        List<RTCIceServer> servers = new ArrayList<>(List.of(STUN));
        RTCConfiguration.Builder builder = RTCConfiguration.newBuilder().iceServers(servers);
        servers.add(TURN);
        assertThat(builder.build().iceServers()).containsExactly(STUN);

        RTCIceServer[] array = {STUN};
        RTCConfiguration.Builder fromArray = RTCConfiguration.newBuilder().iceServers(array);
        array[0] = TURN;
        assertThat(fromArray.build().iceServers()).containsExactly(STUN);
    }

    @Test
    void iceServersAreAnUnmodifiableCopy() {
        List<RTCIceServer> servers = new ArrayList<>(List.of(STUN));
        RTCConfiguration config = new RTCConfiguration(servers);
        servers.add(TURN);

        assertThat(config.iceServers()).containsExactly(STUN);
        assertThatThrownBy(() -> config.iceServers().add(TURN)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void nullServersAreRejected() {
        assertThatThrownBy(() -> new RTCConfiguration(Arrays.asList(STUN, null)))
                .isInstanceOf(NullPointerException.class).hasMessage("iceServers[1] is null");
        assertThatThrownBy(() -> RTCConfiguration.newBuilder().iceServers((RTCIceServer[]) null))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void equalityIsByValue() {
        RTCConfiguration a = new RTCConfiguration(List.of(STUN, TURN), RTCBundlePolicy.MAX_BUNDLE);
        RTCConfiguration b = RTCConfiguration.newBuilder()
                .iceServers(new RTCIceServer("stun:stun.l.google.com:19302"),
                        new RTCIceServer("turn:turnserver.example.com:3478", "user", "pass"))
                .bundlePolicy(RTCBundlePolicy.MAX_BUNDLE)
                .build();

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(new RTCConfiguration(List.of(STUN, TURN)));
        assertThat(a).isNotEqualTo(new RTCConfiguration(List.of(TURN, STUN), RTCBundlePolicy.MAX_BUNDLE));
    }

    @Test
    void toStringShowsTheServersButNotTheirCredentials() {
        assertThat(new RTCConfiguration(List.of(TURN), RTCBundlePolicy.MAX_BUNDLE).toString())
                .isEqualTo("RTCConfiguration[iceServers=[RTCIceServer[urls=[turn:turnserver.example.com:3478],"
                        + " username=user, credential=***, credentialType=password]], bundlePolicy=max-bundle, certificates=[]]");
    }
}
