package org.ortc4j.peerconnection.internal.jsep;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.ortc4j.peerconnection.RTCBundlePolicy;
import org.ortc4j.rtp.RTCRtpCodecParameters;
import org.ortc4j.sdp.MediaDirection;
import org.ortc4j.sdp.RTCSdpType;
import org.ortc4j.sdp.RidAttribute;
import org.ortc4j.sdp.RidDirection;
import org.ortc4j.sdp.SetupRole;
import org.ortc4j.sdp.SimulcastAttribute;

/**
 * Builds our offers (RFC 9429 §5.2): the initial one from the transceivers and data channels,
 * and subsequent ones that keep the current description's m-line order, mids, payload types and
 * extension ids (§5.2.2).
 *
 * <p>Section reuse: a section rejected in the current description is recycled for the first new
 * transceiver (or a new data section), at the same index with a new mid, as RFC 9429 §5.2.2 asks; otherwise new sections are
 * appended. A stopped transceiver's section is written rejected (port 0) and keeps its mid.
 *
 * <p>BUNDLE: one group with every section that is not rejected, the current negotiated tag first
 * when there is one (RFC 8843 §7.2). With {@link #strictBundleOnly(boolean)} the sections RFC 9429
 * §5.2.1 marks bundle-only (max-bundle: all but the first; balanced: all but the first of each
 * kind) are written with port 0 and a=bundle-only; by default, like Chromium, none are, because
 * peers that do not know bundle-only read port 0 as rejected.
 *
 * <p>Not thread-safe; one instance per createOffer call.
 */
public final class OfferBuilder {

    private final LocalCapabilities capabilities;
    private final PayloadTypeRegistry payloadTypes;
    private final ExtensionIdRegistry extensionIds;
    private final SessionOrigin origin;
    private RTCBundlePolicy bundlePolicy = RTCBundlePolicy.BALANCED;
    private LocalDescription current;
    private List<List<String>> negotiatedBundle = List.of();
    private final Set<String> usedMids = new HashSet<>();
    private final List<TransceiverState> transceivers = new ArrayList<>();
    private boolean data;
    private long maxMessageSize = 262_144;
    private boolean strictBundleOnly;

    /**
     * An offer builder over the peer connection's long-lived state.
     *
     * @param capabilities our codecs and extensions
     * @param payloadTypes the peer connection's payload types
     * @param extensionIds the peer connection's extension ids
     * @param origin the peer connection's o= line
     */
    public OfferBuilder(LocalCapabilities capabilities, PayloadTypeRegistry payloadTypes,
            ExtensionIdRegistry extensionIds, SessionOrigin origin) {
        this.capabilities = Objects.requireNonNull(capabilities, "capabilities");
        this.payloadTypes = Objects.requireNonNull(payloadTypes, "payloadTypes");
        this.extensionIds = Objects.requireNonNull(extensionIds, "extensionIds");
        this.origin = Objects.requireNonNull(origin, "origin");
    }

    /** The configuration's bundle policy (default balanced, as in W3C). */
    public OfferBuilder bundlePolicy(RTCBundlePolicy policy) {
        this.bundlePolicy = Objects.requireNonNull(policy, "policy");
        return this;
    }

    /**
     * The current local description and the BUNDLE groups in force (from the current answer),
     * for a subsequent offer; {@code null}/empty for the initial offer.
     *
     * @param currentLocal the current local description
     * @param currentRemote the current remote description, whose mids are not reused; may be null
     */
    public OfferBuilder current(LocalDescription currentLocal, RemoteDescription currentRemote) {
        this.current = currentLocal;
        if (currentLocal != null) {
            currentLocal.sections().forEach(s -> usedMids.add(s.mid()));
            // The negotiated groups are the answer's: ours if we answered, else the remote's.
            negotiatedBundle = currentLocal.type() == RTCSdpType.OFFER && currentRemote != null
                    ? currentRemote.bundleGroups() : currentLocal.bundleGroups();
        }
        if (currentRemote != null) {
            currentRemote.sections().forEach(s -> usedMids.add(s.mid()));
        }
        return this;
    }

    /** The transceivers, in the order they were added (W3C: the order new sections get). */
    public OfferBuilder transceivers(List<TransceiverState> states) {
        transceivers.clear();
        transceivers.addAll(states);
        states.forEach(t -> {
            if (t.mid() != null) {
                usedMids.add(t.mid());
            }
        });
        return this;
    }

