package org.ortc4j.media.ffmpeg.internal;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PROFILE_H264_CONSTRAINED_BASELINE;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avutil.AV_PICTURE_TYPE_I;
import static org.bytedeco.ffmpeg.global.avutil.AV_PICTURE_TYPE_NONE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.ortc4j.media.CodecInfo;
import org.ortc4j.media.EncodedFrame;
import org.ortc4j.media.MediaCodecException;
import org.ortc4j.media.MediaEncoder;
import org.ortc4j.media.MediaFrame;
import org.ortc4j.media.TimeBase;
import org.ortc4j.media.VideoFrame;

/**
 * A real-time video encoder through FFmpeg (libvpx, OpenH264, libaom): no B-frames, no look-ahead
 * (one frame in, one frame out), CBR rate control at the target bitrate, key frames only at the
 * start and on request. Output counts the 90 kHz RTP clock.
 *
 * <p>The codec context opens at the first frame, at its size. A new size, or a new target bitrate
 * far enough from the current one (a cut of a quarter at once; a change of a tenth a second
 * after the last re-open; smaller steps wait), re-opens it before the next frame, so that frame
 * is a key frame
 * (with SPS and PPS for H.264) and the stream stays decodable: none of these FFmpeg 8.1 wrappers reconfigures an open encoder
 * (setting the context's rates in place was measured to change nothing for any of them).
 * Closing frees the context, the frame and the packet; nothing native is allocated per frame.
 */
public final class FfmpegVideoEncoder implements MediaEncoder {

    private static final int DEFAULT_BITRATE = 1_000_000;
    private static final int MIN_BITRATE = 30_000;
    private static final int MAX_BITRATE = 50_000_000;
    /** No periodic key frames: RTCP PLI/FIR asks for one (RFC 4585 §6.3.1) when a receiver needs it. */
    private static final int GOP = 100_000;

    private final CodecInfo codec;
    private final VideoCodecBinding binding;
    private final AVCodec avCodec;
    private final Map<String, String> options;
    private AVCodecContext context;
    private AVFrame frame;
    private AVPacket packet;
    private int bitrate = DEFAULT_BITRATE;
    private int openBitrate;
    private long openedAtPts;
    private boolean keyFrameRequested;
    private long lastPts = Long.MIN_VALUE;
    private long frameDuration = 3000; // 30 fps until two frames tell otherwise
    private boolean closed;

    /** An encoder for {@code codec} with {@code binding}'s FFmpeg encoder. */
    public FfmpegVideoEncoder(CodecInfo codec, VideoCodecBinding binding) {
        Ffmpeg.init();
        this.codec = codec;
        this.binding = binding;
        this.avCodec = avcodec_find_encoder_by_name(binding.encoderName());
        if (avCodec == null || avCodec.isNull()) {
            throw new MediaCodecException("this FFmpeg build has no encoder " + binding.encoderName());
        }
        Map<String, String> opts = new HashMap<>(binding.realtimeOptions());
        // RFC 6184 §6.2: packetization-mode 0 sends each NAL unit in one RTP packet, so slices
        // must fit the MTU; mode 1 fragments them (FU-A) and one slice per picture is best.
        if (codec.hasMimeType("video/H264") && "0".equals(codec.parameters().getOrDefault("packetization-mode", "0"))) {
            opts.put("max_nal_size", "1100");
        }
        this.options = Map.copyOf(opts);
    }

    @Override
    public CodecInfo codec() {
        return codec;
    }

    @Override
    public List<EncodedFrame> encode(MediaFrame input) {
        if (!(input instanceof VideoFrame video)) {
            throw new IllegalArgumentException(codec.mimeType() + " encodes video frames, not " + input);
        }
        if (closed) {
            throw new IllegalStateException("encoder closed");
        }
        long pts = video.timeBase().convert(video.pts(), TimeBase.VIDEO_90KHZ);
        if (lastPts != Long.MIN_VALUE && pts > lastPts) {
            frameDuration = pts - lastPts;
        }
        if (context == null || context.width() != video.width() || context.height() != video.height()
                || rateChangeDue(pts)) {
            open(video.width(), video.height());
            openedAtPts = pts;
        }
        VideoScaler.copyIn(video, frame);
        if (lastPts != Long.MIN_VALUE && pts <= lastPts) {
            pts = lastPts + 1; // encoders refuse timestamps that do not increase
        }
        lastPts = pts;
        frame.pts(pts);
        frame.duration(frameDuration);
        frame.pict_type(keyFrameRequested ? AV_PICTURE_TYPE_I : AV_PICTURE_TYPE_NONE);
        keyFrameRequested = false;
        int ret = avcodec_send_frame(context, frame);
        if (ret < 0) {
            throw new MediaCodecException(binding.encoderName() + " refused a frame: " + Ffmpeg.message(ret));
        }
        return drain();
    }

