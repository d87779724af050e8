package org.ortc4j.media.internal;

import io.github.jaredmdobson.concentus.OpusException;
import java.util.Arrays;
import java.util.List;
import org.ortc4j.media.AudioFrame;
import org.ortc4j.media.CodecInfo;
import org.ortc4j.media.EncodedFrame;
import org.ortc4j.media.MediaCodecException;
import org.ortc4j.media.MediaDecoder;
import org.ortc4j.media.MediaFrame;

/**
 * Opus decoder through Concentus: every packet decodes to 48 kHz stereo (RFC 7587 §7). Packets
 * that are not valid Opus fail with {@link MediaCodecException}; the decoder stays usable.
 */
public final class OpusDecoder implements MediaDecoder {

    /** RFC 6716 §3.2.5: a packet holds at most 120 ms, 5760 samples per channel at 48 kHz. */
    private static final int MAX_FRAME_SAMPLES = 5760;

    private final CodecInfo codec;
    private final io.github.jaredmdobson.concentus.OpusDecoder decoder;
    private final short[] pcm = new short[MAX_FRAME_SAMPLES * OpusEncoder.CHANNELS];

    /** A decoder for {@code codec} (audio/opus, 48000, 2). */
    public OpusDecoder(CodecInfo codec) {
        this.codec = codec;
        try {
            decoder = new io.github.jaredmdobson.concentus.OpusDecoder(OpusEncoder.SAMPLE_RATE, OpusEncoder.CHANNELS);
        } catch (OpusException e) {
            throw new MediaCodecException("Concentus refused to create an Opus decoder", e);
        }
    }

    @Override
    public CodecInfo codec() {
        return codec;
    }

    @Override
    public List<MediaFrame> decode(EncodedFrame frame) {
        byte[] data = frame.toByteArray();
        if (data.length == 0) {
            throw new MediaCodecException("empty Opus packet");
        }
        int samples;
        try {
            samples = decoder.decode(data, 0, data.length, pcm, 0, MAX_FRAME_SAMPLES, false);
        } catch (OpusException | RuntimeException | AssertionError e) {
            // Concentus reports some malformed packets as runtime exceptions, and some trip the
            // assertions it carries over from libopus's C code, which it checks always (not only
            // under -ea) by throwing AssertionError (found by fuzzing: a SILK frame whose
            // coefficients overflow). All of them mean a bad packet from the network; the state is
            // reset so the next packet decodes afresh.
            decoder.resetState();
            throw new MediaCodecException("not a valid Opus packet: " + e.getMessage(), e);
        }
        long pts = frame.timeBase().convert(frame.pts(), OpusEncoder.CLOCK);
        short[] out = Arrays.copyOf(pcm, samples * OpusEncoder.CHANNELS);
        return List.of(new AudioFrame(out, OpusEncoder.SAMPLE_RATE, OpusEncoder.CHANNELS, pts, OpusEncoder.CLOCK));
    }

    @Override
    public void close() {
    }
}
