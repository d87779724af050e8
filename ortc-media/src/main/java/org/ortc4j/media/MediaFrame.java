package org.ortc4j.media;

/**
 * What a {@link MediaStreamTrack} hands out: decoded audio, decoded video, or an encoded frame
 * passed through without decoding (aiortc's {@code decode=False}). Frames are immutable.
 */
public sealed interface MediaFrame permits AudioFrame, VideoFrame, EncodedFrame {

    /** Presentation timestamp, in {@link #timeBase()} units. */
    long pts();

    /** The unit of {@link #pts()}. */
    TimeBase timeBase();
}
