package org.ortc4j.media;

import java.nio.ShortBuffer;
import java.util.Arrays;

/**
 * Decoded audio: signed 16-bit PCM, channels interleaved ({@code L R L R ...} for stereo), with
 * its sample rate and presentation timestamp. Immutable: the constructor copies the samples and
 * {@link #samples()} is a read-only view.
 */
public final class AudioFrame implements MediaFrame {

    private final short[] samples;
    private final int sampleRate;
    private final int channels;
    private final long pts;
    private final TimeBase timeBase;

    /**
     * A frame holding a copy of {@code samples}.
     *
     * @param samples    interleaved samples; a whole number of sample groups
     * @param sampleRate samples per second per channel, positive
     * @param channels   1 (mono) to 255
     * @param pts        presentation timestamp in {@code timeBase} units
     * @param timeBase   unit of {@code pts}, usually {@code 1/sampleRate}
     */
    public AudioFrame(short[] samples, int sampleRate, int channels, long pts, TimeBase timeBase) {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive: " + sampleRate);
        }
        if (channels < 1 || channels > 255) {
            throw new IllegalArgumentException("channels must be 1..255: " + channels);
        }
        if (samples.length % channels != 0) {
            throw new IllegalArgumentException(samples.length + " samples are not a whole number of " + channels + "-channel groups");
        }
        if (timeBase == null) {
            throw new IllegalArgumentException("time base is required");
        }
        this.samples = samples.clone();
        this.sampleRate = sampleRate;
        this.channels = channels;
        this.pts = pts;
        this.timeBase = timeBase;
    }

    /** A frame of silence: {@code samplesPerChannel} zero samples in each channel. */
    public static AudioFrame silence(int samplesPerChannel, int sampleRate, int channels, long pts, TimeBase timeBase) {
        return new AudioFrame(new short[samplesPerChannel * channels], sampleRate, channels, pts, timeBase);
    }

    /** The interleaved samples, read-only. */
    public ShortBuffer samples() {
        return ShortBuffer.wrap(samples).asReadOnlyBuffer();
    }

    /** A copy of the interleaved samples. */
    public short[] toArray() {
        return samples.clone();
    }

    /** Sample {@code index} of the interleaved array (channel {@code index % channels()}). */
    public short sample(int index) {
        return samples[index];
    }

    /** Samples per channel: the frame's duration in {@code 1/sampleRate} ticks. */
    public int samplesPerChannel() {
        return samples.length / channels;
    }

    /** Samples per second per channel. */
    public int sampleRate() {
        return sampleRate;
    }

    /** Number of interleaved channels. */
    public int channels() {
        return channels;
    }

    @Override
    public long pts() {
        return pts;
    }

    @Override
    public TimeBase timeBase() {
        return timeBase;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AudioFrame f && f.sampleRate == sampleRate && f.channels == channels && f.pts == pts
                && f.timeBase.equals(timeBase) && Arrays.equals(f.samples, samples);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(samples) * 31 + Long.hashCode(pts);
    }

    @Override
    public String toString() {
        return "AudioFrame[" + samplesPerChannel() + " samples x " + channels + " ch @ " + sampleRate + " Hz, pts=" + pts + " (" + timeBase + ")]";
    }
}
