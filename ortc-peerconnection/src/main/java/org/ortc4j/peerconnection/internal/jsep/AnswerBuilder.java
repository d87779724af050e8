package org.ortc4j.peerconnection.internal.jsep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.ortc4j.rtp.RTCRtpCodecParameters;
import org.ortc4j.rtp.RTCRtpHeaderExtensionParameters;
import org.ortc4j.rtp.RTCRtpTransceiverDirection;
import org.ortc4j.sdp.MediaDirection;
import org.ortc4j.sdp.RTCSdpType;
import org.ortc4j.sdp.RidAttribute;
import org.ortc4j.sdp.RidDirection;
import org.ortc4j.sdp.SetupRole;
import org.ortc4j.sdp.SimulcastAttribute;

/**
 * Builds our answer to a remote offer (RFC 9429 §5.3): one section per offered m-section, in the
 * same order with the same mids (RFC 3264 §6: "the answer MUST contain exactly the same number of
 * "m=" lines as the offer", in the same order).
 *
 * <p>A section is rejected (port 0) when the offer rejected it, its transceiver is stopped, its
 * protocol is not DTLS-SRTP or DTLS/SCTP (RFC 8827 §6.5: media is always encrypted), or we share
 * no codec with it (RFC 3264 §6: a stream with no acceptable format is rejected). Data
 * sections are always accepted, in the offer's syntax (the legacy {@code DTLS/SCTP <port>}
 * syntax is mirrored, as Chromium does). BUNDLE groups are the offer's, minus what we reject
 * (RFC 8843 §7.3). We answer setup:active to actpass or passive offers and passive to active
 * ones (RFC 5763 §5: the answerer uses either setup:active or setup:passive; active as
 * Chromium).
 *
 * <p>The offered payload types and extension ids are recorded in the peer connection's
 * registries so our later offers keep them. Not thread-safe; one instance per createAnswer.
 */
public final class AnswerBuilder {

    private final LocalCapabilities capabilities;
    private final PayloadTypeRegistry payloadTypes;
    private final ExtensionIdRegistry extensionIds;
    private final SessionOrigin origin;
    private final Map<String, TransceiverState> transceivers = new LinkedHashMap<>();
    private long maxMessageSize = 262_144;
    private String cname = "ortc4j";
    private RTCSdpType type = RTCSdpType.ANSWER;

    /** An answer builder over the peer connection's long-lived state (see {@link OfferBuilder}). */
    public AnswerBuilder(LocalCapabilities capabilities, PayloadTypeRegistry payloadTypes,
            ExtensionIdRegistry extensionIds, SessionOrigin origin) {
        this.capabilities = Objects.requireNonNull(capabilities, "capabilities");
        this.payloadTypes = Objects.requireNonNull(payloadTypes, "payloadTypes");
        this.extensionIds = Objects.requireNonNull(extensionIds, "extensionIds");
        this.origin = Objects.requireNonNull(origin, "origin");
    }

    /**
     * The transceivers associated with the offer's mids (W3C WebRTC §4.4.1.6 process a remote
     * offer: each media section gets a transceiver). A media section without one is answered as
     * by a new recvonly transceiver without a track (id -1).
     */
    public AnswerBuilder transceivers(List<TransceiverState> states) {
        transceivers.clear();
        for (TransceiverState state : states) {
            if (state.mid() != null) {
                transceivers.put(state.mid(), state);
            }
        }
        return this;
    }

    /** Our max-message-size for a data section (RFC 8841 §6). */
    public AnswerBuilder maxMessageSize(long size) {
        this.maxMessageSize = size;
        return this;
    }

    /** The CNAME written for sections answered without a transceiver. */
    public AnswerBuilder cname(String value) {
        this.cname = Objects.requireNonNull(value, "cname");
        return this;
    }

    /** Answer (default) or pranswer. */
    public AnswerBuilder type(RTCSdpType answerType) {
        if (answerType != RTCSdpType.ANSWER && answerType != RTCSdpType.PRANSWER) {
            throw new IllegalArgumentException("an answer is answer or pranswer, not " + answerType);
        }
        this.type = answerType;
        return this;
    }

