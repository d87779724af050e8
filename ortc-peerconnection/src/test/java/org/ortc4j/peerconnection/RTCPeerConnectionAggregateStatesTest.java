package org.ortc4j.peerconnection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ortc4j.dtls.RTCDtlsTransportState;
import org.ortc4j.ice.RTCIceGathererState;
import org.ortc4j.ice.RTCIceTransportState;

/**
 * The aggregate states over several transports (one per m-section without BUNDLE), as W3C
 * WebRTC §4.3.2–§4.3.4 define them.
 */
class RTCPeerConnectionAggregateStatesTest {

    @Test
    void gatheringIsCompleteOnlyWhenEveryGathererIs() {
        assertThat(ConnectionStates.gathering(List.of())).isEqualTo(RTCIceGatheringState.NEW);
        assertThat(ConnectionStates.gathering(List.of(RTCIceGathererState.COMPLETE, RTCIceGathererState.GATHERING)))
                .isEqualTo(RTCIceGatheringState.GATHERING);
        assertThat(ConnectionStates.gathering(List.of(RTCIceGathererState.COMPLETE, RTCIceGathererState.NEW)))
                .isEqualTo(RTCIceGatheringState.NEW);
        assertThat(ConnectionStates.gathering(List.of(RTCIceGathererState.COMPLETE, RTCIceGathererState.COMPLETE)))
                .isEqualTo(RTCIceGatheringState.COMPLETE);
    }

    @Test
    void iceConnectionStateTakesTheWorstTransport() {
        assertThat(ConnectionStates.iceConnection(List.of())).isEqualTo(RTCIceConnectionState.NEW);
        assertThat(ConnectionStates.iceConnection(List.of(RTCIceTransportState.CONNECTED, RTCIceTransportState.FAILED)))
                .isEqualTo(RTCIceConnectionState.FAILED);
        assertThat(ConnectionStates.iceConnection(
                List.of(RTCIceTransportState.DISCONNECTED, RTCIceTransportState.CHECKING)))
                .isEqualTo(RTCIceConnectionState.DISCONNECTED);
        assertThat(ConnectionStates.iceConnection(List.of(RTCIceTransportState.CONNECTED, RTCIceTransportState.NEW)))
                .isEqualTo(RTCIceConnectionState.CHECKING);
        assertThat(ConnectionStates.iceConnection(
                List.of(RTCIceTransportState.COMPLETED, RTCIceTransportState.CONNECTED)))
                .isEqualTo(RTCIceConnectionState.CONNECTED);
        assertThat(ConnectionStates.iceConnection(List.of(RTCIceTransportState.COMPLETED, RTCIceTransportState.CLOSED)))
                .isEqualTo(RTCIceConnectionState.COMPLETED);
    }

    @Test
    void connectionStateIsConnectedOnlyWhenEveryTransportIs() {
        List<RTCIceTransportState> iceUp = List.of(RTCIceTransportState.CONNECTED, RTCIceTransportState.COMPLETED);
        assertThat(ConnectionStates.connection(iceUp,
                List.of(RTCDtlsTransportState.CONNECTED, RTCDtlsTransportState.CONNECTING)))
                .isEqualTo(RTCPeerConnectionState.CONNECTING);
        assertThat(ConnectionStates.connection(iceUp,
                List.of(RTCDtlsTransportState.CONNECTED, RTCDtlsTransportState.CONNECTED)))
                .isEqualTo(RTCPeerConnectionState.CONNECTED);
        assertThat(ConnectionStates.connection(iceUp,
                List.of(RTCDtlsTransportState.CONNECTED, RTCDtlsTransportState.FAILED)))
                .isEqualTo(RTCPeerConnectionState.FAILED);
        assertThat(ConnectionStates.connection(List.of(RTCIceTransportState.CONNECTED, RTCIceTransportState.DISCONNECTED),
                List.of(RTCDtlsTransportState.CONNECTED, RTCDtlsTransportState.CONNECTED)))
                .isEqualTo(RTCPeerConnectionState.DISCONNECTED);
        assertThat(ConnectionStates.connection(List.of(), List.of())).isEqualTo(RTCPeerConnectionState.NEW);
    }
}
