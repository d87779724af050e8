package org.ortc4j.media.ffmpeg.internal;

import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_QUIET;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import java.nio.charset.StandardCharsets;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.global.avutil;
import java.util.Map;

/**
 * What every FFmpeg call here shares: loading the natives once, FFmpeg's log level, and turning
 * FFmpeg's negative error codes into messages.
 */
public final class Ffmpeg {

    /** {@code AVERROR(EAGAIN)}: EAGAIN is 11 on Linux, the platform whose natives we ship. */
    public static final int EAGAIN = -11;
    /** End of stream. */
    public static final int EOF = AVERROR_EOF;

    /**
     * System property for FFmpeg's own log on stderr: {@code quiet} (the default: a corrupt frame from
     * the network is normal input, reported by exception, not by a line on stderr) or {@code error}.
     */
    public static final String LOG_PROPERTY = "ortc4j.ffmpeg.log";

    static {
        // Loads libavutil and friends through JavaCPP's loader, once per class loader.
        org.bytedeco.javacpp.Loader.load(avutil.class);
        av_log_set_level("error".equals(System.getProperty(LOG_PROPERTY)) ? AV_LOG_ERROR : AV_LOG_QUIET);
    }

    private Ffmpeg() {
    }

    /** Makes sure the natives are loaded and the log level set; cheap after the first call. */
    public static void init() {
        // the static initializer did the work
    }

    /** FFmpeg's message for an error code. */
    public static String message(int error) {
        byte[] buffer = new byte[256];
        av_strerror(error, buffer, buffer.length);
        int end = 0;
        while (end < buffer.length && buffer[end] != 0) {
            end++;
        }
        return new String(buffer, 0, end, StandardCharsets.UTF_8) + " (" + error + ")";
    }

    /** An AVDictionary of {@code options}; the caller frees it with {@code av_dict_free}. */
    public static AVDictionary dictionary(Map<String, String> options) {
        AVDictionary dict = new AVDictionary(null);
        options.forEach((k, v) -> avutil.av_dict_set(dict, k, v, 0));
        return dict;
    }
}
