package org.ortc4j.media.ffmpeg;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.ortc4j.media.CodecInfo;
import org.ortc4j.media.MediaCodecProvider;
import org.ortc4j.media.MediaCodecs;
import org.ortc4j.media.MediaDecoder;
import org.ortc4j.media.MediaEncoder;
import org.ortc4j.media.ffmpeg.internal.Ffmpeg;
import org.ortc4j.media.ffmpeg.internal.FfmpegVideoDecoder;
import org.ortc4j.media.ffmpeg.internal.FfmpegVideoEncoder;
import org.ortc4j.media.ffmpeg.internal.LibopusDecoder;
import org.ortc4j.media.ffmpeg.internal.LibopusEncoder;
import org.ortc4j.media.ffmpeg.internal.VideoCodecBinding;

/**
 * The FFmpeg codecs, through the ortc-media codec SPI: VP8 and VP9 (libvpx), H.264 (OpenH264 for
 * encoding, constrained baseline; FFmpeg's decoder for every profile browsers offer), AV1 (libaom)
 * and Opus (libopus). Only codecs whose FFmpeg encoder or decoder is present in the loaded build
 * are listed. Found by {@link MediaCodecs#load()} when this module is on the class or module path.
 *
 * <p>Opus is also in ortc-media (pure Java, Concentus). {@link MediaCodecs} asks providers in the
 * order {@link java.util.ServiceLoader} finds them, which the class path decides; to be sure of
 * libopus, ask this provider first with {@link #preferredIn(MediaCodecs)} or call it directly.
 * Thread-safe: every encoder and decoder it creates is independent.
 */
public final class FfmpegCodecProvider implements MediaCodecProvider {

    /** RFC 7587 §7: "opus/48000/2" whatever the stream's channels. */
    public static final CodecInfo OPUS = new CodecInfo("audio/opus", 48_000, 2);

    private final List<VideoCodecBinding> encoding = new ArrayList<>();
    private final List<VideoCodecBinding> decoding = new ArrayList<>();
    private final List<CodecInfo> encoders = new ArrayList<>();
    private final List<CodecInfo> decoders = new ArrayList<>();
    private final boolean libopusEncoder;
    private final boolean libopusDecoder;

    /** The provider; ServiceLoader calls this. Loads FFmpeg's natives. */
    public FfmpegCodecProvider() {
        Ffmpeg.init();
        for (VideoCodecBinding binding : VideoCodecBinding.ALL) {
            if (present(avcodec_find_encoder_by_name(binding.encoderName()))) {
                encoding.add(binding);
                encoders.addAll(binding.encodes());
            }
            if (present(avcodec_find_decoder_by_name(binding.decoderName()))) {
                decoding.add(binding);
                decoders.addAll(binding.decodes());
            }
        }
        libopusEncoder = present(avcodec_find_encoder_by_name("libopus"));
        libopusDecoder = present(avcodec_find_decoder_by_name("libopus"));
        if (libopusEncoder) {
            encoders.add(OPUS);
        }
        if (libopusDecoder) {
            decoders.add(OPUS);
        }
    }

    private static boolean present(AVCodec codec) {
        return codec != null && !codec.isNull();
    }

    /** {@code codecs} with this provider asked first (so libopus wins over Concentus), the others after in their order. */
    public static MediaCodecs preferredIn(MediaCodecs codecs) {
        List<MediaCodecProvider> providers = new ArrayList<>();
        providers.add(new FfmpegCodecProvider());
        codecs.providers().stream().filter(p -> !(p instanceof FfmpegCodecProvider)).forEach(providers::add);
        return MediaCodecs.of(providers);
    }

    @Override
    public List<CodecInfo> encoders() {
        return List.copyOf(encoders);
    }

    @Override
    public List<CodecInfo> decoders() {
        return List.copyOf(decoders);
    }

    @Override
    public Optional<MediaEncoder> createEncoder(CodecInfo codec) {
        if (libopusEncoder && OPUS.accepts(codec)) {
            return Optional.of(new LibopusEncoder(codec));
        }
        for (VideoCodecBinding binding : encoding) {
            if (codec.hasMimeType(binding.mimeType()) && codec.clockRate() == 90_000 && encodable(codec)) {
                return Optional.of(new FfmpegVideoEncoder(codec, binding));
            }
        }
        return Optional.empty();
    }

    @Override
    public Optional<MediaDecoder> createDecoder(CodecInfo codec) {
        if (libopusDecoder && OPUS.accepts(codec)) {
            return Optional.of(new LibopusDecoder(codec));
        }
        for (VideoCodecBinding binding : decoding) {
            if (codec.hasMimeType(binding.mimeType()) && codec.clockRate() == 90_000) {
                return Optional.of(new FfmpegVideoDecoder(codec, binding.decoderName()));
            }
        }
        return Optional.empty();
    }

    /**
     * True unless the codec asks for something the encoder does not make. For H.264 OpenH264 makes
     * Constrained Baseline, which conforms to Baseline, Main and High too (its constraint_set1_flag
     * says so, H.264 A.2.1.1), so any of those profile_idc values (0x42, 0x4d, 0x64) is served;
     * RFC 6184 §8.1: without profile-level-id the profile is Baseline. VP9 only in profile 0.
     */
    private static boolean encodable(CodecInfo codec) {
        if (codec.hasMimeType("video/H264")) {
            String id = codec.parameters().getOrDefault("profile-level-id", "42001f");
            if (id.length() != 6) {
                return false;
            }
            String profileIdc = id.substring(0, 2).toLowerCase(java.util.Locale.ROOT);
            return profileIdc.equals("42") || profileIdc.equals("4d") || profileIdc.equals("64");
        }
        if (codec.hasMimeType("video/VP9")) {
            return codec.parameters().getOrDefault("profile-id", "0").equals("0");
        }
        return true;
    }

    @Override
    public String toString() {
        return "FfmpegCodecProvider" + encoders.stream().map(CodecInfo::mimeType).distinct().toList();
    }
}
