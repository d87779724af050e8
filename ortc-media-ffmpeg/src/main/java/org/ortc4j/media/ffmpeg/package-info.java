/**
 * VP8, VP9, H.264, AV1 and Opus (libopus) through FFmpeg, registered with the ortc-media codec SPI
 * by {@link org.ortc4j.media.ffmpeg.FfmpegCodecProvider}; {@link org.ortc4j.media.ffmpeg.FfmpegMediaPlayer}
 * and {@link org.ortc4j.media.ffmpeg.FfmpegMediaRecorder} for MP4, WebM, MKV, Ogg and WAV files.
 * The FFmpeg bindings stay inside the module: nothing of bytedeco's appears in the public API.
 */
package org.ortc4j.media.ffmpeg;
