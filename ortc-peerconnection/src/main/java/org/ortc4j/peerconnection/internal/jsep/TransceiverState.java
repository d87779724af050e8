package org.ortc4j.peerconnection.internal.jsep;

import java.util.List;
import java.util.Objects;
import org.ortc4j.rtp.RTCRtpCodecCapability;
import org.ortc4j.rtp.RTCRtpTransceiverDirection;

/**
 * What the peer connection tells the builders about one transceiver: the input of an offer or
 * answer, not a negotiated state.
 *
 * @param id the peer connection's own transceiver number, copied into the sections built for it
 * @param mid the mid once negotiated or taken from a remote offer, {@code null} before
 * @param kind "audio" or "video"
 * @param direction the transceiver's direction; STOPPED makes its section rejected
 * @param codecPreferences setCodecPreferences's list, empty when not set
 * @param streamIds the sender's stream ids (written as msid), empty for none
 * @param trackId the sender's track id, {@code null} without a track
 * @param ssrc the sender's SSRC (unsigned 32 bits)
 * @param rtxSsrc the sender's RTX SSRC (video), {@code null} without RTX
 * @param cname the RTCP CNAME (RFC 7022), shared by the peer connection's senders
 * @param sendRids the rids of the sender's encodings when it sends simulcast (RFC 8853), empty
 *     for a single encoding
 */
public record TransceiverState(int id, String mid, String kind, RTCRtpTransceiverDirection direction,
        List<RTCRtpCodecCapability> codecPreferences, List<String> streamIds, String trackId,
        long ssrc, Long rtxSsrc, String cname, List<String> sendRids) {

    /** Checks and copies. */
    public TransceiverState {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(cname, "cname");
        codecPreferences = codecPreferences == null ? List.of() : List.copyOf(codecPreferences);
        streamIds = streamIds == null ? List.of() : List.copyOf(streamIds);
        sendRids = sendRids == null ? List.of() : List.copyOf(sendRids);
    }

    /** A state without simulcast. */
    public TransceiverState(int id, String mid, String kind, RTCRtpTransceiverDirection direction,
            List<RTCRtpCodecCapability> codecPreferences, List<String> streamIds, String trackId,
            long ssrc, Long rtxSsrc, String cname) {
        this(id, mid, kind, direction, codecPreferences, streamIds, trackId, ssrc, rtxSsrc, cname, List.of());
    }

    /** This state with a mid. */
    public TransceiverState withMid(String newMid) {
        return new TransceiverState(id, newMid, kind, direction, codecPreferences, streamIds, trackId, ssrc, rtxSsrc, cname,
                sendRids);
    }

    /** Whether the transceiver is stopped (W3C WebRTC §5.4: its section is rejected). */
    public boolean stopped() {
        return direction == RTCRtpTransceiverDirection.STOPPED;
    }
}
