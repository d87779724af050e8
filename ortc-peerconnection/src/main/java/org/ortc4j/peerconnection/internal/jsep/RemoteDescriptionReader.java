package org.ortc4j.peerconnection.internal.jsep;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.ortc4j.dtls.RTCDtlsFingerprint;
import org.ortc4j.ice.RTCIceParameters;
import org.ortc4j.rtp.RTCRtcpFeedback;
import org.ortc4j.rtp.RTCRtpCodecParameters;
import org.ortc4j.rtp.RTCRtpHeaderExtensionParameters;
import org.ortc4j.sdp.ExtmapAttribute;
import org.ortc4j.sdp.FingerprintAttribute;
import org.ortc4j.sdp.FmtpAttribute;
import org.ortc4j.sdp.MediaDescription;
import org.ortc4j.sdp.MediaDirection;
import org.ortc4j.sdp.PropertyAttribute;
import org.ortc4j.sdp.RTCSdpType;
import org.ortc4j.sdp.RTCSessionDescription;
import org.ortc4j.sdp.RtcpFbAttribute;
import org.ortc4j.sdp.RtpMapAttribute;
import org.ortc4j.sdp.SessionDescription;
import org.ortc4j.sdp.SetupRole;
import org.ortc4j.sdp.SsrcAttribute;
import org.ortc4j.sdp.SsrcGroupAttribute;

/**
 * Reads a remote {@link RTCSessionDescription} into {@link RemoteDescription} facts, checking the
 * JSEP rules a description must follow before it can be applied (RFC 9429 §5.8).
 *
 * <p>Failures are {@link JsepException}s: SDP that does not parse is {@code SyntaxError}; SDP that
 * parses but breaks a rule (a BUNDLE group naming a missing mid, a bundled section without a
 * mid, duplicate mids, duplicate payload types, no ICE credentials or fingerprint in a used
 * section, actpass in an answer) is {@code InvalidAccessError}. Formats we cannot read (no
 * rtpmap, an encoding name that is not a media subtype) are skipped, not errors: the section may
 * still have codecs we share.
 */
public final class RemoteDescriptionReader {

    // RFC 8841 §6.1: without a=max-message-size the default is 64K.
    static final long DEFAULT_MAX_MESSAGE_SIZE = 65_536;

    // RFC 3551 §6 Table 4: static payload types an offer may use without a=rtpmap.
    private static final Map<Integer, RtpMapAttribute> STATIC_TYPES = Map.of(
            0, new RtpMapAttribute(0, "PCMU", 8000, null),
            8, new RtpMapAttribute(8, "PCMA", 8000, null),
            9, new RtpMapAttribute(9, "G722", 8000, null));

    private RemoteDescriptionReader() {
    }

    /**
     * Reads and checks a description.
     *
     * @throws JsepException SYNTAX when the SDP does not parse, INVALID_ACCESS when it breaks a
     *     JSEP rule, OPERATION for a rollback (which has no SDP to read)
     */
    public static RemoteDescription read(RTCSessionDescription description) {
        if (description.type() == RTCSdpType.ROLLBACK) {
            throw new JsepException(JsepException.Kind.OPERATION, "a rollback has no description to read");
        }
        SessionDescription sdp;
        try {
            sdp = description.parse();
        } catch (IllegalArgumentException e) {
            throw new JsepException(JsepException.Kind.SYNTAX, "the " + description.type() + " is not valid SDP: "
                    + e.getMessage(), e);
        }
        return read(description.type(), sdp);
    }

