package org.ortc4j.media.internal;

import java.util.List;
import org.ortc4j.media.AudioFrame;
import org.ortc4j.media.CodecInfo;
import org.ortc4j.media.EncodedFrame;
import org.ortc4j.media.MediaDecoder;
import org.ortc4j.media.MediaFrame;
import org.ortc4j.media.TimeBase;

/** PCMU or PCMA decoder: every byte is one 8 kHz sample, so every input is valid. */
public final class G711Decoder implements MediaDecoder {

    private static final int RATE = 8000;
    private static final TimeBase CLOCK = TimeBase.ofRate(RATE);

    private final CodecInfo codec;
    private final boolean ulaw;

    /** A decoder for {@code codec}: µ-law when it is PCMU, A-law when PCMA. */
    public G711Decoder(CodecInfo codec) {
        this.codec = codec;
        this.ulaw = codec.hasMimeType("audio/PCMU");
    }

    @Override
    public CodecInfo codec() {
        return codec;
    }

    @Override
    public List<MediaFrame> decode(EncodedFrame frame) {
        byte[] in = frame.toByteArray();
        short[] pcm = new short[in.length];
        for (int i = 0; i < in.length; i++) {
            pcm[i] = ulaw ? G711.ulawToLinear(in[i]) : G711.alawToLinear(in[i]);
        }
        long pts = frame.timeBase().convert(frame.pts(), CLOCK);
        return List.of(new AudioFrame(pcm, RATE, 1, pts, CLOCK));
    }

    @Override
    public void close() {
    }
}
