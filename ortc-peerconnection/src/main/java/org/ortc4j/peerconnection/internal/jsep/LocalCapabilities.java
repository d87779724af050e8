package org.ortc4j.peerconnection.internal.jsep;

import java.util.List;
import java.util.Locale;
import org.ortc4j.rtp.RTCRtcpFeedback;
import org.ortc4j.rtp.RTCRtpCapabilities;
import org.ortc4j.rtp.RTCRtpSender;
import org.ortc4j.rtp.internal.SupportedCodecs;

/**
 * What this peer connection negotiates for each kind: codecs (in preference order), header
 * extensions and the RTCP feedback written next to each codec.
 *
 * <p>{@link #defaults()} is what ortc-rtp's senders and receivers support:
 * {@code RTCRtpSender.getCapabilities} and the feedback of its {@code SupportedCodecs} (exported
 * to this module only).
 *
 * @param audio audio codecs and header extensions
 * @param video video codecs (video/rtx among them when retransmission is supported) and header
 *     extensions
 * @param audioFeedback RTCP feedback offered with each audio codec
 * @param videoFeedback RTCP feedback offered with each video codec (not rtx)
 */
public record LocalCapabilities(RTCRtpCapabilities audio, RTCRtpCapabilities video,
        List<RTCRtcpFeedback> audioFeedback, List<RTCRtcpFeedback> videoFeedback) {


    private static final LocalCapabilities DEFAULTS = new LocalCapabilities(
            RTCRtpSender.getCapabilities("audio"), RTCRtpSender.getCapabilities("video"),
            SupportedCodecs.rtcpFeedback("audio"), SupportedCodecs.rtcpFeedback("video"));

    /** Copies the lists. */
    public LocalCapabilities {
        audioFeedback = List.copyOf(audioFeedback);
        videoFeedback = List.copyOf(videoFeedback);
    }

    /** ortc4j's capabilities, as ortc-rtp's senders and receivers support them. */
    public static LocalCapabilities defaults() {
        return DEFAULTS;
    }

    /** The capabilities of a kind ("audio" or "video"), or empty ones for any other kind. */
    public RTCRtpCapabilities of(String kind) {
        return switch (kind.toLowerCase(Locale.ROOT)) {
            case "audio" -> audio;
            case "video" -> video;
            default -> new RTCRtpCapabilities(List.of(), List.of());
        };
    }

    /** The RTCP feedback offered with each codec of a kind. */
    public List<RTCRtcpFeedback> feedback(String kind) {
        return kind.equalsIgnoreCase("video") ? videoFeedback : kind.equalsIgnoreCase("audio") ? audioFeedback : List.of();
    }
}
