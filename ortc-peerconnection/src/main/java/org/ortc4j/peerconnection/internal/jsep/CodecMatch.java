package org.ortc4j.peerconnection.internal.jsep;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * When two media formats are the same codec: the rules offer/answer uses to pair an offered
 * format with one of ours, and the identity a payload type is registered under.
 */
final class CodecMatch {

    private CodecMatch() {
    }

    static boolean isRtx(String mimeType) {
        return mimeType.toLowerCase(Locale.ROOT).endsWith("/rtx");
    }

    /**
     * Whether two formats are the same codec. RFC 3264 §6.1 pairs formats by encoding name,
     * clock rate and channels; some codecs also need format parameters to agree: H.264 profile
     * and packetization-mode (RFC 6184 §8.2.2), VP9 profile-id (RFC 9628 §6), AV1 profile
     * (AV1 RTP §7.2). RTX is matched through its apt by the caller.
     */
    static boolean same(String mimeA, int clockA, Integer channelsA, Map<String, String> paramsA,
            String mimeB, int clockB, Integer channelsB, Map<String, String> paramsB) {
        if (!mimeA.equalsIgnoreCase(mimeB) || clockA != clockB) {
            return false;
        }
        // RFC 8866 §6.6: the number of audio channels may be omitted when it is one.
        if (!Objects.equals(channelsA == null ? 1 : channelsA, channelsB == null ? 1 : channelsB)
                && mimeA.toLowerCase(Locale.ROOT).startsWith("audio/")) {
            return false;
        }
        return switch (mimeA.toLowerCase(Locale.ROOT)) {
            case "video/h264" -> H264Profile.sameCodec(paramsA, paramsB);
            case "video/vp9" -> paramsA.getOrDefault("profile-id", "0").equals(paramsB.getOrDefault("profile-id", "0"));
            case "video/av1" -> paramsA.getOrDefault("profile", "0").equals(paramsB.getOrDefault("profile", "0"));
            default -> true;
        };
    }

    /**
     * The identity a payload type is allocated to: the fields {@link #same} compares, so that
     * one codec keeps one payload type across sections and renegotiations. For rtx, the
     * identity includes the apt it repairs.
     */
    static String key(String mimeType, int clockRate, Integer channels, Map<String, String> parameters) {
        String mime = mimeType.toLowerCase(Locale.ROOT);
        StringBuilder key = new StringBuilder(mime).append('/').append(clockRate);
        if (mime.startsWith("audio/")) {
            key.append('/').append(channels == null ? 1 : channels);
        }
        switch (mime) {
            case "video/h264" -> key.append(";profile=").append(H264Profile.of(H264Profile.profileLevelId(parameters))
                    .map(Enum::name).orElse(H264Profile.profileLevelId(parameters)))
                    .append(";packetization-mode=").append(H264Profile.packetizationMode(parameters));
            case "video/vp9" -> key.append(";profile-id=").append(parameters.getOrDefault("profile-id", "0"));
            case "video/av1" -> key.append(";profile=").append(parameters.getOrDefault("profile", "0"));
            default -> {
                if (isRtx(mime)) {
                    key.append(";apt=").append(parameters.get("apt"));
                }
            }
        }
        return key.toString();
    }
}