    /**
     * Builds the answer.
     *
     * @param offer the remote offer, read by {@link RemoteDescriptionReader}
     * @param transports our transport for a transport's mid (the answer's BUNDLE tag, or the
     *     section's own mid outside BUNDLE); called once per distinct transport
     * @throws JsepException INVALID_ACCESS when the description is not an offer
     */
    public LocalDescription build(RemoteDescription offer, Function<String, LocalTransport> transports) {
        if (offer.type() != RTCSdpType.OFFER) {
            throw new JsepException(JsepException.Kind.INVALID_ACCESS, "an answer needs an offer, not a " + offer.type());
        }
        List<Section> sections = new ArrayList<>();
        for (RemoteSection remote : offer.sections()) {
            sections.add(answer(remote));
        }
        List<List<String>> groups = new ArrayList<>();
        for (List<String> offered : offer.bundleGroups()) {
            List<String> group = new ArrayList<>();
            for (String mid : offered) {
                sections.stream().filter(s -> s.mid().equals(mid) && !s.rejected()).findFirst()
                        .ifPresent(s -> group.add(mid));
            }
            if (!group.isEmpty()) {
                groups.add(group);
            }
        }
        Map<String, LocalTransport> transportByMid = new LinkedHashMap<>();
        Map<String, LocalTransport> byTransportMid = new LinkedHashMap<>();
        SetupRole setup = SetupRole.ACTIVE;
        for (Section section : sections) {
            if (section.rejected()) {
                continue;
            }
            String transportMid = groups.stream().filter(g -> g.contains(section.mid())).findFirst()
                    .map(g -> g.get(0)).orElse(section.mid());
            LocalTransport transport = byTransportMid.computeIfAbsent(transportMid, transports);
            transportByMid.put(section.mid(), Objects.requireNonNull(transport, "no transport for mid " + transportMid));
            RemoteSection remote = offer.transportSection(offer.section(section.mid()).orElseThrow());
            if (remote.setup() == SetupRole.ACTIVE) {
                // RFC 4145 §4.1: an active offerer needs a passive answerer.
                setup = SetupRole.PASSIVE;
            }
        }
        return new LocalDescription(type, origin.sessionId(), origin.nextVersion(), sections, groups, setup,
                transportByMid);
    }

    private Section answer(RemoteSection remote) {
        if (remote.isData()) {
            return new DataSection(remote.mid(), remote.sctpPort() != null && remote.legacySctp()
                    ? remote.sctpPort() : DataSection.DEFAULT_SCTP_PORT, maxMessageSize, remote.legacySctp(),
                    remote.rejected(), false);
        }
        TransceiverState t = transceivers.get(remote.mid());
        int id = t == null ? -1 : t.id();
        String protocol = remote.protocol();
        boolean secure = protocol.toUpperCase(Locale.ROOT).contains("SAVP");
        if (!remote.isMedia() || !secure || remote.rejected() || (t != null && t.stopped())) {
            return rejectedAnswer(remote, id);
        }
        for (RTCRtpCodecParameters codec : remote.codecs()) {
            payloadTypes.adopt(codec.mimeType(), codec.clockRate(), codec.channels(), codec.parameters(),
                    codec.payloadType());
        }
        for (RTCRtpHeaderExtensionParameters extension : remote.headerExtensions()) {
            extensionIds.adopt(extension.uri(), extension.id());
        }
        List<RTCRtpCodecParameters> codecs = CodecNegotiation.answer(remote.kind(), remote.codecs(), capabilities,
                t == null ? List.of() : t.codecPreferences());
        if (codecs.isEmpty()) {
            return rejectedAnswer(remote, id);
        }
        RTCRtpTransceiverDirection wanted = t == null ? RTCRtpTransceiverDirection.RECVONLY : t.direction();
        MediaDirection direction = DirectionNegotiation.answer(remote.direction(), wanted);
        boolean sends = (direction == MediaDirection.SENDONLY || direction == MediaDirection.SENDRECV)
                && t != null && t.trackId() != null;
        boolean rtx = codecs.stream().anyMatch(c -> CodecMatch.isRtx(c.mimeType()));
        List<RTCRtpHeaderExtensionParameters> extensions = CodecNegotiation.answerExtensions(remote.headerExtensions(),
                capabilities.of(remote.kind()).headerExtensions());
        List<RidAttribute> rids = new ArrayList<>();
        SimulcastAttribute layers = null;
        boolean receives = direction == MediaDirection.RECVONLY || direction == MediaDirection.SENDRECV;
        if (receives && remote.simulcast() != null && !remote.simulcast().send().isEmpty()) {
            // RFC 8853 §5.3: the answerer reverses the offered directions: the rids the offerer
            // sends are the rids we receive, written a=rid:<id> recv and a=simulcast:recv.
            for (RidAttribute rid : remote.rids()) {
                if (rid.direction() == RidDirection.SEND) {
                    rids.add(new RidAttribute(rid.id(), RidDirection.RECV, List.of(), Map.of()));
                }
            }
            layers = new SimulcastAttribute(List.of(
                    new SimulcastAttribute.StreamList(RidDirection.RECV, remote.simulcast().send())));
        }
        return new LocalSection(id, remote.mid(), remote.kind(), protocol, direction, codecs, extensions,
                sends ? t.ssrc() : null, sends && rtx ? t.rtxSsrc() : null, t == null ? cname : t.cname(),
                t == null ? List.of() : t.streamIds(), sends ? t.trackId() : null, false, false,
                // RFC 5506 §5: reduced-size RTCP only when the offer has a=rtcp-rsize.
                remote.rtcpRsize(), rids, layers);
    }

    private LocalSection rejectedAnswer(RemoteSection remote, int id) {
        // RFC 3264 §6: "To reject an offered stream, the port number in the corresponding stream in
        // the answer MUST be set to zero."; the
        // offered formats are repeated so the m-line stays valid.
        List<RTCRtpCodecParameters> formats = remote.codecs().isEmpty() ? List.of() : List.of(remote.codecs().get(0));
        return new LocalSection(id, remote.mid(), remote.kind(), remote.protocol(), MediaDirection.INACTIVE, formats,
                List.of(), null, null, cname, List.of(), null, true, false, false);
    }
}
