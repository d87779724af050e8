package org.ortc4j.ice;

/**
 * The type of a stats object (W3C webrtc-stats §3.1 {@code RTCStatsType}): which dictionary its
 * members follow.
 */
public enum RTCStatsType {
    /** {@code RTCRtpContributingSourceStats}. */
    CSRC("csrc"),
    /** {@code RTCInboundRtpStreamStats}: a stream we receive. */
    INBOUND_RTP("inbound-rtp"),
    /** {@code RTCOutboundRtpStreamStats}: a stream we send. */
    OUTBOUND_RTP("outbound-rtp"),
    /** {@code RTCRemoteInboundRtpStreamStats}: our stream as the peer's receiver reports say it arrives. */
    REMOTE_INBOUND_RTP("remote-inbound-rtp"),
    /** {@code RTCRemoteOutboundRtpStreamStats}: the peer's stream as its sender reports describe it. */
    REMOTE_OUTBOUND_RTP("remote-outbound-rtp"),
    /** {@code RTCAudioSourceStats} or {@code RTCVideoSourceStats}: a track we send. */
    MEDIA_SOURCE("media-source"),
    /** {@code RTCAudioPlayoutStats}. */
    MEDIA_PLAYOUT("media-playout"),
    /** {@code RTCCodecStats}: a codec in use by some stream. */
    CODEC("codec"),
    /** {@code RTCPeerConnectionStats}. */
    PEER_CONNECTION("peer-connection"),
    /** {@code RTCDataChannelStats}. */
    DATA_CHANNEL("data-channel"),
    /** {@code RTCTransportStats}: an ICE and DTLS transport. */
    TRANSPORT("transport"),
    /** {@code RTCIceCandidatePairStats}. */
    CANDIDATE_PAIR("candidate-pair"),
    /** {@code RTCIceCandidateStats} of one of our candidates. */
    LOCAL_CANDIDATE("local-candidate"),
    /** {@code RTCIceCandidateStats} of one of the peer's candidates. */
    REMOTE_CANDIDATE("remote-candidate"),
    /** {@code RTCCertificateStats}. */
    CERTIFICATE("certificate");

    private final String value;

    RTCStatsType(String value) {
        this.value = value;
    }

    /** The W3C string, such as {@code "inbound-rtp"}. */
    public String value() {
        return value;
    }

    /**
     * The type named by a W3C string (case-sensitive, as WebIDL enums are).
     *
     * @throws IllegalArgumentException if {@code value} names no stats type
     */
    public static RTCStatsType fromValue(String value) {
        if (value != null) {
            for (RTCStatsType type : values()) {
                if (type.value.equals(value)) {
                    return type;
                }
            }
        }
        throw new IllegalArgumentException("not an RTCStatsType: " + value);
    }

    @Override
    public String toString() {
        return value;
    }
}
