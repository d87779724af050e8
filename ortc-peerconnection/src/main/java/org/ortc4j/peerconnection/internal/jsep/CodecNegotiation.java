package org.ortc4j.peerconnection.internal.jsep;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.ortc4j.rtp.RTCRtcpFeedback;
import org.ortc4j.rtp.RTCRtpCodecCapability;
import org.ortc4j.rtp.RTCRtpCodecParameters;
import org.ortc4j.rtp.RTCRtpHeaderExtensionCapability;
import org.ortc4j.rtp.RTCRtpHeaderExtensionParameters;

/**
 * Which codecs and header extensions a section carries: in our offers (from our capabilities and
 * the registries), in our answers (the offer ∩ our capabilities ∩ codec preferences), and once
 * both sides have spoken (the codecs both can use, numbered for sending or receiving).
 */
public final class CodecNegotiation {

    private CodecNegotiation() {
    }

    /**
     * The codecs of an m-section we offer: the codec preferences when set, else our capabilities,
     * in that order (RFC 9429 §5.2.1: with codec preferences set, the m= line lists them in their
     * order), each with its RTX (RFC 4588 §8.1, apt naming the codec) right
     * after it, numbered by the peer connection's registry so they keep their types.
     */
    public static List<RTCRtpCodecParameters> offer(String kind, LocalCapabilities capabilities,
            List<RTCRtpCodecCapability> preferences, PayloadTypeRegistry registry) {
        List<RTCRtpCodecCapability> source = preferences.isEmpty() ? capabilities.of(kind).codecs() : preferences;
        boolean rtx = source.stream().anyMatch(c -> CodecMatch.isRtx(c.mimeType()));
        List<RTCRtcpFeedback> feedback = capabilities.feedback(kind);
        List<RTCRtpCodecParameters> codecs = new ArrayList<>();
        for (RTCRtpCodecCapability capability : source) {
            if (CodecMatch.isRtx(capability.mimeType())) {
                continue;
            }
            int pt = registry.payloadType(capability.mimeType(), capability.clockRate(), capability.channels(),
                    capability.parameters());
            if (codecs.stream().anyMatch(c -> c.payloadType() == pt)) {
                // Two preferences that are the same codec (say H.264 42e01f and 4d801f, both
                // Constrained Baseline) share one payload type: listed once.
                continue;
            }
            codecs.add(new RTCRtpCodecParameters(capability.mimeType(), capability.clockRate(), capability.channels(), pt,
                    capability.parameters(), feedback));
            if (rtx) {
                Map<String, String> apt = Map.of("apt", Integer.toString(pt));
                int rtxPt = registry.payloadType(kind + "/rtx", capability.clockRate(), null, apt);
                codecs.add(new RTCRtpCodecParameters(kind + "/rtx", capability.clockRate(), null, rtxPt, apt, List.of()));
            }
        }
        return codecs;
    }

    /** The header extensions we offer for a kind, numbered by the registry. */
    public static List<RTCRtpHeaderExtensionParameters> offerExtensions(String kind, LocalCapabilities capabilities,
            ExtensionIdRegistry registry) {
        return capabilities.of(kind).headerExtensions().stream()
                .map(e -> new RTCRtpHeaderExtensionParameters(registry.id(e.uri()), e.uri())).toList();
    }