    /** Reads and checks parsed SDP (see {@link #read(RTCSessionDescription)}). */
    public static RemoteDescription read(RTCSdpType type, SessionDescription sdp) {
        List<List<String>> groups = sdp.bundleGroups().stream().map(g -> List.copyOf(g.mids())).toList();
        Set<String> bundled = new HashSet<>();
        groups.forEach(bundled::addAll);
        List<RemoteSection> sections = new ArrayList<>();
        Set<String> mids = new HashSet<>();
        List<MediaDescription> media = sdp.media();
        for (int index = 0; index < media.size(); index++) {
            MediaDescription m = media.get(index);
            Optional<String> mid = m.mid();
            if (mid.isEmpty() && !groups.isEmpty()) {
                // RFC 8843 §7.2.1 / RFC 9429 §5.8: with BUNDLE every m-section carries a mid.
                throw invalid("m-section " + index + " (" + m.media() + ") has no a=mid but the description uses BUNDLE");
            }
            String id = mid.orElse(Integer.toString(index));
            if (!mids.add(id)) {
                // RFC 5888 §4: a mid is unique within the session description.
                throw invalid("mid \"" + id + "\" is used by more than one m-section");
            }
            sections.add(section(type, sdp, m, index, id, mid.isPresent(), bundled.contains(id)));
        }
        for (List<String> group : groups) {
            for (String mid : group) {
                if (!mids.contains(mid)) {
                    // RFC 5888 §5: a group names mids of the description.
                    throw invalid("a=group:BUNDLE names mid \"" + mid + "\" but no m-section has it");
                }
            }
        }
        RemoteDescription result = new RemoteDescription(type, sdp.origin().sessionId(), sdp.origin().sessionVersion(),
                sections, groups, sdp.iceLite(), sdp.extmapAllowMixed(), sdp);
        for (RemoteSection section : result.sections()) {
            checkTransport(type, result, section);
        }
        return result;
    }

    private static void checkTransport(RTCSdpType type, RemoteDescription description, RemoteSection section) {
        if (section.rejected()) {
            return;
        }
        RemoteSection transport = description.transportSection(section);
        if (transport.rejected() && transport != section) {
            // RFC 8843 §7.3.3: a group whose tagged section is rejected is not used; the section
            // falls back to its own transport attributes.
            transport = section;
        }
        if (transport.ice() == null) {
            // RFC 8839 §5.4: ICE needs the peer's ice-ufrag and ice-pwd.
            throw invalid("m-section " + section.mid() + " has no a=ice-ufrag/a=ice-pwd");
        }
        if (transport.fingerprints().isEmpty()) {
            // RFC 8827 §6.5 and RFC 8122 §5: DTLS-SRTP needs the peer's certificate fingerprint.
            throw invalid("m-section " + section.mid() + " has no a=fingerprint");
        }
        if (type != RTCSdpType.OFFER && transport.setup() == SetupRole.ACTPASS) {
            // RFC 5763 §5: the answerer uses setup:active or setup:passive, never actpass.
            throw invalid("the answer's m-section " + section.mid() + " has a=setup:actpass");
        }
    }

