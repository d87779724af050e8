package org.ortc4j.media.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ortc4j.media.AudioCodecRoundTrip;
import org.ortc4j.media.AudioFrame;
import org.ortc4j.media.CodecInfo;
import org.ortc4j.media.EncodedFrame;
import org.ortc4j.media.MediaCodecException;
import org.ortc4j.media.MediaCodecs;
import org.ortc4j.media.MediaEncoder;
import org.ortc4j.media.Signals;
import org.ortc4j.media.TimeBase;

class OpusTest {

    private static final CodecInfo OPUS = new CodecInfo("audio/opus", 48000, 2);

    @Test
    void toneRoundTripsAbove20Db() {
        short[] tone = Signals.sine(440, 10000, 48000, 96000);
        AudioCodecRoundTrip trip = AudioCodecRoundTrip.run(OPUS, tone, 48000, 64000);
        assertThat(trip.decodedRate).isEqualTo(48000);
        assertThat(trip.encoded).hasSize(100);
        // Opus is perceptual, not waveform-matching; a steady tone still comes back close.
        assertThat(Signals.snrDb(tone, trip.decoded, 1200, 4800)).isGreaterThan(20);
    }

    @Test
    void framesAre20MillisecondsOnThe48KilohertzClock() {
        AudioCodecRoundTrip trip = AudioCodecRoundTrip.run(OPUS, Signals.sine(440, 10000, 8000, 8000), 8000, 32000);
        assertThat(trip.encoded).hasSize(50);
        assertThat(trip.encoded.get(3).pts()).isEqualTo(3 * 960);
        assertThat(trip.encoded.get(3).duration()).isEqualTo(960);
        assertThat(trip.encoded.get(3).timeBase()).isEqualTo(TimeBase.ofRate(48000));
    }

    @Test
    void tenMillisecondInputIsBufferedIntoTwentyMillisecondFrames() {
        MediaEncoder encoder = MediaCodecs.load().createEncoder(OPUS).orElseThrow();
        short[] half = Signals.sine(440, 10000, 48000, 480);
        assertThat(encoder.encode(new AudioFrame(half, 48000, 1, 0, TimeBase.ofRate(48000)))).isEmpty();
        assertThat(encoder.encode(new AudioFrame(half, 48000, 1, 480, TimeBase.ofRate(48000)))).hasSize(1);
    }

    @Test
    void bitrateIsObeyedAndChangesOnTheFly() {
        Random random = new Random(11);
        MediaEncoder encoder = MediaCodecs.load().createEncoder(OPUS).orElseThrow();
        double[] kbps = new double[2];
        int[] targets = {96_000, 16_000};
        for (int phase = 0; phase < 2; phase++) {
            // Same encoder: the second second runs at the new target with no reset.
            encoder.setTargetBitrate(targets[phase]);
            assertThat(encoder.targetBitrate()).isEqualTo(targets[phase]);
            List<EncodedFrame> frames = new java.util.ArrayList<>();
            for (int f = 0; f < 50; f++) {
                short[] noise = new short[960];
                for (int i = 0; i < noise.length; i++) {
                    noise[i] = (short) (random.nextGaussian() * 5000);
                }
                frames.addAll(encoder.encode(new AudioFrame(noise, 48000, 1, (phase * 50L + f) * 960, TimeBase.ofRate(48000))));
            }
            // Skip the first frames of each phase while the rate control settles.
            kbps[phase] = kbps(frames.subList(5, 50));
        }
        assertThat(kbps[0]).isBetween(96 * 0.7, 96 * 1.3);
        assertThat(kbps[1]).isBetween(16 * 0.7, 16 * 1.3);
        encoder.setTargetBitrate(1);
        assertThat(encoder.targetBitrate()).isEqualTo(6000); // RFC 6716 §2: the floor is 6 kbit/s
    }

    @Test
    void garbageFailsWithACodecExceptionAndTheDecoderLivesOn() {
        var decoder = MediaCodecs.load().createDecoder(OPUS).orElseThrow();
        assertThatThrownBy(() -> decoder.decode(new EncodedFrame("audio/opus", new byte[0], true, 0, TimeBase.ofRate(48000), 0)))
                .isInstanceOf(MediaCodecException.class);
        Random random = new Random(5);
        for (int i = 0; i < 200; i++) {
            byte[] junk = new byte[1 + random.nextInt(300)];
            random.nextBytes(junk);
            try {
                decoder.decode(new EncodedFrame("audio/opus", junk, true, 0, TimeBase.ofRate(48000), 0));
            } catch (MediaCodecException expected) {
                // fine: rejected cleanly
            }
        }
        List<EncodedFrame> good = AudioCodecRoundTrip.run(OPUS, Signals.sine(440, 10000, 48000, 960), 48000, 32000).encoded;
        assertThat(decoder.decode(good.get(0))).hasSize(1);
    }

    @Test
    void mutatedPacketsDecodeOrFailCleanly() {
        // Seeded random loop (the project's property-check style): real packets with bytes flipped,
        // truncated or extended must decode or fail with MediaCodecException, nothing else.
        List<EncodedFrame> real = AudioCodecRoundTrip.run(OPUS, Signals.sine(300, 12000, 48000, 9600), 48000, 48000).encoded;
        var decoder = MediaCodecs.load().createDecoder(OPUS).orElseThrow();
        Random random = new Random(2024);
        int decoded = 0;
        for (int i = 0; i < 3000; i++) {
            byte[] packet = real.get(random.nextInt(real.size())).toByteArray();
            packet = java.util.Arrays.copyOf(packet, Math.max(1, packet.length + random.nextInt(21) - 10));
            for (int flips = random.nextInt(4); flips > 0; flips--) {
                packet[random.nextInt(packet.length)] ^= (byte) (1 << random.nextInt(8));
            }
            try {
                decoder.decode(new EncodedFrame("audio/opus", packet, true, 0, TimeBase.ofRate(48000), 0));
                decoded++;
            } catch (MediaCodecException expected) {
                // rejected cleanly
            }
        }
        assertThat(decoded).isPositive();
    }

    private static double kbps(List<EncodedFrame> frames) {
        long bytes = frames.stream().mapToLong(EncodedFrame::size).sum();
        return bytes * 8.0 / (frames.size() * 0.02) / 1000;
    }
}
