package org.ortc4j.media.ffmpeg.internal;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AV1;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_OPUS;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_PCM_S16LE;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_VP8;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_VP9;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_new_packet;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avformat.AVFMT_NOFILE;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S16;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_malloc;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVOutputFormat;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.javacpp.BytePointer;
import org.ortc4j.media.TimeBase;

/**
 * Writes encoded frames into any container FFmpeg muxes, chosen by the file name (MP4, WebM,
 * MKV, Ogg, WAV, ...): add the streams, write the header, write packets, close. Packets are
 * interleaved by FFmpeg. Not thread-safe.
 */
public final class ContainerWriter implements AutoCloseable {

    /** RFC 7845 §4.2 pre-skip: libopus's look-ahead at 48 kHz, 6.5 ms. */
    public static final int OPUS_PRE_SKIP = 312;

    private final Path file;
    private final AVFormatContext format;
    private final AVPacket packet = av_packet_alloc();
    private final List<TimeBase> timeBases = new ArrayList<>();
    private final List<Long> lastDts = new ArrayList<>();
    private boolean headerWritten;
    private boolean closed;

    private ContainerWriter(Path file, AVFormatContext format) {
        this.file = file;
        this.format = format;
    }

    /**
     * A writer for {@code file}, the container chosen by its extension.
     *
     * @throws IOException if FFmpeg knows no container for the name
     */
    public static ContainerWriter create(Path file) throws IOException {
        Ffmpeg.init();
        AVFormatContext format = new AVFormatContext(null);
        int ret = avformat_alloc_output_context2(format, (AVOutputFormat) null, (String) null, file.toString());
        if (ret < 0 || format.isNull()) {
            throw new IOException("FFmpeg has no container for " + file.getFileName() + ": " + Ffmpeg.message(ret));
        }
        return new ContainerWriter(file, format);
    }

    /** The FFmpeg codec id of a MIME type, or -1. */
    public static int codecId(String mimeType) {
        return switch (mimeType.toLowerCase(java.util.Locale.ROOT)) {
            case "video/vp8" -> AV_CODEC_ID_VP8;
            case "video/vp9" -> AV_CODEC_ID_VP9;
            case "video/h264" -> AV_CODEC_ID_H264;
            case "video/av1" -> AV_CODEC_ID_AV1;
            case "audio/opus" -> AV_CODEC_ID_OPUS;
            default -> -1;
        };
    }

    /**
     * Adds a video stream of {@code mimeType} at {@code width x height}; returns its index.
     * Timestamps count 90 kHz. For H.264, {@code firstFrame} (Annex B, a key frame) gives the SPS
     * and PPS that MKV and MP4 keep in the header (FFmpeg turns them into avcC).
     */
    public int addVideo(String mimeType, int width, int height, byte[] firstFrame) {
        AVStream stream = newStream(TimeBase.VIDEO_90KHZ);
        AVCodecParameters par = stream.codecpar();
        par.codec_type(AVMEDIA_TYPE_VIDEO);
        par.codec_id(codecId(mimeType));
        par.width(width);
        par.height(height);
        par.format(0); // yuv420p
        if (par.codec_id() == AV_CODEC_ID_H264) {
            byte[] parameterSets = parameterSets(firstFrame);
            if (parameterSets.length > 0) {
                setExtradata(par, parameterSets);
            }
        }
        return stream.index();
    }

    /**
     * Adds an Opus stream (48 kHz, {@code channels}); returns its index. Timestamps count 48 kHz.
     * The OpusHead of RFC 7845 §5.1 goes in as the codec's extradata, as Ogg, WebM and MP4 need.
     */
    public int addOpus(int channels) {
        AVStream stream = newStream(TimeBase.ofRate(48_000));
        AVCodecParameters par = stream.codecpar();
        par.codec_type(AVMEDIA_TYPE_AUDIO);
        par.codec_id(AV_CODEC_ID_OPUS);
        par.sample_rate(48_000);
        av_channel_layout_default(par.ch_layout(), channels);
        par.initial_padding(OPUS_PRE_SKIP);
        // RFC 7845 §5.1: "OpusHead", version 1, channel count, pre-skip, input sample rate,
        // output gain, mapping family 0, all little-endian.
        ByteBuffer head = ByteBuffer.allocate(19).order(ByteOrder.LITTLE_ENDIAN);
        head.put("OpusHead".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).put((byte) 1).put((byte) channels)
                .putShort((short) OPUS_PRE_SKIP).putInt(48_000).putShort((short) 0).put((byte) 0);
        setExtradata(par, head.array());
        return stream.index();
    }

