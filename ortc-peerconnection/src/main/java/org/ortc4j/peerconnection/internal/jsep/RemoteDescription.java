package org.ortc4j.peerconnection.internal.jsep;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.ortc4j.sdp.RTCSdpType;
import org.ortc4j.sdp.SessionDescription;

/**
 * A remote description read into facts: what the peer connection needs to apply it.
 *
 * @param type offer, answer or pranswer (rollback is never read)
 * @param sessionId the o= sess-id
 * @param sessionVersion the o= sess-version
 * @param sections the m-sections in order
 * @param bundleGroups the BUNDLE groups (RFC 8843 §7.1), each a list of mids; the first mid of a
 *     group is its offerer-tagged m-section
 * @param iceLite a=ice-lite at session level (RFC 8839 §5.3)
 * @param extmapAllowMixed a=extmap-allow-mixed (RFC 8285 §6)
 * @param sdp the parsed SDP
 */
public record RemoteDescription(RTCSdpType type, String sessionId, String sessionVersion,
        List<RemoteSection> sections, List<List<String>> bundleGroups, boolean iceLite, boolean extmapAllowMixed,
        SessionDescription sdp) {

    /** Checks and copies. */
    public RemoteDescription {
        Objects.requireNonNull(type, "type");
        sections = List.copyOf(sections);
        bundleGroups = bundleGroups.stream().map(List::copyOf).toList();
    }

    /**
     * W3C WebRTC §4.4.1 canTrickleIceCandidates: whether the remote announced trickle ICE with
     * a=ice-options:trickle (RFC 8840 §4.1.3), at session level or in any m-section.
     */
    public boolean canTrickle() {
        return sdp.iceOptions().contains("trickle") || sdp.media().stream().anyMatch(m -> m.iceOptions().contains("trickle"));
    }

    /** The section with a mid. */
    public Optional<RemoteSection> section(String mid) {
        return sections.stream().filter(s -> s.mid().equals(mid)).findFirst();
    }

    /** The BUNDLE group holding a mid. */
    public Optional<List<String>> bundleGroupOf(String mid) {
        return bundleGroups.stream().filter(g -> g.contains(mid)).findFirst();
    }

    /**
     * The section whose transport a section uses: the first (tagged) mid of its BUNDLE group, or
     * itself outside BUNDLE (RFC 8843 §7.2: the bundled sections share the tagged section's
     * transport; RFC 8843 §7.3.1: in an answer, the first mid of the group is the tag).
     */
    public RemoteSection transportSection(RemoteSection section) {
        return bundleGroupOf(section.mid()).flatMap(g -> section(g.get(0))).orElse(section);
    }

    /**
     * Whether this description restarts ICE for a section compared with the current remote
     * description: RFC 8839 §4.4.1.1.1, a restart changes the ice-ufrag and ice-pwd; we treat a
     * change of either as a restart, as browsers do.
     *
     * @param previous the current remote description, or {@code null} for the first one
     */
    public boolean iceRestart(RemoteDescription previous, String mid) {
        if (previous == null) {
            return false;
        }
        Optional<RemoteSection> now = section(mid).map(this::transportSection);
        Optional<RemoteSection> before = previous.section(mid).map(previous::transportSection);
        if (now.isEmpty() || before.isEmpty() || now.get().ice() == null || before.get().ice() == null) {
            return false;
        }
        return !now.get().ice().usernameFragment().equals(before.get().ice().usernameFragment())
                || !now.get().ice().password().equals(before.get().ice().password());
    }
}
