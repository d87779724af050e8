package org.ortc4j.examples;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.ortc4j.sdp.CandidateAttribute;
import org.ortc4j.sdp.ExtmapAttribute;
import org.ortc4j.sdp.FingerprintAttribute;
import org.ortc4j.sdp.GroupAttribute;
import org.ortc4j.sdp.MediaDescription;
import org.ortc4j.sdp.RidAttribute;
import org.ortc4j.sdp.SessionDescription;
import org.ortc4j.sdp.SimulcastAttribute;
import org.ortc4j.sdp.SsrcAttribute;
import org.ortc4j.sdp.SsrcGroupAttribute;

/**
 * A readable summary of one session description: who made it, how its transports are set up
 * (BUNDLE, ICE, DTLS) and what each m-section offers.
 *
 * <p>It states what the SDP says and, where the SDP is silent, the default that applies, marked
 * as such, so that a reader learns the defaults too.
 */
public final class DescriptionReport {

    private DescriptionReport() {
    }

    /** The summary of {@code description}, lines ending in {@code \n}. */
    public static String format(SessionDescription description) {
        ReportText text = new ReportText();
        text.field("origin", description.origin().value());
        List<GroupAttribute> bundles = description.bundleGroups();
        text.field("BUNDLE", bundles.isEmpty() ? "none"
                : bundles.stream().map(g -> String.join(" ", g.mids())).collect(Collectors.joining("; ")));
        text.field("ICE lite", description.iceLite() ? "yes (this end only answers checks, RFC 8445 §2.5)" : "no");
        text.field("m-sections", Integer.toString(description.media().size()));
        for (MediaSection section : MediaSection.of(description)) {
            text.blank();
            section(text, section);
        }
        return text.toString();
    }

    private static void section(ReportText text, MediaSection view) {
        MediaDescription section = view.section();
        List<String> header = new ArrayList<>();
        header.add("m=" + section.media());
        header.add("mid " + section.mid().orElse("(none)"));
        if (section.isRtp()) {
            header.add(view.direction() + (view.directionWritten() ? "" : " (default)"));
        }
        header.add(section.protocol());
        header.add(port(section));
        text.line(String.join("  ", header));
        text.indent();

        text.field("ICE", ice(view));
        text.field("candidates", candidates(section.candidates()));
        text.field("DTLS", dtls(view));
        if (section.isRtp()) {
            List<String> rtcp = new ArrayList<>();
            rtcp.add(section.rtcpMux() ? "rtcp-mux" : "no rtcp-mux (RTCP on its own port)");
            if (section.rtcpRsize()) {
                rtcp.add("rtcp-rsize");
            }
            text.field("RTCP", String.join(", ", rtcp));
            codecs(text, CodecDescription.listOf(section));
            headerExtensions(text, section.extmaps());
            sources(text, section);
        }
        if (section.isSctp()) {
            text.field("SCTP", sctp(section));
        }
        text.outdent();
    }

    private static String port(MediaDescription section) {
        if (section.port() != 0) {
            return "port " + section.port();
        }
        // RFC 8843 §6: a bundle-only section has port 0 but is not rejected; it rides the BUNDLE
        // transport once the answer accepts it.
        return section.isRejected() ? "port 0: rejected" : "port 0: bundle-only";
    }

    private static String ice(MediaSection view) {
        String ufrag = view.iceUfrag().map(u -> "ufrag " + u).orElse("no ice-ufrag");
        List<String> options = view.iceOptions();
        return options.isEmpty() ? ufrag : ufrag + ", options " + String.join(" ", options);
    }

    /** How many candidates of each kind: {@code 2: 1 host udp IPv4, 1 host tcp/active IPv6}. */
    static String candidates(List<CandidateAttribute> candidates) {
        if (candidates.isEmpty()) {
            return "none";
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (CandidateAttribute candidate : candidates) {
            String transport = candidate.transport().toLowerCase(Locale.ROOT);
            if (candidate.tcpType() != null) {
                transport += "/" + candidate.tcpType();
            }
            counts.merge(candidate.type() + ' ' + transport + ' ' + addressFamily(candidate.address()), 1,
                    Integer::sum);
        }
        return candidates.size() + ": " + counts.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey())
                .collect(Collectors.joining(", "));
    }

