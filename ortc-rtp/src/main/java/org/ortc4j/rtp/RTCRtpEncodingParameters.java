package org.ortc4j.rtp;

/**
 * One RTP stream a sender sends (W3C WebRTC §5.2.6 {@code RTCRtpEncodingParameters}, with ORTC's
 * and aiortc's {@code ssrc} and {@code rtx}).
 *
 * @param ssrc the SSRC, or {@code null} to let the sender pick a random one
 * @param rtx the RTX stream, or {@code null} for none
 * @param rid the RTP stream id (RFC 8852) for simulcast, or {@code null}
 * @param active whether the stream is sent; an inactive one sends nothing (W3C {@code active})
 * @param maxBitrate the most bits per second the encoder may produce, or {@code null} for no cap
 * @param maxFramerate the most frames per second, or {@code null} for no cap (video)
 * @param scaleResolutionDownBy how much to scale the track's frames down in each dimension, 1 or
 *     more, or {@code null} for 1 (video)
 */
public record RTCRtpEncodingParameters(
        Integer ssrc,
        RTCRtpRtxParameters rtx,
        String rid,
        boolean active,
        Long maxBitrate,
        Double maxFramerate,
        Double scaleResolutionDownBy) {

    /**
     * Validates the fields.
     *
     * @throws IllegalArgumentException if maxBitrate is not positive, maxFramerate is negative or
     *     not finite, scaleResolutionDownBy is below 1 (W3C: RangeError), or rid is not 1 to 16
     *     letters and digits (RFC 8851 §10)
     */
    public RTCRtpEncodingParameters {
        if (maxBitrate != null && maxBitrate <= 0) {
            throw new IllegalArgumentException("maxBitrate must be positive, not " + maxBitrate);
        }
        if (maxFramerate != null && (!(maxFramerate >= 0) || maxFramerate.isInfinite())) {
            throw new IllegalArgumentException("maxFramerate must be a non-negative number, not " + maxFramerate);
        }
        // W3C WebRTC §5.2 setParameters: "If scaleResolutionDownBy is less than 1.0, return a
        // promise rejected with a newly created RangeError."
        if (scaleResolutionDownBy != null && !(scaleResolutionDownBy >= 1.0 && !scaleResolutionDownBy.isInfinite())) {
            throw new IllegalArgumentException("scaleResolutionDownBy must be 1 or more, not " + scaleResolutionDownBy);
        }
        // RFC 8851 §10: rid-id = 1*(alpha-numeric / "-" / "_"); W3C limits it to 16 characters
        // of letters and digits.
        if (rid != null && (rid.isEmpty() || rid.length() > 16 || !rid.chars().allMatch(
                c -> (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))) {
            throw new IllegalArgumentException("rid must be 1 to 16 ASCII letters or digits, not \"" + rid + "\"");
        }
    }

    /** An active encoding with this SSRC and nothing else set. */
    public static RTCRtpEncodingParameters ofSsrc(int ssrc) {
        return new RTCRtpEncodingParameters(ssrc, null, null, true, null, null, null);
    }

    /** An active encoding with this SSRC and an RTX stream on {@code rtxSsrc}. */
    public static RTCRtpEncodingParameters ofSsrc(int ssrc, int rtxSsrc) {
        return new RTCRtpEncodingParameters(ssrc, new RTCRtpRtxParameters(rtxSsrc), null, true, null, null, null);
    }

    /** A builder starting from an active encoding with nothing set. */
    public static Builder newBuilder() {
        return new Builder();
    }

    /** A builder starting from these values. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.ssrc = ssrc;
        builder.rtx = rtx;
        builder.rid = rid;
        builder.active = active;
        builder.maxBitrate = maxBitrate;
        builder.maxFramerate = maxFramerate;
        builder.scaleResolutionDownBy = scaleResolutionDownBy;
        return builder;
    }

    /** Builds {@link RTCRtpEncodingParameters}. */
    public static final class Builder {
        private Integer ssrc;
        private RTCRtpRtxParameters rtx;
        private String rid;
        private boolean active = true;
        private Long maxBitrate;
        private Double maxFramerate;
        private Double scaleResolutionDownBy;

        private Builder() {
        }

        /** The SSRC; {@code null} lets the sender pick. */
        public Builder ssrc(Integer ssrc) {
            this.ssrc = ssrc;
            return this;
        }

        /** The RTX stream's SSRC; {@code null} for none. */
        public Builder rtxSsrc(Integer rtxSsrc) {
            this.rtx = rtxSsrc == null ? null : new RTCRtpRtxParameters(rtxSsrc);
            return this;
        }

        /** The RTP stream id. */
        public Builder rid(String rid) {
            this.rid = rid;
            return this;
        }

        /** Whether the stream is sent. */
        public Builder active(boolean active) {
            this.active = active;
            return this;
        }

        /** The bitrate cap in bits per second. */
        public Builder maxBitrate(Long maxBitrate) {
            this.maxBitrate = maxBitrate;
            return this;
        }

        /** The frame rate cap. */
        public Builder maxFramerate(Double maxFramerate) {
            this.maxFramerate = maxFramerate;
            return this;
        }

        /** The down-scaling factor, 1 or more. */
        public Builder scaleResolutionDownBy(Double scaleResolutionDownBy) {
            this.scaleResolutionDownBy = scaleResolutionDownBy;
            return this;
        }

        /** The encoding. */
        public RTCRtpEncodingParameters build() {
            return new RTCRtpEncodingParameters(ssrc, rtx, rid, active, maxBitrate, maxFramerate, scaleResolutionDownBy);
        }
    }
}
