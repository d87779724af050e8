package org.ortc4j.examples;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.ortc4j.sdp.FmtpAttribute;
import org.ortc4j.sdp.MediaDescription;
import org.ortc4j.sdp.RtcpFbAttribute;
import org.ortc4j.sdp.RtpMapAttribute;

/**
 * One RTP payload type of an m-section, with everything SDP says about it: its
 * {@code a=rtpmap}, {@code a=fmtp} and {@code a=rtcp-fb} lines.
 *
 * @param payloadType the RTP payload type, 0..127
 * @param name the encoding name as written ({@code opus}, {@code VP8}), or {@code null} for a
 *     dynamic payload type that has no {@code a=rtpmap}
 * @param clockRate the RTP clock rate in Hz, or 0 when {@code name} is {@code null}
 * @param channels the channel count as written after the clock rate, or {@code null} when absent
 * @param fmtp the format parameters as written, or {@code null}
 * @param rtcpFeedback the feedback types, such as {@code nack pli}, wildcard lines included
 */
public record CodecDescription(int payloadType, String name, int clockRate, Integer channels, String fmtp,
        List<String> rtcpFeedback) {

    // RFC 3551 §6, Tables 4 and 5: payload types with a static meaning, which an m-line may list
    // without an a=rtpmap (RFC 8866 §6.6).
    private static final Map<Integer, RtpMapAttribute> STATIC_PAYLOAD_TYPES = Map.ofEntries(
            staticType(0, "PCMU", 8000), staticType(3, "GSM", 8000), staticType(4, "G723", 8000),
            staticType(5, "DVI4", 8000), staticType(6, "DVI4", 16000), staticType(7, "LPC", 8000),
            staticType(8, "PCMA", 8000), staticType(9, "G722", 8000), Map.entry(10, new RtpMapAttribute(10, "L16", 44100, 2)),
            staticType(11, "L16", 44100), staticType(12, "QCELP", 8000), staticType(13, "CN", 8000),
            staticType(14, "MPA", 90000), staticType(15, "G728", 8000), staticType(16, "DVI4", 11025),
            staticType(17, "DVI4", 22050), staticType(18, "G729", 8000), staticType(25, "CelB", 90000),
            staticType(26, "JPEG", 90000), staticType(28, "nv", 90000), staticType(31, "H261", 90000),
            staticType(32, "MPV", 90000), staticType(33, "MP2T", 90000), staticType(34, "H263", 90000));

    public CodecDescription {
        rtcpFeedback = List.copyOf(rtcpFeedback);
    }

    private static Map.Entry<Integer, RtpMapAttribute> staticType(int payloadType, String name, int clockRate) {
        return Map.entry(payloadType, new RtpMapAttribute(payloadType, name, clockRate, null));
    }

    /**
     * The payload types of an RTP m-section in m-line order, which is the order of preference
     * (RFC 3264 §5.1). Formats that are not payload type numbers are skipped: the parser lets
     * them through, and a report should not fail on them.
     */
    public static List<CodecDescription> listOf(MediaDescription section) {
        List<CodecDescription> out = new ArrayList<>();
        for (String format : section.formats()) {
            Optional<Integer> payloadType = payloadType(format);
            if (payloadType.isEmpty()) {
                continue;
            }
            int pt = payloadType.get();
            RtpMapAttribute rtpMap = section.rtpMap(pt).orElse(STATIC_PAYLOAD_TYPES.get(pt));
            List<String> feedback = section.rtcpFeedback(pt).stream()
                    .map(CodecDescription::feedbackText)
                    .distinct()
                    .toList();
            out.add(new CodecDescription(pt,
                    rtpMap == null ? null : rtpMap.encodingName(),
                    rtpMap == null ? 0 : rtpMap.clockRate(),
                    rtpMap == null ? null : rtpMap.encodingParameters(),
                    section.fmtp(pt).map(FmtpAttribute::parameters).orElse(null),
                    feedback));
        }
        return out;
    }

    private static Optional<Integer> payloadType(String format) {
        if (format.isEmpty() || format.length() > 3 || !format.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        int value = Integer.parseInt(format);
        return value <= 127 ? Optional.of(value) : Optional.empty();
    }

    private static String feedbackText(RtcpFbAttribute feedback) {
        return feedback.parameter() == null ? feedback.type() : feedback.type() + ' ' + feedback.parameter();
    }

    /** {@code name/clock rate[/channels]}, as in {@code opus/48000/2}, or {@code ?} without an rtpmap. */
    public String encoding() {
        if (name == null) {
            return "?";
        }
        return channels == null ? name + '/' + clockRate : name + '/' + clockRate + '/' + channels;
    }

    /**
     * Whether {@code other} is the same encoding: the same name, clock rate and channel count.
     * The encoding name is a media subtype (RFC 4855 §3), and RFC 6838 §4.2: "Type and subtype
     * names are case-insensitive". RFC 8866 §6.6 on the channel count: "This parameter is
     * OPTIONAL and may be omitted if the number of channels is one".
     */
    public boolean sameEncodingAs(CodecDescription other) {
        return name != null && other.name != null
                && name.toLowerCase(Locale.ROOT).equals(other.name.toLowerCase(Locale.ROOT))
                && clockRate == other.clockRate
                && channelCount() == other.channelCount();
    }

    private int channelCount() {
        return channels == null ? 1 : channels;
    }

    /** Whether this is an RTX retransmission format (RFC 4588), which repairs another payload type. */
    public boolean isRetransmission() {
        return name != null && name.equalsIgnoreCase("rtx");
    }

    /**
     * The payload type this format repairs: {@code apt} in the fmtp of an RTX format (RFC 4588
     * §8.1), if present and a number.
     */
    public Optional<Integer> associatedPayloadType() {
        if (fmtp == null) {
            return Optional.empty();
        }
        String apt = new FmtpAttribute(payloadType, fmtp).parameterMap().get("apt");
        return apt == null ? Optional.empty() : payloadType(apt);
    }

    /** This codec with other feedback types. */
    public CodecDescription withRtcpFeedback(List<String> feedback) {
        return new CodecDescription(payloadType, name, clockRate, channels, fmtp, feedback);
    }
}