    private static RemoteSection section(RTCSdpType type, SessionDescription sdp, MediaDescription m, int index,
            String mid, boolean midSignalled, boolean bundled) {
        String kind = m.media().toLowerCase(Locale.ROOT);
        boolean bundleOnly = m.has(PropertyAttribute.BUNDLE_ONLY);
        boolean rejected = m.port() == 0 && !(bundleOnly && bundled);
        // RFC 3264 §5.1: without a direction attribute a stream is sendrecv;
        // RFC 8866 §6.7 lets the session level set it for all sections.
        MediaDirection direction = m.direction().or(sdp::direction).orElse(MediaDirection.SENDRECV);
        List<RTCRtpCodecParameters> codecs = new ArrayList<>();
        int unreadable = 0;
        List<RTCRtpHeaderExtensionParameters> extensions = new ArrayList<>();
        if (m.isRtp()) {
            unreadable = readCodecs(m, kind, codecs);
            Set<Integer> ids = new HashSet<>();
            for (ExtmapAttribute extmap : extmaps(sdp, m)) {
                if (extmap.id() <= 255 && ids.add(extmap.id())) {
                    extensions.add(new RTCRtpHeaderExtensionParameters(extmap.id(), extmap.uri()));
                } else if (extmap.id() <= 255) {
                    // RFC 8285 §5: a local identifier maps one extension in a section.
                    throw invalid("m-section " + mid + " maps extmap id " + extmap.id() + " more than once");
                }
            }
        }
        RTCIceParameters ice = null;
        Optional<String> ufrag = m.iceUfrag().or(sdp::iceUfrag);
        Optional<String> pwd = m.icePwd().or(sdp::icePwd);
        if (ufrag.isPresent() && pwd.isPresent()) {
            try {
                ice = new RTCIceParameters(ufrag.get(), pwd.get(), sdp.iceLite());
            } catch (IllegalArgumentException e) {
                // RFC 8839 §5.4: ufrag 4..256 and pwd 22..256 ice-chars.
                throw invalid("m-section " + mid + " has unusable ICE credentials: " + e.getMessage());
            }
        }
        List<FingerprintAttribute> fingerprintLines = m.fingerprints().isEmpty() ? sdp.fingerprints() : m.fingerprints();
        List<RTCDtlsFingerprint> fingerprints = new ArrayList<>();
        for (FingerprintAttribute line : fingerprintLines) {
            try {
                fingerprints.add(new RTCDtlsFingerprint(line.hashFunction().toLowerCase(Locale.ROOT), line.fingerprint()));
            } catch (IllegalArgumentException e) {
                throw invalid("m-section " + mid + " has an unusable fingerprint: " + e.getMessage());
            }
        }
        Integer sctpPort = null;
        boolean legacy = false;
        if (kind.equals("application")) {
            legacy = m.protocol().equalsIgnoreCase("DTLS/SCTP");
            sctpPort = m.sctpPort().orElse(null);
            if (sctpPort == null && legacy && !m.formats().isEmpty()) {
                // draft-ietf-mmusic-sctp-sdp-05 §4: the legacy format list is the SCTP port.
                sctpPort = parseInt(m.formats().get(0)).orElse(DataSection.DEFAULT_SCTP_PORT);
            }
            if (sctpPort == null && m.isSctp()) {
                // RFC 8841 §5: 5000 is the SCTP port when a=sctp-port is absent.
                sctpPort = DataSection.DEFAULT_SCTP_PORT;
            }
        }
        long maxMessageSize = m.maxMessageSize().orElse(DEFAULT_MAX_MESSAGE_SIZE);
        return new RemoteSection(index, mid, midSignalled, kind, m.protocol(), m.port(), rejected, bundleOnly,
                direction, codecs, unreadable, extensions, streams(m), m.rids(), m.simulcast().orElse(null), m.msids(),
                ice, m.candidates(), m.endOfCandidates() || sdp.has(PropertyAttribute.END_OF_CANDIDATES), fingerprints,
                m.setup().or(sdp::setup).orElse(null), sctpPort, maxMessageSize, legacy,
                m.rtcpMux(), m.rtcpRsize());
    }

    private static List<ExtmapAttribute> extmaps(SessionDescription sdp, MediaDescription m) {
        // RFC 8285 §5: extmap may appear at session level, applying to every section.
        List<ExtmapAttribute> all = new ArrayList<>(sdp.extmaps());
        all.addAll(m.extmaps());
        return all;
    }

