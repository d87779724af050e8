package org.ortc4j.examples;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.ortc4j.sdp.ExtmapAttribute;
import org.ortc4j.sdp.GroupAttribute;
import org.ortc4j.sdp.MediaDescription;
import org.ortc4j.sdp.MediaDirection;
import org.ortc4j.sdp.SessionDescription;
import org.ortc4j.sdp.SetupRole;

/**
 * What an offer and its answer settle, read the way JSEP (RFC 9429) and the RFCs it builds on
 * read an answer, as data: no printing here ({@link NegotiationReport} does that).
 *
 * <p>This reads; it does not judge. An answer that breaks a rule the result does not depend on
 * (a codec the offer never had, an unknown extension) is reported as far as it goes, because
 * the point is to see what two real stacks made of each other.
 *
 * @param bundleGroups the answer's BUNDLE groups, which are the ones in force (RFC 8843 §7.3)
 * @param sections one entry per m-section, in order
 */
public record Negotiation(List<GroupAttribute> bundleGroups, List<NegotiatedSection> sections) {

    public Negotiation {
        bundleGroups = List.copyOf(bundleGroups);
        sections = List.copyOf(sections);
    }

    /**
     * Reads what {@code answer} settles for {@code offer}.
     *
     * @throws IllegalArgumentException if {@code answer} cannot be an answer to {@code offer}:
     *     RFC 3264 §6: "The answer MUST contain exactly the same number of "m=" lines as the
     *     offer", each of the same media type, and where both sides write a mid they must agree
     */
    public static Negotiation of(SessionDescription offer, SessionDescription answer) {
        Objects.requireNonNull(offer, "offer");
        Objects.requireNonNull(answer, "answer");
        if (offer.media().size() != answer.media().size()) {
            throw new IllegalArgumentException("the answer has " + answer.media().size()
                    + " m-sections and the offer " + offer.media().size() + "; they must be the same (RFC 3264 §6)");
        }
        List<NegotiatedSection> sections = new ArrayList<>();
        for (int i = 0; i < offer.media().size(); i++) {
            MediaSection offered = new MediaSection(offer, offer.media().get(i));
            MediaSection answered = new MediaSection(answer, answer.media().get(i));
            sections.add(negotiate(i, offered, answered, answer.bundleGroups()));
        }
        return new Negotiation(answer.bundleGroups(), sections);
    }

    /** The sections the answer (or the offer) rejected. */
    public List<NegotiatedSection> rejectedSections() {
        return sections.stream().filter(NegotiatedSection::rejected).toList();
    }

    private static NegotiatedSection negotiate(int index, MediaSection offered, MediaSection answered,
            List<GroupAttribute> bundleGroups) {
        MediaDescription offer = offered.section();
        MediaDescription answer = answered.section();
        if (!offer.media().equals(answer.media())) {
            throw new IllegalArgumentException("m-section " + index + " is " + offer.media() + " in the offer but "
                    + answer.media() + " in the answer");
        }
        Optional<String> offerMid = offer.mid();
        Optional<String> answerMid = answer.mid();
        if (offerMid.isPresent() && answerMid.isPresent() && !offerMid.equals(answerMid)) {
            throw new IllegalArgumentException("m-section " + index + " has mid " + offerMid.get()
                    + " in the offer but " + answerMid.get() + " in the answer");
        }
        String mid = answerMid.or(() -> offerMid).orElse(null);
        // RFC 3264 §6: "An offered stream MAY be rejected in the answer, for any reason." The
        // answer rejects it with port 0; an offer can also carry a section it already stopped.
        if (offer.isRejected() || answer.isRejected()) {
            return NegotiatedSection.rejected(index, offer.media(), mid);
        }

        MediaDirection answerDirection = null;
        MediaDirection offererDirection = null;
        List<CodecDescription> codecs = List.of();
        List<ExtmapAttribute> extensions = List.of();
        boolean rtcpMux = false;
        if (offer.isRtp()) {
            answerDirection = answered.direction();
            // RFC 3264 §6.1: the answerer's sendonly means the offerer receives, and so on; the
            // offerer's resulting direction is the answer's, reversed.
            offererDirection = answerDirection.reverse();
            codecs = commonCodecs(offer, answer);
            extensions = commonHeaderExtensions(offer, answer);
            // RFC 5761 §5.1.1: an answerer that multiplexes RTP and RTCP on one port says so by
            // writing a=rtcp-mux in the answer; without it, RTCP gets its own port.
            rtcpMux = offer.rtcpMux() && answer.rtcpMux();
        }

        SetupRole answerSetup = answered.setup().orElse(null);
        DtlsRole offererDtlsRole = offererDtlsRole(answerSetup);

        NegotiatedSctp sctp = null;
        if (offer.isSctp()) {
            sctp = NegotiatedSctp.of(offer.sctpPort().orElse(null), answer.sctpPort().orElse(null),
                    offer.maxMessageSize().orElse(null), answer.maxMessageSize().orElse(null));
        }

        return new NegotiatedSection(index, offer.media(), mid, false, answerDirection, offererDirection, codecs,
                extensions, rtcpMux, answerSetup, offererDtlsRole, bundleTag(mid, bundleGroups), sctp);
    }

