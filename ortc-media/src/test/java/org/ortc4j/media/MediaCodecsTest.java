package org.ortc4j.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MediaCodecsTest {

    @Test
    void serviceLoaderFindsTheBuiltinCodecs() {
        MediaCodecs codecs = MediaCodecs.load();
        assertThat(codecs.encoders()).extracting(CodecInfo::mimeType).contains("audio/PCMU", "audio/PCMA");
        assertThat(codecs.decoders()).extracting(CodecInfo::mimeType).contains("audio/PCMU", "audio/PCMA");
    }

    @Test
    void mimeTypesMatchWithoutCase() {
        MediaCodecs codecs = MediaCodecs.load();
        assertThat(codecs.createEncoder("AUDIO/pcmu")).isPresent();
        assertThat(codecs.createDecoder(new CodecInfo("audio/pcma", 8000, 1))).isPresent();
    }

    @Test
    void unknownCodecsAndWrongClockRatesFindNothing() {
        MediaCodecs codecs = MediaCodecs.load();
        assertThat(codecs.createEncoder("video/H265")).isEmpty();
        assertThat(codecs.createEncoder(new CodecInfo("audio/PCMU", 16000, 1))).isEmpty();
    }

    @Test
    void providersAreAskedInOrder() {
        MediaCodecProvider none = new MediaCodecProvider() {
            @Override
            public List<CodecInfo> encoders() {
                return List.of(new CodecInfo("audio/PCMU", 8000, 1));
            }

            @Override
            public List<CodecInfo> decoders() {
                return List.of();
            }

            @Override
            public Optional<MediaEncoder> createEncoder(CodecInfo codec) {
                return Optional.empty();
            }

            @Override
            public Optional<MediaDecoder> createDecoder(CodecInfo codec) {
                return Optional.empty();
            }
        };
        MediaCodecs codecs = MediaCodecs.of(List.of(none, MediaCodecs.load().providers().get(0)));
        assertThat(codecs.createEncoder("audio/PCMU")).isPresent();
        assertThat(MediaCodecs.of(List.of(none)).createEncoder("audio/PCMU")).isEmpty();
    }
}
