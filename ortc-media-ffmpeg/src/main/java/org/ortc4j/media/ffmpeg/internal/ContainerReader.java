package org.ortc4j.media.ffmpeg.internal;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AV1;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_OPUS;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_VP8;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_VP9;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_bsf_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_bsf_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_bsf_get_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.av_bsf_init;
import static org.bytedeco.ffmpeg.global.avcodec.av_bsf_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.av_bsf_send_packet;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.bytedeco.ffmpeg.avcodec.AVBSFContext;
import org.bytedeco.ffmpeg.avcodec.AVBitStreamFilter;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.ortc4j.media.EncodedFrame;
import org.ortc4j.media.MediaCodecException;
import org.ortc4j.media.MediaFormatException;
import org.ortc4j.media.MediaFrame;
import org.ortc4j.media.MediaKind;
import org.ortc4j.media.TimeBase;

/**
 * Reads the best audio and the best video stream of any file FFmpeg opens (MP4, WebM, MKV, Ogg,
 * WAV, ...), as ortc-media frames: decoded (I420 video scaled to a requested size, 16-bit audio
 * resampled to a requested rate and channels) or encoded (H.264 turned into Annex B, timestamps
 * in the RTP clock of the codec). Packets of the stream nobody asked for yet wait in a bounded
 * queue; past {@link #QUEUE_LIMIT} frames the oldest is dropped, so a track nobody reads never
 * stalls the other. Not thread-safe: one reader thread.
 */
public final class ContainerReader implements AutoCloseable {

    /** Frames kept for a stream that is not being read. */
    public static final int QUEUE_LIMIT = 256;

    private final AVFormatContext format;
    private final AVPacket packet = av_packet_alloc();
    private final AVFrame frame = av_frame_alloc();
    private final Map<MediaKind, StreamState> streams = new EnumMap<>(MediaKind.class);
    private boolean ended;
    private boolean closed;

    private final class StreamState {
        final int index;
        final MediaKind kind;
        final AVRational timeBase;
        final String mimeType;
        final TimeBase clock;
        final ArrayDeque<MediaFrame> queue = new ArrayDeque<>();
        AVCodecContext decoder;
        AVBSFContext annexB;
        VideoScaler scaler;
        AudioFrameConverter converter;
        long samplesOut;
        int outRate;
        long dropped;

        StreamState(int index, MediaKind kind, AVStream stream) {
            this.index = index;
            this.kind = kind;
            this.timeBase = stream.time_base();
            AVCodecParameters par = stream.codecpar();
            this.mimeType = mimeType(kind, par.codec_id());
            this.clock = kind == MediaKind.VIDEO ? TimeBase.VIDEO_90KHZ : TimeBase.ofRate(par.codec_id() == AV_CODEC_ID_OPUS ? 48_000 : Math.max(1, par.sample_rate()));
        }
    }

    private ContainerReader(AVFormatContext format) {
        this.format = format;
    }