    /**
     * The answer's codecs that the offer also has, in the answer's order with the answer's
     * payload types. RFC 3264 §6.1: the answerer lists the formats it will use, which are a
     * subset of the offered ones; a format matches an offered one by encoding (name, clock rate,
     * channels), since only static payload types have a fixed number.
     */
    static List<CodecDescription> commonCodecs(MediaDescription offer, MediaDescription answer) {
        List<CodecDescription> offered = CodecDescription.listOf(offer);
        List<CodecDescription> common = new ArrayList<>();
        for (CodecDescription answered : CodecDescription.listOf(answer)) {
            List<CodecDescription> sameEncoding = offered.stream().filter(answered::sameEncodingAs).toList();
            if (sameEncoding.isEmpty()) {
                continue;
            }
            CodecDescription match = closestOffered(answered, sameEncoding);
            List<String> bothFeedback = answered.rtcpFeedback().stream()
                    .filter(match.rtcpFeedback()::contains)
                    .toList();
            common.add(answered.withRtcpFeedback(bothFeedback));
        }
        return withoutOrphanRetransmission(common);
    }

    // Several offered formats can share an encoding (H264 in six profiles, rtx once per codec).
    // Prefer the one the answerer echoed by number, then one with the same parameters, then the
    // first: RFC 3264 §6.1 recommends that the answerer keep the offerer's payload type numbers.
    private static CodecDescription closestOffered(CodecDescription answered, List<CodecDescription> sameEncoding) {
        for (CodecDescription offered : sameEncoding) {
            if (offered.payloadType() == answered.payloadType()) {
                return offered;
            }
        }
        for (CodecDescription offered : sameEncoding) {
            if (Objects.equals(offered.fmtp(), answered.fmtp())) {
                return offered;
            }
        }
        return sameEncoding.get(0);
    }

    // RFC 4588 §8.1: an RTX format's apt names the payload type it retransmits; if that one is
    // not in the result, the RTX format repairs nothing, so it is not part of what was settled.
    private static List<CodecDescription> withoutOrphanRetransmission(List<CodecDescription> codecs) {
        Set<Integer> payloadTypes = codecs.stream().map(CodecDescription::payloadType).collect(Collectors.toSet());
        return codecs.stream()
                .filter(codec -> !codec.isRetransmission()
                        || codec.associatedPayloadType().filter(payloadTypes::contains).isPresent())
                .toList();
    }

    /**
     * The answer's header extensions whose URI the offer also lists: the answerer keeps the
     * offered extensions it wants and leaves out the others (RFC 8285 §6), and an extension is
     * in use only when both sides list it.
     */
    static List<ExtmapAttribute> commonHeaderExtensions(MediaDescription offer, MediaDescription answer) {
        Set<String> offeredUris = offer.extmaps().stream().map(ExtmapAttribute::uri).collect(Collectors.toSet());
        return answer.extmaps().stream().filter(extmap -> offeredUris.contains(extmap.uri())).toList();
    }

    /**
     * The offerer's DTLS role, which the answer's {@code a=setup} decides (RFC 8842 §5.3: the
     * answerer picks {@code active} or {@code passive}; {@code active} makes the answerer the
     * DTLS client).
     */
    static DtlsRole offererDtlsRole(SetupRole answerSetup) {
        if (answerSetup == null) {
            // RFC 4145 §4: "The default value of the setup attribute in an offer/answer exchange is
            // 'active' in the offer and 'passive' in the answer."
            return DtlsRole.CLIENT;
        }
        return switch (answerSetup) {
            case ACTIVE -> DtlsRole.SERVER;
            case PASSIVE -> DtlsRole.CLIENT;
            // An answer may not say actpass (RFC 8842 §5.3); holdconn defers the connection. Neither
            // gives anyone a role.
            case ACTPASS, HOLDCONN -> null;
        };
    }

    // RFC 8843 §7.3.1: the answerer's BUNDLE group lists the BUNDLE-tag, the section whose
    // transport every section of the group uses, first.
    private static String bundleTag(String mid, List<GroupAttribute> bundleGroups) {
        if (mid == null) {
            return null;
        }
        for (GroupAttribute group : bundleGroups) {
            if (group.mids().contains(mid) && !group.mids().isEmpty()) {
                return group.mids().get(0);
            }
        }
        return null;
    }
}
