package org.ortc4j.peerconnection.internal.jsep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.ortc4j.dtls.RTCDtlsFingerprint;
import org.ortc4j.rtp.RTCRtcpFeedback;
import org.ortc4j.rtp.RTCRtpCodecParameters;
import org.ortc4j.rtp.RTCRtpHeaderExtensionParameters;
import org.ortc4j.sdp.CandidateAttribute;
import org.ortc4j.sdp.ConnectionData;
import org.ortc4j.sdp.DirectionAttribute;
import org.ortc4j.sdp.ExtmapAttribute;
import org.ortc4j.sdp.FingerprintAttribute;
import org.ortc4j.sdp.FmtpAttribute;
import org.ortc4j.sdp.GroupAttribute;
import org.ortc4j.sdp.IceOptionsAttribute;
import org.ortc4j.sdp.IcePwdAttribute;
import org.ortc4j.sdp.IceUfragAttribute;
import org.ortc4j.sdp.MaxMessageSizeAttribute;
import org.ortc4j.sdp.MediaDescription;
import org.ortc4j.sdp.MediaDirection;
import org.ortc4j.sdp.MidAttribute;
import org.ortc4j.sdp.MsidAttribute;
import org.ortc4j.sdp.MsidSemanticAttribute;
import org.ortc4j.sdp.Origin;
import org.ortc4j.sdp.PropertyAttribute;
import org.ortc4j.sdp.RtcpAttribute;
import org.ortc4j.sdp.RtcpFbAttribute;
import org.ortc4j.sdp.RtpMapAttribute;
import org.ortc4j.sdp.SctpPortAttribute;
import org.ortc4j.sdp.SctpmapAttribute;
import org.ortc4j.sdp.SessionDescription;
import org.ortc4j.sdp.SetupAttribute;
import org.ortc4j.sdp.SsrcAttribute;
import org.ortc4j.sdp.SsrcGroupAttribute;

/**
 * Turns a {@link LocalDescription} into ortc-sdp's model, in the order and shape Chromium writes
 * (so that peers tested against browsers read us without surprises).
 */
public final class DescriptionWriter {

    /** RFC 9429 §5.2.1: the m= port and c= address before any candidate is known. */
    static final int DISCARD_PORT = 9;
    static final String RTP_PROTOCOL = "UDP/TLS/RTP/SAVPF";
    static final String SCTP_PROTOCOL = "UDP/DTLS/SCTP";
    static final String LEGACY_SCTP_PROTOCOL = "DTLS/SCTP";

    private DescriptionWriter() {
    }

    /** The SDP model of a description. */
    public static SessionDescription write(LocalDescription description) {
        // RFC 9429 §5.2.1: o=- <sess-id> <sess-version> IN IP4 127.0.0.1, a placeholder address.
        SessionDescription.Builder session = SessionDescription.builder(new Origin("-", description.sessionId(),
                Long.toString(description.sessionVersion()), "IN", "IP4", "127.0.0.1"));
        for (List<String> group : description.bundleGroups()) {
            if (!group.isEmpty()) {
                session.attribute(new GroupAttribute(GroupAttribute.BUNDLE, group));
            }
        }
        boolean hasMedia = !description.mediaSections().isEmpty();
        if (hasMedia) {
            // RFC 8285 §6 and RFC 9429 §5.2.1: we read one- and two-byte headers mixed.
            session.attribute(PropertyAttribute.EXTMAP_ALLOW_MIXED);
        }
        // RFC 8830 §2 (WMS is the legacy semantic browsers still write and read).
        Set<String> streams = new LinkedHashSet<>();
        description.mediaSections().forEach(s -> {
            if (s.trackId() != null) {
                streams.addAll(s.streamIds());
            }
        });
        session.attribute(MsidSemanticAttribute.of("WMS", List.copyOf(streams)));
        for (Section section : description.sections()) {
            session.media(section instanceof LocalSection media ? media(media, description)
                    : data((DataSection) section, description));
        }
        return session.build();
    }