    /** Adds a 16-bit PCM stream at {@code sampleRate} and {@code channels}; returns its index. Timestamps count samples. */
    public int addPcm(int sampleRate, int channels) {
        AVStream stream = newStream(TimeBase.ofRate(sampleRate));
        AVCodecParameters par = stream.codecpar();
        par.codec_type(AVMEDIA_TYPE_AUDIO);
        par.codec_id(AV_CODEC_ID_PCM_S16LE);
        par.format(AV_SAMPLE_FMT_S16);
        par.sample_rate(sampleRate);
        av_channel_layout_default(par.ch_layout(), channels);
        par.bits_per_coded_sample(16);
        par.block_align(2 * channels);
        par.bit_rate(16L * sampleRate * channels);
        return stream.index();
    }

    private AVStream newStream(TimeBase timeBase) {
        if (headerWritten) {
            throw new IllegalStateException("streams are added before the header");
        }
        AVStream stream = avformat_new_stream(format, null);
        stream.time_base(av_make_q(timeBase.numerator(), timeBase.denominator()));
        timeBases.add(timeBase);
        lastDts.add(Long.MIN_VALUE);
        return stream;
    }

    /** The SPS (7) and PPS (8) NAL units of an Annex B frame, each behind a 4-byte start code. */
    static byte[] parameterSets(byte[] annexB) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int i = 0;
        while (i + 3 <= annexB.length) {
            if (annexB[i] == 0 && annexB[i + 1] == 0 && annexB[i + 2] == 1) {
                int start = i + 3;
                int end = start;
                while (end + 3 <= annexB.length && !(annexB[end] == 0 && annexB[end + 1] == 0 && (annexB[end + 2] == 1
                        || (annexB[end + 2] == 0 && end + 3 < annexB.length && annexB[end + 3] == 1)))) {
                    end++;
                }
                if (end + 3 > annexB.length) {
                    end = annexB.length;
                }
                int type = start < annexB.length ? annexB[start] & 0x1F : 0;
                if (type == 7 || type == 8) {
                    out.writeBytes(new byte[] {0, 0, 0, 1});
                    out.write(annexB, start, end - start);
                }
                i = end;
            } else {
                i++;
            }
        }
        return out.toByteArray();
    }

    private static void setExtradata(AVCodecParameters par, byte[] data) {
        // FFmpeg frees extradata with av_free: it must come from av_malloc, with padding.
        BytePointer buffer = new BytePointer(av_malloc(data.length + 64));
        buffer.fill(0);
        buffer.put(data);
        par.extradata(buffer);
        par.extradata_size(data.length);
    }

    /** Opens the file and writes the container's header; the streams are then fixed. */
    public void writeHeader() throws IOException {
        AVOutputFormat oformat = format.oformat();
        if ((oformat.flags() & AVFMT_NOFILE) == 0) {
            AVIOContext pb = new AVIOContext(null);
            int ret = avio_open(pb, file.toString(), AVIO_FLAG_WRITE);
            if (ret < 0) {
                throw new IOException("cannot open " + file + " for writing: " + Ffmpeg.message(ret));
            }
            format.pb(pb);
        }
        int ret = avformat_write_header(format, (AVDictionary) null);
        if (ret < 0) {
            throw new IOException("FFmpeg refused the " + oformat.name().getString() + " header: " + Ffmpeg.message(ret));
        }
        headerWritten = true;
    }

    /** Writes one packet of stream {@code index}, {@code pts} and {@code duration} in the stream's time base as added. */
    public void write(int index, byte[] data, long pts, long duration, boolean key) throws IOException {
        if (!headerWritten) {
            throw new IllegalStateException("header not written");
        }
        TimeBase ours = timeBases.get(index);
        AVStream stream = format.streams(index);
        TimeBase theirs = new TimeBase(stream.time_base().num(), stream.time_base().den());
        long at = ours.convert(pts, theirs);
        // Muxers want strictly increasing timestamps in a stream (no B-frames here: dts = pts).
        long last = lastDts.get(index);
        if (last != Long.MIN_VALUE && at <= last) {
            at = last + 1;
        }
        lastDts.set(index, at);
        int ret = av_new_packet(packet, data.length);
        if (ret < 0) {
            throw new IOException("FFmpeg could not allocate a packet: " + Ffmpeg.message(ret));
        }
        packet.data().put(data);
        packet.stream_index(index);
        packet.pts(at);
        packet.dts(at);
        packet.duration(duration > 0 ? ours.convert(duration, theirs) : 0);
        packet.flags(key ? AV_PKT_FLAG_KEY : 0);
        ret = av_interleaved_write_frame(format, packet);
        av_packet_unref(packet);
        if (ret < 0) {
            throw new IOException("FFmpeg could not write a packet: " + Ffmpeg.message(ret));
        }
    }

    /** Writes the trailer (when the header was written) and closes the file. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        int ret = 0;
        if (headerWritten) {
            ret = av_write_trailer(format);
        }
        if ((format.oformat().flags() & AVFMT_NOFILE) == 0 && format.pb() != null && !format.pb().isNull()) {
            avio_closep(format.pb());
        }
        avformat_free_context(format);
        av_packet_free(packet);
        if (ret < 0) {
            throw new IOException("FFmpeg could not finish " + file.getFileName() + ": " + Ffmpeg.message(ret));
        }
    }
}
