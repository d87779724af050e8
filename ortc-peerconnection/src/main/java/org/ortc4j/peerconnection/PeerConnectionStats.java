package org.ortc4j.peerconnection;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ortc4j.dtls.RTCCertificate;
import org.ortc4j.dtls.RTCDtlsFingerprint;
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
 * remote-candidate, certificate and data-channel. Ids of transports are ortc-rtp's, so the
 * {@code transportId} of inbound-rtp and outbound-rtp entries names the transport entry here.
 */
final class PeerConnectionStats {

    /** The fingerprint algorithm of the entries, as the descriptions use (RFC 8122 §5). */
    private static final String FINGERPRINT_ALGORITHM = "sha-256";

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
        // webrtc-stats §7.2 localCertificateId/remoteCertificateId: the certificate DTLS
        // authenticates with (the first) and the leaf of the chain the peer presented.
        RTCCertificate local = dtls.getCertificates().get(0);
        transport.put("localCertificateId", certificate(now, local.fingerprint(FINGERPRINT_ALGORITHM), local.encoded(), null, stats));
        List<byte[]> chain = dtls.getRemoteCertificates();
        if (!chain.isEmpty()) {
            // Issuers first, so that each certificate can name its issuer's entry.
            String issuerId = null;
            for (int i = chain.size() - 1; i >= 0; i--) {
                byte[] der = chain.get(i);
                issuerId = certificate(now, RTCCertificate.fingerprintOf(FINGERPRINT_ALGORITHM, der), der, issuerId, stats);
            }
            transport.put("remoteCertificateId", issuerId);
        }
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

    /**
     * Adds a webrtc-stats §7.x RTCCertificateStats entry, unless one for the same certificate is
     * there already (transports that share a certificate share its entry, as in Chromium, whose
     * ids are also "CF" and the fingerprint).
     *
     * @return the entry's id
     */
    private static String certificate(double now, RTCDtlsFingerprint fingerprint, byte[] der, String issuerId,
            List<RTCStats> stats) {
        String id = "CF" + fingerprint.value();
        if (stats.stream().noneMatch(entry -> entry.id().equals(id))) {
            Map<String, Object> members = new LinkedHashMap<>();
            members.put("fingerprint", fingerprint.value());
            members.put("fingerprintAlgorithm", fingerprint.algorithm());
            members.put("base64Certificate", Base64.getEncoder().encodeToString(der));
            if (issuerId != null) {
                members.put("issuerCertificateId", issuerId);
            }
            stats.add(new RTCStats(id, RTCStatsType.CERTIFICATE, now, members));
        }
        return id;
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