    /**
     * Opens {@code file}.
     *
     * @param decode      false for encoded frames (no decoders)
     * @param width       decoded video width, 0 for the file's
     * @param height      decoded video height, 0 for the file's
     * @param sampleRate  decoded audio rate, 0 for the file's
     * @param channels    decoded audio channels, 0 for the file's (at most 2)
     * @throws MediaFormatException if FFmpeg cannot read the file or it has no audio or video
     */
    public static ContainerReader open(Path file, boolean decode, int width, int height, int sampleRate, int channels)
            throws MediaFormatException {
        Ffmpeg.init();
        AVFormatContext format = new AVFormatContext(null);
        int ret = avformat_open_input(format, file.toString(), null, (AVDictionary) null);
        if (ret < 0) {
            throw new MediaFormatException(file.getFileName() + " is not a media file FFmpeg reads: " + Ffmpeg.message(ret));
        }
        ContainerReader reader = new ContainerReader(format);
        try {
            ret = avformat_find_stream_info(format, (AVDictionary) null);
            if (ret < 0) {
                throw new MediaFormatException(file.getFileName() + ": no stream information: " + Ffmpeg.message(ret));
            }
            for (MediaKind kind : MediaKind.values()) {
                int type = kind == MediaKind.VIDEO ? AVMEDIA_TYPE_VIDEO : AVMEDIA_TYPE_AUDIO;
                int index = av_find_best_stream(format, type, -1, -1, (AVCodec) null, 0);
                if (index >= 0) {
                    reader.addStream(index, kind, decode, width, height, sampleRate, channels);
                }
            }
            if (reader.streams.isEmpty()) {
                throw new MediaFormatException(file.getFileName() + " has neither audio nor video");
            }
            return reader;
        } catch (MediaFormatException | RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    private void addStream(int index, MediaKind kind, boolean decode, int width, int height, int sampleRate, int channels)
            throws MediaFormatException {
        AVStream stream = format.streams(index);
        StreamState s = new StreamState(index, kind, stream);
        streams.put(kind, s);
        AVCodecParameters par = stream.codecpar();
        if (decode) {
            AVCodec codec = avcodec_find_decoder(par.codec_id());
            if (codec == null || codec.isNull()) {
                throw new MediaFormatException("no decoder for " + avcodec_get_name(par.codec_id()).getString());
            }
            s.decoder = avcodec_alloc_context3(codec);
            avcodec_parameters_to_context(s.decoder, par);
            s.decoder.pkt_timebase(stream.time_base());
            int ret = avcodec_open2(s.decoder, codec, (AVDictionary) null);
            if (ret < 0) {
                throw new MediaFormatException("cannot open the " + avcodec_get_name(par.codec_id()).getString() + " decoder: " + Ffmpeg.message(ret));
            }
            if (kind == MediaKind.VIDEO) {
                s.scaler = new VideoScaler();
                s.scaler.size(width, height);
            } else {
                s.converter = new AudioFrameConverter(sampleRate, channels);
                s.outRate = sampleRate;
            }
        } else if (par.codec_id() == AV_CODEC_ID_H264 && par.extradata_size() > 0 && par.extradata().get(0) == 1) {
            // MP4 and MKV hold H.264 as avcC (length-prefixed NAL units, SPS/PPS aside); RTP
            // packetizers (RFC 6184) and decoders fed frame by frame want Annex B with SPS/PPS
            // before each IDR, which FFmpeg's h264_mp4toannexb filter makes.
            AVBitStreamFilter filter = av_bsf_get_by_name("h264_mp4toannexb");
            AVBSFContext bsf = new AVBSFContext(null);
            int ret = av_bsf_alloc(filter, bsf);
            if (ret < 0) {
                throw new MediaFormatException("no h264_mp4toannexb filter: " + Ffmpeg.message(ret));
            }
            s.annexB = bsf;
            avcodec_parameters_copy(bsf.par_in(), par);
            bsf.time_base_in(stream.time_base());
            ret = av_bsf_init(bsf);
            if (ret < 0) {
                throw new MediaFormatException("h264_mp4toannexb refused the stream: " + Ffmpeg.message(ret));
            }
        }
    }

    /** The MIME type of an encoded stream: the WebRTC names where there is one. */
    static String mimeType(MediaKind kind, int codecId) {
        if (codecId == AV_CODEC_ID_VP8) {
            return "video/VP8";
        } else if (codecId == AV_CODEC_ID_VP9) {
            return "video/VP9";
        } else if (codecId == AV_CODEC_ID_H264) {
            return "video/H264";
        } else if (codecId == AV_CODEC_ID_AV1) {
            return "video/AV1";
        } else if (codecId == AV_CODEC_ID_OPUS) {
            return "audio/opus";
        }
        return kind.value() + "/x-ffmpeg-" + avcodec_get_name(codecId).getString();
    }

    /** True when the file has a stream of {@code kind}. */
    public boolean has(MediaKind kind) {
        return streams.containsKey(kind);
    }

    /** The MIME type of the {@code kind} stream as stored (its codec). */
    public Optional<String> mimeType(MediaKind kind) {
        return Optional.ofNullable(streams.get(kind)).map(s -> s.mimeType);
    }

    /** Frames dropped from the {@code kind} stream's queue because nobody read them. */
    public long dropped(MediaKind kind) {
        StreamState s = streams.get(kind);
        return s == null ? 0 : s.dropped;
    }

    /**
     * The next frame of the {@code kind} stream, or null at its end.
     *
     * @throws MediaFormatException if the file is damaged past reading
     */
    public MediaFrame next(MediaKind kind) throws MediaFormatException {
        StreamState wanted = streams.get(kind);
        if (wanted == null || closed) {
            return null;
        }
        while (wanted.queue.isEmpty() && !ended) {
            readPacket();
        }
        return wanted.queue.poll();
    }

    private void readPacket() throws MediaFormatException {
        int ret = av_read_frame(format, packet);
        if (ret == Ffmpeg.EOF) {
            ended = true;
            for (StreamState s : streams.values()) {
                if (s.decoder != null) {
                    avcodec_send_packet(s.decoder, null); // drain
                    receiveFrames(s);
                }
            }
            return;
        }
        if (ret < 0) {
            ended = true;
            throw new MediaFormatException("the file is damaged: " + Ffmpeg.message(ret));
        }
        try {
            for (StreamState s : streams.values()) {
                if (s.index == packet.stream_index()) {
                    handle(s);
                }
            }
        } finally {
            av_packet_unref(packet);
        }
    }

    private void handle(StreamState s) {
        if (s.decoder != null) {
            int ret = avcodec_send_packet(s.decoder, packet);
            if (ret < 0 && ret != Ffmpeg.EAGAIN) {
                return; // a damaged packet: the decoder resumes at the next good one
            }
            receiveFrames(s);
        } else if (s.annexB != null) {
            if (av_bsf_send_packet(s.annexB, packet) < 0) {
                return;
            }
            while (av_bsf_receive_packet(s.annexB, packet) >= 0) {
                enqueue(s, encoded(s));
                av_packet_unref(packet);
            }
        } else {
            enqueue(s, encoded(s));
        }
    }

    private EncodedFrame encoded(StreamState s) {
        byte[] data = new byte[packet.size()];
        packet.data().get(data);
        long pts = packet.pts() != AV_NOPTS_VALUE ? packet.pts() : packet.dts();
        TimeBase fileBase = new TimeBase(s.timeBase.num(), s.timeBase.den());
        long rtpPts = fileBase.convert(pts == AV_NOPTS_VALUE ? 0 : pts, s.clock);
        long duration = Math.max(0, fileBase.convert(Math.max(0, packet.duration()), s.clock));
        // Audio frames are all decodable on their own.
        boolean key = s.kind == MediaKind.AUDIO || (packet.flags() & AV_PKT_FLAG_KEY) != 0;
        return new EncodedFrame(s.mimeType, data, key, rtpPts, s.clock, duration);
    }

    private void receiveFrames(StreamState s) {
        while (avcodec_receive_frame(s.decoder, frame) >= 0) {
            try {
                long pts = frame.best_effort_timestamp();
                TimeBase fileBase = new TimeBase(s.timeBase.num(), s.timeBase.den());
                if (s.kind == MediaKind.VIDEO) {
                    long at = fileBase.convert(pts == AV_NOPTS_VALUE ? 0 : pts, TimeBase.VIDEO_90KHZ);
                    enqueue(s, s.scaler.toScaledFrame(frame, at, TimeBase.VIDEO_90KHZ));
                } else {
                    // Audio time counts the samples handed out, from the stream's first timestamp.
                    if (s.samplesOut == 0 && pts != AV_NOPTS_VALUE) {
                        int rate = s.outRate > 0 ? s.outRate : Math.max(1, frame.sample_rate());
                        s.samplesOut = Math.max(0, fileBase.convert(pts, TimeBase.ofRate(rate)));
                    }
                    var audio = s.converter.convert(frame, s.samplesOut);
                    s.samplesOut += audio.samplesPerChannel();
                    if (audio.samplesPerChannel() > 0) {
                        enqueue(s, audio);
                    }
                }
            } catch (MediaCodecException e) {
                // a frame that cannot be converted is skipped
            } finally {
                av_frame_unref(frame);
            }
        }
    }

    private void enqueue(StreamState s, MediaFrame f) {
        if (s.queue.size() >= QUEUE_LIMIT) {
            s.queue.poll();
            s.dropped++;
        }
        s.queue.add(f);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (StreamState s : streams.values()) {
            if (s.decoder != null) {
                avcodec_free_context(s.decoder);
            }
            if (s.annexB != null) {
                av_bsf_free(s.annexB);
            }
            if (s.scaler != null) {
                s.scaler.close();
            }
            if (s.converter != null) {
                s.converter.close();
            }
            s.queue.clear();
        }
        avformat_close_input(format);
        av_packet_free(packet);
        av_frame_free(frame);
    }
}
