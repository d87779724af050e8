/** Media tracks, frames, the codec SPI, pure-Java codecs and containers. */
module org.ortc4j.media {
    requires concentus;

    exports org.ortc4j.media;

    uses org.ortc4j.media.MediaCodecProvider;

    provides org.ortc4j.media.MediaCodecProvider with org.ortc4j.media.internal.BuiltinCodecProvider;
}
