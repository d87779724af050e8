package org.ortc4j.peerconnection.internal.jsep;

import java.util.List;
import java.util.Optional;
import org.ortc4j.dtls.RTCDtlsFingerprint;
import org.ortc4j.ice.RTCIceParameters;
import org.ortc4j.rtp.RTCRtpCodecParameters;
import org.ortc4j.rtp.RTCRtpHeaderExtensionParameters;
import org.ortc4j.sdp.CandidateAttribute;
import org.ortc4j.sdp.MediaDirection;
import org.ortc4j.sdp.MsidAttribute;
import org.ortc4j.sdp.RidAttribute;
import org.ortc4j.sdp.SetupRole;
import org.ortc4j.sdp.SimulcastAttribute;

/**
 * The facts of one m-section of a remote description, as {@link RemoteDescriptionReader} reads them.
 *
 * @param index the m-line index, from 0
 * @param mid the mid; when the section has none (only allowed outside BUNDLE) the index as text
 * @param midSignalled whether a=mid was present
 * @param kind the media type: audio, video, application or anything else
 * @param protocol the m-line protocol
 * @param port the m-line port
 * @param rejected port 0 without bundle-only (RFC 3264 §6; RFC 8843 §6)
 * @param bundleOnly port 0 with a=bundle-only
 * @param direction the direction, sendrecv when absent (RFC 3264 §5.1)
 * @param codecs the formats we could read, in m-line order, with fmtp parameters and rtcp-fb
 *     (a wildcard {@code a=rtcp-fb:*} applied to each)
 * @param unreadableFormats how many formats had no usable rtpmap (dropped)
 * @param headerExtensions the extmaps
 * @param streams the SSRCs with their RTX pairs
 * @param rids the a=rid lines (RFC 8851)
 * @param simulcast the a=simulcast line (RFC 8853), {@code null} without
 * @param msids the a=msid lines (RFC 8830)
 * @param ice the ICE credentials (section level, else session level), {@code null} when absent
 * @param candidates a=candidate lines
 * @param endOfCandidates a=end-of-candidates
 * @param fingerprints DTLS fingerprints (section level, else session level)
 * @param setup a=setup, {@code null} when absent
 * @param sctpPort the SCTP port for application sections (a=sctp-port, a=sctpmap or the legacy
 *     m-line format), {@code null} otherwise
 * @param maxMessageSize a=max-message-size, 65536 when absent (RFC 8841 §6.1)
 * @param legacySctp whether the section uses the {@code DTLS/SCTP <port>} syntax
 * @param rtcpMux a=rtcp-mux
 * @param rtcpRsize a=rtcp-rsize
 */
public record RemoteSection(int index, String mid, boolean midSignalled, String kind, String protocol, int port,
        boolean rejected, boolean bundleOnly, MediaDirection direction, List<RTCRtpCodecParameters> codecs,
        int unreadableFormats, List<RTCRtpHeaderExtensionParameters> headerExtensions, List<RemoteStream> streams,
        List<RidAttribute> rids, SimulcastAttribute simulcast, List<MsidAttribute> msids, RTCIceParameters ice,
        List<CandidateAttribute> candidates, boolean endOfCandidates, List<RTCDtlsFingerprint> fingerprints,
        SetupRole setup, Integer sctpPort, long maxMessageSize, boolean legacySctp, boolean rtcpMux,
        boolean rtcpRsize) {

    /** Copies the lists. */
    public RemoteSection {
        codecs = List.copyOf(codecs);
        headerExtensions = List.copyOf(headerExtensions);
        streams = List.copyOf(streams);
        rids = List.copyOf(rids);
        msids = List.copyOf(msids);
        candidates = List.copyOf(candidates);
        fingerprints = List.copyOf(fingerprints);
    }

    /** Whether this is an RTP media section (audio or video over an RTP profile). */
    public boolean isMedia() {
        return (kind.equals("audio") || kind.equals("video")) && protocol.contains("RTP/");
    }

    /** Whether this is a data-channel section (RFC 8841). */
    public boolean isData() {
        return kind.equals("application") && protocol.contains("SCTP");
    }

    /** The first msid's stream ids (all a=msid lines), for the track event. */
    public List<String> streamIds() {
        return msids.stream().map(MsidAttribute::streamId).filter(id -> !id.equals("-")).distinct().toList();
    }

    /** The msid track id, from a=msid or else from the first ssrc's msid. */
    public Optional<String> trackId() {
        Optional<String> fromMsid = msids.stream().map(MsidAttribute::trackId).filter(t -> t != null).findFirst();
        return fromMsid.isPresent() ? fromMsid
                : streams.stream().map(RemoteStream::trackId).filter(t -> t != null).findFirst();
    }
}