    private List<EncodedFrame> drain() {
        List<EncodedFrame> out = new ArrayList<>(1);
        while (true) {
            int ret = avcodec_receive_packet(context, packet);
            if (ret == Ffmpeg.EAGAIN || ret == Ffmpeg.EOF) {
                return out;
            }
            if (ret < 0) {
                throw new MediaCodecException(binding.encoderName() + " failed: " + Ffmpeg.message(ret));
            }
            try {
                byte[] data = new byte[packet.size()];
                packet.data().get(data);
                boolean key = (packet.flags() & AV_PKT_FLAG_KEY) != 0;
                out.add(new EncodedFrame(codec.mimeType(), data, key, packet.pts(), TimeBase.VIDEO_90KHZ, Math.max(0, packet.duration())));
            } finally {
                av_packet_unref(packet);
            }
        }
    }

    /**
     * True when the target bitrate has moved far enough from the open encoder's to pay for a
     * re-open and its key frame: a cut of a quarter or more at once (congestion must be answered
     * now), any change of a tenth or more once a second has passed since the last re-open.
     * Smaller or quicker steps, as a bandwidth estimator makes them every few hundred
     * milliseconds, wait and are taken together.
     */
    private boolean rateChangeDue(long pts) {
        if (bitrate == openBitrate) {
            return false;
        }
        double change = (bitrate - openBitrate) / (double) openBitrate;
        return change <= -0.25 || (Math.abs(change) >= 0.10 && pts - openedAtPts >= 90_000);
    }

    private void open(int width, int height) {
        freeContext();
        AVCodecContext ctx = avcodec_alloc_context3(avCodec);
        if (ctx == null || ctx.isNull()) {
            throw new MediaCodecException("FFmpeg could not allocate a " + binding.encoderName() + " context");
        }
        ctx.width(width);
        ctx.height(height);
        ctx.pix_fmt(AV_PIX_FMT_YUV420P);
        ctx.time_base(av_make_q(1, 90_000));
        int fps = (int) Math.max(1, Math.min(120, Math.round(90_000.0 / frameDuration)));
        ctx.framerate(av_make_q(fps, 1));
        ctx.gop_size(GOP);
        ctx.keyint_min(GOP);
        ctx.max_b_frames(0);
        ctx.qmin(binding.qmin());
        ctx.qmax(binding.qmax());
        // CBR: FFmpeg's libvpx and libaom wrappers pick constant bitrate when the minimum and
        // maximum rates equal the target; a one-second buffer keeps frames even.
        ctx.bit_rate(bitrate);
        ctx.rc_min_rate(bitrate);
        ctx.rc_max_rate(bitrate);
        ctx.rc_buffer_size(bitrate);
        ctx.thread_count(threadCount(width, height, Runtime.getRuntime().availableProcessors()));
        if (codec.hasMimeType("video/H264")) {
            // RFC 6184 §8.1: profile_idc 0x42 with constraint_set1_flag is Constrained Baseline,
            // which every H.264 decoder of a browser reads.
            ctx.profile(AV_PROFILE_H264_CONSTRAINED_BASELINE);
        }
        AVDictionary dict = Ffmpeg.dictionary(options);
        int ret = avcodec_open2(ctx, avCodec, dict);
        av_dict_free(dict);
        if (ret < 0) {
            avcodec_free_context(ctx);
            throw new MediaCodecException("could not open " + binding.encoderName() + " at " + width + "x" + height + ": " + Ffmpeg.message(ret));
        }
        context = ctx;
        openBitrate = bitrate;
        if (frame == null) {
            frame = av_frame_alloc();
            packet = av_packet_alloc();
        }
        // A fresh encoder starts with a key frame anyway; say so for encoders that need telling.
        keyFrameRequested = true;
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
        keyFrameRequested = true;
    }

    private void freeContext() {
        if (context != null) {
            avcodec_free_context(context);
            context = null;
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        freeContext();
        if (frame != null) {
            av_frame_free(frame);
            av_packet_free(packet);
            frame = null;
            packet = null;
        }
    }

    /**
     * Encoder threads for a picture size, as libwebrtc's VP8 encoder chooses them
     * ({@code NumberOfThreads}): more than one only with cores to spare. Threads of one encoder
     * wait for each other at every frame, which on busy cores costs far more than it gains:
     * measured on 2 loaded cores, 60 frames of 640x480 VP8 took 11.3 s with 2 threads and 1.2 s
     * with 1, so a sender fell to a few frames a second and held up its peer connection's audio.
     */
    static int threadCount(int width, int height, int cores) {
        long pixels = (long) width * height;
        if (pixels >= 1920 * 1080 && cores > 8) {
            return 8;
        } else if (pixels >= 1280 * 960 && cores > 6) {
            return 3;
        } else if (pixels >= 640 * 480 && cores > 3) {
            return 2;
        }
        return 1;
    }
}