    private static MediaDescription media(LocalSection section, LocalDescription description) {
        List<String> formats = new ArrayList<>();
        section.codecs().forEach(c -> formats.add(Integer.toString(c.payloadType())));
        if (formats.isEmpty()) {
            // RFC 3264 §6: a rejected stream still needs a format; any one will do.
            formats.add("0");
        }
        LocalTransport transport = description.transports().get(section.mid());
        MediaDescription.Builder m = MediaDescription.builder(section.kind(), 0, section.protocol(), formats);
        if (!section.rejected()) {
            writeTransport(m, section.mid(), section.bundleOnly(), transport, description);
            m.attribute(new RtcpAttribute(DISCARD_PORT, ConnectionData.ip4("0.0.0.0")));
            writeCandidates(m, transport);
        } else {
            m.connection(ConnectionData.ip4("0.0.0.0"));
        }
        if (!section.rejected()) {
            writeSecurity(m, transport, description);
        }
        m.attribute(new MidAttribute(section.mid()));
        if (section.bundleOnly()) {
            m.attribute(PropertyAttribute.BUNDLE_ONLY);
        }
        if (section.rejected()) {
            m.attribute(new DirectionAttribute(MediaDirection.INACTIVE));
            return m.build();
        }
        for (RTCRtpHeaderExtensionParameters extension : section.headerExtensions()) {
            m.attribute(new ExtmapAttribute(extension.id(), extension.uri()));
        }
        m.attribute(new DirectionAttribute(section.direction()));
        boolean sends = section.trackId() != null && section.ssrc() != null;
        if (section.trackId() != null) {
            // RFC 8830 §2: "a=msid:<stream id> <track id>"; "-" when the track has no stream.
            if (section.streamIds().isEmpty()) {
                m.attribute(new MsidAttribute("-", section.trackId()));
            }
            for (String stream : section.streamIds()) {
                m.attribute(new MsidAttribute(stream, section.trackId()));
            }
        }
        m.attribute(PropertyAttribute.RTCP_MUX);
        if (section.rtcpRsize()) {
            m.attribute(PropertyAttribute.RTCP_RSIZE);
        }
        for (RTCRtpCodecParameters codec : section.codecs()) {
            String name = codec.mimeType().substring(codec.mimeType().indexOf('/') + 1);
            Integer channels = codec.kind().equals("audio") && codec.channels() != null && codec.channels() != 1
                    ? codec.channels() : null;
            m.attribute(new RtpMapAttribute(codec.payloadType(), name, codec.clockRate(), channels));
            for (RTCRtcpFeedback feedback : codec.rtcpFeedback()) {
                m.attribute(new RtcpFbAttribute(codec.payloadType(), feedback.type(), feedback.parameter()));
            }
            if (!codec.parameters().isEmpty()) {
                Map<String, String> fmtp = new LinkedHashMap<>();
                // A key with an empty value was a bare token (see RemoteDescriptionReader): written bare.
                codec.parameters().forEach((key, value) -> fmtp.put(key, value.isEmpty() ? null : value));
                m.attribute(FmtpAttribute.of(codec.payloadType(), fmtp));
            }
        }
        section.rids().forEach(m::attribute);
        if (section.simulcast() != null) {
            m.attribute(section.simulcast());
        }
        if (sends) {
            String msid = (section.streamIds().isEmpty() ? "-" : section.streamIds().get(0)) + " " + section.trackId();
            if (section.rtxSsrc() != null) {
                // RFC 4588 §8.3 / RFC 5576 §4.2: the FID group pairs the original and its RTX stream.
                m.attribute(new SsrcGroupAttribute("FID", List.of(section.ssrc(), section.rtxSsrc())));
            }
            writeSsrc(m, section.ssrc(), section.cname(), msid);
            if (section.rtxSsrc() != null) {
                writeSsrc(m, section.rtxSsrc(), section.cname(), msid);
            }
        }
        return m.build();
    }

