package org.ortc4j.ice.internal.turn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.ortc4j.ice.IceServerUrl;
import org.ortc4j.ice.internal.StunRetransmission;
import org.ortc4j.ice.net.TlsClientOptions;

/** How a TURN URL maps to a transport, and the bad configurations that fail at once. */
class TurnServerAddressTest {

    private static final InetSocketAddress AT = new InetSocketAddress("198.51.100.1", 3478);

    @Test
    void theUrlSaysTheTransport() {
        // RFC 7065 §3.2: turn: defaults to UDP, turns: to TCP (TLS over TCP).
        assertThat(address("turn:turn.example.org").transport()).isEqualTo(TurnTransport.UDP);
        assertThat(address("turn:turn.example.org?transport=udp").transport()).isEqualTo(TurnTransport.UDP);
        assertThat(address("turn:turn.example.org?transport=tcp").transport()).isEqualTo(TurnTransport.TCP);
        assertThat(address("turns:turn.example.org").transport()).isEqualTo(TurnTransport.TLS);
        assertThat(address("turns:turn.example.org?transport=tcp").transport()).isEqualTo(TurnTransport.TLS);
        assertThat(TurnTransport.UDP.reliable()).isFalse();
        assertThat(TurnTransport.TLS.reliable()).isTrue();
    }

    @Test
    void turnsVerifiesTheUrlHostByDefault() {
        assertThat(address("turns:turn.example.org").tls()).isEqualTo(TlsClientOptions.verifying("turn.example.org"));
        assertThat(address("turn:turn.example.org").tls()).isNull();
    }

    @Test
    void badConfigurationsFailClearly() {
        assertThatThrownBy(() -> address("stun:stun.example.org"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a TURN URL");
        assertThatThrownBy(() -> address("turns:turn.example.org?transport=udp"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DTLS");
        assertThatThrownBy(() -> new TurnServerAddress(IceServerUrl.parse("turn:turn.example.org"),
                InetSocketAddress.createUnresolved("turn.example.org", 3478), "u", "p", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("resolved");
        assertThatThrownBy(() -> new TurnServerAddress(IceServerUrl.parse("turn:turn.example.org"), AT, null, "p", null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("username");
    }

    @Test
    void theCredentialStaysOutOfToString() {
        assertThat(address("turn:turn.example.org").toString()).contains("username=u").doesNotContain("secret");
    }

    @Test
    void optionsCheckTheirValues() {
        assertThatThrownBy(() -> TurnOptions.DEFAULT.withUdpTiming(StunRetransmission.RELIABLE_DEFAULT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("udpTiming");
        assertThatThrownBy(() -> TurnOptions.DEFAULT.withMaxQueuedPerPermission(-1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TurnOptions.DEFAULT.withRequestedLifetime(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(TurnOptions.DEFAULT.withRequestedLifetime(Duration.ofHours(1)).requestedLifetime())
                .isEqualTo(Duration.ofHours(1));
    }

    private static TurnServerAddress address(String url) {
        return new TurnServerAddress(IceServerUrl.parse(url), AT, "u", "secret", null);
    }
}
