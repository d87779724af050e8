package org.ortc4j.peerconnection.internal.jsep;

import java.util.List;
import java.util.Objects;
import org.ortc4j.rtp.RTCRtpCodecParameters;
import org.ortc4j.rtp.RTCRtpHeaderExtensionParameters;
import org.ortc4j.sdp.MediaDirection;
import org.ortc4j.sdp.RidAttribute;
import org.ortc4j.sdp.SimulcastAttribute;

/**
 * A media m-section of a description we wrote: what one transceiver put in our offer or answer.
 *
 * @param transceiverId the {@link TransceiverState#id()} it was built from, -1 when none
 * @param mid the mid
 * @param kind "audio" or "video" (or another media type, only as a rejected section)
 * @param protocol the m-line protocol, normally UDP/TLS/RTP/SAVPF
 * @param direction the direction written
 * @param codecs the formats in m-line order, rtx included (with its apt parameter)
 * @param headerExtensions the extmap lines
 * @param ssrc our sending SSRC, {@code null} when we do not send (no ssrc lines)
 * @param rtxSsrc our RTX SSRC, {@code null} without RTX
 * @param cname the CNAME written with the SSRCs
 * @param streamIds the msid stream ids; empty writes {@code a=msid:-} when a track is sent
 * @param trackId the msid track id, {@code null} when we do not send
 * @param rejected port 0: rejected or stopped
 * @param bundleOnly port 0 with a=bundle-only (RFC 8843 §6)
 * @param rtcpRsize whether a=rtcp-rsize is written (RFC 5506)
 * @param rids the a=rid lines (RFC 8851): send rids of our simulcast, or recv rids answering the
 *     remote's; empty without simulcast
 * @param simulcast the a=simulcast line (RFC 8853), {@code null} without simulcast
 */
public record LocalSection(int transceiverId, String mid, String kind, String protocol, MediaDirection direction,
        List<RTCRtpCodecParameters> codecs, List<RTCRtpHeaderExtensionParameters> headerExtensions,
        Long ssrc, Long rtxSsrc, String cname, List<String> streamIds, String trackId,
        boolean rejected, boolean bundleOnly, boolean rtcpRsize, List<RidAttribute> rids, SimulcastAttribute simulcast)
        implements Section {

    /** Checks and copies. */
    public LocalSection {
        Objects.requireNonNull(mid, "mid");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(direction, "direction");
        codecs = List.copyOf(codecs);
        headerExtensions = List.copyOf(headerExtensions);
        streamIds = List.copyOf(streamIds);
        rids = List.copyOf(rids);
    }

    /** A section without simulcast. */
    public LocalSection(int transceiverId, String mid, String kind, String protocol, MediaDirection direction,
            List<RTCRtpCodecParameters> codecs, List<RTCRtpHeaderExtensionParameters> headerExtensions,
            Long ssrc, Long rtxSsrc, String cname, List<String> streamIds, String trackId,
            boolean rejected, boolean bundleOnly, boolean rtcpRsize) {
        this(transceiverId, mid, kind, protocol, direction, codecs, headerExtensions, ssrc, rtxSsrc, cname, streamIds,
                trackId, rejected, bundleOnly, rtcpRsize, List.of(), null);
    }

    /** This section written bundle-only (port 0, a=bundle-only). */
    public LocalSection asBundleOnly() {
        return new LocalSection(transceiverId, mid, kind, protocol, direction, codecs, headerExtensions, ssrc, rtxSsrc,
                cname, streamIds, trackId, false, true, rtcpRsize, rids, simulcast);
    }
}
