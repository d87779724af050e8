package org.ortc4j.peerconnection.internal.jsep;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.ortc4j.sdp.RTCSdpType;
import org.ortc4j.sdp.RTCSessionDescription;
import org.ortc4j.sdp.SetupRole;

/**
 * A description we made: the model {@link OfferBuilder} and {@link AnswerBuilder} produce and
 * {@link DescriptionWriter} turns into SDP. The peer connection keeps it as its pending or
 * current local description and passes it back to build the next offer.
 *
 * @param type offer, answer or pranswer
 * @param sessionId the o= sess-id
 * @param sessionVersion the o= sess-version
 * @param sections the m-sections in m-line order
 * @param bundleGroups the BUNDLE groups, each a list of mids, the first the tagged one
 * @param setup our DTLS setup attribute (actpass in offers, active or passive in answers)
 * @param transports our transport per mid of each section that is not rejected; sections in one
 *     BUNDLE group that share a transport map to the same value
 */
public record LocalDescription(RTCSdpType type, String sessionId, long sessionVersion, List<Section> sections,
        List<List<String>> bundleGroups, SetupRole setup, Map<String, LocalTransport> transports) {

    /** Checks and copies. */
    public LocalDescription {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(setup, "setup");
        sections = List.copyOf(sections);
        bundleGroups = bundleGroups.stream().map(List::copyOf).toList();
        transports = Map.copyOf(transports);
    }

    /** The section with a mid. */
    public Optional<Section> section(String mid) {
        return sections.stream().filter(s -> s.mid().equals(mid)).findFirst();
    }

    /** The media sections, in m-line order. */
    public List<LocalSection> mediaSections() {
        return sections.stream().filter(LocalSection.class::isInstance).map(LocalSection.class::cast).toList();
    }

    /** The data section, if any. */
    public Optional<DataSection> dataSection() {
        return sections.stream().filter(DataSection.class::isInstance).map(DataSection.class::cast).findFirst();
    }

    /** The BUNDLE group holding a mid, if any. */
    public Optional<List<String>> bundleGroupOf(String mid) {
        return bundleGroups.stream().filter(g -> g.contains(mid)).findFirst();
    }

    /** This description with other transports, for example once candidates are gathered. */
    public LocalDescription withTransports(Map<String, LocalTransport> newTransports) {
        return new LocalDescription(type, sessionId, sessionVersion, sections, bundleGroups, setup, newTransports);
    }

    /** The SDP text (RFC 8866), CRLF line endings. */
    public String toSdp() {
        return DescriptionWriter.write(this).toSdp();
    }

    /** The W3C description object carrying {@link #toSdp()}. */
    public RTCSessionDescription toSessionDescription() {
        return new RTCSessionDescription(type, toSdp());
    }
}
