package org.ortc4j.rtp.internal;

import java.util.List;
import org.ortc4j.media.CodecInfo;
import org.ortc4j.rtp.RTCRtcpFeedback;
import org.ortc4j.rtp.RTCRtpCapabilities;
import org.ortc4j.rtp.RTCRtpCodecCapability;
import org.ortc4j.rtp.RTCRtpCodecParameters;
import org.ortc4j.rtp.RTCRtpHeaderExtensionCapability;
import org.ortc4j.rtp.packet.AbsSendTimeExtension;
import org.ortc4j.rtp.packet.AudioLevelExtension;
import org.ortc4j.rtp.packet.MidExtension;
import org.ortc4j.rtp.packet.RepairedRtpStreamIdExtension;
import org.ortc4j.rtp.packet.RtpStreamIdExtension;
import org.ortc4j.rtp.packet.TransportSequenceNumberExtension;

/**
 * What ortc4j's senders and receivers can do: the codecs it has payload formats for, the header
 * extensions it reads and writes, and the RTCP feedback it answers — the content of
 * {@code RTCRtpSender.getCapabilities} and {@code RTCRtpReceiver.getCapabilities}, in the order
 * and with the format parameters Chromium offers, so that negotiation with browsers lands on the
 * same choices.
 */
public final class SupportedCodecs {

    private static final RTCRtpCapabilities AUDIO = new RTCRtpCapabilities(
            List.of(
                    // RFC 7587 §7: opus is always signalled as 48000/2; Chromium's fmtp.
                    RTCRtpCodecCapability.newBuilder("audio/opus", 48_000).channels(2)
                            .parameter("minptime", "10").parameter("useinbandfec", "1").build(),
                    // RFC 3551 §4.5.2: G.722's RTP clock rate is 8000 although it samples at 16 kHz.
                    new RTCRtpCodecCapability("audio/G722", 8_000, 1),
                    new RTCRtpCodecCapability("audio/PCMU", 8_000, 1),
                    new RTCRtpCodecCapability("audio/PCMA", 8_000, 1)),
            List.of(
                    new RTCRtpHeaderExtensionCapability(MidExtension.URI),
                    new RTCRtpHeaderExtensionCapability(AudioLevelExtension.URI),
                    new RTCRtpHeaderExtensionCapability(AbsSendTimeExtension.URI),
                    new RTCRtpHeaderExtensionCapability(TransportSequenceNumberExtension.URI)));

    private static final RTCRtpCapabilities VIDEO = new RTCRtpCapabilities(
            List.of(
                    new RTCRtpCodecCapability("video/VP8", 90_000),
                    new RTCRtpCodecCapability("video/rtx", 90_000),
                    // RFC 9628 §6: profile-id 0 is what every browser decodes.
                    RTCRtpCodecCapability.newBuilder("video/VP9", 90_000).parameter("profile-id", "0").build(),
                    // RFC 6184 §8.1 with Chromium's choices: constrained baseline level 3.1,
                    // non-interleaved mode first, then single NAL unit mode.
                    h264("42001f", "1"),
                    h264("42e01f", "1"),
                    h264("42001f", "0"),
                    h264("42e01f", "0"),
                    RTCRtpCodecCapability.newBuilder("video/AV1", 90_000).parameter("level-idx", "5")
                            .parameter("profile", "0").parameter("tier", "0").build()),
            List.of(
                    new RTCRtpHeaderExtensionCapability(MidExtension.URI),
                    new RTCRtpHeaderExtensionCapability(RtpStreamIdExtension.URI),
                    new RTCRtpHeaderExtensionCapability(RepairedRtpStreamIdExtension.URI),
                    new RTCRtpHeaderExtensionCapability(AbsSendTimeExtension.URI),
                    new RTCRtpHeaderExtensionCapability(TransportSequenceNumberExtension.URI)));

    private SupportedCodecs() {
    }

    private static RTCRtpCodecCapability h264(String profileLevelId, String packetizationMode) {
        return RTCRtpCodecCapability.newBuilder("video/H264", 90_000)
                .parameter("level-asymmetry-allowed", "1")
                .parameter("packetization-mode", packetizationMode)
                .parameter("profile-level-id", profileLevelId)
                .build();
    }

    /**
     * The capabilities for a kind.
     *
     * @throws IllegalArgumentException unless kind is audio or video (W3C getCapabilities returns
     *     null for other kinds; Java callers get an exception that says why)
     */
    public static RTCRtpCapabilities capabilities(String kind) {
        return switch (kind) {
            case "audio" -> AUDIO;
            case "video" -> VIDEO;
            default -> throw new IllegalArgumentException("kind must be audio or video, not " + kind);
        };
    }

    /**
     * The RTCP feedback ortc4j uses with a codec of this kind (RFC 4585, RFC 5104, transport-wide
     * cc): what a negotiation offers next to each codec. Video: NACK with RTX repair, PLI, FIR and
     * transport-cc; audio: transport-cc only (audio is not retransmitted, as in Chromium).
     */
    public static List<RTCRtcpFeedback> rtcpFeedback(String kind) {
        if (kind.equals("video")) {
            return List.of(new RTCRtcpFeedback("goog-remb"), new RTCRtcpFeedback("transport-cc"),
                    new RTCRtcpFeedback("ccm", "fir"), new RTCRtcpFeedback("nack"), new RTCRtcpFeedback("nack", "pli"));
        }
        return List.of(new RTCRtcpFeedback("transport-cc"));
    }

    /**
     * The codec SPI's name for a negotiated codec: video has 0 channels, audio its channels or 1
     * when unspecified (RFC 4566 §6: "the number of channels ... defaults to one").
     */
    public static CodecInfo codecInfo(RTCRtpCodecParameters codec) {
        int channels = codec.kind().equals("video") ? 0 : codec.channels() == null ? 1 : codec.channels();
        return new CodecInfo(codec.mimeType(), codec.clockRate(), channels, codec.parameters());
    }
}
