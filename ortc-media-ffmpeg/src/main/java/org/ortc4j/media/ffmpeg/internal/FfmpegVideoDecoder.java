package org.ortc4j.media.ffmpeg.internal;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_LOW_DELAY;
import static org.bytedeco.ffmpeg.global.avcodec.av_new_packet;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_flush_buffers;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
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
import org.ortc4j.media.CodecInfo;
import org.ortc4j.media.EncodedFrame;
import org.ortc4j.media.MediaCodecException;
import org.ortc4j.media.MediaDecoder;
import org.ortc4j.media.MediaFrame;

/**
 * A video decoder through FFmpeg: encoded frames in (Annex B for H.264), I420
 * {@link org.ortc4j.media.VideoFrame}s out, converted by swscale when the decoder gives another
 * pixel format, at whatever size the stream has now (a key frame may change it). Low delay: a
 * frame comes out for the frame that went in. A frame the decoder rejects is a
 * {@link MediaCodecException}; the decoder stays usable and resumes at the next frame it can
 * decode. The context, frame and packet are allocated once and freed by {@link #close()}.
 */
public final class FfmpegVideoDecoder implements MediaDecoder {

    private final CodecInfo codec;
    private final String decoderName;
    private final AVCodecContext context;
    private final AVFrame frame;
    private final AVPacket packet;
    private final VideoScaler scaler = new VideoScaler();
    private boolean closed;

    /** A decoder for {@code codec} with FFmpeg's decoder {@code decoderName}. */
    public FfmpegVideoDecoder(CodecInfo codec, String decoderName) {
        Ffmpeg.init();
        this.codec = codec;
        this.decoderName = decoderName;
        AVCodec avCodec = avcodec_find_decoder_by_name(decoderName);
        if (avCodec == null || avCodec.isNull()) {
            throw new MediaCodecException("this FFmpeg build has no decoder " + decoderName);
        }
        AVCodecContext ctx = avcodec_alloc_context3(avCodec);
        // One thread and low delay: frame threading would hold frames back to decode in parallel.
        ctx.thread_count(1);
        ctx.flags(ctx.flags() | AV_CODEC_FLAG_LOW_DELAY);
        int ret = avcodec_open2(ctx, avCodec, (AVDictionary) null);
        if (ret < 0) {
            avcodec_free_context(ctx);
            throw new MediaCodecException("could not open decoder " + decoderName + ": " + Ffmpeg.message(ret));
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
            throw new MediaCodecException("empty " + codec.mimeType() + " frame");
        }
        int ret = av_new_packet(packet, encoded.size());
        if (ret < 0) {
            throw new MediaCodecException("FFmpeg could not allocate a packet: " + Ffmpeg.message(ret));
        }
        try {
            packet.data().put(encoded.toByteArray());
            packet.pts(encoded.pts());
            ret = avcodec_send_packet(context, packet);
        } finally {
            av_packet_unref(packet);
        }
        if (ret < 0 && ret != Ffmpeg.EAGAIN) {
            throw new MediaCodecException(decoderName + " rejected a " + encoded.size() + "-byte frame: " + Ffmpeg.message(ret));
        }
        List<MediaFrame> out = new ArrayList<>(1);
        while (true) {
            ret = avcodec_receive_frame(context, frame);
            if (ret == Ffmpeg.EAGAIN || ret == Ffmpeg.EOF) {
                return out;
            }
            if (ret < 0) {
                // The decoder's state is suspect after an error: start afresh from the next key frame.
                avcodec_flush_buffers(context);
                throw new MediaCodecException(decoderName + " failed on a frame: " + Ffmpeg.message(ret));
            }
            try {
                long pts = frame.pts() == AV_NOPTS_VALUE ? encoded.pts() : frame.pts();
                out.add(scaler.toVideoFrame(frame, 0, 0, pts, encoded.timeBase()));
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
        scaler.close();
        avcodec_free_context(context);
        av_frame_free(frame);
        av_packet_free(packet);
    }
}