    private static void writeSsrc(MediaDescription.Builder m, long ssrc, String cname, String msid) {
        // RFC 5576 §6.1: "cname" is the one source attribute every ssrc line set must carry.
        m.attribute(new SsrcAttribute(ssrc, "cname", cname));
        m.attribute(new SsrcAttribute(ssrc, "msid", msid));
    }

    private static MediaDescription data(DataSection section, LocalDescription description) {
        String protocol = section.legacy() ? LEGACY_SCTP_PROTOCOL : SCTP_PROTOCOL;
        // RFC 8841 §4.1: the format of UDP/DTLS/SCTP is "webrtc-datachannel"; the legacy syntax
        // puts the SCTP port in the format list (draft-ietf-mmusic-sctp-sdp-05).
        String format = section.legacy() ? Integer.toString(section.sctpPort()) : "webrtc-datachannel";
        MediaDescription.Builder m = MediaDescription.builder("application", 0, protocol, List.of(format));
        LocalTransport transport = description.transports().get(section.mid());
        if (section.rejected()) {
            m.connection(ConnectionData.ip4("0.0.0.0"));
            m.attribute(new MidAttribute(section.mid()));
            return m.build();
        }
        writeTransport(m, section.mid(), section.bundleOnly(), transport, description);
        writeCandidates(m, transport);
        writeSecurity(m, transport, description);
        m.attribute(new MidAttribute(section.mid()));
        if (section.bundleOnly()) {
            m.attribute(PropertyAttribute.BUNDLE_ONLY);
        }
        if (section.legacy()) {
            m.attribute(new SctpmapAttribute(section.sctpPort(), "webrtc-datachannel", 65535));
        } else {
            m.attribute(new SctpPortAttribute(section.sctpPort()));
        }
        m.attribute(new MaxMessageSizeAttribute(section.maxMessageSize()));
        return m.build();
    }

    /** The m= port and c= line: the default candidate's when there is one (RFC 8839 §4.2.1.1). */
    private static void writeTransport(MediaDescription.Builder m, String mid, boolean bundleOnly,
            LocalTransport transport, LocalDescription description) {
        if (bundleOnly) {
            // RFC 8843 §6: a bundle-only m-section has port zero.
            m.port(0);
            m.connection(ConnectionData.ip4("0.0.0.0"));
            return;
        }
        CandidateAttribute chosen = null;
        if (transport != null) {
            for (CandidateAttribute candidate : transport.candidates()) {
                if (candidate.component() == 1 && candidate.transport().equalsIgnoreCase("udp")
                        && !candidate.address().toLowerCase(Locale.ROOT).endsWith(".local")) {
                    chosen = candidate;
                    break;
                }
            }
        }
        if (chosen == null) {
            m.port(DISCARD_PORT);
            m.connection(ConnectionData.ip4("0.0.0.0"));
        } else {
            m.port(chosen.port());
            m.connection(chosen.address().contains(":") ? ConnectionData.ip6(chosen.address())
                    : ConnectionData.ip4(chosen.address()));
        }
    }

    private static void writeCandidates(MediaDescription.Builder m, LocalTransport transport) {
        if (transport == null) {
            return;
        }
        transport.candidates().forEach(m::attribute);
        if (transport.endOfCandidates()) {
            m.attribute(PropertyAttribute.END_OF_CANDIDATES);
        }
    }

    private static void writeSecurity(MediaDescription.Builder m, LocalTransport transport, LocalDescription description) {
        if (transport == null) {
            throw new IllegalStateException("no transport for a section that is not rejected");
        }
        m.attribute(new IceUfragAttribute(transport.ice().usernameFragment()));
        m.attribute(new IcePwdAttribute(transport.ice().password()));
        // RFC 8840 §4.1.3: trickle support is announced with ice-options:trickle.
        m.attribute(new IceOptionsAttribute(List.of("trickle")));
        for (RTCDtlsFingerprint fingerprint : transport.fingerprints()) {
            m.attribute(new FingerprintAttribute(fingerprint.algorithm(), fingerprint.value()));
        }
        m.attribute(new SetupAttribute(description.setup()));
    }
}
