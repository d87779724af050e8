package org.ortc4j.rtp.internal;

import java.nio.ShortBuffer;
import org.ortc4j.media.AudioFrame;

/** The audio level of a frame as RFC 6464 carries it. */
public final class AudioLevels {

    /** RFC 6464 §3: "The audio level is expressed in -dBov, with values from 0 to 127". */
    public static final int SILENCE = 127;

    private AudioLevels() {
    }

    /**
     * The frame's level in -dBov: 20·log10 of its RMS relative to a full-scale 16-bit sine's
     * overload point (RFC 6464 §3 refers to ITU-T G.100.1's dBov), rounded, 0 to 127.
     */
    public static int levelOf(AudioFrame frame) {
        ShortBuffer samples = frame.samples();
        int count = samples.remaining();
        if (count == 0) {
            return SILENCE;
        }
        double sumOfSquares = 0;
        for (int i = samples.position(); i < samples.limit(); i++) {
            double sample = samples.get(i);
            sumOfSquares += sample * sample;
        }
        double rms = Math.sqrt(sumOfSquares / count);
        if (rms < 1e-9) {
            return SILENCE;
        }
        double dbov = 20 * Math.log10(rms / 32768.0);
        return (int) Math.max(0, Math.min(SILENCE, Math.round(-dbov)));
    }

    /**
     * The W3C {@code audioLevel} (0 to 1, linear) of an RFC 6464 level in -dBov (W3C WebRTC
     * §5.3.1: "converted ... from the -dBov value using 10^(-level/20)"); 127 is silence, 0.
     */
    public static double toLinear(int level) {
        return level >= SILENCE ? 0 : Math.pow(10, -level / 20.0);
    }
}
