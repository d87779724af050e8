package org.ortc4j.media.internal;

import java.util.List;
import org.ortc4j.media.AudioFrame;
import org.ortc4j.media.CodecInfo;
import org.ortc4j.media.EncodedFrame;
import org.ortc4j.media.MediaEncoder;
import org.ortc4j.media.MediaFrame;
import org.ortc4j.media.TimeBase;

/** PCMU or PCMA encoder (RFC 3551 §4.5.14): any audio in, 8 kHz mono G.711 out, one byte per sample. */
public final class G711Encoder implements MediaEncoder {

    private static final int RATE = 8000;
    private static final TimeBase CLOCK = TimeBase.ofRate(RATE);

    private final CodecInfo codec;
    private final boolean ulaw;

    /** An encoder for {@code codec}: µ-law when it is PCMU, A-law when PCMA. */
    public G711Encoder(CodecInfo codec) {
        this.codec = codec;
        this.ulaw = codec.hasMimeType("audio/PCMU");
    }

    @Override
    public CodecInfo codec() {
        return codec;
    }

    @Override
    public List<EncodedFrame> encode(MediaFrame frame) {
        if (!(frame instanceof AudioFrame audio)) {
            throw new IllegalArgumentException("G.711 encodes audio frames, not " + frame);
        }
        short[] pcm = AudioConverter.convert(audio.toArray(), audio.channels(), audio.sampleRate(), 1, RATE);
        byte[] out = new byte[pcm.length];
        for (int i = 0; i < pcm.length; i++) {
            out[i] = ulaw ? G711.linearToUlaw(pcm[i]) : G711.linearToAlaw(pcm[i]);
        }
        long pts = audio.timeBase().convert(audio.pts(), CLOCK);
        return List.of(new EncodedFrame(codec.mimeType(), out, true, pts, CLOCK, out.length));
    }

    @Override
    public void setTargetBitrate(int bitsPerSecond) {
        // 64 kbit/s is the only rate G.711 has.
    }

    @Override
    public int targetBitrate() {
        return 64_000;
    }

    @Override
    public void requestKeyFrame() {
        // Every G.711 frame decodes on its own.
    }

    @Override
    public void close() {
    }
}