    /**
     * The codecs of our answer to an offered m-section.
     *
     * <p>RFC 3264 §6.1: the answer lists formats from the offer that we support, keeping the
     * offer's payload types ("that same payload type number SHOULD be used for that codec in the
     * answer"); RFC 9429
     * §5.3.1: with codec preferences set on the transceiver, the answer's formats follow their order
     * and leave out codecs that are not in them or not in the offer; otherwise we keep the offer's
     * order. RTX is
     * kept only when the codec its apt names is kept (RFC 4588 §8.1). RTCP feedback is what both
     * offered and we use (RFC 4585 §4.2). The answer carries the offer's format parameters; for
     * H.264 we add level-asymmetry-allowed=1 (RFC 6184 §8.1) so each side may send at its own
     * level.
     *
     * @param offered the codecs of the offered section (from {@link RemoteSection#codecs()})
     * @param preferences the transceiver's codec preferences, empty when not set
     * @return the answer's codecs, empty when nothing is shared (the section is then rejected)
     */
    public static List<RTCRtpCodecParameters> answer(String kind, List<RTCRtpCodecParameters> offered,
            LocalCapabilities capabilities, List<RTCRtpCodecCapability> preferences) {
        List<RTCRtpCodecCapability> ours = capabilities.of(kind).codecs();
        List<RTCRtpCodecCapability> allowed = preferences.isEmpty() ? ours : preferences;
        boolean rtxAllowed = allowed.stream().anyMatch(c -> CodecMatch.isRtx(c.mimeType()))
                && ours.stream().anyMatch(c -> CodecMatch.isRtx(c.mimeType()));
        List<RTCRtcpFeedback> feedback = capabilities.feedback(kind);
        List<RTCRtpCodecParameters> primaries = new ArrayList<>();
        if (preferences.isEmpty()) {
            for (RTCRtpCodecParameters codec : offered) {
                if (!CodecMatch.isRtx(codec.mimeType()) && ours.stream().anyMatch(c -> matches(codec, c))) {
                    primaries.add(codec);
                }
            }
        } else {
            for (RTCRtpCodecCapability preference : preferences) {
                if (CodecMatch.isRtx(preference.mimeType()) || ours.stream().noneMatch(c -> sameCapability(c, preference))) {
                    continue;
                }
                for (RTCRtpCodecParameters codec : offered) {
                    if (!CodecMatch.isRtx(codec.mimeType()) && matches(codec, preference) && !primaries.contains(codec)) {
                        primaries.add(codec);
                    }
                }
            }
        }
        List<RTCRtpCodecParameters> answer = new ArrayList<>();
        for (RTCRtpCodecParameters codec : primaries) {
            answer.add(answered(codec, feedback));
            if (rtxAllowed) {
                String pt = Integer.toString(codec.payloadType());
                offered.stream()
                        .filter(c -> CodecMatch.isRtx(c.mimeType()) && pt.equals(c.parameters().get("apt")))
                        .findFirst()
                        .ifPresent(rtx -> answer.add(new RTCRtpCodecParameters(rtx.mimeType(), rtx.clockRate(),
                                rtx.channels(), rtx.payloadType(), rtx.parameters(), List.of())));
            }
        }
        return answer;
    }

    private static RTCRtpCodecParameters answered(RTCRtpCodecParameters offered, List<RTCRtcpFeedback> ours) {
        List<RTCRtcpFeedback> feedback = offered.rtcpFeedback().stream().filter(ours::contains).toList();
        Map<String, String> parameters = new LinkedHashMap<>(offered.parameters());
        if (offered.mimeType().equalsIgnoreCase("video/H264")) {
            parameters.put("level-asymmetry-allowed", "1");
        }
        return new RTCRtpCodecParameters(offered.mimeType(), offered.clockRate(), offered.channels(),
                offered.payloadType(), parameters, feedback);
    }

    /**
     * The header extensions of our answer: RFC 8285 §7, the answerer keeps the extensions it
     * understands with the offer's local identifiers, in the offer's order.
     */
    public static List<RTCRtpHeaderExtensionParameters> answerExtensions(List<RTCRtpHeaderExtensionParameters> offered,
            List<RTCRtpHeaderExtensionCapability> ours) {
        Set<String> uris = ours.stream().map(RTCRtpHeaderExtensionCapability::uri).collect(Collectors.toSet());
        return offered.stream().filter(e -> uris.contains(e.uri())).toList();
    }