    /** Reads the formats; returns how many could not be read. */
    private static int readCodecs(MediaDescription m, String kind, List<RTCRtpCodecParameters> codecs) {
        Set<Integer> seen = new HashSet<>();
        Map<Integer, RtpMapAttribute> maps = new HashMap<>();
        for (RtpMapAttribute map : m.rtpMaps()) {
            RtpMapAttribute earlier = maps.putIfAbsent(map.payloadType(), map);
            if (earlier != null && !earlier.equals(map)) {
                // RFC 3264 §5.1: a payload type names one format within a section.
                throw invalid("m-section " + m.mid().orElse("?") + " maps payload type " + map.payloadType()
                        + " to both " + earlier.encodingName() + " and " + map.encodingName());
            }
        }
        List<RTCRtcpFeedback> wildcard = feedback(m.rtcpFeedback(RtcpFbAttribute.WILDCARD));
        int unreadable = 0;
        for (Integer pt : m.payloadTypes()) {
            if (!seen.add(pt)) {
                throw invalid("m-section " + m.mid().orElse("?") + " lists payload type " + pt + " twice");
            }
            RtpMapAttribute map = maps.getOrDefault(pt, STATIC_TYPES.get(pt));
            if (map == null) {
                unreadable++;
                continue;
            }
            try {
                Map<String, String> parameters = new LinkedHashMap<>();
                // RFC 8866 §6.15: fmtp is format-specific text; a bare token (red's "111/111",
                // telephone-event's "0-16") becomes a key with an empty value.
                m.fmtp(pt).map(FmtpAttribute::parameterMap).orElse(Map.of())
                        .forEach((key, value) -> parameters.put(key, value == null ? "" : value));
                List<RTCRtcpFeedback> fb = new ArrayList<>(feedback(m.rtcpFeedback(pt)));
                // RFC 4585 §4.2: the wildcard "*" applies to every payload type of the section.
                wildcard.stream().filter(f -> !fb.contains(f)).forEach(fb::add);
                // RFC 8866 §6.6: audio channels may be omitted when there is one.
                Integer channels = !kind.equals("audio") ? null
                        : map.encodingParameters() == null ? Integer.valueOf(1) : map.encodingParameters();
                codecs.add(RTCRtpCodecParameters.newBuilder(kind + "/" + map.encodingName(), map.clockRate(), pt)
                        .channels(channels).parameters(parameters).rtcpFeedback(fb).build());
            } catch (IllegalArgumentException e) {
                unreadable++;
            }
        }
        return unreadable;
    }

    private static List<RTCRtcpFeedback> feedback(List<RtcpFbAttribute> lines) {
        List<RTCRtcpFeedback> result = new ArrayList<>();
        for (RtcpFbAttribute line : lines) {
            try {
                RTCRtcpFeedback fb = new RTCRtcpFeedback(line.type(), line.parameter());
                if (!result.contains(fb)) {
                    result.add(fb);
                }
            } catch (IllegalArgumentException e) {
                // An rtcp-fb we cannot represent is feedback we do not use: skipped.
            }
        }
        return result;
    }

    /** The SSRCs of a section, RTX SSRCs folded into their FID group's media SSRC. */
    private static List<RemoteStream> streams(MediaDescription m) {
        Map<Long, String[]> bySsrc = new LinkedHashMap<>();
        for (SsrcAttribute line : m.ssrcs()) {
            String[] facts = bySsrc.computeIfAbsent(line.ssrc(), k -> new String[3]);
            if (line.attribute().equals("cname")) {
                facts[0] = line.attributeValue();
            } else if (line.attribute().equals("msid") && line.attributeValue() != null) {
                String[] parts = line.attributeValue().trim().split(" +", 2);
                facts[1] = parts[0];
                facts[2] = parts.length > 1 ? parts[1] : null;
            }
        }
        for (SsrcGroupAttribute group : m.attributes(SsrcGroupAttribute.class)) {
            // RFC 5576 §4.2: a group names its SSRCs even when no a=ssrc line describes them.
            group.ssrcs().forEach(ssrc -> bySsrc.computeIfAbsent(ssrc, k -> new String[3]));
        }
        Map<Long, Long> rtxOf = new HashMap<>();
        Set<Long> repair = new HashSet<>();
        for (SsrcGroupAttribute group : m.attributes(SsrcGroupAttribute.class)) {
            // RFC 5576 §4.2 and RFC 4588 §8.3: a=ssrc-group:FID <media ssrc> <rtx ssrc>.
            if (group.semantics().equals("FID") && group.ssrcs().size() == 2) {
                rtxOf.put(group.ssrcs().get(0), group.ssrcs().get(1));
                repair.add(group.ssrcs().get(1));
            }
        }
        List<RemoteStream> streams = new ArrayList<>();
        bySsrc.forEach((ssrc, facts) -> {
            if (!repair.contains(ssrc)) {
                streams.add(new RemoteStream(ssrc, rtxOf.get(ssrc), facts[0], facts[1], facts[2]));
            }
        });
        return streams;
    }

    private static Optional<Integer> parseInt(String text) {
        try {
            return Optional.of(Integer.parseInt(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static JsepException invalid(String message) {
        return new JsepException(JsepException.Kind.INVALID_ACCESS, message);
    }
}
