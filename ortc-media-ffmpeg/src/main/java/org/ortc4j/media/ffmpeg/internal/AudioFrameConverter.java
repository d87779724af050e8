package org.ortc4j.media.ffmpeg.internal;

import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S16;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.swresample.swr_alloc_set_opts2;
import static org.bytedeco.ffmpeg.global.swresample.swr_convert_frame;
import static org.bytedeco.ffmpeg.global.swresample.swr_free;
import static org.bytedeco.ffmpeg.global.swresample.swr_init;

import org.bytedeco.ffmpeg.avutil.AVChannelLayout;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swresample.SwrContext;
import org.bytedeco.javacpp.ShortPointer;
import org.ortc4j.media.AudioFrame;
import org.ortc4j.media.MediaCodecException;
import org.ortc4j.media.TimeBase;

/**
 * Turns a decoder's audio (any sample format, layout and rate) into ortc-media's interleaved
 * 16-bit {@link AudioFrame} at a chosen rate and channel count, with swresample. The context is
 * made at the first frame and kept while the input stays the same. Not thread-safe.
 */
public final class AudioFrameConverter implements AutoCloseable {

    private final int outRate;
    private final int outChannels;
    private SwrContext swr;
    private AVFrame out;
    private int inFormat = -1;
    private int inRate;
    private int inChannels;
    private int rate;
    private int channels;

    /** A converter to {@code outRate} Hz and {@code outChannels} (0 for the input's own). */
    public AudioFrameConverter(int outRate, int outChannels) {
        Ffmpeg.init();
        this.outRate = outRate;
        this.outChannels = outChannels;
    }

    /** {@code frame} as 16-bit interleaved audio, timestamped {@code pts} in 1/rate. */
    public AudioFrame convert(AVFrame frame, long pts) {
        int channelsIn = frame.ch_layout().nb_channels();
        if (frame.ch_layout().order() == org.bytedeco.ffmpeg.global.avutil.AV_CHANNEL_ORDER_UNSPEC) {
            // WAV and raw PCM say how many channels but not which; swresample wants a layout and
            // rejects a frame whose layout differs from the one it was set up with.
            av_channel_layout_default(frame.ch_layout(), channelsIn);
        }
        if (swr == null || frame.format() != inFormat || frame.sample_rate() != inRate || channelsIn != inChannels) {
            open(frame);
        }
        av_frame_unref(out);
        out.format(AV_SAMPLE_FMT_S16);
        out.sample_rate(rate);
        av_channel_layout_default(out.ch_layout(), channels);
        int ret = swr_convert_frame(swr, out, frame);
        if (ret < 0) {
            throw new MediaCodecException("swresample failed: " + Ffmpeg.message(ret));
        }
        short[] samples = new short[out.nb_samples() * channels];
        new ShortPointer(out.data(0)).get(samples);
        return new AudioFrame(samples, rate, channels, pts, TimeBase.ofRate(rate));
    }

    /** Output sample rate (known after the first frame). */
    public int rate() {
        return rate;
    }

    private void open(AVFrame frame) {
        closeSwr();
        inFormat = frame.format();
        inRate = frame.sample_rate();
        inChannels = frame.ch_layout().nb_channels();
        rate = outRate > 0 ? outRate : inRate;
        channels = outChannels > 0 ? outChannels : Math.min(2, inChannels);
        AVChannelLayout outLayout = new AVChannelLayout();
        av_channel_layout_default(outLayout, channels);
        SwrContext holder = new SwrContext(null);
        int ret = swr_alloc_set_opts2(holder, outLayout, AV_SAMPLE_FMT_S16, rate, frame.ch_layout(), inFormat, inRate, 0, null);
        outLayout.close();
        if (ret < 0 || holder.isNull()) {
            throw new MediaCodecException("swresample refused the stream's audio: " + Ffmpeg.message(ret));
        }
        swr = holder;
        ret = swr_init(swr);
        if (ret < 0) {
            throw new MediaCodecException("swresample could not start: " + Ffmpeg.message(ret));
        }
        if (out == null) {
            out = av_frame_alloc();
        }
    }

    private void closeSwr() {
        if (swr != null) {
            swr_free(swr);
            swr = null;
        }
    }

    @Override
    public void close() {
        closeSwr();
        if (out != null) {
            av_frame_free(out);
            out = null;
        }
    }
}
