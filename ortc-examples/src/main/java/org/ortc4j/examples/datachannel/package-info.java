/**
 * {@code datachannel-cli}: ping/pong over a data channel between two programs, as aiortc's
 * {@code examples/datachannel-cli/cli.py}.
 */
package org.ortc4j.examples.datachannel;
