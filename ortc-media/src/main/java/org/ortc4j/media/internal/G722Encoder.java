package org.ortc4j.media.internal;

import java.util.List;
import org.ortc4j.media.AudioFrame;
import org.ortc4j.media.CodecInfo;
import org.ortc4j.media.EncodedFrame;
import org.ortc4j.media.MediaEncoder;
import org.ortc4j.media.MediaFrame;
import org.ortc4j.media.TimeBase;

/**
 * ITU-T G.722 encoder at 64 kbit/s (mode 1): any audio in, converted to 16 kHz mono; each pair of
 * samples becomes one byte, 6 bits of lower-band ADPCM and 2 bits of higher-band ADPCM. Encoded
 * frames count time in G.722's RTP clock of 8000 Hz (RFC 3551 §4.5.2: "the RTP clock rate ... is
 * 8,000 Hz" although the sampling rate is 16,000 Hz), one tick per byte.
 */
public final class G722Encoder implements MediaEncoder {

    static final int SAMPLE_RATE = 16_000;
    static final TimeBase RTP_CLOCK = TimeBase.ofRate(8000);

    // G.722 Table 12 (Q6): lower-band quantizer decision levels, in units of DETL / 2^12.
    private static final int[] Q6 = {
        0, 35, 72, 110, 150, 190, 233, 276, 323, 370, 422, 473, 530, 587, 650, 714,
        786, 858, 940, 1023, 1121, 1219, 1339, 1458, 1612, 1765, 1980, 2195, 2557, 2919, 0, 0};
    // G.722 Table 12: 6-bit codes for negative (ILN) and positive (ILP) differences by interval.
    private static final int[] ILN = {0, 63, 62, 31, 30, 29, 28, 27, 26, 25, 24, 23, 22, 21, 20, 19, 18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 0};
    private static final int[] ILP = {0, 61, 60, 59, 58, 57, 56, 55, 54, 53, 52, 51, 50, 49, 48, 47, 46, 45, 44, 43, 42, 41, 40, 39, 38, 37, 36, 35, 34, 33, 32, 0};
    // G.722 Table 13: 2-bit higher-band codes for negative (IHN) and positive (IHP) differences.
    private static final int[] IHN = {0, 1, 0};
    private static final int[] IHP = {0, 3, 2};

    private final CodecInfo codec;
    private final G722Qmf qmf = new G722Qmf();
    // G.722 §6.1 (reset): DETL = 32 and DETH = 8, all other state 0.
    private final G722Band lowBand = new G722Band(32);
    private final G722Band highBand = new G722Band(8);

    /** An encoder for {@code codec} (audio/G722, 8000, 1). */
    public G722Encoder(CodecInfo codec) {
        this.codec = codec;
    }

    @Override
    public CodecInfo codec() {
        return codec;
    }

    @Override
    public List<EncodedFrame> encode(MediaFrame frame) {
        if (!(frame instanceof AudioFrame audio)) {
            throw new IllegalArgumentException("G.722 encodes audio frames, not " + frame);
        }
        short[] pcm = AudioConverter.convert(audio.toArray(), audio.channels(), audio.sampleRate(), 1, SAMPLE_RATE);
        byte[] out = encode(pcm);
        long pts = audio.timeBase().convert(audio.pts(), RTP_CLOCK);
        return List.of(new EncodedFrame(codec.mimeType(), out, true, pts, RTP_CLOCK, out.length));
    }

    /** Encodes 16 kHz samples, two per output byte (an odd last sample is dropped). */
    byte[] encode(short[] pcm) {
        byte[] out = new byte[pcm.length / 2];
        for (int n = 0; n < out.length; n++) {
            qmf.split(pcm[2 * n], pcm[2 * n + 1]);
            out[n] = (byte) ((encodeHigh(qmf.high) << 6) | encodeLow(qmf.low));
        }
        return out;
    }

    private int encodeLow(int xl) {
        // Block 1L SUBTRA: EL = XL - SL
        int el = G722Band.saturate(xl - lowBand.s);
        // Block 1L QUANTL: find the interval of |EL| among Q6 * DETL
        int magnitude = el >= 0 ? el : -(el + 1);
        int interval = 1;
        while (interval < 30 && magnitude >= (Q6[interval] * lowBand.det >> 12)) {
            interval++;
        }
        int il = el < 0 ? ILN[interval] : ILP[interval];
        // Block 2L INVQAL: the predictor sees only the 4 most significant bits
        int ril = il >> 2;
        int dl = lowBand.det * G722Band.QM4[ril] >> 15;
        lowBand.adaptLow(ril);
        lowBand.update(dl);
        return il;
    }

    private int encodeHigh(int xh) {
        // Block 1H SUBTRA and QUANTH: one decision level at 564 * DETH / 2^12
        int eh = G722Band.saturate(xh - highBand.s);
        int magnitude = eh >= 0 ? eh : -(eh + 1);
        int mih = magnitude >= (564 * highBand.det >> 12) ? 2 : 1;
        int ih = eh < 0 ? IHN[mih] : IHP[mih];
        // Block 2H INVQAH
        int dh = highBand.det * G722Band.QM2[ih] >> 15;
        highBand.adaptHigh(ih);
        highBand.update(dh);
        return ih;
    }

    @Override
    public void setTargetBitrate(int bitsPerSecond) {
        // This encoder implements mode 1 only: 64 kbit/s.
    }

    @Override
    public int targetBitrate() {
        return 64_000;
    }

    @Override
    public void requestKeyFrame() {
        // Audio: nothing to do.
    }

    @Override
    public void close() {
    }
}
