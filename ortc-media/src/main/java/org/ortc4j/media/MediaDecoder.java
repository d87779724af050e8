package org.ortc4j.media;

import java.util.List;

/**
 * Turns encoded frames into decoded frames: what an RTP receiver calls for each frame its jitter
 * buffer completes. Not thread-safe: one caller at a time.
 */
public interface MediaDecoder extends AutoCloseable {

    /** The codec this decoder reads. */
    CodecInfo codec();

    /**
     * Decodes one encoded frame into zero or more {@link AudioFrame}s or {@link VideoFrame}s
     * (zero while a video decoder waits for a key frame).
     *
     * @throws MediaCodecException if the frame is not valid for this codec; the decoder stays usable
     */
    List<MediaFrame> decode(EncodedFrame frame);

    /** Releases the codec's resources. */
    @Override
    void close();
}