    /**
     * The codecs both sides of a negotiated section can use, for configuring a sender or a
     * receiver: the codecs of {@code mine} that {@code theirs} also lists, in {@code mine}'s order,
     * numbered as {@code numbering} says (the receiver's numbering is the one on the wire: we
     * send with the remote's payload types and receive with ours, RFC 3264 §6.1), with the RTCP
     * feedback both list, and RTX whose apt is renumbered with its codec.
     */
    public static List<RTCRtpCodecParameters> common(List<RTCRtpCodecParameters> mine, List<RTCRtpCodecParameters> theirs,
            Numbering numbering) {
        Map<Integer, Integer> mineToTheirs = new HashMap<>();
        List<RTCRtpCodecParameters[]> pairs = new ArrayList<>();
        for (RTCRtpCodecParameters codec : mine) {
            if (CodecMatch.isRtx(codec.mimeType())) {
                continue;
            }
            Optional<RTCRtpCodecParameters> match = theirs.stream()
                    .filter(t -> !CodecMatch.isRtx(t.mimeType()) && !mineToTheirs.containsValue(t.payloadType())
                            && CodecMatch.same(codec.mimeType(), codec.clockRate(), codec.channels(), codec.parameters(),
                                    t.mimeType(), t.clockRate(), t.channels(), t.parameters()))
                    .findFirst();
            if (match.isPresent()) {
                mineToTheirs.put(codec.payloadType(), match.get().payloadType());
                pairs.add(new RTCRtpCodecParameters[] {codec, match.get()});
            }
        }
        List<RTCRtpCodecParameters> result = new ArrayList<>();
        for (RTCRtpCodecParameters[] pair : pairs) {
            RTCRtpCodecParameters base = numbering == Numbering.MINE ? pair[0] : pair[1];
            List<RTCRtcpFeedback> feedback = pair[0].rtcpFeedback().stream().filter(pair[1].rtcpFeedback()::contains).toList();
            result.add(new RTCRtpCodecParameters(base.mimeType(), base.clockRate(), base.channels(), base.payloadType(),
                    base.parameters(), feedback));
            Optional<RTCRtpCodecParameters> myRtx = rtxFor(mine, pair[0].payloadType());
            Optional<RTCRtpCodecParameters> theirRtx = rtxFor(theirs, pair[1].payloadType());
            if (myRtx.isPresent() && theirRtx.isPresent()) {
                RTCRtpCodecParameters rtx = numbering == Numbering.MINE ? myRtx.get() : theirRtx.get();
                result.add(rtx);
            }
        }
        return result;
    }

    /** Whose payload types {@link #common} uses. */
    public enum Numbering {
        /** The first list's (ours): what we receive with. */
        MINE,
        /** The second list's (the remote's): what we send with. */
        THEIRS
    }

    /**
     * The header extensions both sides list, with {@code numbering}'s ids (RFC 8285 §5: each side
     * sends with the ids the receiver declared; in an answer they are the offer's anyway).
     */
    public static List<RTCRtpHeaderExtensionParameters> commonExtensions(List<RTCRtpHeaderExtensionParameters> mine,
            List<RTCRtpHeaderExtensionParameters> theirs, Numbering numbering) {
        List<RTCRtpHeaderExtensionParameters> result = new ArrayList<>();
        for (RTCRtpHeaderExtensionParameters extension : mine) {
            theirs.stream().filter(t -> t.uri().equals(extension.uri())).findFirst()
                    .ifPresent(t -> result.add(numbering == Numbering.MINE ? extension : t));
        }
        return result;
    }

    private static Optional<RTCRtpCodecParameters> rtxFor(List<RTCRtpCodecParameters> codecs, int payloadType) {
        String apt = Integer.toString(payloadType);
        return codecs.stream().filter(c -> CodecMatch.isRtx(c.mimeType()) && apt.equals(c.parameters().get("apt")))
                .findFirst();
    }

    /** Whether an offered codec is the same codec as a capability. */
    public static boolean matches(RTCRtpCodecParameters codec, RTCRtpCodecCapability capability) {
        return CodecMatch.same(codec.mimeType(), codec.clockRate(), codec.channels(), codec.parameters(),
                capability.mimeType(), capability.clockRate(), capability.channels(), capability.parameters());
    }

    private static boolean sameCapability(RTCRtpCodecCapability a, RTCRtpCodecCapability b) {
        return CodecMatch.same(a.mimeType(), a.clockRate(), a.channels(), a.parameters(),
                b.mimeType(), b.clockRate(), b.channels(), b.parameters());
    }
}
