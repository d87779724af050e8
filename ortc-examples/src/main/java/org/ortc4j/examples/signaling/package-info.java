/**
 * Signaling for the examples, compatible with aiortc's {@code aiortc.contrib.signaling}: the same
 * JSON messages ({@link org.ortc4j.examples.signaling.SignalingMessages}), the same TCP socket
 * exchange in which the offerer listens and the answerer connects
 * ({@link org.ortc4j.examples.signaling.TcpSocketSignaling}), copy and paste through a terminal
 * ({@link org.ortc4j.examples.signaling.CopyAndPasteSignaling}), and the same command-line flags
 * ({@link org.ortc4j.examples.signaling.SignalingArguments}). A Java example and an aiortc example
 * can therefore signal to each other.
 *
 * <p>Unlike the protocol modules, this code blocks: each example runs its signaling on its own
 * thread, as aiortc runs it on its asyncio loop.
 */
package org.ortc4j.examples.signaling;
