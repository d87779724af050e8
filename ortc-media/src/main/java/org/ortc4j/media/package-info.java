/**
 * Media without the network, after aiortc's {@code mediastreams}, {@code codecs} and
 * {@code contrib.media}.
 *
 * <ul>
 *   <li>Tracks and frames: {@link org.ortc4j.media.MediaStreamTrack} (pulled with a non-blocking
 *       {@code recv()}), {@link org.ortc4j.media.AudioFrame} (16-bit PCM),
 *       {@link org.ortc4j.media.VideoFrame} (I420), {@link org.ortc4j.media.EncodedFrame}.
 *   <li>The codec SPI: {@link org.ortc4j.media.MediaCodecProvider} found by
 *       {@link java.util.ServiceLoader} through {@link org.ortc4j.media.MediaCodecs}, giving
 *       {@link org.ortc4j.media.MediaEncoder}s and {@link org.ortc4j.media.MediaDecoder}s. Built in,
 *       in pure Java: PCMU and PCMA (ITU-T G.711), G.722 (ITU-T G.722 at 64 kbit/s) and Opus
 *       (through Concentus).
 *   <li>Containers, read and written: WAV (16-bit PCM), Y4M (I420), IVF (VP8, VP9, AV1) and Ogg
 *       Opus (RFC 7845).
 *   <li>Sources and sinks: {@link org.ortc4j.media.AudioSourceTrack} and
 *       {@link org.ortc4j.media.VideoSourceTrack} (test tone and pattern, paced by a
 *       {@link org.ortc4j.media.MediaClock}), {@link org.ortc4j.media.MediaPlayer},
 *       {@link org.ortc4j.media.MediaRecorder}, {@link org.ortc4j.media.MediaRelay},
 *       {@link org.ortc4j.media.MediaBlackhole}.
 * </ul>
 *
 * <p>Not here: video codecs (ortc-media-ffmpeg registers them through the SPI), G.722 at 56 and
 * 48 kbit/s, Ogg files with more than one logical stream (only the first is read), and
 * sample-accurate resampling (a box filter and linear interpolation serve the speech codecs).
 */
package org.ortc4j.media;
