package org.ortc4j.media;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Feeds mono PCM through an encoder and decoder in 20 ms frames and collects what comes out. */
public final class AudioCodecRoundTrip {

    /** Encoded frames seen on the way. */
    public final List<EncodedFrame> encoded = new ArrayList<>();
    /** Decoded samples of the first channel, concatenated. */
    public short[] decoded = new short[0];
    /** Sample rate of the decoded frames. */
    public int decodedRate;

    /** Runs {@code pcm} (mono at {@code rate}) through a fresh encoder and decoder of {@code codec}. */
    public static AudioCodecRoundTrip run(CodecInfo codec, short[] pcm, int rate, int bitrate) {
        AudioCodecRoundTrip result = new AudioCodecRoundTrip();
        MediaCodecs codecs = MediaCodecs.load();
        try (MediaEncoder encoder = codecs.createEncoder(codec).orElseThrow();
                MediaDecoder decoder = codecs.createDecoder(codec).orElseThrow()) {
            encoder.setTargetBitrate(bitrate);
            short[] out = new short[pcm.length * 8];
            int length = 0;
            int step = rate / 50;
            for (int at = 0; at + step <= pcm.length; at += step) {
                AudioFrame frame = new AudioFrame(Arrays.copyOfRange(pcm, at, at + step), rate, 1, at, TimeBase.ofRate(rate));
                for (EncodedFrame e : encoder.encode(frame)) {
                    result.encoded.add(e);
                    for (MediaFrame d : decoder.decode(e)) {
                        AudioFrame audio = (AudioFrame) d;
                        result.decodedRate = audio.sampleRate();
                        for (int i = 0; i < audio.samplesPerChannel(); i++) {
                            out[length++] = audio.sample(i * audio.channels());
                        }
                    }
                }
            }
            result.decoded = Arrays.copyOf(out, length);
        }
        return result;
    }
}
