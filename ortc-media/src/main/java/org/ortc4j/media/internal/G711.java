package org.ortc4j.media.internal;

/**
 * ITU-T G.711 companding: 16-bit linear PCM to and from 8-bit µ-law (PCMU) and A-law (PCMA).
 * The linear values are G.711's decoder outputs (Tables 1a and 2a, 13- and 14-bit) scaled to 16
 * bits; the encoder picks the segment and the four interval bits of the spec's tables.
 */
public final class G711 {

    // G.711 µ-law: the encoder adds a bias of 33 (in 14-bit units; 132 in 16-bit) so that
    // segment boundaries fall on powers of two, and clips at 8158 (32635 in 16-bit).
    private static final int ULAW_BIAS = 0x84;
    private static final int ULAW_CLIP = 32635;

    private G711() {
    }

    /** G.711 µ-law code of a 16-bit sample; all bits inverted on the wire as §3 says. */
    public static byte linearToUlaw(int sample) {
        int sign = 0;
        int magnitude = sample;
        if (magnitude < 0) {
            sign = 0x80;
            magnitude = -magnitude;
        }
        if (magnitude > ULAW_CLIP) {
            magnitude = ULAW_CLIP;
        }
        magnitude += ULAW_BIAS;
        // Segment (exponent) = position of the highest set bit above bit 7.
        int exponent = Math.max(0, 31 - Integer.numberOfLeadingZeros(magnitude) - 7);
        int mantissa = (magnitude >> (exponent + 3)) & 0x0F;
        return (byte) ~(sign | (exponent << 4) | mantissa);
    }

    /** The 16-bit decoder output of a G.711 µ-law code. */
    public static short ulawToLinear(byte code) {
        int u = ~code & 0xFF;
        int exponent = (u >> 4) & 0x07;
        int magnitude = ((((u & 0x0F) << 3) + ULAW_BIAS) << exponent) - ULAW_BIAS;
        return (short) ((u & 0x80) != 0 ? -magnitude : magnitude);
    }

    /** G.711 A-law code of a 16-bit sample; even bits inverted on the wire (XOR 0x55) as §2 says. */
    public static byte linearToAlaw(int sample) {
        int value = sample >> 3; // A-law works on 13-bit samples
        int mask;
        if (value >= 0) {
            mask = 0xD5; // sign bit 1 for positive, plus the even-bit inversion
        } else {
            mask = 0x55;
            value = -value - 1;
        }
        int segment = 0;
        while (segment < 8 && value > ((0x20 << segment) - 1)) {
            segment++;
        }
        if (segment >= 8) {
            return (byte) (0x7F ^ mask);
        }
        int code = segment << 4;
        code |= segment < 2 ? (value >> 1) & 0x0F : (value >> segment) & 0x0F;
        return (byte) (code ^ mask);
    }

    /** The 16-bit decoder output of a G.711 A-law code. */
    public static short alawToLinear(byte code) {
        int a = (code & 0xFF) ^ 0x55;
        int magnitude = (a & 0x0F) << 4;
        int segment = (a & 0x70) >> 4;
        if (segment == 0) {
            magnitude += 8;
        } else {
            magnitude = (magnitude + 0x108) << (segment - 1);
        }
        return (short) ((a & 0x80) != 0 ? magnitude : -magnitude);
    }
}
