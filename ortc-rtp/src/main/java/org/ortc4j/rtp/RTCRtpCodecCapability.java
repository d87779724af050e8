package org.ortc4j.rtp;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A codec this implementation can send or receive (aiortc {@code RTCRtpCodecCapability}; the W3C
 * {@code RTCRtpCodec} dictionary, W3C WebRTC §5.2.10, with aiortc's parameter map in place of
 * {@code sdpFmtpLine}).
 *
 * <pre>{@code
 * new RTCRtpCodecCapability("video/VP8", 90000);
 * RTCRtpCodecCapability.newBuilder("audio/opus", 48000).channels(2)
 *         .parameter("minptime", "10").parameter("useinbandfec", "1").build();
 * }</pre>
 *
 * @param mimeType the media type, {@code "audio/<subtype>"} or {@code "video/<subtype>"}, such as
 *     {@code "audio/opus"} or {@code "video/VP8"}
 * @param clockRate the RTP clock rate in hertz, positive
 * @param channels the number of audio channels (mono 1, stereo 2), or {@code null} when
 *     unspecified, as for video
 * @param parameters the format-specific ({@code a=fmtp}) parameters in order; never null, an
 *     unmodifiable copy
 */
public record RTCRtpCodecCapability(String mimeType, int clockRate, Integer channels, Map<String, String> parameters) {

    /**
     * Validates and copies the fields.
     *
     * @param parameters {@code null} means none
     * @throws IllegalArgumentException if the mimeType is malformed, clockRate is not positive,
     *     channels is outside 1..65535, or a parameter key is empty
     * @throws NullPointerException if mimeType, a parameter key or a parameter value is null
     */
    public RTCRtpCodecCapability {
        MediaType.check(mimeType);
        checkClockRate(clockRate);
        checkChannels(channels);
        parameters = FormatParameters.copyOf(parameters);
    }

    /**
     * A codec without channels or parameters, such as {@code video/VP8}.
     *
     * @param mimeType the media type, such as {@code "video/VP8"}
     * @param clockRate the RTP clock rate in hertz
     */
    public RTCRtpCodecCapability(String mimeType, int clockRate) {
        this(mimeType, clockRate, null, null);
    }

    /**
     * A codec with a channel count and no parameters, such as {@code audio/PCMU} with 1 channel.
     *
     * @param mimeType the media type, such as {@code "audio/PCMU"}
     * @param clockRate the RTP clock rate in hertz
     * @param channels the number of channels, or {@code null}
     */
    public RTCRtpCodecCapability(String mimeType, int clockRate, Integer channels) {
        this(mimeType, clockRate, channels, null);
    }

    /**
     * A builder for a codec with channels or parameters.
     *
     * @param mimeType the media type, such as {@code "audio/opus"}
     * @param clockRate the RTP clock rate in hertz
     */
    public static Builder newBuilder(String mimeType, int clockRate) {
        return new Builder(mimeType, clockRate);
    }

    /** The codec name, the subtype of the mimeType as written: {@code "opus"}, {@code "VP8"} (aiortc {@code name}). */
    public String name() {
        return MediaType.subtype(mimeType);
    }

    /** The kind of media, the top-level type of the mimeType in lower case: {@code "audio"} or {@code "video"}. */
    public String kind() {
        return MediaType.kind(mimeType);
    }

    static void checkClockRate(int clockRate) {
        if (clockRate <= 0) {
            throw new IllegalArgumentException("clockRate must be positive, not " + clockRate);
        }
    }

    // W3C WebRTC §5.2.10: channels is an unsigned short, "the maximum number of channels (mono=1,
    // stereo=2)".
    static void checkChannels(Integer channels) {
        if (channels != null && (channels < 1 || channels > 65535)) {
            throw new IllegalArgumentException("channels must be null or 1 to 65535, not " + channels);
        }
    }

    /** Builds an {@link RTCRtpCodecCapability}; {@link #build()} validates as the constructor does. */
    public static final class Builder {

        private final String mimeType;
        private final int clockRate;
        private Integer channels;
        private final Map<String, String> parameters = new LinkedHashMap<>();

        private Builder(String mimeType, int clockRate) {
            this.mimeType = mimeType;
            this.clockRate = clockRate;
        }

        /**
         * Sets the number of channels.
         *
         * @param channels the count, or {@code null} for unspecified
         * @return this builder
         */
        public Builder channels(Integer channels) {
            this.channels = channels;
            return this;
        }

        /**
         * Adds a format-specific parameter after those added before, replacing one with the same key.
         *
         * @param key the parameter name, such as {@code "minptime"}
         * @param value the value, {@code ""} for a parameter without one
         * @return this builder
         */
        public Builder parameter(String key, String value) {
            parameters.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Adds all of {@code parameters}, in their order, after those added before.
         *
         * @param parameters the parameters to add
         * @return this builder
         */
        public Builder parameters(Map<String, String> parameters) {
            Objects.requireNonNull(parameters, "parameters").forEach(this::parameter);
            return this;
        }

        /**
         * The codec described so far.
         *
         * @throws IllegalArgumentException if a field is invalid
         */
        public RTCRtpCodecCapability build() {
            return new RTCRtpCodecCapability(mimeType, clockRate, channels, parameters);
        }
    }
}
