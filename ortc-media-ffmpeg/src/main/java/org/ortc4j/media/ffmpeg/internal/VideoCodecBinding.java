package org.ortc4j.media.ffmpeg.internal;

import java.util.List;
import java.util.Map;
import org.ortc4j.media.CodecInfo;

/**
 * One video codec as this module binds it to FFmpeg: the SPI's {@link CodecInfo}s it encodes and
 * decodes, the FFmpeg encoder and decoder names, and the encoder's real-time private options.
 *
 * @param mimeType       {@code "video/VP8"}, ...
 * @param encoderName    FFmpeg encoder ({@code avcodec_find_encoder_by_name})
 * @param decoderName    FFmpeg decoder
 * @param encodes        what the encoder offers through the SPI
 * @param decodes        what the decoder offers through the SPI
 * @param realtimeOptions the encoder's private options for real time (no lag, fastest preset)
 * @param qmin           lowest quantizer, in the encoder's own scale
 * @param qmax           highest quantizer: FFmpeg's default (31) would cap compression far
 *                       below what low bitrates need on these codecs' 0..63 (0..51 for H.264) scales
 */
public record VideoCodecBinding(String mimeType, String encoderName, String decoderName, List<CodecInfo> encodes,
        List<CodecInfo> decodes, Map<String, String> realtimeOptions, int qmin, int qmax) {

    /** Copies the lists and map. */
    public VideoCodecBinding {
        encodes = List.copyOf(encodes);
        decodes = List.copyOf(decodes);
        realtimeOptions = Map.copyOf(realtimeOptions);
    }

    private static CodecInfo video(String mime, Map<String, String> parameters) {
        return new CodecInfo(mime, 90_000, 0, parameters);
    }

    private static CodecInfo h264(String profileLevelId) {
        // RFC 6184 §8.1: profile-level-id and packetization-mode as browsers offer them.
        return video("video/H264", Map.of("profile-level-id", profileLevelId, "packetization-mode", "1",
                "level-asymmetry-allowed", "1"));
    }

    /** VP8 through libvpx (encoder) and FFmpeg's native VP8 decoder. */
    public static final VideoCodecBinding VP8 = new VideoCodecBinding("video/VP8", "libvpx", "vp8",
            List.of(video("video/VP8", Map.of())), List.of(video("video/VP8", Map.of())),
            // libvpx real time: "deadline=realtime" and cpu-used 8 (fast), no look-ahead so every
            // frame comes out as it goes in, error resilience for lossy networks.
            Map.of("deadline", "realtime", "cpu-used", "8", "lag-in-frames", "0", "error-resilient", "1",
                    "auto-alt-ref", "0", "max-intra-rate", "300", "undershoot-pct", "95", "overshoot-pct", "15"), 2, 56);

    /** VP9 profile 0 through libvpx-vp9 and FFmpeg's native VP9 decoder. */
    public static final VideoCodecBinding VP9 = new VideoCodecBinding("video/VP9", "libvpx-vp9", "vp9",
            List.of(video("video/VP9", Map.of("profile-id", "0"))), List.of(video("video/VP9", Map.of("profile-id", "0"))),
            Map.of("deadline", "realtime", "cpu-used", "8", "lag-in-frames", "0", "row-mt", "1", "error-resilient", "1",
                    "aq-mode", "3", "undershoot-pct", "95", "overshoot-pct", "15"), 2, 56);

    /**
     * H.264 through OpenH264 (constrained baseline: no B-frames by definition) and FFmpeg's H.264
     * decoder, which reads every profile browsers offer.
     */
    public static final VideoCodecBinding H264 = new VideoCodecBinding("video/H264", "libopenh264", "h264",
            List.of(h264("42e01f"), h264("42001f")),
            List.of(h264("42e01f"), h264("42001f"), h264("4d001f"), h264("640c1f"), h264("64001f")),
            // rc_mode=bitrate: OpenH264's rate control aims at the bitrate; skipping frames to
            // hold it would stall the picture, so it stays off.
            Map.of("rc_mode", "bitrate", "allow_skip_frames", "0"), 10, 51);

    /** AV1 through libaom (encoder and decoder), real-time usage. */
    public static final VideoCodecBinding AV1 = new VideoCodecBinding("video/AV1", "libaom-av1", "libaom-av1",
            List.of(video("video/AV1", Map.of())), List.of(video("video/AV1", Map.of())),
            Map.of("usage", "realtime", "cpu-used", "8", "lag-in-frames", "0", "row-mt", "1", "error-resilience", "1",
                    "aq-mode", "3", "undershoot-pct", "95", "overshoot-pct", "15"), 10, 56);

    /** Every binding, in the order the provider lists them. */
    public static final List<VideoCodecBinding> ALL = List.of(VP8, VP9, H264, AV1);
}
