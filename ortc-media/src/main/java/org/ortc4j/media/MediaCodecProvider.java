package org.ortc4j.media;

import java.util.List;
import java.util.Optional;

/**
 * The codec service provider interface: a module that brings codecs implements it and declares
 * it ({@code provides org.ortc4j.media.MediaCodecProvider with ...} in module-info and a
 * {@code META-INF/services/org.ortc4j.media.MediaCodecProvider} line for the class path).
 * {@link MediaCodecs#load()} finds every provider. Implementations must be thread-safe.
 */
public interface MediaCodecProvider {

    /** Codecs this provider can encode to. */
    List<CodecInfo> encoders();

    /** Codecs this provider can decode. */
    List<CodecInfo> decoders();

    /** A new encoder for {@code codec}, or empty if this provider has none for it. */
    Optional<MediaEncoder> createEncoder(CodecInfo codec);

    /** A new decoder for {@code codec}, or empty if this provider has none for it. */
    Optional<MediaDecoder> createDecoder(CodecInfo codec);
}