    /** Whether a data section is wanted (a data channel exists), and our max-message-size. */
    public OfferBuilder data(boolean wanted, long ourMaxMessageSize) {
        this.data = wanted;
        this.maxMessageSize = ourMaxMessageSize;
        return this;
    }

    /** Whether to write bundle-only sections as RFC 9429 §5.2.1 describes (default false). */
    public OfferBuilder strictBundleOnly(boolean strict) {
        this.strictBundleOnly = strict;
        return this;
    }

    /**
     * Builds the offer.
     *
     * @param transports our transport for a transport's mid: the peer connection's ICE and DTLS
     *     state for that transport (called once per distinct transport; with max-bundle only for
     *     the first section's mid)
     * @return the offer, with the mids it gave new transceivers in its sections' transceiverId
     */
    public LocalDescription build(Function<String, LocalTransport> transports) {
        List<Section> sections = new ArrayList<>();
        List<TransceiverState> pending = new ArrayList<>();
        for (TransceiverState t : transceivers) {
            boolean known = t.mid() != null && current != null && current.section(t.mid()).isPresent();
            if (!known && !t.stopped()) {
                pending.add(t);
            }
        }
        boolean dataPending = data;
        if (current != null) {
            for (Section old : current.sections()) {
                if (old instanceof DataSection ds) {
                    if (!ds.rejected()) {
                        // The syntax negotiated stays: a peer that answered the legacy DTLS/SCTP syntax keeps it.
                        sections.add(new DataSection(ds.mid(), ds.sctpPort(), maxMessageSize, ds.legacy(), false, false));
                        dataPending = false;
                    } else if (dataPending) {
                        sections.add(newData());
                        dataPending = false;
                    } else {
                        sections.add(ds);
                    }
                    continue;
                }
                LocalSection ls = (LocalSection) old;
                Optional<TransceiverState> owner = transceivers.stream().filter(t -> ls.mid().equals(t.mid())).findFirst();
                if (!ls.rejected() && owner.isPresent() && !owner.get().stopped()) {
                    sections.add(media(owner.get(), ls.mid(), ls.protocol()));
                } else if (ls.rejected() && !pending.isEmpty()) {
                    TransceiverState t = pending.remove(0);
                    sections.add(media(t, t.mid() != null ? t.mid() : newMid(), DescriptionWriter.RTP_PROTOCOL));
                } else if (ls.rejected() && dataPending) {
                    sections.add(newData());
                    dataPending = false;
                } else {
                    sections.add(rejected(ls, owner.map(TransceiverState::id).orElse(ls.transceiverId())));
                }
            }
        }
        for (TransceiverState t : pending) {
            sections.add(media(t, t.mid() != null ? t.mid() : newMid(), DescriptionWriter.RTP_PROTOCOL));
        }
        if (dataPending) {
            sections.add(newData());
        }
        List<String> group = bundleGroup(sections);
        sections = markBundleOnly(sections, group);
        Map<String, LocalTransport> transportByMid = new LinkedHashMap<>();
        Map<String, LocalTransport> byTransportMid = new LinkedHashMap<>();
        for (Section section : sections) {
            if (section.rejected()) {
                continue;
            }
            // Max-bundle: one transport. Once a BUNDLE group is negotiated, its sections and the
            // sections a subsequent offer adds to it use the tag's transport (RFC 8843 §7.5.1:
            // the offerer may give an added section the BUNDLE address). A first offer with
            // balanced or max-compat gathers for each section, as Chromium's do.
            boolean bundled = !group.isEmpty() && group.contains(section.mid())
                    && (bundlePolicy == RTCBundlePolicy.MAX_BUNDLE || !negotiatedBundle.isEmpty());
            String transportMid = bundled || negotiatedBundle.stream().anyMatch(g -> g.contains(section.mid()))
                    ? group.get(0) : section.mid();
            LocalTransport transport = byTransportMid.computeIfAbsent(transportMid, transports);
            transportByMid.put(section.mid(), Objects.requireNonNull(transport, "no transport for mid " + transportMid));
        }
        return new LocalDescription(RTCSdpType.OFFER, origin.sessionId(), origin.nextVersion(), sections,
                group.isEmpty() ? List.of() : List.of(group), SetupRole.ACTPASS, transportByMid);
    }