    // RFC 8839 §5.1: the connection-address is an IPv4 or IPv6 address or an FQDN; browsers that
    // hide local addresses send mDNS names ending in .local.
    private static String addressFamily(String address) {
        if (address.indexOf(':') >= 0) {
            return "IPv6";
        }
        if (address.toLowerCase(Locale.ROOT).endsWith(".local")) {
            return "mDNS";
        }
        return address.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9')) ? "IPv4" : "FQDN";
    }

    private static String dtls(MediaSection view) {
        List<FingerprintAttribute> fingerprints = view.fingerprints();
        String hashes = fingerprints.isEmpty() ? "no fingerprint"
                : fingerprints.stream().map(FingerprintAttribute::normalizedHashFunction).distinct()
                        .collect(Collectors.joining(", ")) + " fingerprint";
        String setup = view.setup().map(role -> "setup " + role).orElse("no setup");
        return hashes + ", " + setup;
    }

    private static void codecs(ReportText text, List<CodecDescription> codecs) {
        text.field("codecs", codecs.isEmpty() ? "none" : Integer.toString(codecs.size()));
        text.indent();
        for (CodecDescription codec : codecs) {
            codecLines(text, codec);
        }
        text.outdent();
    }

    /** One payload type: {@code 111  opus/48000/2  minptime=10;useinbandfec=1}, then its feedback. */
    static void codecLines(ReportText text, CodecDescription codec) {
        String encoding = codec.name() == null ? "(no rtpmap)" : codec.encoding();
        String fmtp = codec.fmtp() == null ? "" : codec.fmtp();
        text.line(String.format(Locale.ROOT, "%-4d %-20s %s", codec.payloadType(), encoding, fmtp).stripTrailing());
        if (!codec.rtcpFeedback().isEmpty()) {
            text.line("     rtcp-fb " + String.join(", ", codec.rtcpFeedback()));
        }
    }

    private static void headerExtensions(ReportText text, List<ExtmapAttribute> extmaps) {
        text.field("header extensions", extmaps.isEmpty() ? "none" : Integer.toString(extmaps.size()));
        text.indent();
        for (ExtmapAttribute extmap : extmaps) {
            text.line(extmapLine(extmap));
        }
        text.outdent();
    }

    /** {@code 3  http://...transport-wide-cc...}, with the direction if the line gives one. */
    static String extmapLine(ExtmapAttribute extmap) {
        String id = extmap.direction() == null ? Integer.toString(extmap.id()) : extmap.id() + "/" + extmap.direction();
        return String.format(Locale.ROOT, "%-4s %s", id, extmap.uri());
    }

    private static void sources(ReportText text, MediaDescription section) {
        Map<Long, String> cnames = new LinkedHashMap<>();
        for (SsrcAttribute ssrc : section.ssrcs()) {
            cnames.putIfAbsent(ssrc.ssrc(), null);
            if ("cname".equals(ssrc.attribute()) && ssrc.attributeValue() != null) {
                cnames.put(ssrc.ssrc(), ssrc.attributeValue());
            }
        }
        if (!cnames.isEmpty()) {
            text.field("ssrcs", cnames.entrySet().stream()
                    .map(e -> e.getValue() == null ? Long.toString(e.getKey()) : e.getKey() + " (cname " + e.getValue() + ")")
                    .collect(Collectors.joining(", ")));
        }
        for (SsrcGroupAttribute group : section.attributes(SsrcGroupAttribute.class)) {
            text.field("ssrc-group", group.value());
        }
        List<RidAttribute> rids = section.rids();
        if (!rids.isEmpty()) {
            text.field("rids", rids.stream().map(RidAttribute::value).collect(Collectors.joining(", ")));
        }
        section.simulcast().map(SimulcastAttribute::value).ifPresent(simulcast -> text.field("simulcast", simulcast));
    }

    private static String sctp(MediaDescription section) {
        String port = section.sctpPort().map(p -> "sctp-port " + p).orElse("no sctp-port");
        String size = section.maxMessageSize()
                .map(DescriptionReport::messageSize)
                .orElse("not stated (64 KiB by default, RFC 8841 §6.1)");
        return port + ", max-message-size " + size;
    }

    /** A max-message-size for people: {@code 262144 (256 KiB)}, or {@code 0 (no limit)}. */
    static String messageSize(long size) {
        if (size == 0) {
            return "0 (no limit)";
        }
        if (size % 1024 == 0) {
            return size + " (" + size / 1024 + " KiB)";
        }
        return Long.toString(size);
    }
}
