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
    // RFC 3551 §4.5.2: G.722's RTP clock rate is 8000 although it samples at 16 kHz.
    static final CodecInfo G722 = new CodecInfo("audio/G722", 8000, 1);
    // RFC 7587 §7: "opus/48000/2" whatever the stream's actual channels and rate.
    static final CodecInfo OPUS = new CodecInfo("audio/opus", 48000, 2);

    private static final List<CodecInfo> CODECS = List.of(OPUS, G722, PCMU, PCMA);

    /**
     * The provider; ServiceLoader calls this when codecs are first loaded, before any frame: the
     * moment to start compiling pure-Java Opus in the background ({@link OpusWarmUp}).
     */
    public BuiltinCodecProvider() {
        OpusWarmUp.start();
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
        if (G722.accepts(codec)) {
            return Optional.of(new G722Encoder(G722));
        }
        if (OPUS.accepts(codec)) {
            return Optional.of(new OpusEncoder(OPUS));
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
        if (G722.accepts(codec)) {
            return Optional.of(new G722Decoder(G722));
        }
        if (OPUS.accepts(codec)) {
            return Optional.of(new OpusDecoder(OPUS));
        }
        return Optional.empty();
    }
}
