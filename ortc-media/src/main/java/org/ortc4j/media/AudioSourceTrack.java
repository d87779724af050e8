package org.ortc4j.media;

/**
 * A test audio source: a sine tone in 20 ms {@link AudioFrame}s, paced in real time on its
 * {@link MediaClock} (aiortc's {@code AudioStreamTrack}, with a tone instead of silence). Frame
 * {@code n} has pts {@code n * samplesPerFrame} in {@code 1/sampleRate}. Disabled, it sends
 * silence.
 */
public final class AudioSourceTrack extends PacedSourceTrack {

    private static final int FRAMES_PER_SECOND = 50;

    private final double frequency;
    private final int amplitude;
    private final int sampleRate;
    private final int channels;
    private final int samplesPerFrame;

    /**
     * A tone of {@code frequency} Hz at {@code amplitude} (0..32767), {@code channels} identical
     * channels at {@code sampleRate} (a multiple of 50).
     */
    public AudioSourceTrack(MediaClock clock, double frequency, int amplitude, int sampleRate, int channels) {
        super(MediaKind.AUDIO, clock, 1_000_000_000L / FRAMES_PER_SECOND);
        if (sampleRate <= 0 || sampleRate % FRAMES_PER_SECOND != 0 || channels < 1 || amplitude < 0 || amplitude > 32767) {
            throw new IllegalArgumentException("rate " + sampleRate + ", channels " + channels + ", amplitude " + amplitude);
        }
        this.frequency = frequency;
        this.amplitude = amplitude;
        this.sampleRate = sampleRate;
        this.channels = channels;
        this.samplesPerFrame = sampleRate / FRAMES_PER_SECOND;
    }

    /** A 440 Hz tone, 48 kHz mono, in real time. */
    public static AudioSourceTrack tone() {
        return new AudioSourceTrack(MediaClock.system(), 440, 8000, 48_000, 1);
    }

    @Override
    protected AudioFrame frame(long index) {
        long first = index * samplesPerFrame;
        short[] samples = new short[samplesPerFrame * channels];
        if (enabled()) {
            for (int i = 0; i < samplesPerFrame; i++) {
                // Phase from the absolute sample number keeps the tone continuous across frames.
                double phase = 2 * Math.PI * frequency * ((first + i) % sampleRate) / sampleRate;
                short value = (short) Math.round(amplitude * Math.sin(phase));
                for (int c = 0; c < channels; c++) {
                    samples[i * channels + c] = value;
                }
            }
        }
        return new AudioFrame(samples, sampleRate, channels, first, TimeBase.ofRate(sampleRate));
    }
}
