package org.ortc4j.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Files FFmpeg wrote (libopus, libvpx, its WAV muxer; commands in
 * {@code src/test/resources/org/ortc4j/media/ffmpeg/README.txt}), read by our readers: third-party
 * input, not our writers' output.
 */
class FfmpegFilesTest {

    private static InputStream resource(String name) {
        return FfmpegFilesTest.class.getResourceAsStream("ffmpeg/" + name);
    }

    @Test
    void libopusOggStreamReadsAndDecodes() throws IOException {
        List<EncodedFrame> packets = new ArrayList<>();
        try (OggOpusReader reader = OggOpusReader.open(resource("tone-libopus.opus"))) {
            assertThat(reader.channels()).isEqualTo(2);
            assertThat(reader.preSkip()).isEqualTo(312);
            assertThat(reader.inputSampleRate()).isEqualTo(48000);
            EncodedFrame packet;
            while ((packet = reader.readFrame()) != null) {
                packets.add(packet);
            }
        }
        // 0.2 s plus the 312-sample pre-skip needs 11 packets of 20 ms (the last page's granule
        // position trims the excess, RFC 7845 §4.5).
        assertThat(packets).hasSize(11);
        assertThat(packets.get(10).pts()).isEqualTo(10 * 960);
        MediaDecoder decoder = MediaCodecs.load().createDecoder("audio/opus").orElseThrow();
        double energy = 0;
        long count = 0;
        for (int p = 0; p < packets.size(); p++) {
            AudioFrame frame = (AudioFrame) decoder.decode(packets.get(p)).get(0);
            assertThat(frame.samplesPerChannel()).isEqualTo(960);
            if (p < 2 || p > 8) {
                continue; // measure the steady middle, away from the onset and the end
            }
            for (int i = 0; i < frame.samplesPerChannel() * 2; i++) {
                energy += (double) frame.sample(i) * frame.sample(i);
                count++;
            }
        }
        // FFmpeg's sine source has amplitude 1/8 of full scale (4096), and its mono-to-stereo
        // upmix puts it at -3 dB in each channel: RMS 4096 / sqrt(2) / sqrt(2) = 2048, which is
        // also what FFmpeg's own libopus decoding of this file measures.
        assertThat(Math.sqrt(energy / count)).isBetween(2048 * 0.9, 2048 * 1.1);
    }

    @Test
    void libvpxIvfFilesGiveTheirFramesAndKeyFrames() throws IOException {
        try (IvfReader reader = IvfReader.open(resource("vp8-libvpx.ivf"))) {
            assertThat(reader.mimeType()).isEqualTo("video/VP8");
            assertThat(reader.width()).isEqualTo(32);
            assertThat(reader.height()).isEqualTo(24);
            assertThat(reader.timeBase()).isEqualTo(TimeBase.ofRate(30));
            assertThat(keyFlags(reader)).containsExactly(true, false, false, true);
        }
        try (IvfReader reader = IvfReader.open(resource("vp9-libvpx.ivf"))) {
            assertThat(reader.mimeType()).isEqualTo("video/VP9");
            assertThat(keyFlags(reader)).containsExactly(true, false, true);
        }
    }

    private static List<Boolean> keyFlags(IvfReader reader) throws IOException {
        List<Boolean> flags = new ArrayList<>();
        EncodedFrame frame;
        while ((frame = reader.readFrame()) != null) {
            flags.add(frame.keyFrame());
        }
        return flags;
    }

    @Test
    void ffmpegWavReads() throws IOException {
        try (WavReader reader = WavReader.open(resource("tone.wav"))) {
            assertThat(reader.sampleRate()).isEqualTo(16000);
            assertThat(reader.channels()).isEqualTo(1);
            AudioFrame all = reader.readFrame(100_000);
            assertThat(all.samplesPerChannel()).isEqualTo(800);
            short[] expected = Signals.sine(440, 4096, 16000, 800);
            assertThat(Signals.snrDb(expected, all.toArray(), 0, 0)).isGreaterThan(40);
        }
    }
}
