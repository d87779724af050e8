package org.ortc4j.media;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The codecs available to this process: every {@link MediaCodecProvider} found by
 * {@link ServiceLoader}, asked in the order found. The built-in provider (PCMU, PCMA, G.722,
 * Opus) is always among them; ortc-media-ffmpeg adds video codecs when on the class path.
 * Immutable and thread-safe.
 */
public final class MediaCodecs {

    private final List<MediaCodecProvider> providers;

    private MediaCodecs(List<MediaCodecProvider> providers) {
        this.providers = List.copyOf(providers);
    }

    /** The providers {@link ServiceLoader} finds for this module (or the class path). */
    public static MediaCodecs load() {
        List<MediaCodecProvider> found = new ArrayList<>();
        ServiceLoader.load(MediaCodecProvider.class, MediaCodecs.class.getClassLoader()).forEach(found::add);
        return new MediaCodecs(found);
    }

    /** Exactly these providers, asked in this order. */
    public static MediaCodecs of(List<MediaCodecProvider> providers) {
        return new MediaCodecs(providers);
    }

    /** The providers, in the order they are asked. */
    public List<MediaCodecProvider> providers() {
        return providers;
    }

    /** Every codec some provider encodes to, in provider order (duplicates kept). */
    public List<CodecInfo> encoders() {
        List<CodecInfo> all = new ArrayList<>();
        providers.forEach(p -> all.addAll(p.encoders()));
        return List.copyOf(all);
    }

    /** Every codec some provider decodes, in provider order (duplicates kept). */
    public List<CodecInfo> decoders() {
        List<CodecInfo> all = new ArrayList<>();
        providers.forEach(p -> all.addAll(p.decoders()));
        return List.copyOf(all);
    }

    /** An encoder from the first provider that has one for {@code codec}. */
    public Optional<MediaEncoder> createEncoder(CodecInfo codec) {
        for (MediaCodecProvider provider : providers) {
            Optional<MediaEncoder> encoder = provider.createEncoder(codec);
            if (encoder.isPresent()) {
                return encoder;
            }
        }
        return Optional.empty();
    }

    /** A decoder from the first provider that has one for {@code codec}. */
    public Optional<MediaDecoder> createDecoder(CodecInfo codec) {
        for (MediaCodecProvider provider : providers) {
            Optional<MediaDecoder> decoder = provider.createDecoder(codec);
            if (decoder.isPresent()) {
                return decoder;
            }
        }
        return Optional.empty();
    }

    /** An encoder for the first listed codec with this MIME type (ignoring case). */
    public Optional<MediaEncoder> createEncoder(String mimeType) {
        return encoders().stream().filter(c -> c.hasMimeType(mimeType)).findFirst().flatMap(this::createEncoder);
    }

    /** A decoder for the first listed codec with this MIME type (ignoring case). */
    public Optional<MediaDecoder> createDecoder(String mimeType) {
        return decoders().stream().filter(c -> c.hasMimeType(mimeType)).findFirst().flatMap(this::createDecoder);
    }
}
