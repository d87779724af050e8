package org.ortc4j.rtp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A codec as negotiated for one sender or receiver: its payload type, clock rate, channels,
 * format parameters and RTCP feedback (W3C WebRTC §5.2.11 {@code RTCRtpCodecParameters}; aiortc
 * {@code RTCRtpCodecParameters}, whose parameter map and {@code rtcpFeedback} list ortc4j keeps
 * where the W3C API has {@code sdpFmtpLine}).
 *
 * <pre>{@code
 * RTCRtpCodecParameters vp8 = RTCRtpCodecParameters.newBuilder("video/VP8", 90000, 96)
 *         .rtcpFeedback(new RTCRtcpFeedback("nack"), new RTCRtcpFeedback("nack", "pli"))
 *         .build();
 * }</pre>
 *
 * @param mimeType the media type, {@code "audio/<subtype>"} or {@code "video/<subtype>"}
 * @param clockRate the RTP clock rate in hertz, positive
 * @param channels the number of audio channels, or {@code null} when unspecified, as for video
 * @param payloadType the RTP payload type, 0 to 127; dynamic types are 96 to 127 (RFC 3551 §6)
 * @param parameters the format-specific ({@code a=fmtp}) parameters in order; never null, an
 *     unmodifiable copy
 * @param rtcpFeedback the RTCP feedback the codec uses ({@code a=rtcp-fb}), in order; never null,
 *     an unmodifiable copy
 */
public record RTCRtpCodecParameters(
        String mimeType,
        int clockRate,
        Integer channels,
        int payloadType,
        Map<String, String> parameters,
        List<RTCRtcpFeedback> rtcpFeedback) {

    /**
     * Validates and copies the fields.
     *
     * @param parameters {@code null} means none
     * @param rtcpFeedback {@code null} means none
     * @throws IllegalArgumentException if the mimeType is malformed, clockRate is not positive,
     *     channels is outside 1..65535, payloadType is outside 0..127, or a parameter key is empty
     * @throws NullPointerException if mimeType, a parameter key or value, or a feedback entry is
     *     null
     */
    public RTCRtpCodecParameters {
        MediaType.check(mimeType);
        RTCRtpCodecCapability.checkClockRate(clockRate);
        RTCRtpCodecCapability.checkChannels(channels);
        // RFC 3550 §5.1: "payload type (PT): 7 bits"; W3C WebRTC §5.2.11 types it octet.
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("payloadType must be 0 to 127 (7 bits, RFC 3550 §5.1), not " + payloadType);
        }
        parameters = FormatParameters.copyOf(parameters);
        rtcpFeedback = copyFeedback(rtcpFeedback);
    }

    /**
     * A builder; the payload type, clock rate and mimeType are required, the rest optional.
     *
     * @param mimeType the media type, such as {@code "video/VP8"}
     * @param clockRate the RTP clock rate in hertz
     * @param payloadType the RTP payload type, 0 to 127
     */
    public static Builder newBuilder(String mimeType, int clockRate, int payloadType) {
        return new Builder(mimeType, clockRate, payloadType);
    }

    /** The codec name, the subtype of the mimeType as written: {@code "opus"}, {@code "VP8"} (aiortc {@code name}). */
    public String name() {
        return MediaType.subtype(mimeType);
    }

    /** The kind of media, the top-level type of the mimeType in lower case: {@code "audio"} or {@code "video"}. */
    public String kind() {
        return MediaType.kind(mimeType);
    }

    private static List<RTCRtcpFeedback> copyFeedback(List<RTCRtcpFeedback> feedback) {
        if (feedback == null) {
            return List.of();
        }
        for (int i = 0; i < feedback.size(); i++) {
            if (feedback.get(i) == null) {
                throw new NullPointerException("rtcpFeedback[" + i + "] is null");
            }
        }
        return List.copyOf(feedback);
    }

    /** Builds an {@link RTCRtpCodecParameters}; {@link #build()} validates as the constructor does. */
    public static final class Builder {

        private final String mimeType;
        private final int clockRate;
        private final int payloadType;
        private Integer channels;
        private final Map<String, String> parameters = new LinkedHashMap<>();
        private final List<RTCRtcpFeedback> rtcpFeedback = new ArrayList<>();

        private Builder(String mimeType, int clockRate, int payloadType) {
            this.mimeType = mimeType;
            this.clockRate = clockRate;
            this.payloadType = payloadType;
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
         * @param key the parameter name, such as {@code "packetization-mode"}
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
         * Adds RTCP feedback entries after those added before.
         *
         * @param feedback the entries
         * @return this builder
         */
        public Builder rtcpFeedback(RTCRtcpFeedback... feedback) {
            for (RTCRtcpFeedback entry : feedback) {
                rtcpFeedback.add(Objects.requireNonNull(entry, "rtcpFeedback entry"));
            }
            return this;
        }

        /**
         * Adds RTCP feedback entries, in order, after those added before.
         *
         * @param feedback the entries
         * @return this builder
         */
        public Builder rtcpFeedback(List<RTCRtcpFeedback> feedback) {
            return rtcpFeedback(feedback.toArray(new RTCRtcpFeedback[0]));
        }

        /**
         * The codec described so far.
         *
         * @throws IllegalArgumentException if a field is invalid
         */
        public RTCRtpCodecParameters build() {
            return new RTCRtpCodecParameters(mimeType, clockRate, channels, payloadType, parameters, rtcpFeedback);
        }
    }
}
