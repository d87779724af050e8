package org.ortc4j.media.internal;

/**
 * Converts interleaved 16-bit PCM between channel layouts and sample rates, one frame at a time
 * and without state between frames: what aiortc's encoders do with an {@code AudioResampler}
 * before G.711 (8 kHz mono), G.722 (16 kHz mono) and Opus (48 kHz stereo). Downsampling averages
 * the input samples in a window centred on each output sample (a box filter, enough against
 * aliasing for speech codecs, and no delay); upsampling interpolates linearly.
 */
public final class AudioConverter {

    private AudioConverter() {
    }

    /** {@code samples} ({@code inChannels} interleaved at {@code inRate}) as {@code outChannels} at {@code outRate}. */
    public static short[] convert(short[] samples, int inChannels, int inRate, int outChannels, int outRate) {
        if (inChannels == outChannels && inRate == outRate) {
            return samples;
        }
        int frames = samples.length / inChannels;
        int[][] planes = new int[outChannels][frames];
        for (int i = 0; i < frames; i++) {
            if (outChannels == inChannels) {
                for (int c = 0; c < outChannels; c++) {
                    planes[c][i] = samples[i * inChannels + c];
                }
            } else {
                // Mixing: every output channel gets the mean of all input channels.
                int sum = 0;
                for (int c = 0; c < inChannels; c++) {
                    sum += samples[i * inChannels + c];
                }
                int mean = sum / inChannels;
                for (int c = 0; c < outChannels; c++) {
                    planes[c][i] = mean;
                }
            }
        }
        int outFrames = (int) ((long) frames * outRate / inRate);
        short[] out = new short[outFrames * outChannels];
        for (int c = 0; c < outChannels; c++) {
            int[] resampled = resample(planes[c], inRate, outRate, outFrames);
            for (int i = 0; i < outFrames; i++) {
                out[i * outChannels + c] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, resampled[i]));
            }
        }
        return out;
    }

    private static int[] resample(int[] in, int inRate, int outRate, int outFrames) {
        if (inRate == outRate) {
            return in;
        }
        int[] out = new int[outFrames];
        if (outRate < inRate) {
            int half = inRate / outRate / 2;
            for (int i = 0; i < outFrames; i++) {
                int centre = (int) ((long) i * inRate / outRate);
                int from = Math.max(0, centre - half);
                int to = Math.min(in.length - 1, centre + half);
                long sum = 0;
                for (int k = from; k <= to; k++) {
                    sum += in[k];
                }
                out[i] = (int) (sum / (to - from + 1));
            }
        } else {
            for (int i = 0; i < outFrames; i++) {
                long numerator = (long) i * inRate;
                int at = (int) (numerator / outRate);
                double fraction = (double) (numerator % outRate) / outRate;
                int next = Math.min(at + 1, in.length - 1);
                out[i] = (int) Math.round(in[at] + (in[next] - in[at]) * fraction);
            }
        }
        return out;
    }
}
