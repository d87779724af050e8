package org.ortc4j.rtp;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.ortc4j.media.CodecInfo;
import org.ortc4j.media.EncodedFrame;
import org.ortc4j.media.MediaCodecProvider;
import org.ortc4j.media.MediaDecoder;
import org.ortc4j.media.MediaEncoder;
import org.ortc4j.media.MediaFrame;
import org.ortc4j.media.VideoFrame;

/**
 * A codec SPI provider for the tests, found by ServiceLoader from the test class path: a "VP8"
 * encoder that records what the sender asks of it (bitrate, key frames) and turns each frame
 * into a few bytes naming it, so tests see the sender drive an encoder without a real codec.
 * It offers no decoder.
 */
public final class RecordingVideoCodecProvider implements MediaCodecProvider {

    public static final CodecInfo VP8 = new CodecInfo("video/VP8", 90_000, 0);
    /** What every encoder made by the ServiceLoader's instance was asked, in order. */
    public static final List<String> CALLS = new CopyOnWriteArrayList<>();

    private final List<String> calls;

    /** The provider ServiceLoader makes: its encoders record into {@link #CALLS}. */
    public RecordingVideoCodecProvider() {
        this(CALLS);
    }

    /** A provider whose encoders record into {@code calls}. */
    public RecordingVideoCodecProvider(List<String> calls) {
        this.calls = calls;
    }

    @Override
    public List<CodecInfo> encoders() {
        return List.of(VP8);
    }

    @Override
    public List<CodecInfo> decoders() {
        return List.of();
    }

    @Override
    public Optional<MediaEncoder> createEncoder(CodecInfo codec) {
        return VP8.accepts(codec) || codec.accepts(VP8) ? Optional.of(new Encoder(calls)) : Optional.empty();
    }

    @Override
    public Optional<MediaDecoder> createDecoder(CodecInfo codec) {
        return Optional.empty();
    }

    /** Records "encode pts WxH [key]", "bitrate N", "key frame request", "close". */
    private static final class Encoder implements MediaEncoder {
        private final List<String> calls;
        private int bitrate = 500_000;
        private boolean keyFrameNext = true;

        Encoder(List<String> calls) {
            this.calls = calls;
        }

        @Override
        public CodecInfo codec() {
            return VP8;
        }

        @Override
        public List<EncodedFrame> encode(MediaFrame frame) {
            VideoFrame video = (VideoFrame) frame;
            boolean key = keyFrameNext;
            keyFrameNext = false;
            calls.add("encode " + video.pts() + " " + video.width() + "x" + video.height() + (key ? " key" : ""));
            // RFC 6386 §9.1: bit 0 of the first byte clear marks a key frame.
            byte[] data = {(byte) (key ? 0x10 : 0x11), (byte) video.pts(), (byte) (video.pts() >> 8)};
            return List.of(new EncodedFrame("video/VP8", data, key, video.pts(), video.timeBase(), 0));
        }

        @Override
        public void setTargetBitrate(int bitsPerSecond) {
            calls.add("bitrate " + bitsPerSecond);
            bitrate = bitsPerSecond;
        }

        @Override
        public int targetBitrate() {
            return bitrate;
        }

        @Override
        public void requestKeyFrame() {
            calls.add("key frame request");
            keyFrameNext = true;
        }

        @Override
        public void close() {
            calls.add("close");
        }
    }
}
