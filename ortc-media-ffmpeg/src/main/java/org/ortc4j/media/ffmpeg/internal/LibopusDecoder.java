package org.ortc4j.media.ffmpeg.internal;

import static org.bytedeco.ffmpeg.global.avcodec.av_new_packet;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLT;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S16;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.ShortPointer;
import org.ortc4j.media.AudioFrame;
import org.ortc4j.media.CodecInfo;
import org.ortc4j.media.EncodedFrame;
import org.ortc4j.media.MediaCodecException;
import org.ortc4j.media.MediaDecoder;
import org.ortc4j.media.MediaFrame;

/**
 * Opus through libopus: every packet decodes to 48 kHz stereo 16-bit audio (RFC 7587 §7), as
 * ortc-media's Concentus decoder does. A packet libopus rejects is a {@link MediaCodecException};
 * the decoder stays usable.
 */
public final class LibopusDecoder implements MediaDecoder {

    private final CodecInfo codec;
    private final AVCodecContext context;
    private final AVFrame frame;
    private final AVPacket packet;
    private boolean closed;

    /** A decoder for {@code codec} (audio/opus, 48000, 2). */
    public LibopusDecoder(CodecInfo codec) {
        Ffmpeg.init();
        this.codec = codec;
        AVCodec avCodec = avcodec_find_decoder_by_name("libopus");
        if (avCodec == null || avCodec.isNull()) {
            throw new MediaCodecException("this FFmpeg build has no libopus decoder");
        }
        AVCodecContext ctx = avcodec_alloc_context3(avCodec);
        ctx.sample_rate(LibopusEncoder.SAMPLE_RATE);
        av_channel_layout_default(ctx.ch_layout(), LibopusEncoder.CHANNELS);
        ctx.request_sample_fmt(AV_SAMPLE_FMT_S16);
        int ret = avcodec_open2(ctx, avCodec, (AVDictionary) null);
        if (ret < 0) {
            avcodec_free_context(ctx);
            throw new MediaCodecException("could not open the libopus decoder: " + Ffmpeg.message(ret));
        }
        this.context = ctx;
        this.frame = av_frame_alloc();
        this.packet = av_packet_alloc();
    }

    @Override
    public CodecInfo codec() {
        return codec;
    }

    @Override
    public List<MediaFrame> decode(EncodedFrame encoded) {
        if (closed) {
            throw new IllegalStateException("decoder closed");
        }
        if (encoded.size() == 0) {
            throw new MediaCodecException("empty Opus packet");
        }
        int ret = av_new_packet(packet, encoded.size());
        if (ret < 0) {
            throw new MediaCodecException("FFmpeg could not allocate a packet: " + Ffmpeg.message(ret));
        }
        try {
            packet.data().put(encoded.toByteArray());
            ret = avcodec_send_packet(context, packet);
        } finally {
            av_packet_unref(packet);
        }
        if (ret < 0) {
            throw new MediaCodecException("libopus rejected a " + encoded.size() + "-byte packet: " + Ffmpeg.message(ret));
        }
        long pts = encoded.timeBase().convert(encoded.pts(), LibopusEncoder.CLOCK);
        List<MediaFrame> out = new ArrayList<>(1);
        while (true) {
            ret = avcodec_receive_frame(context, frame);
            if (ret == Ffmpeg.EAGAIN || ret == Ffmpeg.EOF) {
                return out;
            }
            if (ret < 0) {
                throw new MediaCodecException("libopus failed on a packet: " + Ffmpeg.message(ret));
            }
            try {
                int channels = frame.ch_layout().nb_channels();
                int n = frame.nb_samples() * channels;
                short[] samples = new short[n];
                if (frame.format() == AV_SAMPLE_FMT_S16) {
                    new ShortPointer(frame.data(0)).get(samples);
                } else if (frame.format() == AV_SAMPLE_FMT_FLT) {
                    float[] f = new float[n];
                    new FloatPointer(frame.data(0)).get(f);
                    for (int i = 0; i < n; i++) {
                        samples[i] = (short) Math.max(-32768, Math.min(32767, Math.round(f[i] * 32768f)));
                    }
                } else {
                    throw new MediaCodecException("libopus gave sample format " + frame.format());
                }
                out.add(new AudioFrame(samples, LibopusEncoder.SAMPLE_RATE, channels, pts, LibopusEncoder.CLOCK));
                pts += frame.nb_samples();
            } finally {
                av_frame_unref(frame);
            }
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        avcodec_free_context(context);
        av_frame_free(frame);
        av_packet_free(packet);
    }
}
