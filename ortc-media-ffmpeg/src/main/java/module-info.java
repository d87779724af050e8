/**
 * VP8, VP9, H.264, AV1 and Opus (libopus) codecs and container I/O through FFmpeg (bytedeco),
 * registered with the ortc-media codec SPI.
 */
module org.ortc4j.media.ffmpeg {
    requires transitive org.ortc4j.media;
    requires org.bytedeco.javacpp;
    requires org.bytedeco.ffmpeg;

    exports org.ortc4j.media.ffmpeg;

    provides org.ortc4j.media.MediaCodecProvider with org.ortc4j.media.ffmpeg.FfmpegCodecProvider;
}