    private List<String> bundleGroup(List<Section> sections) {
        List<String> group = new ArrayList<>();
        // RFC 8843 §7.2.2: a subsequent offer keeps the negotiated tag (the first mid) first.
        for (List<String> negotiated : negotiatedBundle) {
            String tag = negotiated.get(0);
            sections.stream().filter(s -> s.mid().equals(tag) && !s.rejected()).findFirst()
                    .ifPresent(s -> group.add(tag));
            break;
        }
        for (Section section : sections) {
            if (!section.rejected() && !group.contains(section.mid())) {
                group.add(section.mid());
            }
        }
        return group;
    }

    private List<Section> markBundleOnly(List<Section> sections, List<String> group) {
        if (!strictBundleOnly || bundlePolicy == RTCBundlePolicy.MAX_COMPAT || group.isEmpty()) {
            return sections;
        }
        List<Section> marked = new ArrayList<>();
        Set<String> firstOfKind = new HashSet<>();
        for (Section section : sections) {
            boolean negotiated = negotiatedBundle.stream().anyMatch(g -> g.contains(section.mid()));
            boolean first = section.mid().equals(group.get(0))
                    || bundlePolicy == RTCBundlePolicy.BALANCED && firstOfKind.add(section.kind());
            if (bundlePolicy == RTCBundlePolicy.BALANCED) {
                firstOfKind.add(section.kind());
            }
            // RFC 9429 §5.2.1: max-bundle marks every m-section but the first bundle-only;
            // balanced every one but the first of each media type. Already bundled sections keep
            // their state (§5.2.2).
            if (section.rejected() || first || negotiated) {
                marked.add(section);
            } else if (section instanceof LocalSection ls) {
                marked.add(ls.asBundleOnly());
            } else {
                DataSection ds = (DataSection) section;
                marked.add(new DataSection(ds.mid(), ds.sctpPort(), ds.maxMessageSize(), ds.legacy(), false, true));
            }
        }
        return marked;
    }

    private DataSection newData() {
        return new DataSection(newMid(), DataSection.DEFAULT_SCTP_PORT, maxMessageSize, false, false, false);
    }

    private LocalSection media(TransceiverState t, String mid, String protocol) {
        List<RTCRtpCodecParameters> codecs = CodecNegotiation.offer(t.kind(), capabilities, t.codecPreferences(),
                payloadTypes);
        MediaDirection direction = DirectionNegotiation.toSdp(t.direction());
        boolean sends = DirectionNegotiation.sends(t.direction()) && t.trackId() != null;
        boolean rtx = codecs.stream().anyMatch(c -> CodecMatch.isRtx(c.mimeType()));
        boolean simulcast = sends && !t.sendRids().isEmpty();
        List<RidAttribute> rids = new ArrayList<>();
        SimulcastAttribute layers = null;
        if (simulcast) {
            // RFC 8853 §5.1 with RFC 8851 §4: one a=rid:<id> send per encoding and
            // a=simulcast:send listing them, one stream each (";" separated).
            List<List<SimulcastAttribute.Rid>> streams = new ArrayList<>();
            for (String rid : t.sendRids()) {
                rids.add(new RidAttribute(rid, RidDirection.SEND, List.of(), Map.of()));
                streams.add(List.of(new SimulcastAttribute.Rid(rid, false)));
            }
            layers = new SimulcastAttribute(List.of(new SimulcastAttribute.StreamList(RidDirection.SEND, streams)));
        }
        return new LocalSection(t.id(), mid, t.kind(), protocol, direction, codecs,
                CodecNegotiation.offerExtensions(t.kind(), capabilities, extensionIds),
                sends && !simulcast ? t.ssrc() : null, sends && rtx && !simulcast ? t.rtxSsrc() : null, t.cname(),
                t.streamIds(), sends ? t.trackId() : null, false, false, true, rids, layers);
    }

    static LocalSection rejected(LocalSection old, int transceiverId) {
        return new LocalSection(transceiverId, old.mid(), old.kind(), old.protocol(), MediaDirection.INACTIVE,
                old.codecs(), List.of(), null, null, old.cname(), List.of(), null, true, false, old.rtcpRsize());
    }

    private String newMid() {
        // RFC 9429 §5.2.1: mids are chosen by the offerer; Chromium uses "0", "1", ... and so do we.
        for (int n = 0; ; n++) {
            String mid = Integer.toString(n);
            if (usedMids.add(mid)) {
                return mid;
            }
        }
    }
}
