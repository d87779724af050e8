package org.ortc4j.peerconnection;

import java.util.List;
import org.ortc4j.dtls.RTCDtlsTransportState;
import org.ortc4j.ice.RTCIceGathererState;
import org.ortc4j.ice.RTCIceTransportState;

/**
 * The peer connection's aggregate states from its transports' (W3C WebRTC §4.3.2
 * RTCIceGatheringState, §4.3.3 RTCPeerConnectionState, §4.3.4 RTCIceConnectionState), for
 * any number of transports: one when everything is bundled, one per m-section otherwise. The
 * closed states come from the peer connection itself ([[IsClosed]]), not from here.
 */
final class ConnectionStates {

    private ConnectionStates() {
    }

    /** W3C §4.3.2 RTCIceGatheringState over the transports' gatherers (a closed one counts as complete). */
    static RTCIceGatheringState gathering(List<RTCIceGathererState> gatherers) {
        // "gathering: Any of the RTCIceTransports are in the "gathering" state."
        if (gatherers.contains(RTCIceGathererState.GATHERING)) {
            return RTCIceGatheringState.GATHERING;
        }
        // "complete: At least one RTCIceTransport exists, and all RTCIceTransports are in the
        // "complete" gathering state."
        boolean allComplete = !gatherers.isEmpty() && gatherers.stream()
                .allMatch(s -> s == RTCIceGathererState.COMPLETE || s == RTCIceGathererState.CLOSED);
        return allComplete ? RTCIceGatheringState.COMPLETE : RTCIceGatheringState.NEW;
    }

    /** W3C §4.3.4 RTCIceConnectionState over the ICE transports. */
    static RTCIceConnectionState iceConnection(List<RTCIceTransportState> transports) {
        // "failed: ... any RTCIceTransports are in the "failed" state."
        if (transports.contains(RTCIceTransportState.FAILED)) {
            return RTCIceConnectionState.FAILED;
        }
        // "disconnected: ... any RTCIceTransports are in the "disconnected" state."
        if (transports.contains(RTCIceTransportState.DISCONNECTED)) {
            return RTCIceConnectionState.DISCONNECTED;
        }
        // "new: ... all RTCIceTransports are in the "new" or "closed" state, or there are no transports."
        if (transports.stream().allMatch(s -> s == RTCIceTransportState.NEW || s == RTCIceTransportState.CLOSED)) {
            return RTCIceConnectionState.NEW;
        }
        // "checking: ... any RTCIceTransports are in the "new" or "checking" state."
        if (transports.contains(RTCIceTransportState.NEW) || transports.contains(RTCIceTransportState.CHECKING)) {
            return RTCIceConnectionState.CHECKING;
        }
        // "completed: ... all RTCIceTransports are in the "completed" or "closed" state."
        if (transports.stream().allMatch(s -> s == RTCIceTransportState.COMPLETED || s == RTCIceTransportState.CLOSED)) {
            return RTCIceConnectionState.COMPLETED;
        }
        // "connected: ... all RTCIceTransports are in the "connected", "completed" or "closed" state."
        return RTCIceConnectionState.CONNECTED;
    }

    /** W3C §4.3.3 RTCPeerConnectionState over the ICE and DTLS transports. */
    static RTCPeerConnectionState connection(List<RTCIceTransportState> ice, List<RTCDtlsTransportState> dtls) {
        // "failed: ... any RTCIceTransports or RTCDtlsTransports are in a "failed" state."
        if (ice.contains(RTCIceTransportState.FAILED) || dtls.contains(RTCDtlsTransportState.FAILED)) {
            return RTCPeerConnectionState.FAILED;
        }
        // "disconnected: ... any RTCIceTransports are in the "disconnected" state."
        if (ice.contains(RTCIceTransportState.DISCONNECTED)) {
            return RTCPeerConnectionState.DISCONNECTED;
        }
        // "new: ... all RTCIceTransports and RTCDtlsTransports are in the "new" or "closed" state,
        // or there are no transports."
        boolean iceIdle = ice.stream().allMatch(s -> s == RTCIceTransportState.NEW || s == RTCIceTransportState.CLOSED);
        boolean dtlsIdle = dtls.stream().allMatch(s -> s == RTCDtlsTransportState.NEW || s == RTCDtlsTransportState.CLOSED);
        if (iceIdle && dtlsIdle) {
            return RTCPeerConnectionState.NEW;
        }
        // "connected: ... all RTCIceTransports are in the "connected", "completed" or "closed"
        // state and all RTCDtlsTransports are in the "connected" or "closed" state."
        boolean iceUp = ice.stream().allMatch(s -> s == RTCIceTransportState.CONNECTED
                || s == RTCIceTransportState.COMPLETED || s == RTCIceTransportState.CLOSED);
        boolean dtlsUp = dtls.stream().allMatch(s -> s == RTCDtlsTransportState.CONNECTED
                || s == RTCDtlsTransportState.CLOSED);
        // "connecting: None of the previous states apply."
        return iceUp && dtlsUp ? RTCPeerConnectionState.CONNECTED : RTCPeerConnectionState.CONNECTING;
    }
}
