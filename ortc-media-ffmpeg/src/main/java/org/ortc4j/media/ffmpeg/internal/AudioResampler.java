package org.ortc4j.media.ffmpeg.internal;

import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S16;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.swresample.swr_alloc_set_opts2;
import static org.bytedeco.ffmpeg.global.swresample.swr_convert;
import static org.bytedeco.ffmpeg.global.swresample.swr_free;
import static org.bytedeco.ffmpeg.global.swresample.swr_get_out_samples;
import static org.bytedeco.ffmpeg.global.swresample.swr_init;

import org.bytedeco.ffmpeg.avutil.AVChannelLayout;
import org.bytedeco.ffmpeg.swresample.SwrContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacpp.ShortPointer;
import org.ortc4j.media.MediaCodecException;

/**
 * Converts interleaved 16-bit PCM between sample rates (swresample) and channel counts (here:
 * mono is copied to every channel and several channels are averaged to mono, at full level,
 * where swresample's default matrix would mix a mono centre at -3 dB into each side),
 * keeping its filter state across calls so a stream cut into frames converts without clicks.
 * Native buffers grow to the largest frame seen and are reused; {@link #close()} frees them.
 * Not thread-safe.
 */
public final class AudioResampler implements AutoCloseable {

    private final int inRate;
    private final int inChannels;
    private final int outRate;
    private final int outChannels;
    private SwrContext swr;
    private ShortPointer in;
    private ShortPointer out;
    private final PointerPointer<Pointer> inPlanes = new PointerPointer<>(1);
    private final PointerPointer<Pointer> outPlanes = new PointerPointer<>(1);

    /** A converter from {@code inRate}/{@code inChannels} to {@code outRate}/{@code outChannels}. */
    public AudioResampler(int inRate, int inChannels, int outRate, int outChannels) {
        Ffmpeg.init();
        this.inRate = inRate;
        this.inChannels = inChannels;
        this.outRate = outRate;
        this.outChannels = outChannels;
        if (inRate == outRate) {
            return;
        }
        AVChannelLayout inLayout = new AVChannelLayout();
        AVChannelLayout outLayout = new AVChannelLayout();
        av_channel_layout_default(inLayout, outChannels);
        av_channel_layout_default(outLayout, outChannels);
        // swr_alloc_set_opts2 allocates when *ps is NULL: an empty SwrContext passes NULL by
        // pointer-to-pointer and receives the new context.
        SwrContext holder = new SwrContext(null);
        int ret = swr_alloc_set_opts2(holder, outLayout, AV_SAMPLE_FMT_S16, outRate, inLayout, AV_SAMPLE_FMT_S16, inRate, 0, null);
        inLayout.close();
        outLayout.close();
        if (ret < 0 || holder.isNull()) {
            throw new MediaCodecException("swresample refused " + inRate + "/" + inChannels + " -> " + outRate + "/" + outChannels + ": " + Ffmpeg.message(ret));
        }
        swr = holder;
        ret = swr_init(swr);
        if (ret < 0) {
            close();
            throw new MediaCodecException("swresample could not start: " + Ffmpeg.message(ret));
        }
    }

    /** True when input and output agree and samples pass untouched. */
    public boolean passthrough() {
        return inRate == outRate && inChannels == outChannels;
    }

    /** Sample rate of the output. */
    public int outRate() {
        return outRate;
    }

    /** Channels of the output. */
    public int outChannels() {
        return outChannels;
    }

    /** {@code samples} (interleaved, {@code inChannels}) converted; may be shorter or longer than in proportion while the filter fills. */
    public short[] convert(short[] samples) {
        if (passthrough()) {
            return samples;
        }
        samples = remix(samples);
        if (inRate == outRate) {
            return samples;
        }
        int inCount = samples.length / outChannels;
        int maxOut = swr_get_out_samples(swr, inCount);
        if (maxOut < 0) {
            throw new MediaCodecException("swresample failed: " + Ffmpeg.message(maxOut));
        }
        in = grow(in, samples.length);
        out = grow(out, (long) maxOut * outChannels);
        in.position(0).put(samples);
        inPlanes.put(0, in);
        outPlanes.put(0, out);
        int got = swr_convert(swr, outPlanes, maxOut, inPlanes, inCount);
        if (got < 0) {
            throw new MediaCodecException("swresample failed: " + Ffmpeg.message(got));
        }
        short[] result = new short[got * outChannels];
        out.position(0).get(result);
        return result;
    }

    /** {@code samples} with {@code outChannels} channels, at the input rate. */
    private short[] remix(short[] samples) {
        if (inChannels == outChannels) {
            return samples;
        }
        int frames = samples.length / inChannels;
        short[] out = new short[frames * outChannels];
        for (int i = 0; i < frames; i++) {
            if (outChannels == 1) {
                int sum = 0;
                for (int c = 0; c < inChannels; c++) {
                    sum += samples[i * inChannels + c];
                }
                out[i] = (short) (sum / inChannels);
            } else {
                for (int c = 0; c < outChannels; c++) {
                    out[i * outChannels + c] = samples[i * inChannels + (inChannels == 1 ? 0 : Math.min(c, inChannels - 1))];
                }
            }
        }
        return out;
    }

    private static ShortPointer grow(ShortPointer buffer, long needed) {
        if (buffer != null && buffer.capacity() >= needed) {
            return buffer;
        }
        if (buffer != null) {
            buffer.close();
        }
        return new ShortPointer(Math.max(needed, 1024));
    }

    @Override
    public void close() {
        if (swr != null) {
            swr_free(swr);
            swr = null;
        }
        if (in != null) {
            in.close();
            in = null;
        }
        if (out != null) {
            out.close();
            out = null;
        }
        inPlanes.close();
        outPlanes.close();
    }

    @Override
    public String toString() {
        return "AudioResampler[" + inRate + "/" + inChannels + " -> " + outRate + "/" + outChannels + "]";
    }
}
