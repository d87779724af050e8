/**
 * Media without the network: {@code MediaStreamTrack}, audio, video and encoded frames, the codec
 * SPI and pure-Java codecs (G.711, G.722, Opus through Concentus), IVF, Ogg, WAV and Y4M
 * containers, and sources and sinks (player, recorder, relay, blackhole).
 *
 * <p>Not implemented yet: this package arrives with the ortc-media issue.
 */
package org.ortc4j.media;
