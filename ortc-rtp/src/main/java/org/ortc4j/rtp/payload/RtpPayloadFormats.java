package org.ortc4j.rtp.payload;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The payload formats ortc4j packetizes and depacketizes, by codec MIME type: what an
 * {@code RTCRtpSender} uses to turn encoded frames into payloads and an {@code RTCRtpReceiver} to
 * turn payloads back into frames.
 */
public final class RtpPayloadFormats {

    private RtpPayloadFormats() {
    }

    /**
     * A new packetizer for the codec (packetizers keep per-stream state such as VP8's picture ID,
     * so each stream needs its own), or empty when ortc4j has no payload format for it.
     *
     * @param mimeType such as {@code "video/H264"}, case-insensitive
     * @param parameters the codec's format parameters: H.264's {@code packetization-mode} picks
     *     between RFC 6184's single NAL unit mode (0, the default) and non-interleaved mode (1)
     */
    public static Optional<RtpPacketizer> packetizer(String mimeType, Map<String, String> parameters) {
        return Optional.ofNullable(switch (mimeType.toLowerCase(Locale.ROOT)) {
            case "audio/opus" -> new OpusPacketizer();
            case "audio/pcmu" -> SampleAudioPacketizer.pcmu();
            case "audio/pcma" -> SampleAudioPacketizer.pcma();
            case "audio/g722" -> SampleAudioPacketizer.g722();
            case "video/vp8" -> new Vp8Packetizer();
            case "video/vp9" -> new Vp9Packetizer();
            case "video/av1" -> new Av1Packetizer();
            // RFC 6184 §8.1: "If no packetization-mode parameter is present, a value of 0 MUST be
            // inferred."
            case "video/h264" -> new H264Packetizer("1".equals(parameters.get("packetization-mode"))
                    ? H264PacketizationMode.NON_INTERLEAVED : H264PacketizationMode.SINGLE_NAL_UNIT);
            default -> null;
        });
    }

    /** A new depacketizer for the codec, or empty when ortc4j has no payload format for it. */
    public static Optional<RtpDepacketizer> depacketizer(String mimeType) {
        return Optional.ofNullable(switch (mimeType.toLowerCase(Locale.ROOT)) {
            case "audio/opus" -> new OpusDepacketizer();
            case "audio/pcmu", "audio/pcma", "audio/g722" -> new SampleAudioDepacketizer();
            case "video/vp8" -> new Vp8Depacketizer();
            case "video/vp9" -> new Vp9Depacketizer();
            case "video/av1" -> new Av1Depacketizer();
            case "video/h264" -> new H264Depacketizer();
            default -> null;
        });
    }

    /** Whether ortc4j can both packetize and depacketize the codec. */
    public static boolean supports(String mimeType) {
        return depacketizer(mimeType).isPresent();
    }
}
