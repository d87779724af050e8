/**
 * The {@code server} example, after aiortc's {@code examples/server}: an HTTP server whose page
 * sends the browser's camera and microphone to a peer connection in the JVM ({@code POST /offer},
 * non-trickle), which sends the video back transformed ({@link org.ortc4j.examples.server.VideoTransform}),
 * echoes the audio, and answers the page's {@code ping} messages on the {@code chat} data channel.
 * Run {@link org.ortc4j.examples.server.Server}.
 */
package org.ortc4j.examples.server;
