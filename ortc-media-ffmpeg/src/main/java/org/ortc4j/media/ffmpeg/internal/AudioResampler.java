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
 * Converts interleaved 16-bit PCM between sample rates and channel counts with swresample,
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
        if (passthrough()) {
            return;
        }
        AVChannelLayout inLayout = new AVChannelLayout();
        AVChannelLayout outLayout = new AVChannelLayout();
        av_channel_layout_default(inLayout, inChannels);
        av_channel_layout_default(outLayout, outChannels);
        PointerPointer<SwrContext> holder = new PointerPointer<>(1);
        int ret = swr_alloc_set_opts2(holder, outLayout, AV_SAMPLE_FMT_S16, outRate, inLayout, AV_SAMPLE_FMT_S16, inRate, 0, null);
        inLayout.close();
        outLayout.close();
        if (ret < 0) {
            holder.close();
            throw new MediaCodecException("swresample refused " + inRate + "/" + inChannels + " -> " + outRate + "/" + outChannels + ": " + Ffmpeg.message(ret));
        }
        swr = holder.get(SwrContext.class, 0);
        holder.close();
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
        int inCount = samples.length / inChannels;
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
