/**
 * VP8, VP9, H.264 and AV1 encoders and decoders, and container I/O (MP4, WebM, MKV), through
 * FFmpeg; registered with the ortc-media codec SPI when this module is on the class path.
 *
 * <p>Not implemented yet: this package arrives with the ortc-media issue.
 */
package org.ortc4j.media.ffmpeg;
