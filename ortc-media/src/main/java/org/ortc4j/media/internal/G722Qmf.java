package org.ortc4j.media.internal;

/**
 * The 24-tap quadrature mirror filters of ITU-T G.722 §2.2 (transmit) and §3.3 (receive):
 * 16 kHz samples in pairs to one lower-band and one higher-band sample at 8 kHz, and back.
 */
final class G722Qmf {

    // G.722 Table 11: QMF coefficients h0..h11 (the filter is symmetric: h23-i = hi).
    private static final int[] H = {3, -11, 12, 32, -210, 951, 3876, -805, 362, -156, 53, -11};

    private final int[] x = new int[24];

    /** Lower-band output of the last {@link #split}. */
    int low;
    /** Higher-band output of the last {@link #split}. */
    int high;

    /** Transmit QMF: takes two input samples and sets {@link #low} and {@link #high}. */
    void split(int first, int second) {
        System.arraycopy(x, 2, x, 0, 22);
        x[22] = first;
        x[23] = second;
        int odd = 0;
        int even = 0;
        for (int i = 0; i < 12; i++) {
            odd += x[2 * i] * H[i];
            even += x[2 * i + 1] * H[11 - i];
        }
        low = (even + odd) >> 14;
        high = (even - odd) >> 14;
    }

    /** Receive QMF: takes the reconstructed lower and higher band samples, writes two output samples. */
    void merge(int low, int high, short[] out, int at) {
        System.arraycopy(x, 2, x, 0, 22);
        x[22] = low + high;
        x[23] = low - high;
        int out1 = 0;
        int out2 = 0;
        for (int i = 0; i < 12; i++) {
            out2 += x[2 * i] * H[i];
            out1 += x[2 * i + 1] * H[11 - i];
        }
        out[at] = (short) G722Band.saturate(out1 >> 11);
        out[at + 1] = (short) G722Band.saturate(out2 >> 11);
    }
}
