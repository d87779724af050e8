/**
 * {@code videostream-cli}: video (and audio) from a test pattern or a file to the other program,
 * which records what it receives, as aiortc's {@code examples/videostream-cli/cli.py}.
 */
package org.ortc4j.examples.videostream;
