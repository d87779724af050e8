package org.ortc4j.media.ffmpeg.internal;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S16;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.ShortPointer;
import org.ortc4j.media.AudioFrame;
import org.ortc4j.media.CodecInfo;
import org.ortc4j.media.EncodedFrame;
import org.ortc4j.media.MediaCodecException;
import org.ortc4j.media.MediaEncoder;
import org.ortc4j.media.MediaFrame;
import org.ortc4j.media.TimeBase;

/**
 * Opus through libopus (the reference C implementation), as an alternative to ortc-media's
 * pure-Java Concentus encoder with the same behaviour: any audio in, converted to 48 kHz stereo
 * (RFC 7587 §7, "opus/48000/2"), cut into 20 ms frames, one packet per 20 ms, VoIP application,
 * constrained VBR. A new target bitrate re-opens libopus before the next packet (Opus packets
 * are independent, so the receiver only hears the encoder's state reset).
 */
public final class LibopusEncoder implements MediaEncoder {

    static final int SAMPLE_RATE = 48_000;
    static final int CHANNELS = 2;
    static final int FRAME_SAMPLES = 960;
    static final TimeBase CLOCK = TimeBase.ofRate(SAMPLE_RATE);
    /** RFC 6716 §2: 6 kbit/s to 510 kbit/s. */
    private static final int MIN_BITRATE = 6_000;
    private static final int MAX_BITRATE = 510_000;

    private final CodecInfo codec;
    private final AVCodec avCodec;
    private final short[] pending = new short[FRAME_SAMPLES * CHANNELS];
    private AVCodecContext context;
    private AVFrame frame;
    private AVPacket packet;
    private AudioResampler resampler;
    private int inRate;
    private int inChannels;
    private int pendingSamples;
    private long nextPts;
    private int bitrate = 64_000;
    private int openBitrate;
    private boolean closed;

    /** An encoder for {@code codec} (audio/opus, 48000, 2). */
    public LibopusEncoder(CodecInfo codec) {
        Ffmpeg.init();
        this.codec = codec;
        this.avCodec = avcodec_find_encoder_by_name("libopus");
        if (avCodec == null || avCodec.isNull()) {
            throw new MediaCodecException("this FFmpeg build has no libopus encoder");
        }
    }

    @Override
    public CodecInfo codec() {
        return codec;
    }

    @Override
    public List<EncodedFrame> encode(MediaFrame input) {
        if (!(input instanceof AudioFrame audio)) {
            throw new IllegalArgumentException("Opus encodes audio frames, not " + input);
        }
        if (closed) {
            throw new IllegalStateException("encoder closed");
        }
        if (resampler == null || resamplerDiffers(audio)) {
            if (resampler != null) {
                resampler.close();
            }
            resampler = new AudioResampler(audio.sampleRate(), audio.channels(), SAMPLE_RATE, CHANNELS);
            inRate = audio.sampleRate();
            inChannels = audio.channels();
        }
        short[] pcm = resampler.convert(audio.toArray());
        if (pendingSamples == 0) {
            nextPts = audio.timeBase().convert(audio.pts(), CLOCK);
        }
        List<EncodedFrame> out = new ArrayList<>(1);
        int at = 0;
        while (at < pcm.length) {
            int take = Math.min(pcm.length - at, pending.length - pendingSamples);
            System.arraycopy(pcm, at, pending, pendingSamples, take);
            pendingSamples += take;
            at += take;
            if (pendingSamples == pending.length) {
                out.addAll(encodePending());
                pendingSamples = 0;
            }
        }
        return out;
    }

    private boolean resamplerDiffers(AudioFrame audio) {
        return audio.sampleRate() != inRate || audio.channels() != inChannels;
    }

    private List<EncodedFrame> encodePending() {
        if (context == null || openBitrate != bitrate) {
            open();
        }
        int ret = av_frame_make_writable(frame);
        if (ret < 0) {
            throw new MediaCodecException("FFmpeg could not make an audio frame writable: " + Ffmpeg.message(ret));
        }
        new ShortPointer(frame.data(0)).put(pending);
        frame.pts(nextPts);
        ret = avcodec_send_frame(context, frame);
        if (ret < 0) {
            throw new MediaCodecException("libopus refused a frame: " + Ffmpeg.message(ret));
        }
        List<EncodedFrame> out = new ArrayList<>(1);
        while (true) {
            ret = avcodec_receive_packet(context, packet);
            if (ret == Ffmpeg.EAGAIN || ret == Ffmpeg.EOF) {
                break;
            }
            if (ret < 0) {
                throw new MediaCodecException("libopus failed: " + Ffmpeg.message(ret));
            }
            try {
                byte[] data = new byte[packet.size()];
                packet.data().get(data);
                out.add(new EncodedFrame(codec.mimeType(), data, true, nextPts, CLOCK, FRAME_SAMPLES));
            } finally {
                av_packet_unref(packet);
            }
        }
        nextPts += FRAME_SAMPLES;
        return out;
    }

    private void open() {
        if (context != null) {
            avcodec_free_context(context);
            context = null;
        }
        AVCodecContext ctx = avcodec_alloc_context3(avCodec);
        ctx.sample_rate(SAMPLE_RATE);
        ctx.sample_fmt(AV_SAMPLE_FMT_S16);
        av_channel_layout_default(ctx.ch_layout(), CHANNELS);
        ctx.time_base(av_make_q(1, SAMPLE_RATE));
        ctx.bit_rate(bitrate);
        AVDictionary dict = Ffmpeg.dictionary(Map.of("application", "voip", "frame_duration", "20", "vbr", "constrained"));
        int ret = avcodec_open2(ctx, avCodec, dict);
        av_dict_free(dict);
        if (ret < 0) {
            avcodec_free_context(ctx);
            throw new MediaCodecException("could not open libopus: " + Ffmpeg.message(ret));
        }
        context = ctx;
        openBitrate = bitrate;
        if (frame == null) {
            frame = av_frame_alloc();
            frame.nb_samples(FRAME_SAMPLES);
            frame.format(AV_SAMPLE_FMT_S16);
            frame.sample_rate(SAMPLE_RATE);
            av_channel_layout_default(frame.ch_layout(), CHANNELS);
            ret = av_frame_get_buffer(frame, 0);
            if (ret < 0) {
                throw new MediaCodecException("FFmpeg could not allocate an audio frame: " + Ffmpeg.message(ret));
            }
            packet = av_packet_alloc();
        }
    }

    @Override
    public void setTargetBitrate(int bitsPerSecond) {
        bitrate = Math.max(MIN_BITRATE, Math.min(MAX_BITRATE, bitsPerSecond));
    }

    @Override
    public int targetBitrate() {
        return bitrate;
    }

    @Override
    public void requestKeyFrame() {
        // Every Opus packet decodes on its own.
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (context != null) {
            avcodec_free_context(context);
        }
        if (frame != null) {
            av_frame_free(frame);
            av_packet_free(packet);
        }
        if (resampler != null) {
            resampler.close();
        }
    }
}
