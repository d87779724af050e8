package org.ortc4j.media.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ortc4j.media.AudioFrame;
import org.ortc4j.media.CodecInfo;
import org.ortc4j.media.EncodedFrame;
import org.ortc4j.media.MediaCodecs;
import org.ortc4j.media.MediaDecoder;
import org.ortc4j.media.MediaEncoder;
import org.ortc4j.media.MediaFrame;
import org.ortc4j.media.Signals;
import org.ortc4j.media.TimeBase;

class G711Test {

    // ITU-T G.711 Table 2a (µ-law): character 0x80 (after inversion of all bits, segment 7,
    // interval 15, positive) decodes to +8031 in 14-bit units (x4 = 32124); 0xFF and 0x7F are
    // the two zeros.
    @Test
    void ulawDecodesTheTableValues() {
        assertThat(G711.ulawToLinear((byte) 0x80)).isEqualTo((short) 32124);
        assertThat(G711.ulawToLinear((byte) 0x00)).isEqualTo((short) -32124);
        assertThat(G711.ulawToLinear((byte) 0xFF)).isEqualTo((short) 0);
        assertThat(G711.ulawToLinear((byte) 0x7F)).isEqualTo((short) 0);
        // Segment 0, interval 1 (code 0xFE after inversion 0x01): decision value 2, output 2 -> 8.
        assertThat(G711.ulawToLinear((byte) 0xFE)).isEqualTo((short) 8);
    }

    // ITU-T G.711 Table 1a (A-law): segment 1 interval 0 positive is 0xD5 on the wire (even bits
    // inverted), decoder output 1 in 12-bit units (x8 = 8); the largest, 0xAA, is 2016 (x16 = 32256).
    @Test
    void alawDecodesTheTableValues() {
        assertThat(G711.alawToLinear((byte) 0xD5)).isEqualTo((short) 8);
        assertThat(G711.alawToLinear((byte) 0x55)).isEqualTo((short) -8);
        assertThat(G711.alawToLinear((byte) 0xAA)).isEqualTo((short) 32256);
        assertThat(G711.alawToLinear((byte) 0x2A)).isEqualTo((short) -32256);
    }

    @Test
    void encodersPickTheTableCodes() {
        assertThat(G711.linearToUlaw(0)).isEqualTo((byte) 0xFF);
        assertThat(G711.linearToUlaw(-1)).isEqualTo((byte) 0x7F);
        assertThat(G711.linearToUlaw(32767)).isEqualTo((byte) 0x80);
        assertThat(G711.linearToUlaw(-32768)).isEqualTo((byte) 0x00);
        assertThat(G711.linearToAlaw(0)).isEqualTo((byte) 0xD5);
        assertThat(G711.linearToAlaw(-8)).isEqualTo((byte) 0x55);
        assertThat(G711.linearToAlaw(32767)).isEqualTo((byte) 0xAA);
        assertThat(G711.linearToAlaw(-32768)).isEqualTo((byte) 0x2A);
    }

    @Test
    void everyCodeDecodesAndReencodesToItself() {
        for (int code = 0; code < 256; code++) {
            byte b = (byte) code;
            if (code != 0x7F) { // -0 re-encodes as +0 in µ-law
                assertThat(G711.linearToUlaw(G711.ulawToLinear(b))).as("µ-law %02x", code).isEqualTo(b);
            }
            assertThat(G711.linearToAlaw(G711.alawToLinear(b))).as("A-law %02x", code).isEqualTo(b);
        }
    }

    @Test
    void quantizationIsMonotonic() {
        for (int s = -32768; s < 32767; s++) {
            assertThat(G711.ulawToLinear(G711.linearToUlaw(s + 1))).isGreaterThanOrEqualTo(G711.ulawToLinear(G711.linearToUlaw(s)));
            assertThat(G711.alawToLinear(G711.linearToAlaw(s + 1))).isGreaterThanOrEqualTo(G711.alawToLinear(G711.linearToAlaw(s)));
        }
    }

