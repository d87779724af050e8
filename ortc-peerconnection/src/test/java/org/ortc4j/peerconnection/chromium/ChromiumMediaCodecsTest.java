package org.ortc4j.peerconnection.chromium;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.ortc4j.media.MediaCodecs;
import org.ortc4j.media.ffmpeg.FfmpegCodecProvider;

/**
 * The codecs the Chromium media tests rely on, found as our senders and receivers find them
 * (ServiceLoader on the test class path), without a browser: FFmpeg's VP8 and H.264 from
 * ortc-media-ffmpeg, and Opus.
 */
class ChromiumMediaCodecsTest {

    @Test
    void serviceLoaderFindsFfmpegVideoCodecsAndOpus() {
        MediaCodecs codecs = MediaCodecs.load();
        assertThat(codecs.providers()).anyMatch(p -> p instanceof FfmpegCodecProvider);
        // Our receivers ask the providers in this order: ortc-media's own comes first (it is before
        // ortc-media-ffmpeg on the class path), so Opus is decoded in pure Java (Concentus).
        assertThat(codecs.createDecoder("audio/opus")).get().extracting(d -> d.getClass().getName())
                .asString().startsWith("org.ortc4j.media.internal.");
        assertThat(codecs.decoders()).anyMatch(c -> c.hasMimeType("video/VP8")).anyMatch(c -> c.hasMimeType("video/H264"))
                .anyMatch(c -> c.hasMimeType("audio/opus"));
        assertThat(codecs.encoders()).anyMatch(c -> c.hasMimeType("video/VP8")).anyMatch(c -> c.hasMimeType("video/H264"));
    }
}
