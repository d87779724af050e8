package org.ortc4j.media;

/** Test signals and a quality measure for audio codec round trips. */
public final class Signals {

    private Signals() {
    }

    /** A sine of {@code hz} at {@code amplitude}, {@code n} samples at {@code rate}, mono. */
    public static short[] sine(double hz, int amplitude, int rate, int n) {
        short[] out = new short[n];
        for (int i = 0; i < n; i++) {
            out[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * hz * i / rate));
        }
        return out;
    }

    /**
     * Signal-to-noise ratio in dB of {@code decoded} against {@code reference}, at the lag in
     * {@code 0..maxLag} that fits best (codecs delay the signal), over the samples after {@code skip}.
     */
    public static double snrDb(short[] reference, short[] decoded, int maxLag, int skip) {
        double best = Double.NEGATIVE_INFINITY;
        for (int lag = 0; lag <= maxLag; lag++) {
            double signal = 0;
            double noise = 0;
            for (int i = skip; i + lag < decoded.length && i < reference.length; i++) {
                double r = reference[i];
                double e = decoded[i + lag] - r;
                signal += r * r;
                noise += e * e;
            }
            best = Math.max(best, 10 * Math.log10(signal / Math.max(noise, 1e-9)));
        }
        return best;
    }
}
