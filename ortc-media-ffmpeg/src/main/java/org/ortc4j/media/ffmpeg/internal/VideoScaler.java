package org.ortc4j.media.ffmpeg.internal;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ420P;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.ffmpeg.swscale.SwsFilter;
import org.ortc4j.media.MediaCodecException;
import org.ortc4j.media.TimeBase;
import org.ortc4j.media.VideoFrame;

/**
 * Moves pictures between FFmpeg's {@link AVFrame} and ortc-media's I420 {@link VideoFrame}:
 * a decoder's output in any pixel format and size becomes I420 at the requested size (through
 * swscale when the format or size differs), and an I420 frame is copied into an encoder's frame.
 * Owns one swscale context and one scratch frame, reused from frame to frame; {@link #close()}
 * frees both. Not thread-safe.
 */
public final class VideoScaler implements AutoCloseable {

    private SwsContext sws;
    private AVFrame scratch;
    private int width;
    private int height;

    /** A scaler; natives are allocated at first use. */
    public VideoScaler() {
        Ffmpeg.init();
    }

    /** Sets the size {@link #toScaledFrame} gives: 0 keeps the frame's own width or height. */
    public void size(int width, int height) {
        this.width = width;
        this.height = height;
    }

    /** {@code frame} as I420 at the size set by {@link #size(int, int)}. */
    public VideoFrame toScaledFrame(AVFrame frame, long pts, TimeBase timeBase) {
        return toVideoFrame(frame, width, height, pts, timeBase);
    }

    /**
     * {@code frame} as I420 of {@code width x height} (0 for the frame's own size).
     *
     * @throws MediaCodecException if swscale cannot convert the frame's pixel format
     */
    public VideoFrame toVideoFrame(AVFrame frame, int width, int height, long pts, TimeBase timeBase) {
        int w = width > 0 ? width : frame.width();
        int h = height > 0 ? height : frame.height();
        int format = frame.format();
        if ((format == AV_PIX_FMT_YUV420P || format == AV_PIX_FMT_YUVJ420P) && w == frame.width() && h == frame.height()) {
            return copyOut(frame, pts, timeBase);
        }
        if (scratch == null) {
            scratch = av_frame_alloc();
        }
        if (scratch.width() != w || scratch.height() != h) {
            av_frame_unref(scratch);
            scratch.format(AV_PIX_FMT_YUV420P);
            scratch.width(w);
            scratch.height(h);
            check(av_frame_get_buffer(scratch, 32), "allocate a scaled frame");
        }
        sws = sws_getCachedContext(sws, frame.width(), frame.height(), format, w, h, AV_PIX_FMT_YUV420P, SWS_BILINEAR,
                (SwsFilter) null, (SwsFilter) null, (DoublePointer) null);
        if (sws == null || sws.isNull()) {
            throw new MediaCodecException("swscale cannot convert pixel format " + format + " to I420");
        }
        sws_scale(sws, frame.data(), frame.linesize(), 0, frame.height(),
                scratch.data(), scratch.linesize());
        return copyOut(scratch, pts, timeBase);
    }

    /** Copies an I420 {@code video} into {@code frame}, allocating its buffers at the frame's size. */
    public static void copyIn(VideoFrame video, AVFrame frame) {
        if (frame.width() != video.width() || frame.height() != video.height() || frame.data(0) == null || frame.data(0).isNull()) {
            av_frame_unref(frame);
            frame.format(AV_PIX_FMT_YUV420P);
            frame.width(video.width());
            frame.height(video.height());
            check(av_frame_get_buffer(frame, 32), "allocate a video frame");
        }
        // The encoder may still hold the previous picture as a reference: write into a fresh
        // buffer if it does.
        check(av_frame_make_writable(frame), "make a video frame writable");
        int cw = VideoFrame.chromaWidth(video.width());
        int ch = VideoFrame.chromaHeight(video.height());
        copyPlaneIn(video.planeY(), video.strideY(), video.width(), video.height(), frame.data(0), frame.linesize(0));
        copyPlaneIn(video.planeU(), video.strideU(), cw, ch, frame.data(1), frame.linesize(1));
        copyPlaneIn(video.planeV(), video.strideV(), cw, ch, frame.data(2), frame.linesize(2));
    }

    private static void copyPlaneIn(java.nio.ByteBuffer plane, int stride, int w, int h, BytePointer dst, int linesize) {
        byte[] row = new byte[w];
        for (int r = 0; r < h; r++) {
            plane.position(r * stride);
            plane.get(row, 0, w);
            dst.position((long) r * linesize).put(row, 0, w);
        }
        dst.position(0);
    }

    private static VideoFrame copyOut(AVFrame frame, long pts, TimeBase timeBase) {
        int w = frame.width();
        int h = frame.height();
        int cw = VideoFrame.chromaWidth(w);
        int ch = VideoFrame.chromaHeight(h);
        byte[] y = copyPlaneOut(frame.data(0), frame.linesize(0), w, h);
        byte[] u = copyPlaneOut(frame.data(1), frame.linesize(1), cw, ch);
        byte[] v = copyPlaneOut(frame.data(2), frame.linesize(2), cw, ch);
        return new VideoFrame(w, h, y, w, u, cw, v, cw, pts, timeBase);
    }

    private static byte[] copyPlaneOut(BytePointer src, int linesize, int w, int h) {
        byte[] out = new byte[w * h];
        if (linesize == w) {
            src.position(0).get(out, 0, w * h);
        } else {
            for (int r = 0; r < h; r++) {
                src.position((long) r * linesize).get(out, r * w, w);
            }
        }
        src.position(0);
        return out;
    }

    private static void check(int ret, String what) {
        if (ret < 0) {
            throw new MediaCodecException("FFmpeg could not " + what + ": " + Ffmpeg.message(ret));
        }
    }

    @Override
    public void close() {
        if (sws != null) {
            sws_freeContext(sws);
            sws = null;
        }
        if (scratch != null) {
            av_frame_free(scratch);
            scratch = null;
        }
    }
}
