package org.ortc4j.peerconnection;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ortc4j.dtls.RTCDtlsTransport;
import org.ortc4j.ice.RTCIceCandidate;
import org.ortc4j.ice.RTCIceCandidatePair;
import org.ortc4j.ice.RTCIceTransport;
import org.ortc4j.ice.RTCStats;
import org.ortc4j.ice.RTCStatsType;
import org.ortc4j.rtp.internal.RtpStats;
import org.ortc4j.sctp.RTCDataChannel;

/**
 * The entries of a peer connection's stats report that no sender or receiver gives
 * (W3C webrtc-stats §6): peer-connection, transport, candidate-pair, local-candidate,
 * remote-candidate and data-channel. Ids of transports are ortc-rtp's, so the
 * {@code transportId} of inbound-rtp and outbound-rtp entries names the transport entry here.
 */
final class PeerConnectionStats {

    private PeerConnectionStats() {
    }

    /**
     * The peer connection's entries: each transport's, and the data channels'.
     *
     * @param now the timestamp, milliseconds since the Unix epoch
     * @param opened how many data channels have opened (webrtc-stats dataChannelsOpened)
     * @param closedChannels how many have closed (dataChannelsClosed)
     */
    static List<RTCStats> collect(double now, List<RTCDtlsTransport> transports, List<RTCDataChannel> channels, long opened,
            long closedChannels) {
        List<RTCStats> stats = new ArrayList<>();
        stats.add(new RTCStats("P", RTCStatsType.PEER_CONNECTION, now,
                Map.of("dataChannelsOpened", opened, "dataChannelsClosed", closedChannels)));
        // One transport entry per transport in use (a BUNDLE group's, or a section's own), each
        // with its candidates and pair; the ids name the transport, so they never collide.
        for (RTCDtlsTransport dtls : transports) {
            collectTransport(now, dtls, stats);
        }
        for (RTCDataChannel channel : channels) {
            Map<String, Object> members = new LinkedHashMap<>();
            members.put("label", channel.label());
            members.put("protocol", channel.protocol());
            if (channel.id() != null) {
                members.put("dataChannelIdentifier", (long) channel.id());
            }
            members.put("state", channel.readyState().value());
            stats.add(new RTCStats("D" + Integer.toHexString(System.identityHashCode(channel)),
                    RTCStatsType.DATA_CHANNEL, now, members));
        }
        return stats;
    }

    private static void collectTransport(double now, RTCDtlsTransport dtls, List<RTCStats> stats) {
        RTCIceTransport ice = dtls.iceTransport();
        String transportId = RtpStats.transportId(dtls);
        Map<String, Object> transport = new LinkedHashMap<>();
        transport.put("iceState", ice.state().value());
        transport.put("dtlsState", dtls.state().value());
        transport.put("iceRole", ice.role().value());
        dtls.role().ifPresent(role -> transport.put("dtlsRole", role.value()));
        transport.put("iceLocalUsernameFragment", ice.getLocalParameters().usernameFragment());
        Optional<RTCIceCandidatePair> pair = ice.getSelectedCandidatePair();
        pair.ifPresent(p -> transport.put("selectedCandidatePairId", pairId(transportId, p)));
        stats.add(new RTCStats(transportId, RTCStatsType.TRANSPORT, now, transport));

        pair.ifPresent(p -> {
            Map<String, Object> members = new LinkedHashMap<>();
            members.put("transportId", transportId);
            members.put("localCandidateId", candidateId("I", transportId, p.local()));
            members.put("remoteCandidateId", candidateId("R", transportId, p.remote()));
            members.put("state", "succeeded");
            members.put("nominated", Boolean.TRUE);
            stats.add(new RTCStats(pairId(transportId, p), RTCStatsType.CANDIDATE_PAIR, now, members));
        });
        for (RTCIceCandidate c : ice.getLocalCandidates()) {
            stats.add(candidate(now, "I", RTCStatsType.LOCAL_CANDIDATE, transportId, c));
        }
        for (RTCIceCandidate c : ice.getRemoteCandidates()) {
            stats.add(candidate(now, "R", RTCStatsType.REMOTE_CANDIDATE, transportId, c));
        }
    }

    private static String pairId(String transportId, RTCIceCandidatePair pair) {
        return "CP" + transportId + "_" + candidateKey(pair.local()) + "_" + candidateKey(pair.remote());
    }

    private static String candidateId(String prefix, String transportId, RTCIceCandidate candidate) {
        return prefix + transportId + "_" + candidateKey(candidate);
    }

    private static String candidateKey(RTCIceCandidate candidate) {
        return Integer.toHexString(candidate.toCandidateString().hashCode());
    }

    private static RTCStats candidate(double now, String prefix, RTCStatsType type, String transportId,
            RTCIceCandidate c) {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("transportId", transportId);
        members.put("address", c.address());
        members.put("port", (long) c.port());
        members.put("protocol", c.protocol().value());
        members.put("candidateType", c.type().value());
        members.put("priority", c.priority());
        members.put("foundation", c.foundation());
        return new RTCStats(candidateId(prefix, transportId, c), type, now, members);
    }
}
