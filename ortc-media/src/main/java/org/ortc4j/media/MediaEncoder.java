package org.ortc4j.media;

import java.util.List;

/**
 * Turns decoded frames into encoded frames, one stream at a time: what an RTP sender calls for
 * each frame it pulls from its track. Not thread-safe: one caller (one event loop) at a time.
 */
public interface MediaEncoder extends AutoCloseable {

    /** The codec this encoder produces. */
    CodecInfo codec();

    /**
     * Encodes one frame ({@link AudioFrame} for audio codecs, {@link VideoFrame} for video). Most
     * codecs return one encoded frame; an encoder that buffers (Opus fed other than 20 ms) may
     * return none or several. Encoded frames count time in the codec's RTP clock.
     *
     * @throws IllegalArgumentException if the frame is of the wrong kind
     * @throws MediaCodecException      if the codec fails
     */
    List<EncodedFrame> encode(MediaFrame frame);

    /**
     * Asks for a new target bitrate in bits per second, effective from the next frame (congestion
     * control changes it on the fly). Codecs with a fixed rate (G.711, G.722) ignore it.
     */
    void setTargetBitrate(int bitsPerSecond);

    /** The current target bitrate in bits per second. */
    int targetBitrate();

    /** Makes the next encoded frame a key frame (after PLI or FIR). Audio codecs ignore it. */
    void requestKeyFrame();

    /** Releases the codec's resources. */
    @Override
    void close();
}
