package org.ortc4j.examples;

import java.util.List;
import java.util.stream.Collectors;
import org.ortc4j.sdp.ExtmapAttribute;
import org.ortc4j.sdp.GroupAttribute;

/** A readable account of a {@link Negotiation}: what an offer and its answer settled, per m-section. */
public final class NegotiationReport {

    private NegotiationReport() {
    }

    /** The account of {@code negotiation}, lines ending in {@code \n}. */
    public static String format(Negotiation negotiation) {
        ReportText text = new ReportText();
        text.field("BUNDLE", bundle(negotiation.bundleGroups()));
        List<NegotiatedSection> rejected = negotiation.rejectedSections();
        text.field("rejected", rejected.isEmpty() ? "none"
                : rejected.stream().map(NegotiationReport::name).collect(Collectors.joining(", ")));
        for (NegotiatedSection section : negotiation.sections()) {
            text.blank();
            section(text, section);
        }
        return text.toString();
    }

    private static String bundle(List<GroupAttribute> groups) {
        if (groups.isEmpty()) {
            return "none: each m-section has its own transport";
        }
        return groups.stream()
                .map(group -> group.mids().isEmpty() ? "(empty group)"
                        : String.join(" ", group.mids()) + " share the transport of mid " + group.mids().get(0))
                .collect(Collectors.joining("; "));
    }

    private static String name(NegotiatedSection section) {
        return "m=" + section.kind() + " mid " + (section.mid() == null ? "(none)" : section.mid());
    }

    private static void section(ReportText text, NegotiatedSection section) {
        if (section.rejected()) {
            text.line(name(section) + "  rejected");
            return;
        }
        text.line(name(section));
        text.indent();
        if (section.carriesRtp()) {
            text.field("direction", "offerer " + section.offererDirection() + ", answerer " + section.answerDirection());
        }
        text.field("DTLS", dtls(section));
        if (section.carriesRtp()) {
            text.field("rtcp-mux", section.rtcpMux() ? "accepted" : "not accepted: RTCP on its own port");
        }
        text.field("bundle", section.bundled() ? "yes, on the transport of mid " + section.bundleTag() : "no");
        if (section.carriesRtp()) {
            text.field("codecs", section.codecs().isEmpty() ? "none in common" : Integer.toString(section.codecs().size()));
            text.indent();
            section.codecs().forEach(codec -> DescriptionReport.codecLines(text, codec));
            text.outdent();
            List<ExtmapAttribute> extensions = section.headerExtensions();
            text.field("header extensions", extensions.isEmpty() ? "none in common" : Integer.toString(extensions.size()));
            text.indent();
            extensions.forEach(extmap -> text.line(DescriptionReport.extmapLine(extmap)));
            text.outdent();
        }
        if (section.sctp() != null) {
            sctp(text, section.sctp());
        }
        text.outdent();
    }

    private static String dtls(NegotiatedSection section) {
        if (section.offererDtlsRole() == null) {
            return "answer says setup:" + section.answerSetup()
                    + ", which gives no roles (an answer must say active or passive, RFC 8842 §5.3)";
        }
        String roles = "offerer is " + section.offererDtlsRole() + ", answerer is " + section.answererDtlsRole();
        if (section.answerSetup() == null) {
            return "answer has no a=setup, so passive (RFC 4145 §4): " + roles;
        }
        return "answer says setup:" + section.answerSetup() + ": " + roles;
    }

    private static void sctp(ReportText text, NegotiatedSctp sctp) {
        text.field("sctp-port", "offer " + orNone(sctp.offerPort()) + ", answer " + orNone(sctp.answerPort()));
        text.field("max-message-size", "offer " + stated(sctp.offerMaxMessageSize())
                + ", answer " + stated(sctp.answerMaxMessageSize())
                + (sctp.unlimited() ? " -> messages of any size"
                        : " -> at most " + DescriptionReport.messageSize(sctp.maxMessageSize()) + " per message"));
    }

    private static String orNone(Integer port) {
        return port == null ? "none" : port.toString();
    }

    private static String stated(Long size) {
        return size == null ? "not stated (64 KiB)" : DescriptionReport.messageSize(size);
    }
}
