package org.ortc4j.media.internal;

import io.github.jaredmdobson.concentus.OpusApplication;
import io.github.jaredmdobson.concentus.OpusException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ortc4j.media.AudioFrame;
import org.ortc4j.media.CodecInfo;
import org.ortc4j.media.EncodedFrame;
import org.ortc4j.media.MediaCodecException;
import org.ortc4j.media.MediaEncoder;
import org.ortc4j.media.MediaFrame;
import org.ortc4j.media.TimeBase;

/**
 * Opus encoder through Concentus (pure Java): any audio in, converted to 48 kHz stereo as RFC 7587
 * §7 has it for "opus/48000/2", buffered and cut into 20 ms frames (960 samples per channel), one
 * encoded frame per 20 ms. The bitrate changes on the fly.
 */
public final class OpusEncoder implements MediaEncoder {

    static final int SAMPLE_RATE = 48_000;
    static final int CHANNELS = 2;
    static final int FRAME_SAMPLES = 960;
    static final TimeBase CLOCK = TimeBase.ofRate(SAMPLE_RATE);
    /** RFC 6716 §2: bitrates from 6 kbit/s to 510 kbit/s. */
    static final int MIN_BITRATE = 6_000;
    static final int MAX_BITRATE = 510_000;
    private static final int DEFAULT_BITRATE = 64_000;
    /** RFC 6716 §3.2.1: at most 1275 bytes per frame. */
    private static final int MAX_PACKET = 1275;

    private final CodecInfo codec;
    private final io.github.jaredmdobson.concentus.OpusEncoder encoder;
    private final short[] pending = new short[FRAME_SAMPLES * CHANNELS];
    private final byte[] packet = new byte[MAX_PACKET];
    private int pendingSamples;
    private long nextPts;
    private int bitrate = DEFAULT_BITRATE;

    /** An encoder for {@code codec} (audio/opus, 48000, 2). */
    public OpusEncoder(CodecInfo codec) {
        this.codec = codec;
        try {
            encoder = new io.github.jaredmdobson.concentus.OpusEncoder(SAMPLE_RATE, CHANNELS, OpusApplication.OPUS_APPLICATION_VOIP);
        } catch (OpusException e) {
            throw new MediaCodecException("Concentus refused to create an Opus encoder", e);
        }
        encoder.setBitrate(bitrate);
    }

    @Override
    public CodecInfo codec() {
        return codec;
    }

    @Override
    public List<EncodedFrame> encode(MediaFrame frame) {
        if (!(frame instanceof AudioFrame audio)) {
            throw new IllegalArgumentException("Opus encodes audio frames, not " + frame);
        }
        short[] pcm = AudioConverter.convert(audio.toArray(), audio.channels(), audio.sampleRate(), CHANNELS, SAMPLE_RATE);
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
                out.add(encodePending());
                pendingSamples = 0;
            }
        }
        return out;
    }

    private EncodedFrame encodePending() {
        int length;
        try {
            length = encoder.encode(pending, 0, FRAME_SAMPLES, packet, 0, packet.length);
        } catch (OpusException | RuntimeException e) {
            throw new MediaCodecException("Opus encoding failed", e);
        }
        EncodedFrame frame = new EncodedFrame(codec.mimeType(), Arrays.copyOf(packet, length), true, nextPts, CLOCK, FRAME_SAMPLES);
        nextPts += FRAME_SAMPLES;
        return frame;
    }

    @Override
    public void setTargetBitrate(int bitsPerSecond) {
        bitrate = Math.max(MIN_BITRATE, Math.min(MAX_BITRATE, bitsPerSecond));
        encoder.setBitrate(bitrate);
    }

    @Override
    public int targetBitrate() {
        return bitrate;
    }

    @Override
    public void requestKeyFrame() {
        // Every Opus frame is decodable on its own.
    }

    @Override
    public void close() {
        pendingSamples = 0;
    }
}
