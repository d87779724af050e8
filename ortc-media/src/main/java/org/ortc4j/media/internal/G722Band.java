package org.ortc4j.media.internal;

/**
 * One sub-band of ITU-T G.722 (11/88) sub-band ADPCM: the adaptive predictor of block 4 (a pole
 * section of order 2 and a zero section of order 6) and the quantizer scale factor of blocks 3L
 * and 3H. Encoder and decoder each keep one for the lower band and one for the higher band and
 * update them identically, which is what keeps them in step. Arithmetic is the recommendation's
 * 16-bit fixed point.
 */
final class G722Band {

    // G.722 Table 14/17 (3L): log scale factor adaptation multipliers W_L by the 4-bit code's class.
    private static final int[] WL = {-60, -30, 58, 172, 334, 538, 1198, 3042};
    // G.722 3L: RIL (4-bit inverse quantizer index) to the magnitude class used by WL.
    private static final int[] RL42 = {0, 7, 6, 5, 4, 3, 2, 1, 7, 6, 5, 4, 3, 2, 1, 0};
    // G.722 3H: log scale factor adaptation multipliers W_H, by the 2-bit code's magnitude.
    private static final int[] WH = {0, -214, 798};
    private static final int[] RH2 = {2, 1, 2, 1};
    // G.722 Table 15 (ILB): the inverse log2 of the scale factor's fractional part.
    private static final int[] ILB = {
        2048, 2093, 2139, 2186, 2233, 2282, 2332, 2383, 2435, 2489, 2543, 2599, 2656, 2714, 2774, 2834,
        2896, 2960, 3025, 3091, 3158, 3228, 3298, 3371, 3444, 3520, 3597, 3676, 3756, 3838, 3922, 4008};
    // G.722 Table 7 (QM4): 4-bit inverse quantizer outputs, used by the predictor in both bands' low band.
    static final int[] QM4 = {0, -20456, -12896, -8968, -6288, -4240, -2584, -1200, 20456, 12896, 8968, 6288, 4240, 2584, 1200, 0};
    // G.722 Table 9 (QM2): 2-bit inverse quantizer outputs of the higher band.
    static final int[] QM2 = {-7408, -1616, 7408, 1616};

    /** Quantizer scale factor DETL / DETH. */
    int det;
    /** Log scale factor NBL / NBH. */
    private int nb;
    /** Predicted signal value SL / SH. */
    int s;
    private int sp;
    private int sz;
    private final int[] r = new int[3];
    private final int[] p = new int[3];
    private final int[] a = new int[3];
    private final int[] ap = new int[3];
    private final int[] d = new int[7];
    private final int[] b = new int[7];
    private final int[] bp = new int[7];
    private final int[] sg = new int[7];

    G722Band(int initialDet) {
        this.det = initialDet;
    }

    static int saturate(int value) {
        return Math.max(-32768, Math.min(32767, value));
    }

    /** Blocks 3L LOGSCL and SCALEL: adapts the lower band's scale factor to the 4-bit index {@code ril}. */
    void adaptLow(int ril) {
        nb = (nb * 127 >> 7) + WL[RL42[ril]];
        nb = Math.max(0, Math.min(18432, nb));
        det = scale(nb, 8);
    }

    /** Blocks 3H LOGSCH and SCALEH: adapts the higher band's scale factor to the 2-bit code {@code ih}. */
    void adaptHigh(int ih) {
        nb = (nb * 127 >> 7) + WH[RH2[ih]];
        nb = Math.max(0, Math.min(22528, nb));
        det = scale(nb, 10);
    }

    // SCALEL/SCALEH: DET = 2^(NB) from ILB for the fraction and a shift for the integer part.
    private static int scale(int nb, int shiftBase) {
        int fraction = (nb >> 6) & 31;
        int shift = shiftBase - (nb >> 11);
        int value = shift < 0 ? ILB[fraction] << -shift : ILB[fraction] >> shift;
        return value << 2;
    }

    /** Block 4: reconstructs, adapts the predictor to the quantized difference {@code dx} and predicts {@link #s}. */
    void update(int dx) {
        // RECONS and PARREC
        d[0] = dx;
        r[0] = saturate(s + dx);
        p[0] = saturate(sz + dx);

        // UPPOL2: a2 += 2^-7 (sgn p0 sgn p2 - f(a1) sgn p0 sgn p1), leakage 2^-7, |a2| <= 0.75
        for (int i = 0; i < 3; i++) {
            sg[i] = p[i] >> 15;
        }
        int f = saturate(a[1] << 2);
        int wd2 = sg[0] == sg[1] ? -f : f;
        wd2 = Math.min(wd2, 32767);
        int wd3 = (wd2 >> 7) + (sg[0] == sg[2] ? 128 : -128);
        wd3 += a[2] * 32512 >> 15;
        ap[2] = Math.max(-12288, Math.min(12288, wd3));

        // UPPOL1: a1 += 3 * 2^-8 sgn p0 sgn p1, leakage 2^-8, |a1| <= 1 - 2^-4 - a2
        int step = sg[0] == sg[1] ? 192 : -192;
        ap[1] = saturate(step + (a[1] * 32640 >> 15));
        int limit = saturate(15360 - ap[2]);
        ap[1] = Math.max(-limit, Math.min(limit, ap[1]));

        // UPZERO: b_i += 2^-7 sgn d0 sgn d_i (nothing when d0 is 0), leakage 2^-8
        int gain = dx == 0 ? 0 : 128;
        sg[0] = dx >> 15;
        for (int i = 1; i < 7; i++) {
            sg[i] = d[i] >> 15;
            int term = sg[i] == sg[0] ? gain : -gain;
            bp[i] = saturate(term + (b[i] * 32640 >> 15));
        }

        // DELAYA
        for (int i = 6; i > 0; i--) {
            d[i] = d[i - 1];
            b[i] = bp[i];
        }
        for (int i = 2; i > 0; i--) {
            r[i] = r[i - 1];
            p[i] = p[i - 1];
            a[i] = ap[i];
        }

        // FILTEP: pole section
        int pole1 = a[1] * saturate(r[1] + r[1]) >> 15;
        int pole2 = a[2] * saturate(r[2] + r[2]) >> 15;
        sp = saturate(pole1 + pole2);

        // FILTEZ: zero section
        int zeros = 0;
        for (int i = 6; i > 0; i--) {
            zeros += b[i] * saturate(d[i] + d[i]) >> 15;
        }
        sz = saturate(zeros);

        // PREDIC
        s = saturate(sp + sz);
    }
}
