package org.ortc4j.media.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.ortc4j.media.MediaCodecs;

/** Loading the codecs starts Opus's warm-up in the background, and it runs every frame through. */
class OpusWarmUpTest {

    @Test
    void loadingTheBuiltInCodecsWarmsUpOpusOnceInTheBackground() {
        MediaCodecs.load();
        assertThat(OpusWarmUp.done()).succeedsWithin(Duration.ofSeconds(60)).isEqualTo(OpusWarmUp.FRAMES);
        // Started once per process: a second load does not run it again.
        MediaCodecs.load();
        OpusWarmUp.start();
        assertThat(OpusWarmUp.runs()).isEqualTo(1);
    }
}
