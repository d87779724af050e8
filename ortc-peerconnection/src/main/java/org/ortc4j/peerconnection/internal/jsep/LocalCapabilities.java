package org.ortc4j.peerconnection.internal.jsep;

import java.util.List;
import java.util.Locale;
import org.ortc4j.rtp.RTCRtcpFeedback;
import org.ortc4j.rtp.RTCRtpCapabilities;
import org.ortc4j.rtp.RTCRtpCodecCapability;
import org.ortc4j.rtp.RTCRtpHeaderExtensionCapability;

/**
 * What this peer connection negotiates for each kind: codecs (in preference order), header
 * extensions and the RTCP feedback written next to each codec.
 *
 * <p>{@link #defaults()} mirrors ortc-rtp's internal {@code SupportedCodecs} (which this module
 * cannot see: it is not exported); when ortc-rtp exports its capabilities, {@code defaults()}
 * should read them instead of repeating them.
 *
 * @param audio audio codecs and header extensions
 * @param video video codecs (video/rtx among them when retransmission is supported) and header
 *     extensions
 * @param audioFeedback RTCP feedback offered with each audio codec
 * @param videoFeedback RTCP feedback offered with each video codec (not rtx)
 */
public record LocalCapabilities(RTCRtpCapabilities audio, RTCRtpCapabilities video,
        List<RTCRtcpFeedback> audioFeedback, List<RTCRtcpFeedback> videoFeedback) {

    static final String MID_URI = "urn:ietf:params:rtp-hdrext:sdes:mid";
    static final String AUDIO_LEVEL_URI = "urn:ietf:params:rtp-hdrext:ssrc-audio-level";
    static final String ABS_SEND_TIME_URI = "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time";
    static final String TWCC_URI = "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01";
    static final String RID_URI = "urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id";
    static final String RRID_URI = "urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id";

    private static final LocalCapabilities DEFAULTS = new LocalCapabilities(
            new RTCRtpCapabilities(
                    List.of(RTCRtpCodecCapability.newBuilder("audio/opus", 48_000).channels(2)
                                    .parameter("minptime", "10").parameter("useinbandfec", "1").build(),
                            new RTCRtpCodecCapability("audio/G722", 8_000, 1),
                            new RTCRtpCodecCapability("audio/PCMU", 8_000, 1),
                            new RTCRtpCodecCapability("audio/PCMA", 8_000, 1)),
                    List.of(new RTCRtpHeaderExtensionCapability(MID_URI),
                            new RTCRtpHeaderExtensionCapability(AUDIO_LEVEL_URI),
                            new RTCRtpHeaderExtensionCapability(ABS_SEND_TIME_URI),
                            new RTCRtpHeaderExtensionCapability(TWCC_URI))),
            new RTCRtpCapabilities(
                    List.of(new RTCRtpCodecCapability("video/VP8", 90_000),
                            new RTCRtpCodecCapability("video/rtx", 90_000),
                            RTCRtpCodecCapability.newBuilder("video/VP9", 90_000).parameter("profile-id", "0").build(),
                            h264("42001f", "1"), h264("42e01f", "1"), h264("42001f", "0"), h264("42e01f", "0"),
                            RTCRtpCodecCapability.newBuilder("video/AV1", 90_000).parameter("level-idx", "5")
                                    .parameter("profile", "0").parameter("tier", "0").build()),
                    List.of(new RTCRtpHeaderExtensionCapability(MID_URI),
                            new RTCRtpHeaderExtensionCapability(RID_URI),
                            new RTCRtpHeaderExtensionCapability(RRID_URI),
                            new RTCRtpHeaderExtensionCapability(ABS_SEND_TIME_URI),
                            new RTCRtpHeaderExtensionCapability(TWCC_URI))),
            List.of(new RTCRtcpFeedback("transport-cc")),
            List.of(new RTCRtcpFeedback("goog-remb"), new RTCRtcpFeedback("transport-cc"),
                    new RTCRtcpFeedback("ccm", "fir"), new RTCRtcpFeedback("nack"),
                    new RTCRtcpFeedback("nack", "pli")));

    /** Copies the lists. */
    public LocalCapabilities {
        audioFeedback = List.copyOf(audioFeedback);
        videoFeedback = List.copyOf(videoFeedback);
    }

    /** ortc4j's capabilities, as ortc-rtp's senders and receivers support them. */
    public static LocalCapabilities defaults() {
        return DEFAULTS;
    }

    private static RTCRtpCodecCapability h264(String profileLevelId, String packetizationMode) {
        return RTCRtpCodecCapability.newBuilder("video/H264", 90_000)
                .parameter("level-asymmetry-allowed", "1")
                .parameter("packetization-mode", packetizationMode)
                .parameter("profile-level-id", profileLevelId)
                .build();
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
