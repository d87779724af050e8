package org.ortc4j.media.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ortc4j.media.AudioCodecRoundTrip;
import org.ortc4j.media.CodecInfo;
import org.ortc4j.media.EncodedFrame;
import org.ortc4j.media.Signals;
import org.ortc4j.media.TimeBase;

class G722Test {

    private static final CodecInfo G722 = new CodecInfo("audio/G722", 8000, 1);

    @Test
    void lowerBandToneRoundTripsAbove35Db() {
        short[] tone = Signals.sine(1000, 10000, 16000, 32000);
        AudioCodecRoundTrip trip = AudioCodecRoundTrip.run(G722, tone, 16000, 64000);
        assertThat(trip.decodedRate).isEqualTo(16000);
        assertThat(trip.decoded).hasSize(tone.length);
        // The two QMFs delay the signal by 23 samples; skip the first 100 ms while ADPCM adapts.
        assertThat(Signals.snrDb(tone, trip.decoded, 64, 1600)).isGreaterThan(35);
    }

    @Test
    void higherBandToneRoundTripsAbove15Db() {
        // 5 kHz lies in the 4-8 kHz band that G.722 codes with 2 bits per sample.
        short[] tone = Signals.sine(5000, 8000, 16000, 32000);
        AudioCodecRoundTrip trip = AudioCodecRoundTrip.run(G722, tone, 16000, 64000);
        assertThat(Signals.snrDb(tone, trip.decoded, 64, 1600)).isGreaterThan(15);
    }

    @Test
    void theCodecIsSixtyFourKilobitsWithAnEightKilohertzClock() {
        short[] tone = Signals.sine(440, 10000, 16000, 16000);
        AudioCodecRoundTrip trip = AudioCodecRoundTrip.run(G722, tone, 16000, 64000);
        assertThat(trip.encoded).hasSize(50);
        EncodedFrame second = trip.encoded.get(1);
        // 20 ms at 16 kHz = 320 samples = 160 bytes = 160 ticks of the 8 kHz RTP clock.
        assertThat(second.size()).isEqualTo(160);
        assertThat(second.timeBase()).isEqualTo(TimeBase.ofRate(8000));
        assertThat(second.pts()).isEqualTo(160);
        assertThat(second.duration()).isEqualTo(160);
    }

    @Test
    void silenceStaysNearSilent() {
        AudioCodecRoundTrip trip = AudioCodecRoundTrip.run(G722, new short[16000], 16000, 64000);
        for (short s : trip.decoded) {
            assertThat(Math.abs(s)).isLessThan(64);
        }
    }

    @Test
    void anyByteStreamDecodesWithoutLeavingTheSampleRange() {
        byte[] noise = new byte[4000];
        new Random(7).nextBytes(noise);
        G722Decoder decoder = new G722Decoder(G722);
        short[] pcm = decoder.decode(noise);
        assertThat(pcm).hasSize(8000);
    }

    @Test
    void decoderTracksTheEncoderState() {
        // The decoder's predictor must follow the encoder's exactly: after a long random signal,
        // both still reconstruct a fresh tone well.
        Random random = new Random(3);
        short[] pcm = new short[48000];
        for (int i = 0; i < 16000; i++) {
            pcm[i] = (short) (random.nextGaussian() * 6000);
        }
        short[] tail = Signals.sine(700, 9000, 16000, 32000);
        System.arraycopy(tail, 0, pcm, 16000, 32000);
        G722Encoder encoder = new G722Encoder(G722);
        G722Decoder decoder = new G722Decoder(G722);
        short[] decoded = decoder.decode(encoder.encode(pcm));
        short[] decodedTail = java.util.Arrays.copyOfRange(decoded, 16000, 48000);
        assertThat(Signals.snrDb(tail, decodedTail, 64, 1600)).isGreaterThan(25);
    }
}