    @Test
    void pcmuAndPcmaRoundTripASineAbove30Db() {
        for (String mime : List.of("audio/PCMU", "audio/PCMA")) {
            short[] tone = Signals.sine(440, 12000, 8000, 8000);
            assertThat(Signals.snrDb(tone, roundTrip(mime, tone, 8000, 1), 0, 0)).as(mime).isGreaterThan(30);
        }
    }

    @Test
    void fortyEightKilohertzStereoIsResampledTo8KilohertzMono() {
        MediaEncoder encoder = MediaCodecs.load().createEncoder("audio/PCMU").orElseThrow();
        short[] mono = Signals.sine(440, 10000, 48000, 960);
        short[] stereo = new short[1920];
        for (int i = 0; i < 960; i++) {
            stereo[2 * i] = mono[i];
            stereo[2 * i + 1] = mono[i];
        }
        List<EncodedFrame> out = encoder.encode(new AudioFrame(stereo, 48000, 2, 960, TimeBase.ofRate(48000)));
        assertThat(out).hasSize(1);
        EncodedFrame frame = out.get(0);
        assertThat(frame.size()).isEqualTo(160);
        assertThat(frame.pts()).isEqualTo(160);
        assertThat(frame.timeBase()).isEqualTo(TimeBase.ofRate(8000));
        assertThat(frame.duration()).isEqualTo(160);
        short[] decoded = ((AudioFrame) MediaCodecs.load().createDecoder("audio/PCMU").orElseThrow().decode(frame).get(0)).toArray();
        short[] reference = Signals.sine(440, 10000, 8000, 160);
        assertThat(Signals.snrDb(reference, decoded, 3, 0)).isGreaterThan(20);
    }

    // FFmpeg's pcm_mulaw and pcm_alaw decoders, an independent implementation of the G.711
    // tables, decode a sweep's codes (vectors in src/test/resources/.../internal/g711/) to exactly
    // our samples.
    @Test
    void decodersMatchFfmpegSampleForSample() throws java.io.IOException {
        for (String law : List.of("pcmu", "pcma")) {
            byte[] codes = resource("sweep." + law);
            byte[] expected = resource("sweep." + law + ".decoded.raw");
            java.nio.ShortBuffer ffmpeg = java.nio.ByteBuffer.wrap(expected).order(java.nio.ByteOrder.LITTLE_ENDIAN).asShortBuffer();
            assertThat(codes).hasSize(4000);
            for (int i = 0; i < codes.length; i++) {
                short ours = law.equals("pcmu") ? G711.ulawToLinear(codes[i]) : G711.alawToLinear(codes[i]);
                assertThat(ours).as("%s code %02x", law, codes[i] & 0xFF).isEqualTo(ffmpeg.get(i));
            }
        }
    }

    private static byte[] resource(String name) throws java.io.IOException {
        try (java.io.InputStream in = G711Test.class.getResourceAsStream("g711/" + name)) {
            return in.readAllBytes();
        }
    }

    private static short[] roundTrip(String mime, short[] pcm, int rate, int frameSamples) {
        MediaCodecs codecs = MediaCodecs.load();
        MediaEncoder encoder = codecs.createEncoder(new CodecInfo(mime, 8000, 1)).orElseThrow();
        MediaDecoder decoder = codecs.createDecoder(new CodecInfo(mime, 8000, 1)).orElseThrow();
        List<Short> out = new ArrayList<>();
        int step = rate / 50;
        for (int at = 0; at + step <= pcm.length; at += step) {
            short[] chunk = java.util.Arrays.copyOfRange(pcm, at, at + step);
            for (EncodedFrame encoded : encoder.encode(new AudioFrame(chunk, rate, 1, at, TimeBase.ofRate(rate)))) {
                for (MediaFrame frame : decoder.decode(encoded)) {
                    for (short s : ((AudioFrame) frame).toArray()) {
                        out.add(s);
                    }
                }
            }
        }
        short[] result = new short[out.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = out.get(i);
        }
        return result;
    }
}
