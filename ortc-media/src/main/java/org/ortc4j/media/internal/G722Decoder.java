package org.ortc4j.media.internal;

import java.util.List;
import org.ortc4j.media.AudioFrame;
import org.ortc4j.media.CodecInfo;
import org.ortc4j.media.EncodedFrame;
import org.ortc4j.media.MediaDecoder;
import org.ortc4j.media.MediaFrame;
import org.ortc4j.media.TimeBase;

/**
 * ITU-T G.722 decoder at 64 kbit/s (mode 1): each byte gives two 16 kHz samples. Every byte is a
 * valid code, so any input decodes.
 */
public final class G722Decoder implements MediaDecoder {

    private static final TimeBase SAMPLE_CLOCK = TimeBase.ofRate(G722Encoder.SAMPLE_RATE);

    // G.722 Table 8 (QM6): 6-bit lower-band inverse quantizer outputs of mode 1.
    private static final int[] QM6 = {
        -136, -136, -136, -136, -24808, -21904, -19008, -16704, -14984, -13512, -12280, -11192, -10232, -9360, -8576, -7856,
        -7192, -6576, -6000, -5456, -4944, -4464, -4008, -3576, -3168, -2776, -2400, -2032, -1688, -1360, -1040, -728,
        24808, 21904, 19008, 16704, 14984, 13512, 12280, 11192, 10232, 9360, 8576, 7856, 7192, 6576, 6000, 5456,
        4944, 4464, 4008, 3576, 3168, 2776, 2400, 2032, 1688, 1360, 1040, 728, 432, 136, -432, -136};

    private final CodecInfo codec;
    private final G722Qmf qmf = new G722Qmf();
    private final G722Band lowBand = new G722Band(32);
    private final G722Band highBand = new G722Band(8);

    /** A decoder for {@code codec} (audio/G722, 8000, 1). */
    public G722Decoder(CodecInfo codec) {
        this.codec = codec;
    }

    @Override
    public CodecInfo codec() {
        return codec;
    }

    @Override
    public List<MediaFrame> decode(EncodedFrame frame) {
        short[] pcm = decode(frame.toByteArray());
        long pts = frame.timeBase().convert(frame.pts(), SAMPLE_CLOCK);
        return List.of(new AudioFrame(pcm, G722Encoder.SAMPLE_RATE, 1, pts, SAMPLE_CLOCK));
    }

    /** Decodes bytes to 16 kHz samples, two per byte. */
    short[] decode(byte[] codes) {
        short[] out = new short[codes.length * 2];
        for (int n = 0; n < codes.length; n++) {
            int code = codes[n] & 0xFF;
            int il = code & 0x3F;
            int ih = code >> 6;

            // Block 5L INVQBL and RECONS, block 6L LIMIT: the output uses all 6 bits
            int rl = lowBand.s + (lowBand.det * QM6[il] >> 15);
            rl = Math.max(-16384, Math.min(16383, rl));
            // Block 2L INVQAL: the predictor uses the 4 most significant bits, as in the encoder
            int ril = il >> 2;
            int dl = lowBand.det * G722Band.QM4[ril] >> 15;
            lowBand.adaptLow(ril);
            lowBand.update(dl);

            // Blocks 2H INVQAH, 5H RECONS, 6H LIMIT
            int dh = highBand.det * G722Band.QM2[ih] >> 15;
            int rh = Math.max(-16384, Math.min(16383, dh + highBand.s));
            highBand.adaptHigh(ih);
            highBand.update(dh);

            qmf.merge(rl, rh, out, 2 * n);
        }
        return out;
    }

    @Override
    public void close() {
    }
}
