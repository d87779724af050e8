/**
 * {@code datachannel-filexfer}: a file sent over a data channel with flow control, as aiortc's
 * {@code examples/datachannel-filexfer/filexfer.py}.
 */
package org.ortc4j.examples.filexfer;
