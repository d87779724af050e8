package org.ortc4j.media;

import java.util.Locale;
import java.util.Map;

/**
 * A codec as the SPI names it, with the fields of an RTP codec capability: MIME type, RTP clock
 * rate and channels (W3C {@code RTCRtpCodec}), and format parameters (the {@code a=fmtp} pairs,
 * such as H.264's {@code profile-level-id}). Matching ignores the case of the MIME type.
 *
 * @param mimeType   {@code "audio/opus"}, {@code "video/VP8"}, ...
 * @param clockRate  RTP clock rate in Hz (8000 for G.722, RFC 3551 §4.5.2)
 * @param channels   audio channels; 0 for video
 * @param parameters format parameters; empty when none
 */
public record CodecInfo(String mimeType, int clockRate, int channels, Map<String, String> parameters) {

    /** Validates and copies. */
    public CodecInfo {
        MediaKind.ofMimeType(mimeType);
        if (clockRate <= 0) {
            throw new IllegalArgumentException("clock rate must be positive: " + clockRate);
        }
        if (channels < 0) {
            throw new IllegalArgumentException("channels must not be negative: " + channels);
        }
        parameters = Map.copyOf(parameters);
    }

    /** A codec without format parameters. */
    public CodecInfo(String mimeType, int clockRate, int channels) {
        this(mimeType, clockRate, channels, Map.of());
    }

    /** Audio or video, from the MIME type. */
    public MediaKind kind() {
        return MediaKind.ofMimeType(mimeType);
    }

    /** True when {@code other} is this codec's MIME type, ignoring case. */
    public boolean hasMimeType(String other) {
        return mimeType.toLowerCase(Locale.ROOT).equals(other.toLowerCase(Locale.ROOT));
    }

    /**
     * True when {@code requested} asks for this codec: same MIME type (ignoring case) and clock
     * rate, and the same channels when the request names a channel count (non-zero).
     */
    public boolean accepts(CodecInfo requested) {
        return hasMimeType(requested.mimeType) && clockRate == requested.clockRate
                && (requested.channels == 0 || requested.channels == channels);
    }
}
