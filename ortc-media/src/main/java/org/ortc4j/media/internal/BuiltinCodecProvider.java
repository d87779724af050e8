package org.ortc4j.media.internal;

import java.util.List;
import java.util.Optional;
import org.ortc4j.media.CodecInfo;
import org.ortc4j.media.MediaCodecProvider;
import org.ortc4j.media.MediaDecoder;
import org.ortc4j.media.MediaEncoder;

/** The pure-Java codecs of ortc-media, registered through the SPI like any other provider. */
public final class BuiltinCodecProvider implements MediaCodecProvider {

    // RFC 3551 Table 4: PCMU and PCMA at 8000 Hz, one channel.
    static final CodecInfo PCMU = new CodecInfo("audio/PCMU", 8000, 1);
    static final CodecInfo PCMA = new CodecInfo("audio/PCMA", 8000, 1);

    private static final List<CodecInfo> CODECS = List.of(PCMU, PCMA);

    /** The provider; ServiceLoader calls this. */
    public BuiltinCodecProvider() {
    }

    @Override
    public List<CodecInfo> encoders() {
        return CODECS;
    }

    @Override
    public List<CodecInfo> decoders() {
        return CODECS;
    }

    @Override
    public Optional<MediaEncoder> createEncoder(CodecInfo codec) {
        if (PCMU.accepts(codec)) {
            return Optional.of(new G711Encoder(PCMU));
        }
        if (PCMA.accepts(codec)) {
            return Optional.of(new G711Encoder(PCMA));
        }
        return Optional.empty();
    }

    @Override
    public Optional<MediaDecoder> createDecoder(CodecInfo codec) {
        if (PCMU.accepts(codec)) {
            return Optional.of(new G711Decoder(PCMU));
        }
        if (PCMA.accepts(codec)) {
            return Optional.of(new G711Decoder(PCMA));
        }
        return Optional.empty();
    }
}
